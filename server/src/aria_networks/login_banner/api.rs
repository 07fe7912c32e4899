//! The `Login banner` tag.

use crate::aria_networks::caller::Caller;
use crate::aria_networks::AriaApi;
use crate::generated::aria_networks::{self as api, types, Failure, RequestContext};

impl api::LoginBannerApi for AriaApi {
    async fn get_login_banner(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::GetLoginBannerResponse, Failure> {
        Ok(api::GetLoginBannerResponse::Ok(
            self.0.login_banner().await?,
        ))
    }

    async fn update_login_banner(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: types::LoginBanner,
    ) -> Result<api::UpdateLoginBannerResponse, Failure> {
        Ok(api::UpdateLoginBannerResponse::Ok(
            self.0.replace_login_banner(body).await?,
        ))
    }

    async fn add_login_banner(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: types::LoginBanner,
    ) -> Result<api::AddLoginBannerResponse, Failure> {
        Ok(api::AddLoginBannerResponse::Created(
            self.0.add_login_banner(body).await?,
        ))
    }

    async fn delete_login_banner(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::DeleteLoginBannerResponse, Failure> {
        self.0.delete_login_banner().await?;
        Ok(api::DeleteLoginBannerResponse::NoContent)
    }
}
