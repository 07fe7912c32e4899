//! The `Customers` tag (E109).

use crate::aria_networks::caller::Caller;
use crate::aria_networks::AriaApi;
use crate::generated::aria_networks::{self as api, Failure, RequestContext};

impl api::CustomersApi for AriaApi {
    async fn get_proxy_key_details(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::GetProxyKeyDetailsResponse, Failure> {
        Ok(api::GetProxyKeyDetailsResponse::Ok(
            self.0.proxy_key_details().await,
        ))
    }

    async fn get_proxy_key_update_status(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::GetProxyKeyUpdateStatusResponse, Failure> {
        let status = self.0.proxy_key_update_status().await?;
        Ok(api::GetProxyKeyUpdateStatusResponse::Ok(status))
    }

    async fn update_proxy_key(
        &self,
        _ctx: RequestContext,
        caller: Caller,
    ) -> Result<api::UpdateProxyKeyResponse, Failure> {
        let status = self.0.rotate_proxy_key(&caller.principal).await?;
        Ok(api::UpdateProxyKeyResponse::Ok(status))
    }
}
