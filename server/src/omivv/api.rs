//! The OMIVV API as the sandbox serves it: translation only.

use std::sync::Arc;

use super::errors::OmivvError;
use super::sessions::Caller;
use super::Omivv;
use crate::generated::omivv::{self as api, types, Access, Failure, Rejection, RequestContext};

#[derive(Clone)]
pub struct OmivvApi(pub Arc<Omivv>);

impl api::Api for OmivvApi {
    type Principal = Caller;

    async fn authenticate(
        &self,
        ctx: &RequestContext,
        _access: &Access,
    ) -> Result<Caller, Failure> {
        Ok(self.0.authenticate(ctx.header("authorization")).await?)
    }

    fn authorize(
        &self,
        _ctx: &RequestContext,
        _caller: &Caller,
        role: &'static str,
    ) -> Result<(), Failure> {
        // Only administrators can hold a session at all; no operation names another role.
        Err(OmivvError::Internal(format!("unknown role rule {role}")).into())
    }

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

    async fn set_operational_context(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        body: types::OperationalContextRequest,
    ) -> Result<api::SetOperationalContextResponse, Failure> {
        self.0.set_context(&caller, &body).await?;
        Ok(api::SetOperationalContextResponse::NoContent)
    }

    async fn list_consoles(
        &self,
        ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::ListConsolesResponse, Failure> {
        let base = self.0.base_url(ctx.header("host"));
        Ok(api::ListConsolesResponse::Ok(self.0.consoles(&base)))
    }

    async fn get_console(
        &self,
        ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::GetConsoleResponse, Failure> {
        let base = self.0.base_url(ctx.header("host"));
        Ok(api::GetConsoleResponse::Ok(self.0.console(&id, &base)?))
    }

    async fn get_console_cluster(
        &self,
        ctx: RequestContext,
        _caller: Caller,
        id: String,
        cluster_id: String,
    ) -> Result<api::GetConsoleClusterResponse, Failure> {
        let base = self.0.base_url(ctx.header("host"));
        let cluster = self.0.console_cluster(&id, &cluster_id, &base)?;
        Ok(api::GetConsoleClusterResponse::Ok(cluster))
    }

    async fn list_console_hosts(
        &self,
        ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::ListConsoleHostsResponse, Failure> {
        let base = self.0.base_url(ctx.header("host"));
        Ok(api::ListConsoleHostsResponse::Ok(
            self.0.console_hosts(&id, &base)?,
        ))
    }

    async fn get_console_host(
        &self,
        ctx: RequestContext,
        _caller: Caller,
        id: String,
        host_id: String,
    ) -> Result<api::GetConsoleHostResponse, Failure> {
        let base = self.0.base_url(ctx.header("host"));
        Ok(api::GetConsoleHostResponse::Ok(
            self.0.console_host(&id, &host_id, &base)?,
        ))
    }

    fn reject(&self, _ctx: &RequestContext, rejection: Rejection) -> Failure {
        match rejection {
            Rejection::PayloadTooLarge => OmivvError::PayloadTooLarge(rejection.message()),
            _ => OmivvError::InvalidParameters(rejection.message()),
        }
        .into()
    }
}
