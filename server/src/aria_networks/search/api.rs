//! The `Search` tag: search and aggregation.

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
}
