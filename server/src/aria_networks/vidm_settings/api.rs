//! The `vIDM settings` tag: configuring single sign-on.

use crate::aria_networks::caller::Caller;
use crate::aria_networks::AriaApi;
use crate::generated::aria_networks::{self as api, queries, types, Failure, RequestContext};

impl api::VidmSettingsApi for AriaApi {
    async fn get_vidm_config(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::GetVidmConfigResponse, Failure> {
        Ok(api::GetVidmConfigResponse::Ok(self.0.vidm_config().await?))
    }

    async fn update_vidm_config(
        &self,
        ctx: RequestContext,
        _caller: Caller,
        body: types::VidmConfigRequest,
    ) -> Result<api::UpdateVidmConfigResponse, Failure> {
        Ok(api::UpdateVidmConfigResponse::Ok(
            self.0.update_vidm(&body, ctx.header("host")).await?,
        ))
    }

    async fn create_vidm_config(
        &self,
        ctx: RequestContext,
        _caller: Caller,
        body: types::VidmConfigRequest,
    ) -> Result<api::CreateVidmConfigResponse, Failure> {
        Ok(api::CreateVidmConfigResponse::Created(
            self.0.configure_vidm(&body, ctx.header("host")).await?,
        ))
    }

    async fn delete_vidm_config(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::DeleteVidmConfigResponse, Failure> {
        self.0.delete_vidm().await?;
        Ok(api::DeleteVidmConfigResponse::NoContent)
    }

    async fn enable_vidm(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::EnableVidmResponse, Failure> {
        self.0.set_vidm_enabled(true).await?;
        Ok(api::EnableVidmResponse::NoContent)
    }

    async fn disable_vidm(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::DisableVidmResponse, Failure> {
        self.0.set_vidm_enabled(false).await?;
        Ok(api::DisableVidmResponse::NoContent)
    }

    async fn get_vidm_certificate(
        &self,
        ctx: RequestContext,
        _caller: Caller,
        query: queries::GetVidmCertificateQuery,
    ) -> Result<api::GetVidmCertificateResponse, Failure> {
        Ok(api::GetVidmCertificateResponse::Ok(
            self.0.vidm_certificate(&query.url, ctx.header("host"))?,
        ))
    }
}
