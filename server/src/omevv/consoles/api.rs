//! The Consoles tag's operations.

use super::super::api::{Caller, OmevvApi};
use crate::generated::omevv::{self as api, types, Failure, RequestContext};

impl api::ConsolesApi for OmevvApi {
    async fn get_consoles(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::GetConsolesResponse, Failure> {
        Ok(api::GetConsolesResponse::Ok(self.0.console_list().await))
    }

    async fn register_console(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: types::ConsoleCreateRequest,
    ) -> Result<api::RegisterConsoleResponse, Failure> {
        Ok(api::RegisterConsoleResponse::Created(
            self.0.register(body).await?,
        ))
    }

    async fn add_extensions(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        body: types::ConsoleExtensionRequest,
    ) -> Result<api::AddExtensionsResponse, Failure> {
        let console = self.0.console_for_ome(&caller, &uuid).await?;
        let now = self
            .0
            .change_extensions(&console, true, &body.extensions)
            .await?;
        Ok(api::AddExtensionsResponse::Ok(now))
    }

    async fn remove_extensions(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        body: types::ConsoleExtensionRequest,
    ) -> Result<api::RemoveExtensionsResponse, Failure> {
        let console = self.0.console_for_ome(&caller, &uuid).await?;
        let left = self
            .0
            .change_extensions(&console, false, &body.extensions)
            .await?;
        Ok(api::RemoveExtensionsResponse::Ok(left))
    }

    async fn get_console_credential(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
    ) -> Result<api::GetConsoleCredentialResponse, Failure> {
        let console = self.0.console_for_ome(&caller, &uuid).await?;
        Ok(api::GetConsoleCredentialResponse::Ok(types::Credential {
            username: console.registration.username.clone(),
            // Write-only: never answered.
            password: String::new(),
        }))
    }

    async fn update_credential(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        body: types::Credential,
    ) -> Result<api::UpdateCredentialResponse, Failure> {
        let console = self.0.console_for_ome(&caller, &uuid).await?;
        Ok(api::UpdateCredentialResponse::Ok(
            self.0.set_credential(&console, body).await?,
        ))
    }

    async fn refresh_certificate(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
    ) -> Result<api::RefreshCertificateResponse, Failure> {
        self.0.console_for_ome(&caller, &uuid).await?;
        Ok(api::RefreshCertificateResponse::Ok(true))
    }
}
