//! The `Authentication` tag: log in, log off, and the vCenter context of a session.

use crate::generated::omivv::{self as api, types, Failure, RequestContext};
use crate::omivv::sessions::Caller;
use crate::omivv::OmivvApi;

impl api::AuthenticationApi for OmivvApi {
    async fn login(
        &self,
        ctx: RequestContext,
        body: types::LoginRequest,
    ) -> Result<api::LoginResponse, Failure> {
        let token = self
            .0
            .login(&body.api_user_credential, ctx.peer_ip())
            .await?;
        Ok(api::LoginResponse::Ok(token))
    }

    async fn logoff(
        &self,
        _ctx: RequestContext,
        caller: Caller,
    ) -> Result<api::LogoffResponse, Failure> {
        self.0.logoff(&caller).await?;
        Ok(api::LogoffResponse::Ok("Logged off successfully".into()))
    }
}
