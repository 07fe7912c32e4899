//! A vCenter's jobs as OMEVV answers them, on the sandbox clock: update jobs (`UpdateJobs`, with
//! the baseline profiles' drift jobs) and discovery, manage and unmanage jobs (`DiscoveryJobs`);
//! their states, counts, cancelling and deleting.

use serde_json::{json, Map};

mod history;

use super::baselines::{next_run, schedule_json};
use super::errors::OmevvError;
use super::tables::{JobRow, JobWork, OmevvTables};
use super::{Console, Omevv};
use crate::clock::rfc3339;
use crate::generated::omevv::types;

/// Which list a job is in.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// Firmware updates and drift jobs.
    Update,
    /// Discovery, manage and unmanage jobs.
    Discovery,
}

pub(super) fn family(j: &JobRow) -> Family {
    match j.work {
        JobWork::Manage { .. } | JobWork::Compliance { .. } => Family::Discovery,
        _ => Family::Update,
    }
}

fn job_type(j: &JobRow) -> types::JobType {
    match j.work {
        JobWork::Drift { .. } => types::JobType::DriftJob,
        JobWork::Update { .. } => types::JobType::FwUpdate,
        JobWork::Manage { .. } | JobWork::Compliance { .. } => types::JobType::DiscoveryJob,
    }
}

/// Where a job that works on hosts is at `now`.
pub struct Progress {
    pub state: types::JobState,
    pub ends_ms: i64,
    pub failed: bool,
    pub hosts_done: i64,
    pub hosts: i64,
}

pub fn progress(j: &JobRow, now: i64) -> Option<Progress> {
    let failed = match &j.work {
        JobWork::Update { failing, .. } => !failing.is_empty(),
        JobWork::Manage { .. } | JobWork::Compliance { .. } => false,
        JobWork::Drift { .. } => return None,
    };
    let turns = j.turns();
    let ends_ms = turns.last().map_or(j.starts_ms, |t| t.2);
    let state = if j.cancelled_ms.is_some() {
        types::JobState::Cancelled
    } else if now < j.starts_ms {
        types::JobState::Scheduled
    } else if now < ends_ms {
        types::JobState::Running
    } else {
        types::JobState::Completed
    };
    Some(Progress {
        state,
        ends_ms,
        failed,
        hosts_done: turns.iter().filter(|t| t.2 <= now).count() as i64,
        hosts: turns.len() as i64,
    })
}

/// Whether the group has an update job that is scheduled or running.
pub fn pending_on(t: &OmevvTables, console: &str, group: i64, now: i64) -> bool {
    t.jobs.values().any(|j| {
        j.console == console
            && matches!(&j.work, JobWork::Update { group: g, .. } if *g == group)
            && progress(j, now).is_some_and(|p| {
                matches!(
                    p.state,
                    types::JobState::Scheduled | types::JobState::Running
                )
            })
    })
}

pub fn job_view(console: &Console<'_>, id: &str, j: &JobRow, now: i64) -> types::Job {
    let mut job = types::Job {
        job_id: id.parse().ok(),
        job_name: Some(j.name.clone()),
        job_type: Some(job_type(j)),
        job_description: j.description.clone(),
        console_id: Some(console.uuid.clone()),
        console_address: Some(console.vcenter.config.hostname.clone()),
        enabled: Some("true".into()),
        visible: Some(true),
        is_internal: Some(false),
        created: Some(rfc3339(j.created_ms)),
        created_by: Some(j.created_by.clone()),
        ..Default::default()
    };
    let target = |host: i64| types::TargetDetails {
        target_id: Some(host.to_string()),
        console_address: Some(console.vcenter.config.hostname.clone()),
        target_type: Some(types::TargetDetailsTargetType::Host),
    };
    match &j.work {
        JobWork::Drift { schedule } => {
            job.schedule = Some(types::JobSchedule(schedule_json(schedule)));
            job.next_run = next_run(schedule, now).map(rfc3339);
            job.state = Some(types::JobState::Scheduled);
            job.editable = Some(true);
            job.collection_size = Some(0);
            return job;
        }
        JobWork::Update {
            targets,
            run_now,
            date_time,
            ..
        } => {
            let mut schedule = Map::new();
            schedule.insert("runNow".into(), json!(run_now));
            if let Some(at) = date_time {
                schedule.insert("dateTime".into(), json!(at));
            }
            job.schedule = Some(types::JobSchedule(schedule));
            job.job_targets = targets.iter().map(|t| target(t.host_id)).collect();
        }
        JobWork::Manage { hosts, .. } | JobWork::Compliance { hosts, .. } => {
            job.job_targets = hosts.iter().map(|h| target(*h)).collect();
        }
    }
    let p = progress(j, now).expect("a job that works on hosts");
    job.state = Some(p.state);
    job.editable = Some(p.state == types::JobState::Scheduled);
    job.collection_size = Some(p.hosts);
    match p.state {
        types::JobState::Scheduled => job.next_run = Some(rfc3339(j.starts_ms)),
        types::JobState::Running | types::JobState::Completed => {
            job.last_run = Some(rfc3339(j.starts_ms));
            job.last_execution_history = Some(history(j, &p, job.job_id, now));
        }
        _ => {}
    }
    job
}

fn history(j: &JobRow, p: &Progress, id: Option<i64>, now: i64) -> types::JobExecutionHistory {
    use types::JobExecutionHistoryStatusSummary as Summary;
    let done = p.state == types::JobState::Completed;
    types::JobExecutionHistory {
        history_id: id,
        start_time: Some(rfc3339(j.starts_ms)),
        end_time: done.then(|| rfc3339(p.ends_ms)),
        updated_time: Some(rfc3339(now.min(p.ends_ms))),
        progress: Some(if done {
            100
        } else {
            p.hosts_done * 100 / p.hosts.max(1)
        }),
        status_summary: Some(match (done, p.failed) {
            (false, _) => Summary::Running,
            (true, false) => Summary::Successful,
            (true, true) => Summary::Failed,
        }),
        status_summary_message: Some(match (done, p.failed) {
            (false, _) => format!("Done with {} of {} hosts", p.hosts_done, p.hosts),
            (true, false) => "Completed successfully".into(),
            (true, true) => "Failed on one or more hosts".into(),
        }),
    }
}

pub(crate) fn find<'a>(
    t: &'a OmevvTables,
    console: &str,
    family_of: Family,
    id: i64,
) -> Result<&'a JobRow, OmevvError> {
    t.jobs
        .get(&id.to_string())
        .filter(|j| j.console == console && !j.deleted && family(j) == family_of)
        .ok_or_else(|| OmevvError::NotFound("job", id.to_string()))
}

impl Omevv {
    pub async fn jobs(
        &self,
        console: &Console<'_>,
        family_of: Family,
        kind: Option<types::JobType>,
    ) -> Vec<types::Job> {
        let now = self.clock.now_ms();
        let s = self.db.read().await;
        let mut all: Vec<_> = s
            .omevv()
            .jobs
            .iter()
            .filter(|(_, j)| j.console == console.uuid && !j.deleted && family(j) == family_of)
            .filter(|(_, j)| kind.is_none_or(|k| job_type(j) == k))
            .map(|(id, j)| job_view(console, id, j, now))
            .collect();
        all.sort_by_key(|j| j.job_id);
        all
    }

    pub async fn job(
        &self,
        console: &Console<'_>,
        family_of: Family,
        id: i64,
    ) -> Result<types::Job, OmevvError> {
        let now = self.clock.now_ms();
        let s = self.db.read().await;
        let j = find(s.omevv(), &console.uuid, family_of, id)?;
        Ok(job_view(console, &id.to_string(), j, now))
    }

    /// Counts by state, one entry per job type of the list.
    pub async fn jobs_summary(
        &self,
        console: &Console<'_>,
        family_of: Family,
    ) -> Vec<types::JobsSummary> {
        let kinds: &[types::JobType] = match family_of {
            Family::Update => &[types::JobType::FwUpdate, types::JobType::DriftJob],
            Family::Discovery => &[types::JobType::DiscoveryJob],
        };
        let all = self.jobs(console, family_of, None).await;
        kinds
            .iter()
            .map(|kind| {
                let of: Vec<_> = all.iter().filter(|j| j.job_type == Some(*kind)).collect();
                let count =
                    |f: &dyn Fn(&types::Job) -> bool| of.iter().filter(|j| f(j)).count() as i64;
                let failed = |j: &types::Job| {
                    j.last_execution_history
                        .as_ref()
                        .and_then(|h| h.status_summary)
                        == Some(types::JobExecutionHistoryStatusSummary::Failed)
                };
                let state = |s: types::JobState| move |j: &types::Job| j.state == Some(s);
                types::JobsSummary {
                    job_type: Some(*kind),
                    total_jobs: Some(of.len() as i64),
                    scheduled_jobs: Some(count(&state(types::JobState::Scheduled))),
                    in_progress_jobs: Some(count(&state(types::JobState::Running))),
                    failure_jobs: Some(count(&|j| {
                        j.state == Some(types::JobState::Completed) && failed(j)
                    })),
                    completed_jobs: Some(count(&|j| {
                        j.state == Some(types::JobState::Completed) && !failed(j)
                    })),
                    cancelled_jobs: Some(count(&state(types::JobState::Cancelled))),
                }
            })
            .collect()
    }

    /// Cancels a scheduled update job: it never runs.
    pub async fn cancel_job(&self, console: &Console<'_>, id: i64) -> Result<(), OmevvError> {
        let now = self.clock.now_ms();
        self.db
            .write(|s| {
                let t = s.omevv_mut();
                let j = find(t, &console.uuid, Family::Update, id)?;
                let state = progress(j, now).map(|p| p.state);
                if state != Some(types::JobState::Scheduled) {
                    return Err(OmevvError::InvalidInput(format!(
                        "Job {id} is {}: only a scheduled update job can be cancelled",
                        state.map_or("a drift job".to_string(), |s| s.to_string())
                    )));
                }
                t.jobs
                    .update(&id.to_string(), |j| j.cancelled_ms = Some(now));
                Ok(())
            })
            .await
    }

    /// Hides a finished job; what it did stays done.
    pub async fn delete_job(
        &self,
        console: &Console<'_>,
        family_of: Family,
        id: i64,
    ) -> Result<(), OmevvError> {
        let now = self.clock.now_ms();
        self.db
            .write(|s| {
                let t = s.omevv_mut();
                let j = find(t, &console.uuid, family_of, id)?;
                let state = progress(j, now).map(|p| p.state);
                if !matches!(
                    state,
                    Some(types::JobState::Completed | types::JobState::Cancelled)
                ) {
                    return Err(OmevvError::InvalidInput(format!(
                        "Job {id} is {}: only a finished job can be deleted",
                        state.map_or("a drift job".to_string(), |s| s.to_string())
                    )));
                }
                t.jobs.update(&id.to_string(), |j| j.deleted = true);
                Ok(())
            })
            .await
    }
}
