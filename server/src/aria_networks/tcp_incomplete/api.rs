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
        let ask = Ask {
            destination: &query.destination_vm_entity_id,
            resolution_in_minutes: query.resolution_in_minutes,
            end_time_ms: query.end_time,
            start: query.start,
            limit: query.limit,
        };
        let page = self.0.incomplete_sessions(&ask).await?;
        Ok(api::ListIncompleteSessionsResponse::Ok(page))
    }

    async fn csv_export_incomplete_sessions(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        query: queries::CsvExportIncompleteSessionsQuery,
    ) -> Result<api::CsvExportIncompleteSessionsResponse, Failure> {
        let ask = Ask {
            destination: &query.destination_vm_entity_id,
            resolution_in_minutes: query.resolution_in_minutes,
            end_time_ms: query.end_time,
            start: 0,
            limit: query.limit,
        };
        let csv = self.0.incomplete_sessions_csv(&ask).await?;
        Ok(api::CsvExportIncompleteSessionsResponse::Ok(csv))
    }
}
