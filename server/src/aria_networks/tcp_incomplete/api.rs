//! The `Incomplete TCP flow sessions` tag.

use super::Ask;
use crate::aria_networks::caller::Caller;
use crate::aria_networks::AriaApi;
use crate::generated::aria_networks::{self as api, queries, Failure, RequestContext};

impl api::IncompleteTcpFlowSessionsApi for AriaApi {
    async fn list_incomplete_sessions(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        query: queries::ListIncompleteSessionsQuery,
    ) -> Result<api::ListIncompleteSessionsResponse, Failure> {
        let page = self.0.incomplete_sessions(&Ask::from(&query)).await?;
        Ok(api::ListIncompleteSessionsResponse::Ok(page))
    }

    async fn csv_export_incomplete_sessions(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        query: queries::CsvExportIncompleteSessionsQuery,
    ) -> Result<api::CsvExportIncompleteSessionsResponse, Failure> {
        let csv = self.0.incomplete_sessions_csv(&Ask::from(&query)).await?;
        Ok(api::CsvExportIncompleteSessionsResponse::Ok(csv))
    }
}

impl<'a> From<&'a queries::ListIncompleteSessionsQuery> for Ask<'a> {
    fn from(q: &'a queries::ListIncompleteSessionsQuery) -> Self {
        Ask {
            destination: &q.destination_vm_entity_id,
            resolution_in_minutes: q.resolution_in_minutes,
            end_time_ms: q.end_time,
            start: q.start,
            limit: q.limit,
        }
    }
}

/// The export answers every row up to `limit`, from the first.
impl<'a> From<&'a queries::CsvExportIncompleteSessionsQuery> for Ask<'a> {
    fn from(q: &'a queries::CsvExportIncompleteSessionsQuery) -> Self {
        Ask {
            destination: &q.destination_vm_entity_id,
            resolution_in_minutes: q.resolution_in_minutes,
            end_time_ms: q.end_time,
            start: 0,
            limit: q.limit,
        }
    }
}
