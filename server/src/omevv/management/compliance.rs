//! Whether OMEVV has what it needs to manage each host (iDRAC licence, SNMP trap destination),
//! and the jobs that check or fix it on the sandbox clock. A host named in
//! `omevv.snmp_unconfigured` is not compliant until a `FixCompliance` job's turn on it has ended.

use super::super::api::Caller;
use super::super::inventory::Placed;
use super::super::tables::{managed, snmp_fixed, ComplianceAction, JobRow, JobWork, OmevvTables};
use super::super::{Console, Omevv};
use super::OmevvError;
use crate::generated::omevv::types;
use crate::world::firmware::component;

const IDRAC: &str = "DCIM:INSTALLED#iDRAC.Embedded.1-1#IDRACinfo";
const HYPERVISOR: &str = "VMware ESXi 7.0.3 build-21930508";

/// What a compliance job is asked to do.
pub struct ComplianceJob {
    pub action: ComplianceAction,
    pub name: String,
    pub description: Option<String>,
    /// OMEVV host ids; `None` (FixCompliance only): every host that is not compliant.
    pub hosts: Option<Vec<i64>>,
}

impl Omevv {
    /// Whether the host's iDRAC sends SNMP traps to OMEVV at `at`.
    pub(crate) fn snmp_configured(&self, t: &OmevvTables, h: &Placed<'_>, at: i64) -> bool {
        !self.config.snmp_unconfigured.contains(&h.host.config.name) || snmp_fixed(t, h.id(), at)
    }

    pub async fn host_compliance(&self, console: &Console<'_>) -> Vec<types::HostCompliance> {
        use types::HostComplianceSnmpTrapStatus as Snmp;
        use types::HostComplianceState as State;
        let now = self.clock.now_ms();
        let s = self.db.read().await;
        let t = s.omevv();
        let idrac = component(IDRAC).map_or("", |c| c.catalog);
        console
            .hosts()
            .map(|h| {
                let c = &h.host.config;
                let snmp = self.snmp_configured(t, &h, now);
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
                    snmp_trap_status: Some(if snmp {
                        Snmp::Configured
                    } else {
                        Snmp::Unconfigured
                    }),
                    state: Some(match (managed(t, h.id(), now), snmp) {
                        (true, true) => State::Managed,
                        (true, false) => State::Managedwithoutalerts,
                        (false, true) => State::Compliant,
                        (false, false) => State::Noncompliant,
                    }),
                    connection_state: Some(types::HostComplianceConnectionState::Connected),
                }
            })
            .collect()
    }

    pub async fn compliance_summary(&self, console: &Console<'_>) -> types::HostComplianceSummary {
        use types::HostComplianceSnmpTrapStatus as Snmp;
        use types::HostComplianceState as State;
        let hosts = self.host_compliance(console).await;
        let total = hosts.len() as i64;
        let count = |f: &dyn Fn(&types::HostCompliance) -> bool| {
            hosts.iter().filter(|h| f(h)).count() as i64
        };
        let unconfigured = count(&|h| h.snmp_trap_status == Some(Snmp::Unconfigured));
        types::HostComplianceSummary {
            host_status_undiscovered: Some(0),
            host_status_unknown: Some(0),
            host_status_noncompliant: Some(types::HostStatusNonCompliant {
                total_non_compliant_count: Some(count(&|h| h.state == Some(State::Noncompliant))),
                snmp_status_unconfigured: Some(unconfigured),
            }),
            host_status_compliant: Some(count(&|h| h.state == Some(State::Compliant))),
            host_status_unsupported: Some(types::HostStatusUnsupported {
                total_unsupported_count: Some(0),
                i_drac_license_un_supported: Some(0),
                hypervisor_version_un_supported: Some(0),
            }),
            snmp_status_configured: Some(total - unconfigured),
            i_drac_status_licensesupported: Some(total),
            hypervisor_version_supported: Some(total),
        }
    }

    /// Starts a compliance job: its hosts are checked (or fixed) one after the other.
    pub async fn start_compliance_job(
        &self,
        caller: &Caller,
        console: &Console<'_>,
        job: ComplianceJob,
    ) -> Result<i64, OmevvError> {
        if job.name.trim().is_empty() {
            return Err(OmevvError::InvalidInput("jobName must not be empty".into()));
        }
        if let Some(hosts) = &job.hosts {
            for h in hosts {
                console.host(*h).map_err(|_| {
                    OmevvError::InvalidInput(format!("No host with id {h} in this vCenter"))
                })?;
            }
        }
        let now = self.clock.now_ms();
        let ms_per_host = self.config.catalog_seconds * 1000;
        self.db
            .write(|s| {
                let hosts: Vec<i64> = match &job.hosts {
                    Some(hosts) => hosts.clone(),
                    None => console
                        .hosts()
                        .filter(|h| !self.snmp_configured(s.omevv(), h, now))
                        .map(|h| h.id())
                        .collect(),
                };
                let mut unique = Vec::new();
                for h in hosts {
                    if !unique.contains(&h) {
                        unique.push(h);
                    }
                }
                if unique.is_empty() {
                    return Err(OmevvError::InvalidInput(match job.hosts {
                        Some(_) => "hostIds must name at least one host".into(),
                        None => "Every host is compliant: nothing to fix".into(),
                    }));
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
                        work: JobWork::Compliance {
                            hosts: unique,
                            action: job.action,
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
