//! The `Authentication` tag: logins (local, LDAP, vIDM) and logout.

use crate::aria_networks::caller::Caller;
use crate::aria_networks::AriaApi;
use crate::generated::aria_networks::{self as api, types, Failure, RequestContext};

impl api::AuthenticationApi for AriaApi {
    async fn login(
        &self,
        _ctx: RequestContext,
        body: types::LoginRequest,
    ) -> Result<api::LoginResponse, Failure> {
        Ok(api::LoginResponse::Ok(self.0.login_local(&body).await?))
    }

    async fn logout(
        &self,
        _ctx: RequestContext,
        caller: Caller,
    ) -> Result<api::LogoutResponse, Failure> {
        self.0.logout(&caller).await?;
        Ok(api::LogoutResponse::NoContent)
    }

    async fn get_vidm_client_id(
        &self,
        _ctx: RequestContext,
    ) -> Result<api::GetVidmClientIdResponse, Failure> {
        Ok(api::GetVidmClientIdResponse::Ok(
            self.0.vidm_client_id().await?,
        ))
    }

    async fn login_with_vidm_token(
        &self,
        _ctx: RequestContext,
        body: types::VidmTokenRequest,
    ) -> Result<api::LoginWithVidmTokenResponse, Failure> {
        let token = self.0.login_with_vidm(&body.vidm_token).await?;
        Ok(api::LoginWithVidmTokenResponse::Ok(token))
    }
}
