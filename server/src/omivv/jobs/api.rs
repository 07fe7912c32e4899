//! The `Updates` tag: firmware update jobs.

use crate::generated::omivv::{self as api, queries, types, Failure, RequestContext};
use crate::omivv::sessions::Caller;
use crate::omivv::tables::OmivvJobKind::FirmwareUpdate;
use crate::omivv::OmivvApi;

impl api::UpdatesApi for OmivvApi {
    async fn list_update_jobs(
        &self,
        ctx: RequestContext,
        caller: Caller,
    ) -> Result<api::ListUpdateJobsResponse, Failure> {
        let jobs = self
            .0
            .jobs(&caller, FirmwareUpdate, &self.links(&ctx))
            .await?;
        Ok(api::ListUpdateJobsResponse::Ok(jobs))
    }

    async fn get_update_job(
        &self,
        ctx: RequestContext,
        caller: Caller,
        job_id: String,
    ) -> Result<api::GetUpdateJobResponse, Failure> {
        let links = self.links(&ctx);
        let job = self.0.job(&caller, FirmwareUpdate, &job_id, &links).await?;
        Ok(api::GetUpdateJobResponse::Ok(job))
    }

    async fn delete_update_job(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        job_id: String,
    ) -> Result<api::DeleteUpdateJobResponse, Failure> {
        self.0.delete_update_job(&caller, &job_id).await?;
        Ok(api::DeleteUpdateJobResponse::Ok("Deleted".into()))
    }

    async fn cancel_update_job(
        &self,
        ctx: RequestContext,
        caller: Caller,
        job_id: String,
    ) -> Result<api::CancelUpdateJobResponse, Failure> {
        let links = self.links(&ctx);
        let job = self.0.cancel_update_job(&caller, &job_id, &links).await?;
        Ok(api::CancelUpdateJobResponse::Ok(job))
    }

    async fn get_repository_data(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        query: queries::GetRepositoryDataQuery,
    ) -> Result<api::GetRepositoryDataResponse, Failure> {
        let data = self
            .0
            .repository_data(
                &caller,
                &query.repoprofileid,
                query.bundleid.as_deref(),
                query.systemid.as_deref(),
            )
            .await?;
        Ok(api::GetRepositoryDataResponse::Ok(data))
    }

    async fn create_firmware_report(
        &self,
        ctx: RequestContext,
        caller: Caller,
        body: types::FirmwareReportRequest,
    ) -> Result<api::CreateFirmwareReportResponse, Failure> {
        let links = self.links(&ctx);
        let report = self.0.firmware_report(&caller, &body, &links).await?;
        Ok(api::CreateFirmwareReportResponse::Ok(report))
    }

    async fn create_update_job(
        &self,
        ctx: RequestContext,
        caller: Caller,
        body: types::UpdateJobRequest,
    ) -> Result<api::CreateUpdateJobResponse, Failure> {
        let links = self.links(&ctx);
        let job = self.0.create_update_job(&caller, body, &links).await?;
        Ok(api::CreateUpdateJobResponse::Accepted(job))
    }
}
