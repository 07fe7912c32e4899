//! OpenManage Enterprise's traits (one per tag), and its error body: OMEVV's domain errors,
//! answered in OME's `{"error": {...}}` shape with a message id (ours, E76).

use std::sync::Arc;

use super::OmeUser;
use crate::generated::ome::{self as api, types, Access, Failure, Rejection, RequestContext};
use crate::omevv::errors::OmevvError;
use crate::omevv::Omevv;

#[derive(Clone)]
pub struct OmeApi(pub Arc<Omevv>);

/// OME's error body.
pub fn ome_error(status: u16, message: String) -> types::OmeError {
    let (code, id, severity) = match status {
        401 => ("Base.1.0.AccessDenied", "CSEC5002", "Critical"),
        404 => ("Base.1.0.ResourceMissingAtURI", "CGEN1004", "Critical"),
        400 | 413 => ("Base.1.0.GeneralError", "CGEN1002", "Critical"),
        _ => ("Base.1.0.InternalError", "CGEN1001", "Critical"),
    };
    types::OmeError {
        error: types::OmeErrorError {
            code: code.into(),
            message: "Unable to complete the request because of an error.".into(),
            message_extended_info: vec![types::ExtendedInfo {
                message_id: id.into(),
                related_properties: vec![],
                message,
                message_args: vec![],
                severity: match severity {
                    "Critical" => types::ExtendedInfoSeverity::Critical,
                    _ => types::ExtendedInfoSeverity::Warning,
                },
                resolution: None,
            }],
        },
    }
}

fn failure(e: OmevvError) -> Failure {
    let status = e.status();
    Failure {
        status,
        body: ome_error(status, e.to_string()),
    }
}

impl api::Api for OmeApi {
    type Principal = OmeUser;

    async fn authenticate(
        &self,
        ctx: &RequestContext,
        _access: &Access,
    ) -> Result<OmeUser, Failure> {
        self.0
            .ome_user(ctx.header("x-auth-token"))
            .await
            .map_err(failure)
    }

    fn authorize(
        &self,
        _ctx: &RequestContext,
        _caller: &OmeUser,
        _role: &'static str,
    ) -> Result<(), Failure> {
        // OMEVV's OME accounts are administrators.
        Ok(())
    }

    fn reject(&self, _ctx: &RequestContext, rejection: Rejection) -> Failure {
        failure(match rejection {
            Rejection::PayloadTooLarge => OmevvError::PayloadTooLarge(rejection.message()),
            _ => OmevvError::InvalidInput(rejection.message()),
        })
    }
}

impl api::SessionsApi for OmeApi {
    async fn create_session(
        &self,
        ctx: RequestContext,
        body: types::SessionCreateRequest,
    ) -> Result<api::CreateSessionResponse, Failure> {
        let ip = ctx.peer_ip().to_string();
        let (session, token) = self
            .0
            .ome_sign_in(&body.user_name, &body.password, ip)
            .await
            .map_err(failure)?;
        Ok(api::CreateSessionResponse::Created(session, token))
    }

    async fn delete_session(
        &self,
        _ctx: RequestContext,
        caller: OmeUser,
        id: String,
    ) -> Result<api::DeleteSessionResponse, Failure> {
        self.0.ome_sign_out(&caller, &id).await.map_err(failure)?;
        Ok(api::DeleteSessionResponse::NoContent)
    }
}

impl api::PluginsApi for OmeApi {
    async fn get_plugins(
        &self,
        _ctx: RequestContext,
        _caller: OmeUser,
    ) -> Result<api::GetPluginsResponse, Failure> {
        Ok(api::GetPluginsResponse::Ok(self.0.ome_plugins()))
    }
}

impl api::UpdatemanagerApi for OmeApi {
    async fn get_update_manager_repositories(
        &self,
        _ctx: RequestContext,
        _caller: OmeUser,
    ) -> Result<api::GetUpdateManagerRepositoriesResponse, Failure> {
        let list = self.0.ome_repositories().map_err(failure)?;
        Ok(api::GetUpdateManagerRepositoriesResponse::Ok(list))
    }
}
