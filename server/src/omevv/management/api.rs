//! The HostManagement tag's operations.

use super::super::api::{Caller, OmevvApi};
use super::super::jobs::Family;
use super::super::tables::ComplianceAction;
use super::{ComplianceJob, HostsJob};
use crate::generated::omevv::{self as api, queries, types, Failure, RequestContext};

impl api::HostmanagementApi for OmevvApi {
    async fn get_host_compliance(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
    ) -> Result<api::GetHostComplianceResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        Ok(api::GetHostComplianceResponse::Ok(
            self.0.host_compliance(&console).await,
        ))
    }

    async fn get_console_compliance_summary(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
    ) -> Result<api::GetConsoleComplianceSummaryResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        Ok(api::GetConsoleComplianceSummaryResponse::Ok(
            self.0.compliance_summary(&console).await,
        ))
    }

    async fn manage_hosts_by_console(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        body: types::ManageHostsRequest,
    ) -> Result<api::ManageHostsByConsoleResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        let job = HostsJob {
            action: "Manage",
            manage: true,
            hosts: body.host_i_ds,
            name: body.job_name,
            description: body.job_description,
        };
        let id = self.0.start_hosts_job(&caller, &console, job).await?;
        Ok(api::ManageHostsByConsoleResponse::Accepted(id))
    }

    async fn un_manage_hosts_by_console(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        body: types::ManageHostsRequest,
    ) -> Result<api::UnManageHostsByConsoleResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        let job = HostsJob {
            action: "UnManage",
            manage: false,
            hosts: body.host_i_ds,
            name: body.job_name,
            description: body.job_description,
        };
        let id = self.0.start_hosts_job(&caller, &console, job).await?;
        Ok(api::UnManageHostsByConsoleResponse::Accepted(id))
    }

    async fn discover_hosts(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        body: types::CreateHostsDiscoverRequest,
    ) -> Result<api::DiscoverHostsResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        let mut entities = Vec::new();
        for g in &body.host_discovery_groups {
            let global = g.use_global_credentials.unwrap_or(false);
            let given = |v: &Option<String>| v.as_deref().is_some_and(|s| !s.is_empty());
            let credentials = global || (given(&g.user_name) && given(&g.pass_word));
            if !credentials {
                let e = super::OmevvError::InvalidInput(
                    "Each discovery group needs the iDRAC userName and passWord, or useGlobalCredentials".into(),
                );
                return Err(e.into());
            }
            entities.extend(g.console_entity_i_ds.iter().cloned());
        }
        let hosts = self.0.hosts_of_entities(&console, &entities)?;
        let job = HostsJob {
            action: "Discover",
            manage: true,
            hosts,
            name: body.job_name.unwrap_or_else(|| "Discovery".into()),
            description: body.job_description,
        };
        let id = self.0.start_hosts_job(&caller, &console, job).await?;
        Ok(api::DiscoverHostsResponse::Accepted(id))
    }

    async fn get_all_discovery_service_jobs_by_type(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        query: queries::GetAllDiscoveryServiceJobsByTypeQuery,
    ) -> Result<api::GetAllDiscoveryServiceJobsByTypeResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        let jobs = self
            .0
            .jobs(&console, Family::Discovery, query.jobtype)
            .await;
        Ok(api::GetAllDiscoveryServiceJobsByTypeResponse::Ok(jobs))
    }

    async fn get_discovery_service_job_by_id(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        id: i64,
    ) -> Result<api::GetDiscoveryServiceJobByIdResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        let job = self.0.job(&console, Family::Discovery, id).await?;
        Ok(api::GetDiscoveryServiceJobByIdResponse::Ok(job))
    }

    async fn delete_discovery_job_by_id(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        id: i64,
    ) -> Result<api::DeleteDiscoveryJobByIdResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        self.0.delete_job(&console, Family::Discovery, id).await?;
        Ok(api::DeleteDiscoveryJobByIdResponse::Ok(format!(
            "Job {id} deleted"
        )))
    }

    async fn get_discovery_jobs_summary(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
    ) -> Result<api::GetDiscoveryJobsSummaryResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        let summary = self.0.jobs_summary(&console, Family::Discovery).await;
        Ok(api::GetDiscoveryJobsSummaryResponse::Ok(summary))
    }

    async fn get_console_hosts(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        query: queries::GetConsoleHostsQuery,
    ) -> Result<api::GetConsoleHostsResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        let entity = query.consoleentityid;
        let devices = console
            .hosts()
            .filter(|h| {
                entity.as_deref().is_none_or(|e| {
                    h.host.id == e || h.datacenter.id == e || h.cluster.is_some_and(|c| c.id == e)
                })
            })
            .map(|h| types::Device {
                id: Some(h.id()),
                device_type: Some(types::DeviceDeviceType::Host),
            })
            .collect();
        Ok(api::GetConsoleHostsResponse::Ok(devices))
    }

    async fn run_compliance_job(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        body: types::ComplianceJobRequest,
    ) -> Result<api::RunComplianceJobResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        let job = ComplianceJob {
            action: ComplianceAction::Check,
            name: body.job_name,
            description: body.job_description,
            hosts: Some(body.host_ids),
        };
        let id = self.0.start_compliance_job(&caller, &console, job).await?;
        Ok(api::RunComplianceJobResponse::Accepted(id))
    }

    async fn run_compliance_with_inventory(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        body: types::ComplianceJobRequest,
    ) -> Result<api::RunComplianceWithInventoryResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        let job = ComplianceJob {
            action: ComplianceAction::CheckWithInventory,
            name: body.job_name,
            description: body.job_description,
            hosts: Some(body.host_ids),
        };
        let id = self.0.start_compliance_job(&caller, &console, job).await?;
        Ok(api::RunComplianceWithInventoryResponse::Accepted(id))
    }

    async fn fix_compliance(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        body: types::FixComplianceJobRequest,
    ) -> Result<api::FixComplianceResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        let job = ComplianceJob {
            action: ComplianceAction::Fix,
            name: body.job_name.unwrap_or_else(|| "FixCompliance".into()),
            description: body.job_description,
            // No hosts named: every host that is not compliant.
            hosts: Some(body.host_ids).filter(|h| !h.is_empty()),
        };
        let id = self.0.start_compliance_job(&caller, &console, job).await?;
        Ok(api::FixComplianceResponse::Accepted(id))
    }

    async fn get_discovery_service_job_execution_history_details(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        id: i64,
        hid: i64,
    ) -> Result<api::GetDiscoveryServiceJobExecutionHistoryDetailsResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        let log = self
            .0
            .history_details(&console, Family::Discovery, id, hid)
            .await?;
        Ok(api::GetDiscoveryServiceJobExecutionHistoryDetailsResponse::Ok(log))
    }
}
