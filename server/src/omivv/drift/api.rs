//! The `Drift` tag: drift detection jobs and their reports.

use crate::generated::omivv::{self as api, Failure, RequestContext};
use crate::omivv::sessions::Caller;
use crate::omivv::tables::OmivvJobKind::DriftDetection;
use crate::omivv::OmivvApi;

impl api::DriftApi for OmivvApi {
    async fn list_drift_jobs(
        &self,
        ctx: RequestContext,
        caller: Caller,
    ) -> Result<api::ListDriftJobsResponse, Failure> {
        let jobs = self
            .0
            .jobs(&caller, DriftDetection, &self.links(&ctx))
            .await?;
        Ok(api::ListDriftJobsResponse::Ok(jobs))
    }

    async fn get_drift_job(
        &self,
        ctx: RequestContext,
        caller: Caller,
        job_id: String,
    ) -> Result<api::GetDriftJobResponse, Failure> {
        let links = self.links(&ctx);
        let job = self.0.job(&caller, DriftDetection, &job_id, &links).await?;
        Ok(api::GetDriftJobResponse::Ok(job))
    }

    async fn get_drift_job_details(
        &self,
        ctx: RequestContext,
        caller: Caller,
        job_id: String,
    ) -> Result<api::GetDriftJobDetailsResponse, Failure> {
        let links = self.links(&ctx);
        let details = self.0.drift_job_details(&caller, &job_id, &links).await?;
        Ok(api::GetDriftJobDetailsResponse::Ok(details))
    }

    async fn list_drift_reports(
        &self,
        ctx: RequestContext,
        caller: Caller,
    ) -> Result<api::ListDriftReportsResponse, Failure> {
        let reports = self.0.drift_reports(&caller, &self.links(&ctx)).await?;
        Ok(api::ListDriftReportsResponse::Ok(reports))
    }

    async fn get_drift_report(
        &self,
        ctx: RequestContext,
        caller: Caller,
        cluster_id: String,
    ) -> Result<api::GetDriftReportResponse, Failure> {
        let links = self.links(&ctx);
        let report = self.0.drift_report(&caller, &cluster_id, &links).await?;
        Ok(api::GetDriftReportResponse::Ok(report))
    }

    async fn get_configuration_drift_details(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        cluster_id: String,
    ) -> Result<api::GetConfigurationDriftDetailsResponse, Failure> {
        let drift = self.0.configuration_drift(&caller, &cluster_id).await?;
        Ok(api::GetConfigurationDriftDetailsResponse::Ok(drift))
    }

    async fn get_driver_drift_details(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        cluster_id: String,
    ) -> Result<api::GetDriverDriftDetailsResponse, Failure> {
        let drift = self.0.driver_drift(&caller, &cluster_id).await?;
        Ok(api::GetDriverDriftDetailsResponse::Ok(drift))
    }
}
