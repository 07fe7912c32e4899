//! Update and drift jobs of a vCenter, on the sandbox clock. An update job runs its hosts one
//! after the other; each host's components reach the catalog's version when its turn ends,
//! unless the host's health was critical when the job was made (that host fails).

use serde_json::{json, Map};

use super::super::api::Caller;
use super::super::baselines::{next_run, schedule_json};
use super::super::errors::OmevvError;
use super::super::inventory::host_state;
use super::super::tables::{JobRow, JobWork, OmevvTables, UpdateTarget};
use super::super::{Console, Omevv};
use crate::clock::{days_of_date, rfc3339};
use crate::generated::omevv::types;
use crate::world::firmware::component;
use crate::world::HostHealth;

/// Epoch milliseconds of `YYYY-MM-DDTHH:MM:SS` with `Z` or a `±HH:MM`/`±HHMM` offset.
fn parse_date_time(text: &str) -> Option<i64> {
    let (date, rest) = text.split_once('T')?;
    let days = days_of_date(date)?;
    let clock = rest.get(..8)?;
    let zone = &rest[8..];
    let mut parts = clock.split(':');
    let mut field = |max: i64| -> Option<i64> {
        let v: i64 = parts.next()?.parse().ok()?;
        (0..=max).contains(&v).then_some(v)
    };
    let secs = field(23)? * 3600 + field(59)? * 60 + field(59)?;
    let offset = match zone {
        "Z" | "z" => 0,
        _ => {
            let sign = match zone.get(..1)? {
                "+" => 1,
                "-" => -1,
                _ => return None,
            };
            let digits: String = zone[1..].chars().filter(|c| *c != ':').collect();
            if digits.len() != 4 {
                return None;
            }
            let h: i64 = digits[..2].parse().ok()?;
            let m: i64 = digits[2..].parse().ok()?;
            sign * (h * 3600 + m * 60)
        }
    };
    Some((days * 86_400 + secs - offset) * 1000)
}

/// Where an update job is at `now`.
struct Progress {
    state: types::JobState,
    ends_ms: i64,
    failed: bool,
}

fn progress(j: &JobRow, now: i64) -> Option<Progress> {
    let JobWork::Update {
        targets,
        ms_per_host,
        failing,
        ..
    } = &j.work
    else {
        return None;
    };
    let ends_ms = j.starts_ms + targets.len() as i64 * ms_per_host;
    let state = if now < j.starts_ms {
        types::JobState::Scheduled
    } else if now < ends_ms {
        types::JobState::Running
    } else {
        types::JobState::Completed
    };
    Some(Progress {
        state,
        ends_ms,
        failed: !failing.is_empty(),
    })
}

fn pending_on(t: &OmevvTables, console: &str, group: i64, now: i64) -> bool {
    t.jobs.values().any(|j| {
        j.console == console
            && matches!(&j.work, JobWork::Update { group: g, .. } if *g == group)
            && progress(j, now).is_some_and(|p| p.state != types::JobState::Completed)
    })
}

fn job_view(console: &Console<'_>, id: &str, j: &JobRow, now: i64) -> types::Job {
    use types::JobExecutionHistoryStatusSummary as Summary;
    let mut job = types::Job {
        job_id: id.parse().ok(),
        job_name: Some(j.name.clone()),
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
    match &j.work {
        JobWork::Drift { schedule } => {
            job.job_type = Some(types::JobType::DriftJob);
            job.schedule = Some(types::JobSchedule(schedule_json(schedule)));
            job.next_run = next_run(schedule, now).map(rfc3339);
            job.state = Some(types::JobState::Scheduled);
            job.editable = Some(true);
            job.collection_size = Some(0);
        }
        JobWork::Update {
            targets,
            run_now,
            date_time,
            ms_per_host,
            ..
        } => {
            let p = progress(j, now).expect("an update job");
            let mut schedule = Map::new();
            schedule.insert("runNow".into(), json!(run_now));
            if let Some(at) = date_time {
                schedule.insert("dateTime".into(), json!(at));
            }
            job.job_type = Some(types::JobType::FwUpdate);
            job.schedule = Some(types::JobSchedule(schedule));
            job.state = Some(p.state);
            job.editable = Some(p.state == types::JobState::Scheduled);
            job.collection_size = Some(targets.len() as i64);
            job.job_targets = targets
                .iter()
                .map(|t| types::TargetDetails {
                    target_id: Some(t.host_id.to_string()),
                    console_address: Some(console.vcenter.config.hostname.clone()),
                    target_type: Some(types::TargetDetailsTargetType::Host),
                })
                .collect();
            if p.state == types::JobState::Scheduled {
                job.next_run = Some(rfc3339(j.starts_ms));
            } else {
                let done = p.state == types::JobState::Completed;
                let hosts_done =
                    ((now - j.starts_ms) / ms_per_host.max(&1)).min(targets.len() as i64);
                job.last_run = Some(rfc3339(j.starts_ms));
                job.last_execution_history = Some(types::JobExecutionHistory {
                    history_id: job.job_id,
                    start_time: Some(rfc3339(j.starts_ms)),
                    end_time: done.then(|| rfc3339(p.ends_ms)),
                    updated_time: Some(rfc3339(now.min(p.ends_ms))),
                    progress: Some(if done {
                        100
                    } else {
                        hosts_done * 100 / targets.len().max(1) as i64
                    }),
                    status_summary: Some(match (done, p.failed) {
                        (false, _) => Summary::Running,
                        (true, false) => Summary::Successful,
                        (true, true) => Summary::Failed,
                    }),
                    status_summary_message: Some(match (done, p.failed) {
                        (false, _) => format!("Updated {hosts_done} of {} hosts", targets.len()),
                        (true, false) => "Firmware update completed successfully".into(),
                        (true, true) => "Firmware update failed on one or more hosts".into(),
                    }),
                });
            }
        }
    }
    job
}

impl Omevv {
    pub async fn jobs(
        &self,
        console: &Console<'_>,
        kind: Option<types::JobType>,
    ) -> Vec<types::Job> {
        let now = self.clock.now_ms();
        let s = self.db.read().await;
        let mut all: Vec<_> = s
            .omevv()
            .jobs
            .iter()
            .filter(|(_, j)| j.console == console.uuid)
            .map(|(id, j)| job_view(console, id, j, now))
            .filter(|j| kind.is_none_or(|k| j.job_type == Some(k)))
            .collect();
        all.sort_by_key(|j| j.job_id);
        all
    }

    pub async fn job(&self, console: &Console<'_>, id: i64) -> Result<types::Job, OmevvError> {
        let now = self.clock.now_ms();
        let s = self.db.read().await;
        s.omevv()
            .jobs
            .get(&id.to_string())
            .filter(|j| j.console == console.uuid)
            .map(|j| job_view(console, &id.to_string(), j, now))
            .ok_or_else(|| OmevvError::NotFound("job", id.to_string()))
    }

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
        let starts_ms = if schedule.run_now {
            now
        } else {
            let text = schedule
                .date_time
                .as_deref()
                .ok_or_else(|| invalid("schedule.dateTime is required unless runNow".into()))?;
            let at = parse_date_time(text).ok_or_else(|| {
                invalid(format!("schedule.dateTime {text} is not a date and time"))
            })?;
            if at <= now {
                return Err(invalid(format!("schedule.dateTime {text} is in the past")));
            }
            at
        };
        let mut targets = Vec::new();
        for t in &firmware.targets {
            let h = console
                .host(t.id)
                .map_err(|_| invalid(format!("No host with id {}", t.id)))?;
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
                    },
                );
                Ok(id as i64)
            })
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::parse_date_time;

    #[test]
    fn schedule_times_are_read_with_their_offset() {
        assert_eq!(parse_date_time("1970-01-01T00:00:10Z"), Some(10_000));
        assert_eq!(parse_date_time("1970-01-01T05:30:00+05:30"), Some(0));
        assert_eq!(parse_date_time("1970-01-01T00:00:00-0100"), Some(3_600_000));
        for bad in [
            "1970-01-01",
            "1970-01-01T25:00:00Z",
            "1970-13-01T00:00:00Z",
            "1970-01-01T00:00:00",
        ] {
            assert_eq!(parse_date_time(bad), None, "{bad}");
        }
    }
}
