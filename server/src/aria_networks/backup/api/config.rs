//! The `Config` tag: the 6.12 SDK's ConfigApi, backups and restores at `/config` (E113).

use crate::aria_networks::caller::Caller;
use crate::aria_networks::tables::{BACKUP, RESTORE};
use crate::aria_networks::AriaApi;
use crate::generated::aria_networks::{self as api, types, Failure, RequestContext};

impl api::ConfigApi for AriaApi {
    async fn get_backup_configuration(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::GetBackupConfigurationResponse, Failure> {
        Ok(api::GetBackupConfigurationResponse::Ok(
            self.0.backup_config().await?,
        ))
    }

    async fn add_backup_configuration(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: types::BackupRestoreRequest,
    ) -> Result<api::AddBackupConfigurationResponse, Failure> {
        let config = self.0.configure_backup(&body, false).await?;
        Ok(api::AddBackupConfigurationResponse::Created(config))
    }

    async fn update_backup_configuration(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: types::BackupRestoreRequest,
    ) -> Result<api::UpdateBackupConfigurationResponse, Failure> {
        let config = self.0.configure_backup(&body, true).await?;
        Ok(api::UpdateBackupConfigurationResponse::Created(config))
    }

    async fn delete_backup_configuration(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::DeleteBackupConfigurationResponse, Failure> {
        self.0.delete_backup_config().await?;
        Ok(api::DeleteBackupConfigurationResponse::NoContent)
    }

    async fn get_backup_status(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::GetBackupStatusResponse, Failure> {
        Ok(api::GetBackupStatusResponse::Ok(
            self.0.backup_status(BACKUP).await?,
        ))
    }

    async fn get_restore_configuration(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::GetRestoreConfigurationResponse, Failure> {
        Ok(api::GetRestoreConfigurationResponse::Ok(
            self.0.restore_config().await?,
        ))
    }

    async fn add_restore_configuration(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: types::BackupRestoreRequest,
    ) -> Result<api::AddRestoreConfigurationResponse, Failure> {
        let request = self.0.restore(&body).await?;
        Ok(api::AddRestoreConfigurationResponse::Created(request))
    }

    async fn delete_restore_configuration(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::DeleteRestoreConfigurationResponse, Failure> {
        self.0.delete_restore_config().await?;
        Ok(api::DeleteRestoreConfigurationResponse::NoContent)
    }

    async fn get_restore_status(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::GetRestoreStatusResponse, Failure> {
        Ok(api::GetRestoreStatusResponse::Ok(
            self.0.backup_status(RESTORE).await?,
        ))
    }
}
