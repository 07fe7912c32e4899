//! Creating a firmware update job, as the guide's sequence ends: the packages from a firmware
//! report on hosts (or every host of clusters) of the context's vCenter, now or later. The job
//! runs one minute per host; what it does to the hosts' firmware is read through the ledger
//! both Dell products share (E65).

use super::super::catalog::package;
use super::super::errors::OmivvError;
use super::super::inventory::{host_state, installed};
use super::super::links::Links;
use super::super::sessions::Caller;
use super::super::tables::{JobOutcome, JobRow, OmivvJobKind};
use super::super::Omivv;
use crate::clock::parse_date_time;
use crate::generated::omivv::types;
use crate::world::HostHealth;

const MS_PER_HOST: i64 = 60_000;

impl Omivv {
    pub async fn create_update_job(
        &self,
        caller: &Caller,
        body: types::UpdateJobRequest,
        links: &Links,
    ) -> Result<types::JobCreated, OmivvError> {
        let invalid = |m: String| OmivvError::InvalidParameters(m);
        let r = self.context_console(caller)?;
        if body.jobname.trim().is_empty() {
            return Err(invalid("jobname must not be empty".into()));
        }
        if body.firmware_update_targets.is_empty() {
            return Err(invalid(
                "firmwareUpdateTargets must name at least one target".into(),
            ));
        }
        let now = self.clock.now_ms();
        let run_now = body.schedule.run_now.unwrap_or(false);
        let starts_ms = match (run_now, body.schedule.run_later.unwrap_or(false)) {
            (true, _) => now,
            (false, true) => {
                let text = body.schedule.date_time.as_deref().unwrap_or_default();
                let at = parse_date_time(text).ok_or_else(|| {
                    invalid(format!(
                        "schedule.dateTime {text:?} is not YYYY-MM-DDTHH:MM:SSZ"
                    ))
                })?;
                if at <= now {
                    return Err(invalid(format!("schedule.dateTime {text} is in the past")));
                }
                at
            }
            (false, false) => return Err(invalid("schedule: set runNow or runLater".into())),
        };
        let cluster_level =
            body.update_target_type == types::UpdateJobRequestUpdateTargetType::Cluster;
        let mut hosts: Vec<&crate::world::Host> = Vec::new();
        let mut components: Vec<String> = Vec::new();
        let mut cluster_id = None;
        for t in &body.firmware_update_targets {
            let found: Vec<&crate::world::Host> = if cluster_level {
                let id = t
                    .cluster_id
                    .as_deref()
                    .ok_or_else(|| invalid("clusterId is required for a CLUSTER job".into()))?;
                let c = r
                    .clusters()
                    .find(|c| c.id == id)
                    .ok_or_else(|| OmivvError::ClusterNotFound(id.to_string()))?;
                cluster_id = Some(c.id.clone());
                c.hosts.iter().collect()
            } else {
                let id = t
                    .host_id
                    .as_deref()
                    .ok_or_else(|| invalid("hostId is required for a HOST job".into()))?;
                let (_, _, h) = r
                    .hosts()
                    .find(|(_, _, h)| h.id == id)
                    .ok_or_else(|| OmivvError::HostNotFound(id.to_string()))?;
                vec![h]
            };
            for id in &t.package_i_ds {
                let c = package(id)
                    .ok_or_else(|| invalid(format!("No package {id} in the repository")))?;
                if !components.iter().any(|x| x == c.source_name) {
                    components.push(c.source_name.to_string());
                }
            }
            for h in found {
                if !hosts.iter().any(|x| x.id == h.id) {
                    hosts.push(h);
                }
            }
        }
        if hosts.len() > 64 {
            return Err(invalid("A job updates at most 64 hosts".into()));
        }
        if !self
            .db
            .read()
            .await
            .omivv()
            .repository_profiles
            .contains(&body.firmware_repo_profile_id)
        {
            return Err(OmivvError::NotFound(
                "repository profile",
                body.firmware_repo_profile_id.clone(),
            ));
        }
        let console_id = r.console.id.clone();
        let id = self
            .db
            .write(|s| {
                // A package already up to date, or a critical host, fails the job (the guide's rule).
                let fails = hosts.iter().any(|h| {
                    host_state(s.omivv(), h).health == HostHealth::Critical
                        || installed(s, h, now).iter().any(|(c, v)| {
                            components.iter().any(|x| x == c.source_name) && *v == c.catalog
                        })
                });
                let row = JobRow {
                    kind: OmivvJobKind::FirmwareUpdate,
                    name: body.jobname.clone(),
                    console_id: console_id.clone(),
                    cluster_id: cluster_id.clone(),
                    starts_ms,
                    duration_ms: MS_PER_HOST * hosts.len() as i64,
                    outcome: if fails {
                        JobOutcome::Failed
                    } else {
                        JobOutcome::Completed
                    },
                    cancelled_ms: None,
                    hosts: hosts.iter().map(|h| h.id.clone()).collect(),
                    components: Some(components.clone()),
                };
                Ok::<_, OmivvError>(Self::insert_job(s.omivv_mut(), row))
            })
            .await?;
        Ok(types::JobCreated {
            href: links.job(OmivvJobKind::FirmwareUpdate, &id),
            id,
            object_type: "Job".into(),
            status: if run_now { "Running" } else { "Scheduled" }.into(),
        })
    }
}
