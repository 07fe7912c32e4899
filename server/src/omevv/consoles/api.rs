//! The Consoles tag's operation.

use super::super::api::{Caller, OmevvApi};
use crate::generated::omevv::{self as api, Failure, RequestContext};

impl api::ConsolesApi for OmevvApi {
    async fn get_consoles(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::GetConsolesResponse, Failure> {
        Ok(api::GetConsolesResponse::Ok(self.0.console_list()))
    }
}
