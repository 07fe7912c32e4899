//! The HSM API's traits (one per tag), and its error body: OMEVV's domain errors, answered as
//! vLCM's `ErrorResponse`.

use std::sync::Arc;

use crate::generated::vlcm::{
    self as api, queries, types, Access, Failure, Rejection, RequestContext,
};
use crate::omevv::errors::OmevvError;
use crate::omevv::tables::HsmAction;
use crate::omevv::{Caller, Omevv};

#[derive(Clone)]
pub struct VlcmApi(pub Arc<Omevv>);

/// vLCM's error body.
pub fn error_response(message: String) -> types::ErrorResponse {
    types::ErrorResponse {
        messages: vec![message],
        response_type: types::ErrorResponseResponseType::BaseErrorResponse,
        transient_indication: None,
    }
}

fn failure(e: OmevvError) -> Failure {
    let status = e.status();
    let mut body = error_response(e.to_string());
    if status == 503 {
        body.transient_indication = Some(types::ErrorResponseTransientIndication {
            is_transient: Some(true),
        });
    }
    Failure { status, body }
}

impl api::Api for VlcmApi {
    type Principal = Caller;

    async fn authenticate(&self, ctx: &RequestContext, access: &Access) -> Result<Caller, Failure> {
        self.0.authenticate(ctx, access).await.map_err(failure)
    }

    fn authorize(
        &self,
        _ctx: &RequestContext,
        _caller: &Caller,
        _role: &'static str,
    ) -> Result<(), Failure> {
        // No role rules: any account of the vCenter may call, as on OMEVV's own API.
        Ok(())
    }

    fn reject(&self, _ctx: &RequestContext, rejection: Rejection) -> Failure {
        failure(match rejection {
            Rejection::PayloadTooLarge => OmevvError::PayloadTooLarge(rejection.message()),
            _ => OmevvError::InvalidInput(rejection.message()),
        })
    }
}

fn action(a: types::HostUpdateRequestAction) -> HsmAction {
    use types::HostUpdateRequestAction as A;
    match a {
        A::StageUpdate => HsmAction::StageUpdate,
        A::UpdatePreCheck => HsmAction::UpdatePreCheck,
        A::PreImageUpdate => HsmAction::PreImageUpdate,
        A::PostImageUpdate => HsmAction::PostImageUpdate,
    }
}

fn accepted(task: String) -> types::RequestAcceptedResponse {
    types::RequestAcceptedResponse { task }
}

impl api::HostsApi for VlcmApi {
    async fn list_hosts(
        &self,
        ctx: RequestContext,
        caller: Caller,
    ) -> Result<api::ListHostsResponse, Failure> {
        self.0.check_header(&ctx).await.map_err(failure)?;
        let hosts = self.0.hsm_hosts(&caller).await.map_err(failure)?;
        Ok(api::ListHostsResponse::Ok(hosts))
    }

    async fn scan_hosts_for_compliance(
        &self,
        ctx: RequestContext,
        caller: Caller,
        body: types::MultiHostRequest,
    ) -> Result<api::ScanHostsForComplianceResponse, Failure> {
        self.0.check_header(&ctx).await.map_err(failure)?;
        let package = Some((body.target_package, body.target_package_version));
        let task = self
            .0
            .start_hsm_task(&caller, HsmAction::Scan, &body.target_hosts, package)
            .await
            .map_err(failure)?;
        Ok(api::ScanHostsForComplianceResponse::Accepted(accepted(
            task,
        )))
    }

    async fn get_host_inventory(
        &self,
        ctx: RequestContext,
        caller: Caller,
        host: String,
        query: queries::GetHostInventoryQuery,
    ) -> Result<api::GetHostInventoryResponse, Failure> {
        self.0.check_header(&ctx).await.map_err(failure)?;
        let package = match (query.hwsupportpkg, query.hwsupportpkgversion) {
            (Some(name), version) => {
                let version = version.unwrap_or_else(|| super::PACKAGE_VERSION.into());
                Some((name, version))
            }
            (None, Some(_)) => {
                return Err(failure(OmevvError::InvalidInput(
                    "hwSupportPkgVersion needs hwSupportPkg".into(),
                )))
            }
            (None, None) => None,
        };
        let task = self
            .0
            .start_hsm_task(&caller, HsmAction::GetHostInventory, &[host], package)
            .await
            .map_err(failure)?;
        Ok(api::GetHostInventoryResponse::Accepted(accepted(task)))
    }

    async fn host_update_action(
        &self,
        ctx: RequestContext,
        caller: Caller,
        host: String,
        body: types::HostUpdateRequest,
    ) -> Result<api::HostUpdateActionResponse, Failure> {
        self.0.check_header(&ctx).await.map_err(failure)?;
        let package = Some((body.target_package, body.target_package_version));
        let task = self
            .0
            .start_hsm_task(&caller, action(body.action), &[host], package)
            .await
            .map_err(failure)?;
        Ok(api::HostUpdateActionResponse::Accepted(accepted(task)))
    }
}

impl api::PackagesApi for VlcmApi {
    async fn list_hw_support_packages(
        &self,
        ctx: RequestContext,
        _caller: Caller,
        query: queries::ListHwSupportPackagesQuery,
    ) -> Result<api::ListHwSupportPackagesResponse, Failure> {
        self.0.check_header(&ctx).await.map_err(failure)?;
        let packages = self.0.hsm_packages(query.release.as_deref()).await;
        Ok(api::ListHwSupportPackagesResponse::Ok(packages))
    }

    async fn get_hw_support_package_info(
        &self,
        ctx: RequestContext,
        _caller: Caller,
        pkg: String,
        query: queries::GetHwSupportPackageInfoQuery,
    ) -> Result<api::GetHwSupportPackageInfoResponse, Failure> {
        self.0.check_header(&ctx).await.map_err(failure)?;
        let package = self
            .0
            .hsm_package(&pkg, query.pkgversion.as_deref())
            .await
            .map_err(failure)?;
        Ok(api::GetHwSupportPackageInfoResponse::Ok(package))
    }
}

impl api::TasksApi for VlcmApi {
    async fn list_tasks(
        &self,
        ctx: RequestContext,
        caller: Caller,
    ) -> Result<api::ListTasksResponse, Failure> {
        self.0.check_header(&ctx).await.map_err(failure)?;
        let tasks = self.0.hsm_tasks(&caller).await.map_err(failure)?;
        Ok(api::ListTasksResponse::Ok(tasks))
    }

    async fn get_task_info(
        &self,
        ctx: RequestContext,
        caller: Caller,
        task: String,
    ) -> Result<api::GetTaskInfoResponse, Failure> {
        self.0.check_header(&ctx).await.map_err(failure)?;
        let info = self.0.hsm_task(&caller, &task).await.map_err(failure)?;
        Ok(api::GetTaskInfoResponse::Ok(info))
    }

    async fn cancel_task(
        &self,
        ctx: RequestContext,
        caller: Caller,
        task: String,
    ) -> Result<api::CancelTaskResponse, Failure> {
        self.0.check_header(&ctx).await.map_err(failure)?;
        self.0
            .cancel_hsm_task(&caller, &task)
            .await
            .map_err(failure)?;
        Ok(api::CancelTaskResponse::Ok(types::EmptySuccessResponse {
            messages: vec![format!("{task} cancelled")],
        }))
    }
}
