//! Firmware update jobs: whether a group may get one, making one, running one again. A job runs
//! its hosts one after the other; each host's components reach the catalog's version when its
//! turn ends, unless the host's health was critical when the job was made (that host fails).

use super::super::api::Caller;
use super::super::errors::OmevvError;
use super::super::inventory::host_state;
use super::super::jobs::{find, pending_on, progress, Family};
use super::super::tables::{JobRow, JobWork, UpdateTarget};
use super::super::{Console, Omevv};
use crate::clock::parse_date_time;
use crate::generated::omevv::types;
use crate::world::firmware::component;
use crate::world::HostHealth;

/// When a job with this schedule starts: now, or at a `dateTime` still to come.
fn schedule_start(run_now: bool, date_time: Option<&str>, now: i64) -> Result<i64, OmevvError> {
    let invalid = |m: String| OmevvError::InvalidInput(m);
    if run_now {
        return Ok(now);
    }
    let text =
        date_time.ok_or_else(|| invalid("schedule.dateTime is required unless runNow".into()))?;
    let at = parse_date_time(text)
        .ok_or_else(|| invalid(format!("schedule.dateTime {text} is not a date and time")))?;
    if at <= now {
        return Err(invalid(format!("schedule.dateTime {text} is in the past")));
    }
    Ok(at)
}

impl Omevv {
    /// Whether a group may get an update job now: not while one is scheduled or running.
    pub async fn can_trigger(&self, console: &Console<'_>, group: i64) -> Result<bool, OmevvError> {
        console.group(group)?;
        let now = self.clock.now_ms();
        let s = self.db.read().await;
        if pending_on(s.omevv(), &console.uuid, group, now) {
            return Err(OmevvError::UpdatePending(group));
        }
        Ok(true)
    }

    pub async fn trigger_update(
        &self,
        caller: &Caller,
        console: &Console<'_>,
        group: i64,
        body: types::UpdateRequest,
    ) -> Result<i64, OmevvError> {
        let invalid = |m: String| OmevvError::InvalidInput(m);
        console.group(group)?;
        let firmware = body
            .firmware
            .ok_or_else(|| invalid("firmware is required".into()))?;
        let schedule = body
            .schedule
            .ok_or_else(|| invalid("schedule is required".into()))?;
        if firmware.targets.is_empty() {
            return Err(invalid(
                "firmware.targets must name at least one host".into(),
            ));
        }
        let now = self.clock.now_ms();
        let starts_ms = schedule_start(schedule.run_now, schedule.date_time.as_deref(), now)?;
        let mut targets = Vec::new();
        for t in &firmware.targets {
            let h = self
                .managed(console, t.id)
                .await
                .map_err(|_| invalid(format!("No managed host with id {}", t.id)))?;
            if h.group() != group {
                return Err(invalid(format!("Host {} is not in group {group}", t.id)));
            }
            if let Some(c) = t.firmwarecomponents.iter().find(|c| component(c).is_none()) {
                return Err(invalid(format!("Unknown firmware component {c}")));
            }
            if t.firmwarecomponents.is_empty() {
                return Err(invalid(format!("No firmware components for host {}", t.id)));
            }
            targets.push((h, t.firmwarecomponents.clone()));
        }
        let ms_per_host = self.config.update_seconds_per_host * 1000;
        self.db
            .write(|s| {
                let failing: Vec<i64> = targets
                    .iter()
                    .filter(|(h, _)| host_state(s, h.host).health == HostHealth::Critical)
                    .map(|(h, _)| h.id())
                    .collect();
                let t = s.omevv_mut();
                if pending_on(t, &console.uuid, group, now) {
                    return Err(OmevvError::UpdatePending(group));
                }
                let id = t.next_id("job");
                let name = body
                    .job_name
                    .clone()
                    .filter(|n| !n.trim().is_empty())
                    .unwrap_or_else(|| format!("FirmwareUpdate-{id}"));
                let taken = t.jobs.values().any(|j| {
                    j.console == console.uuid
                        && matches!(j.work, JobWork::Update { .. })
                        && j.name == name
                });
                if taken {
                    return Err(OmevvError::NameExists(name));
                }
                t.jobs.insert(
                    id.to_string(),
                    JobRow {
                        console: console.uuid.clone(),
                        name,
                        description: body.job_description.clone(),
                        created_ms: now,
                        created_by: caller.name().to_string(),
                        starts_ms,
                        work: JobWork::Update {
                            group,
                            targets: targets
                                .iter()
                                .map(|(h, components)| UpdateTarget {
                                    host_id: h.id(),
                                    components: components.clone(),
                                })
                                .collect(),
                            run_now: schedule.run_now,
                            date_time: schedule.date_time.clone().filter(|_| !schedule.run_now),
                            ms_per_host,
                            failing,
                        },
                        cancelled_ms: None,
                        deleted: false,
                    },
                );
                Ok(id as i64)
            })
            .await
    }

    /// A new job with a finished update job's group, hosts and components, running now.
    pub async fn rerun_update(
        &self,
        caller: &Caller,
        console: &Console<'_>,
        id: i64,
    ) -> Result<i64, OmevvError> {
        let now = self.clock.now_ms();
        self.db
            .write(|s| {
                let failing_now = |host: i64| {
                    console
                        .host(host)
                        .is_ok_and(|h| host_state(s, h.host).health == HostHealth::Critical)
                };
                let old = s
                    .omevv()
                    .jobs
                    .get(&id.to_string())
                    .filter(|j| j.console == console.uuid && !j.deleted)
                    .cloned()
                    .ok_or_else(|| OmevvError::NotFound("job", id.to_string()))?;
                let state = super::super::jobs::progress(&old, now).map(|p| p.state);
                let JobWork::Update {
                    group,
                    targets,
                    ms_per_host,
                    ..
                } = old.work
                else {
                    return Err(OmevvError::InvalidInput(format!(
                        "Job {id} is not an update job"
                    )));
                };
                if !matches!(
                    state,
                    Some(types::JobState::Completed | types::JobState::Cancelled)
                ) {
                    return Err(OmevvError::InvalidInput(format!(
                        "Job {id} has not finished"
                    )));
                }
                let t = s.omevv();
                if pending_on(t, &console.uuid, group, now) {
                    return Err(OmevvError::UpdatePending(group));
                }
                let failing = targets
                    .iter()
                    .map(|t| t.host_id)
                    .filter(|h| failing_now(*h))
                    .collect();
                let t = s.omevv_mut();
                let new = t.next_id("job");
                t.jobs.insert(
                    new.to_string(),
                    JobRow {
                        console: console.uuid.clone(),
                        name: format!("{} (rerun {new})", old.name),
                        description: old.description,
                        created_ms: now,
                        created_by: caller.name().to_string(),
                        starts_ms: now,
                        work: JobWork::Update {
                            group,
                            targets,
                            run_now: true,
                            date_time: None,
                            ms_per_host,
                            failing,
                        },
                        cancelled_ms: None,
                        deleted: false,
                    },
                );
                Ok(new as i64)
            })
            .await
    }

    /// Renames, redescribes or reschedules an update job that has not started.
    pub async fn modify_job(
        &self,
        console: &Console<'_>,
        id: i64,
        body: types::ModifyJobRequest,
    ) -> Result<(), OmevvError> {
        let invalid = |m: String| OmevvError::InvalidInput(m);
        if body
            .job_name
            .as_deref()
            .is_some_and(|n| n.trim().is_empty())
        {
            return Err(invalid("jobName must not be empty".into()));
        }
        let now = self.clock.now_ms();
        let start = body
            .schedule
            .as_ref()
            .map(|s| schedule_start(s.run_now, s.date_time.as_deref(), now))
            .transpose()?;
        self.db
            .write(|s| {
                let t = s.omevv_mut();
                let j = find(t, &console.uuid, Family::Update, id)?;
                let scheduled =
                    progress(j, now).is_some_and(|p| p.state == types::JobState::Scheduled);
                if !scheduled {
                    return Err(invalid(format!(
                        "Job {id} cannot be modified: only an update job that has not started can"
                    )));
                }
                t.jobs.update(&id.to_string(), |j| {
                    if let Some(name) = &body.job_name {
                        j.name = name.clone();
                    }
                    if body.job_description.is_some() {
                        j.description = body.job_description.clone();
                    }
                    if let (Some(at), Some(schedule)) = (start, &body.schedule) {
                        j.starts_ms = at;
                        if let JobWork::Update {
                            run_now, date_time, ..
                        } = &mut j.work
                        {
                            *run_now = schedule.run_now;
                            *date_time = schedule.date_time.clone().filter(|_| !schedule.run_now);
                        }
                    }
                });
                Ok(())
            })
            .await
    }
}
