//! Which hosts OMEVV manages (HostManagement tag): every host of the world at first; manage,
//! unmanage and discovery jobs change it on the sandbox clock, host after host. An unmanaged host
//! leaves the managed-host lists, the drift reports and the update targets, and is `COMPLIANT`
//! (it could be managed again) in the host compliance list.

mod api;
mod compliance;

pub use compliance::ComplianceJob;

use super::api::Caller;
pub(crate) use super::errors::OmevvError;
use super::jobs::pending_on;
use super::tables::{in_maintenance, JobRow, JobWork};
use super::{Console, Omevv};

/// What a manage, unmanage or discovery job is asked to do.
pub struct HostsJob {
    pub action: &'static str,
    pub manage: bool,
    pub hosts: Vec<i64>,
    pub name: String,
    pub description: Option<String>,
}

impl Omevv {
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
