//! The `Logs` tag: the audit log.

use crate::aria_networks::caller::Caller;
use crate::aria_networks::AriaApi;
use crate::generated::aria_networks::{self as api, types, Failure, RequestContext};

impl api::LogsApi for AriaApi {
    async fn get_audit_logs(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: types::AuditRequest,
    ) -> Result<api::GetAuditLogsResponse, Failure> {
        Ok(api::GetAuditLogsResponse::Ok(
            self.0.audit_logs(&body).await?,
        ))
    }
}
