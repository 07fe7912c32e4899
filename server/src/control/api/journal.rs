//! The `Journal` tag: the requests the sandbox has answered.

use crate::control::{ControlApi, ControlPlane};
use crate::generated::sandbox::{self as api, types, Failure, RequestContext};

impl<P: ControlPlane> api::JournalApi for ControlApi<P> {
    async fn list_journal(
        &self,
        _ctx: RequestContext,
        _caller: (),
        query: api::queries::ListJournalQuery,
    ) -> Result<api::ListJournalResponse, Failure> {
        let entries = self
            .0
            .journal()
            .query(query.path.as_deref(), query.method.as_deref());
        Ok(api::ListJournalResponse::Ok(types::Journal {
            total: entries.len() as i64,
            entries,
        }))
    }

    async fn clear_journal(
        &self,
        _ctx: RequestContext,
        _caller: (),
    ) -> Result<api::ClearJournalResponse, Failure> {
        self.0.journal().clear();
        Ok(api::ClearJournalResponse::NoContent)
    }
}
