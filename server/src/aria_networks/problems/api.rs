//! The `Problems` tag.

use super::ProblemFilter;
use crate::aria_networks::caller::Caller;
use crate::aria_networks::AriaApi;
use crate::generated::aria_networks::{self as api, queries, types, Failure, RequestContext};

impl api::ProblemsApi for AriaApi {
    async fn list_problem_events(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        query: queries::ListProblemEventsQuery,
    ) -> Result<api::ListProblemEventsResponse, Failure> {
        let filter = ProblemFilter::from(&query);
        let cursor = query.cursor.as_deref();
        let page = self
            .0
            .problem_page(&filter, None, query.size, cursor)
            .await?;
        Ok(api::ListProblemEventsResponse::Ok(page))
    }

    async fn get_problem_event(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        _query: queries::GetProblemEventQuery,
    ) -> Result<api::GetProblemEventResponse, Failure> {
        Ok(api::GetProblemEventResponse::Ok(self.0.problem(&id).await?))
    }

    async fn bulk_fetch_problem_events(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: Option<types::FetchRequest>,
    ) -> Result<api::BulkFetchProblemEventsResponse, Failure> {
        let found = self.0.fetch_problems(body.as_ref()).await?;
        Ok(api::BulkFetchProblemEventsResponse::Ok(found))
    }

    async fn list_problem_event_details(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        query: queries::ListProblemEventDetailsQuery,
    ) -> Result<api::ListProblemEventDetailsResponse, Failure> {
        let filter = ProblemFilter::from(&query);
        let found = self.0.problem_details(&filter).await?;
        Ok(api::ListProblemEventDetailsResponse::Ok(found))
    }
}
