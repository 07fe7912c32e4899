//! Which hosts OMEVV manages (HostManagement tag): every host of the world at first; manage,
//! unmanage and discovery jobs change it on the sandbox clock, host after host. An unmanaged host
//! leaves the managed-host lists, the drift reports and the update targets, and is `COMPLIANT`
//! (it could be managed again) in the host compliance list.

mod api;

use super::api::Caller;
pub(crate) use super::errors::OmevvError;
use super::jobs::pending_on;
use super::tables::{in_maintenance, managed, JobRow, JobWork};
use super::{Console, Omevv};
use crate::generated::omevv::types;
use crate::world::firmware::component;

/// What a manage, unmanage or discovery job is asked to do.
pub struct HostsJob {
    pub action: &'static str,
    pub manage: bool,
    pub hosts: Vec<i64>,
    pub name: String,
    pub description: Option<String>,
}

const IDRAC: &str = "DCIM:INSTALLED#iDRAC.Embedded.1-1#IDRACinfo";
const HYPERVISOR: &str = "VMware ESXi 7.0.3 build-21930508";

impl Omevv {
    pub async fn host_compliance(&self, console: &Console<'_>) -> Vec<types::HostCompliance> {
        use types::HostComplianceState as State;
        let now = self.clock.now_ms();
        let s = self.db.read().await;
        let idrac = component(IDRAC).map_or("", |c| c.catalog);
        console
            .hosts()
            .map(|h| {
                let c = &h.host.config;
                types::HostCompliance {
                    hostid: Some(h.id()),
                    host_name: Some(c.name.clone()),
                    model: Some(c.model.clone()),
                    service_tag: Some(c.service_tag.clone()),
                    console_id: Some(console.uuid.clone()),
                    console_entity_id: Some(h.host.id.clone()),
                    hypervisor: Some(HYPERVISOR.into()),
                    idrac_ip: Some(c.idrac_ip.clone()),
                    idrac_firmware_version: Some(idrac.into()),
                    license_details: vec![types::LicenseDetails {
                        idrac_license_type: Some("Enterprise".into()),
                        idrac_license_description: Some("iDRAC9 Enterprise License".into()),
                        license_entitlement_id: Some(format!("{}-IDRAC-ENT", c.service_tag)),
                    }],
                    idrac_license_status: Some(types::HostComplianceIdracLicenseStatus::Supported),
                    snmp_trap_status: Some(types::HostComplianceSnmpTrapStatus::Configured),
                    state: Some(if managed(s.omevv(), h.id(), now) {
                        State::Managed
                    } else {
                        State::Compliant
                    }),
                    connection_state: Some(types::HostComplianceConnectionState::Connected),
                }
            })
            .collect()
    }

    pub async fn compliance_summary(&self, console: &Console<'_>) -> types::HostComplianceSummary {
        let hosts = self.host_compliance(console).await;
        let total = hosts.len() as i64;
        let compliant = hosts
            .iter()
            .filter(|h| h.state == Some(types::HostComplianceState::Compliant))
            .count() as i64;
        types::HostComplianceSummary {
            host_status_undiscovered: Some(0),
            host_status_unknown: Some(0),
            host_status_noncompliant: Some(types::HostStatusNonCompliant {
                total_non_compliant_count: Some(0),
                snmp_status_unconfigured: Some(0),
            }),
            host_status_compliant: Some(compliant),
            host_status_unsupported: Some(types::HostStatusUnsupported {
                total_unsupported_count: Some(0),
                i_drac_license_un_supported: Some(0),
                hypervisor_version_un_supported: Some(0),
            }),
            snmp_status_configured: Some(total),
            i_drac_status_licensesupported: Some(total),
            hypervisor_version_supported: Some(total),
        }
    }

    /// The hosts of the vCenter objects a discovery names (clusters, datacenters, hosts).
    pub fn hosts_of_entities(
        &self,
        console: &Console<'_>,
        entities: &[String],
    ) -> Result<Vec<i64>, OmevvError> {
        let mut hosts = Vec::new();
        for e in entities {
            let found: Vec<i64> = console
                .hosts()
                .filter(|h| {
                    h.host.id == *e
                        || h.datacenter.id == *e
                        || h.cluster.is_some_and(|c| c.id == *e)
                })
                .map(|h| h.id())
                .collect();
            if found.is_empty() {
                return Err(OmevvError::InvalidInput(format!(
                    "{e} is no cluster, datacenter or host of this vCenter"
                )));
            }
            for h in found {
                if !hosts.contains(&h) {
                    hosts.push(h);
                }
            }
        }
        Ok(hosts)
    }

    /// Starts a manage, unmanage or discovery job; its hosts change one after the other.
    pub async fn start_hosts_job(
        &self,
        caller: &Caller,
        console: &Console<'_>,
        job: HostsJob,
    ) -> Result<i64, OmevvError> {
        if job.hosts.is_empty() {
            return Err(OmevvError::InvalidInput("No hosts given".into()));
        }
        if job.name.trim().is_empty() {
            return Err(OmevvError::InvalidInput("jobName must not be empty".into()));
        }
        for h in &job.hosts {
            console.host(*h).map_err(|_| {
                OmevvError::InvalidInput(format!("No host with id {h} in this vCenter"))
            })?;
        }
        let now = self.clock.now_ms();
        let ms_per_host = self.config.catalog_seconds * 1000;
        self.db
            .write(|s| {
                if !job.manage {
                    for h in &job.hosts {
                        let placed = console.host(*h)?;
                        let busy = in_maintenance(s.omevv(), *h, now)
                            || pending_on(s.omevv(), &console.uuid, placed.group(), now);
                        if busy {
                            return Err(OmevvError::InvalidInput(format!(
                                "Host {h} has an update scheduled or running"
                            )));
                        }
                    }
                }
                let t = s.omevv_mut();
                let id = t.next_id("job");
                t.jobs.insert(
                    id.to_string(),
                    JobRow {
                        console: console.uuid.clone(),
                        name: job.name.clone(),
                        description: job.description.clone(),
                        created_ms: now,
                        created_by: caller.name().to_string(),
                        starts_ms: now,
                        work: JobWork::Manage {
                            hosts: job.hosts.clone(),
                            manage: job.manage,
                            action: job.action.to_string(),
                            ms_per_host,
                        },
                        cancelled_ms: None,
                        deleted: false,
                    },
                );
                Ok(id as i64)
            })
            .await
    }
}
