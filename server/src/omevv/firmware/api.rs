//! The Firmware tag's operations.

use super::super::api::{page_bound, Caller, OmevvApi};
use super::super::jobs::Family;
use crate::generated::omevv::{self as api, queries, types, Failure, RequestContext};

impl api::FirmwareApi for OmevvApi {
    async fn get_group_drift_report(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        gid: i64,
    ) -> Result<api::GetGroupDriftReportResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        Ok(api::GetGroupDriftReportResponse::Ok(
            self.0.group_drift(&console, gid).await?,
        ))
    }

    async fn get_host_drift_report(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        gid: i64,
        hid: i64,
    ) -> Result<api::GetHostDriftReportResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        Ok(api::GetHostDriftReportResponse::Ok(
            self.0.host_drift(&console, gid, hid).await?,
        ))
    }

    async fn get_update_jobs(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        query: queries::GetUpdateJobsQuery,
    ) -> Result<api::GetUpdateJobsResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        Ok(api::GetUpdateJobsResponse::Ok(
            self.0.jobs(&console, Family::Update, query.jobtype).await,
        ))
    }

    async fn get_update_job(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        id: i64,
    ) -> Result<api::GetUpdateJobResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        Ok(api::GetUpdateJobResponse::Ok(
            self.0.job(&console, Family::Update, id).await?,
        ))
    }

    async fn can_trigger_update(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        body: i64,
    ) -> Result<api::CanTriggerUpdateResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        Ok(api::CanTriggerUpdateResponse::Ok(
            self.0.can_trigger(&console, body).await?,
        ))
    }

    async fn trigger_update(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        gid: i64,
        body: types::UpdateRequest,
    ) -> Result<api::TriggerUpdateResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        let id = self.0.trigger_update(&caller, &console, gid, body).await?;
        Ok(api::TriggerUpdateResponse::Accepted(id))
    }

    async fn get_host_firmware(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        hid: i64,
    ) -> Result<api::GetHostFirmwareResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        Ok(api::GetHostFirmwareResponse::Ok(
            self.0.host_firmware(&console, hid).await?,
        ))
    }

    async fn get_managed_hosts_firmware_inventory_by_group(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        gid: i64,
        query: queries::GetManagedHostsFirmwareInventoryByGroupQuery,
    ) -> Result<api::GetManagedHostsFirmwareInventoryByGroupResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        let skip = page_bound(query.skip, 0, 0, i64::MAX, "skip")?;
        let top = page_bound(query.top, 100, 1, 1000, "top")?;
        let page = self.0.group_firmware(&console, gid, skip, top).await?;
        Ok(api::GetManagedHostsFirmwareInventoryByGroupResponse::Ok(
            page,
        ))
    }

    async fn delete_update_job_by_id(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        id: i64,
    ) -> Result<api::DeleteUpdateJobByIdResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        self.0.delete_job(&console, Family::Update, id).await?;
        Ok(api::DeleteUpdateJobByIdResponse::Ok(
            types::SuccessMessage {
                message: Some(format!("Job {id} deleted")),
            },
        ))
    }

    async fn get_update_jobs_summary(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
    ) -> Result<api::GetUpdateJobsSummaryResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        let summary = self.0.jobs_summary(&console, Family::Update).await;
        Ok(api::GetUpdateJobsSummaryResponse::Ok(summary))
    }

    async fn cancel_job(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        id: i64,
    ) -> Result<api::CancelJobResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        self.0.cancel_job(&console, id).await?;
        Ok(api::CancelJobResponse::Ok(types::SuccessMessage {
            message: Some(format!("Job {id} cancelled")),
        }))
    }

    async fn rerun_update_job(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        id: i64,
    ) -> Result<api::RerunUpdateJobResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        let new = self.0.rerun_update(&caller, &console, id).await?;
        Ok(api::RerunUpdateJobResponse::Accepted(new))
    }

    async fn get_group_compliance_summary(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        body: types::GroupComplianceSummaryRequest,
    ) -> Result<api::GetGroupComplianceSummaryResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        let mut reports = Vec::new();
        for group in body.target_group_ids {
            reports.push(self.0.group_compliance(&console, group).await?);
        }
        Ok(api::GetGroupComplianceSummaryResponse::Ok(reports))
    }

    async fn modify_job(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        id: i64,
        body: types::ModifyJobRequest,
    ) -> Result<api::ModifyJobResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        self.0.modify_job(&console, id, body).await?;
        Ok(api::ModifyJobResponse::Ok(types::SuccessMessage {
            message: Some(format!("Job {id} modified")),
        }))
    }

    async fn get_update_service_job_execution_history_details(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        id: i64,
        hid: i64,
    ) -> Result<api::GetUpdateServiceJobExecutionHistoryDetailsResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        let log = self
            .0
            .history_details(&console, Family::Update, id, hid)
            .await?;
        Ok(api::GetUpdateServiceJobExecutionHistoryDetailsResponse::Ok(
            log,
        ))
    }
}
