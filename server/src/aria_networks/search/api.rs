//! The `Search` tag: search, aggregation, grouping and the query language.

use crate::aria_networks::caller::Caller;
use crate::aria_networks::AriaApi;
use crate::generated::aria_networks::{self as api, types, Failure, RequestContext};

impl api::SearchApi for AriaApi {
    async fn search_entities(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: types::SearchRequest,
    ) -> Result<api::SearchEntitiesResponse, Failure> {
        Ok(api::SearchEntitiesResponse::Ok(self.0.search(&body).await?))
    }

    async fn aggregate_search_results(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: types::AggregationRequest,
    ) -> Result<api::AggregateSearchResultsResponse, Failure> {
        Ok(api::AggregateSearchResultsResponse::Ok(
            self.0.aggregate(&body).await?,
        ))
    }

    async fn group_search_results(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: types::SearchGroupByRequest,
    ) -> Result<api::GroupSearchResultsResponse, Failure> {
        Ok(api::GroupSearchResultsResponse::Ok(
            self.0.group_search_results(&body).await?,
        ))
    }

    async fn search_by_query(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: types::SearchQueryRequest,
    ) -> Result<api::SearchByQueryResponse, Failure> {
        Ok(api::SearchByQueryResponse::Ok(
            self.0.search_by_query(&body).await?,
        ))
    }
}
