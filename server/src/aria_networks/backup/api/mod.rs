//! The `Backup and restore` tag (E113), and the `Config` tag: the same calls at `/config`.

mod config;

use crate::aria_networks::caller::Caller;
use crate::aria_networks::tables::{BACKUP, RESTORE};
use crate::aria_networks::AriaApi;
use crate::generated::aria_networks::{self as api, types, Failure, RequestContext};

impl api::BackupAndRestoreApi for AriaApi {
    async fn get_backup_config(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::GetBackupConfigResponse, Failure> {
        Ok(api::GetBackupConfigResponse::Ok(
            self.0.backup_config().await?,
        ))
    }

    async fn add_backup_config(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: types::BackupRestoreRequest,
    ) -> Result<api::AddBackupConfigResponse, Failure> {
        let config = self.0.configure_backup(&body, false).await?;
        Ok(api::AddBackupConfigResponse::Created(config))
    }

    async fn update_backup_config(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: types::BackupRestoreRequest,
    ) -> Result<api::UpdateBackupConfigResponse, Failure> {
        let config = self.0.configure_backup(&body, true).await?;
        Ok(api::UpdateBackupConfigResponse::Created(config))
    }

    async fn delete_backup_config(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::DeleteBackupConfigResponse, Failure> {
        self.0.delete_backup_config().await?;
        Ok(api::DeleteBackupConfigResponse::NoContent)
    }

    async fn get_backup_status_report(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::GetBackupStatusReportResponse, Failure> {
        Ok(api::GetBackupStatusReportResponse::Ok(
            self.0.backup_status(BACKUP).await?,
        ))
    }

    async fn enable_backup_schedule(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::EnableBackupScheduleResponse, Failure> {
        Ok(api::EnableBackupScheduleResponse::Ok(
            self.0.set_backup_schedule(true).await?,
        ))
    }

    async fn disable_backup_schedule(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::DisableBackupScheduleResponse, Failure> {
        Ok(api::DisableBackupScheduleResponse::Ok(
            self.0.set_backup_schedule(false).await?,
        ))
    }

    async fn get_restore_config(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::GetRestoreConfigResponse, Failure> {
        Ok(api::GetRestoreConfigResponse::Ok(
            self.0.restore_config().await?,
        ))
    }

    async fn add_restore_config(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: types::BackupRestoreRequest,
    ) -> Result<api::AddRestoreConfigResponse, Failure> {
        let request = self.0.restore(&body).await?;
        Ok(api::AddRestoreConfigResponse::Created(request))
    }

    async fn delete_restore_config(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::DeleteRestoreConfigResponse, Failure> {
        self.0.delete_restore_config().await?;
        Ok(api::DeleteRestoreConfigResponse::NoContent)
    }

    async fn get_restore_status_report(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::GetRestoreStatusReportResponse, Failure> {
        Ok(api::GetRestoreStatusReportResponse::Ok(
            self.0.backup_status(RESTORE).await?,
        ))
    }
}
