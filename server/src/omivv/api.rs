//! The OMIVV API as the sandbox serves it: translation only.

use std::sync::Arc;

use super::errors::OmivvError;
use super::sessions::Caller;
use super::Omivv;
use crate::config::OmivvJobKind::{DriftDetection, FirmwareUpdate};
use crate::generated::omivv::{self as api, types, Access, Failure, Rejection, RequestContext};

#[derive(Clone)]
pub struct OmivvApi(pub Arc<Omivv>);

impl OmivvApi {
    /// The API's absolute base URL as this request reached it, for links.
    fn base(&self, ctx: &RequestContext) -> String {
        self.0.base_url(ctx.header("host"))
    }
}

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
        caller: &Caller,
        role: &'static str,
    ) -> Result<(), Failure> {
        // Only administrators hold a session at all; the rules are about the vCenter context.
        Ok(caller.may(role)?)
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
        let base = self.base(&ctx);
        Ok(api::ListConsolesResponse::Ok(self.0.consoles(&base)))
    }

    async fn get_console(
        &self,
        ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::GetConsoleResponse, Failure> {
        let base = self.base(&ctx);
        Ok(api::GetConsoleResponse::Ok(self.0.console(&id, &base)?))
    }

    async fn get_console_cluster(
        &self,
        ctx: RequestContext,
        _caller: Caller,
        id: String,
        cluster_id: String,
    ) -> Result<api::GetConsoleClusterResponse, Failure> {
        let base = self.base(&ctx);
        let cluster = self.0.console_cluster(&id, &cluster_id, &base)?;
        Ok(api::GetConsoleClusterResponse::Ok(cluster))
    }

    async fn list_console_hosts(
        &self,
        ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::ListConsoleHostsResponse, Failure> {
        let base = self.base(&ctx);
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
        let base = self.base(&ctx);
        Ok(api::GetConsoleHostResponse::Ok(
            self.0.console_host(&id, &host_id, &base)?,
        ))
    }

    async fn get_alarms_and_events(
        &self,
        _ctx: RequestContext,
        caller: Caller,
    ) -> Result<api::GetAlarmsAndEventsResponse, Failure> {
        let settings = self.0.alarms_and_events(&caller).await?;
        Ok(api::GetAlarmsAndEventsResponse::Ok(settings))
    }

    async fn set_alarms_and_events(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        body: types::AlarmsAndEventsUpdate,
    ) -> Result<api::SetAlarmsAndEventsResponse, Failure> {
        let settings = self.0.set_alarms_and_events(&caller, &body).await?;
        Ok(api::SetAlarmsAndEventsResponse::Ok(settings))
    }

    async fn get_host_overview(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        host_id: String,
    ) -> Result<api::GetHostOverviewResponse, Failure> {
        let overview = self.0.host_overview(&caller, &host_id).await?;
        Ok(api::GetHostOverviewResponse::Ok(overview))
    }

    async fn get_host_subsystem_health(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        host_id: String,
    ) -> Result<api::GetHostSubsystemHealthResponse, Failure> {
        let health = self.0.host_subsystem_health(&caller, &host_id).await?;
        Ok(api::GetHostSubsystemHealthResponse::Ok(health))
    }

    async fn get_host_firmware_inventory(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        host_id: String,
    ) -> Result<api::GetHostFirmwareInventoryResponse, Failure> {
        let firmware = self.0.host_firmware_inventory(&caller, &host_id).await?;
        Ok(api::GetHostFirmwareInventoryResponse::Ok(firmware))
    }

    async fn get_host_warranty(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        host_id: String,
    ) -> Result<api::GetHostWarrantyResponse, Failure> {
        let warranty = self.0.host_warranty(&caller, &host_id).await?;
        Ok(api::GetHostWarrantyResponse::Ok(warranty))
    }

    async fn list_update_jobs(
        &self,
        ctx: RequestContext,
        caller: Caller,
    ) -> Result<api::ListUpdateJobsResponse, Failure> {
        let jobs = self
            .0
            .jobs(&caller, FirmwareUpdate, &self.base(&ctx))
            .await?;
        Ok(api::ListUpdateJobsResponse::Ok(jobs))
    }

    async fn get_update_job(
        &self,
        ctx: RequestContext,
        caller: Caller,
        job_id: String,
    ) -> Result<api::GetUpdateJobResponse, Failure> {
        let base = self.base(&ctx);
        let job = self.0.job(&caller, FirmwareUpdate, &job_id, &base).await?;
        Ok(api::GetUpdateJobResponse::Ok(job))
    }

    async fn delete_update_job(
        &self,
        ctx: RequestContext,
        caller: Caller,
        job_id: String,
    ) -> Result<api::DeleteUpdateJobResponse, Failure> {
        let base = self.base(&ctx);
        let job = self.0.delete_update_job(&caller, &job_id, &base).await?;
        Ok(api::DeleteUpdateJobResponse::Ok(job))
    }

    async fn cancel_update_job(
        &self,
        ctx: RequestContext,
        caller: Caller,
        job_id: String,
    ) -> Result<api::CancelUpdateJobResponse, Failure> {
        let base = self.base(&ctx);
        let job = self.0.cancel_update_job(&caller, &job_id, &base).await?;
        Ok(api::CancelUpdateJobResponse::Ok(job))
    }

    async fn list_drift_jobs(
        &self,
        ctx: RequestContext,
        caller: Caller,
    ) -> Result<api::ListDriftJobsResponse, Failure> {
        let jobs = self
            .0
            .jobs(&caller, DriftDetection, &self.base(&ctx))
            .await?;
        Ok(api::ListDriftJobsResponse::Ok(jobs))
    }

    async fn get_drift_job(
        &self,
        ctx: RequestContext,
        caller: Caller,
        job_id: String,
    ) -> Result<api::GetDriftJobResponse, Failure> {
        let base = self.base(&ctx);
        let job = self.0.job(&caller, DriftDetection, &job_id, &base).await?;
        Ok(api::GetDriftJobResponse::Ok(job))
    }

    async fn get_drift_job_details(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        job_id: String,
    ) -> Result<api::GetDriftJobDetailsResponse, Failure> {
        let details = self.0.drift_job_details(&caller, &job_id).await?;
        Ok(api::GetDriftJobDetailsResponse::Ok(details))
    }

    async fn list_drift_reports(
        &self,
        ctx: RequestContext,
        caller: Caller,
    ) -> Result<api::ListDriftReportsResponse, Failure> {
        let reports = self.0.drift_reports(&caller, &self.base(&ctx)).await?;
        Ok(api::ListDriftReportsResponse::Ok(reports))
    }

    async fn get_drift_report(
        &self,
        ctx: RequestContext,
        caller: Caller,
        cluster_id: String,
    ) -> Result<api::GetDriftReportResponse, Failure> {
        let base = self.base(&ctx);
        let report = self.0.drift_report(&caller, &cluster_id, &base).await?;
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

    async fn list_cluster_profiles(
        &self,
        ctx: RequestContext,
        caller: Caller,
    ) -> Result<api::ListClusterProfilesResponse, Failure> {
        let profiles = self.0.cluster_profiles(&caller, &self.base(&ctx)).await?;
        Ok(api::ListClusterProfilesResponse::Ok(profiles))
    }

    async fn get_cluster_profile(
        &self,
        ctx: RequestContext,
        caller: Caller,
        profile_id: String,
    ) -> Result<api::GetClusterProfileResponse, Failure> {
        let base = self.base(&ctx);
        let profile = self.0.cluster_profile(&caller, &profile_id, &base).await?;
        Ok(api::GetClusterProfileResponse::Ok(profile))
    }

    async fn list_repository_profiles(
        &self,
        ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::ListRepositoryProfilesResponse, Failure> {
        let profiles = self.0.repository_profiles(&self.base(&ctx)).await;
        Ok(api::ListRepositoryProfilesResponse::Ok(profiles))
    }

    async fn create_repository_profile(
        &self,
        ctx: RequestContext,
        _caller: Caller,
        body: types::RepositoryProfileCreate,
    ) -> Result<api::CreateRepositoryProfileResponse, Failure> {
        let base = self.base(&ctx);
        let profile = self.0.create_repository_profile(&body, &base).await?;
        Ok(api::CreateRepositoryProfileResponse::Ok(profile))
    }

    async fn get_repository_profile(
        &self,
        ctx: RequestContext,
        _caller: Caller,
        profile_id: String,
    ) -> Result<api::GetRepositoryProfileResponse, Failure> {
        let base = self.base(&ctx);
        let profile = self.0.repository_profile(&profile_id, &base).await?;
        Ok(api::GetRepositoryProfileResponse::Ok(profile))
    }

    async fn modify_repository_profile(
        &self,
        ctx: RequestContext,
        _caller: Caller,
        profile_id: String,
        body: types::RepositoryProfileModify,
    ) -> Result<api::ModifyRepositoryProfileResponse, Failure> {
        let base = self.base(&ctx);
        let profile = self.0.modify_repository_profile(&profile_id, &body, &base);
        Ok(api::ModifyRepositoryProfileResponse::Ok(profile.await?))
    }

    async fn list_licenses(
        &self,
        ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::ListLicensesResponse, Failure> {
        let licenses = self.0.licenses(&self.base(&ctx)).await;
        Ok(api::ListLicensesResponse::Ok(licenses))
    }

    async fn upload_license(
        &self,
        ctx: RequestContext,
        _caller: Caller,
        body: types::LicenseUpload,
    ) -> Result<api::UploadLicenseResponse, Failure> {
        let license = self.0.upload_license(&body, &self.base(&ctx)).await?;
        Ok(api::UploadLicenseResponse::Ok(license))
    }

    async fn get_license(
        &self,
        ctx: RequestContext,
        _caller: Caller,
        license_id: String,
    ) -> Result<api::GetLicenseResponse, Failure> {
        let license = self.0.license(&license_id, &self.base(&ctx)).await?;
        Ok(api::GetLicenseResponse::Ok(license))
    }

    fn reject(&self, _ctx: &RequestContext, rejection: Rejection) -> Failure {
        match rejection {
            Rejection::PayloadTooLarge => OmivvError::PayloadTooLarge(rejection.message()),
            _ => OmivvError::InvalidParameters(rejection.message()),
        }
        .into()
    }
}
