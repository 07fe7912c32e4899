//! The `Info` tag: what the API is.

use crate::aria_networks::caller::Caller;
use crate::aria_networks::AriaApi;
use crate::generated::aria_networks::{self as api, types, Failure, RequestContext};

impl api::InfoApi for AriaApi {
    async fn get_api_version(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::GetApiVersionResponse, Failure> {
        Ok(api::GetApiVersionResponse::Ok(types::ApiVersion {
            api_version: (self.0.config.api_version.clone())
                .unwrap_or_else(|| self.0.config.appliance_version.api_version().to_string()),
        }))
    }
}
