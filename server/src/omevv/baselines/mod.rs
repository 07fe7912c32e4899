//! Baseline profiles (Baselines tag): a firmware repository profile applied to clusters of one
//! vCenter, each with its weekly drift-detection job. A cluster belongs to at most one baseline.

mod api;

use serde_json::{json, Map, Value};

use super::api::Caller;
use super::errors::OmevvError;
use super::tables::{BaselineRow, JobRow, JobWork, OmevvTables, Schedule};
use super::{Console, Omevv};
use crate::clock::rfc3339;
use crate::generated::omevv::types;

const DAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

pub(crate) fn schedule_of(s: &types::DaysAndTimeOfWeek) -> Schedule {
    Schedule {
        days: [
            s.monday,
            s.tuesday,
            s.wednesday,
            s.thursday,
            s.friday,
            s.saturday,
            s.sunday,
        ],
        time: s.time.to_string(),
    }
}

/// A schedule as a change leaves it: what the change names, the rest as it was.
fn apply_schedule_change(s: &mut Schedule, change: &types::DaysAndTimeOfWeekChange) {
    let days = [
        change.monday,
        change.tuesday,
        change.wednesday,
        change.thursday,
        change.friday,
        change.saturday,
        change.sunday,
    ];
    for (day, new) in s.days.iter_mut().zip(days) {
        if let Some(on) = new {
            *day = on;
        }
    }
    if let Some(time) = &change.time {
        s.time = time.to_string();
    }
}

/// Exactly the seven days and the time, as Dell's modules compare it whole.
pub(crate) fn schedule_json(s: &Schedule) -> Map<String, Value> {
    let mut m = Map::new();
    for (day, on) in DAYS.iter().zip(s.days) {
        m.insert((*day).into(), json!(on));
    }
    m.insert("time".into(), json!(s.time));
    m
}

/// When a weekly schedule next fires after `now` (UTC), if it has a day at all.
pub(crate) fn next_run(s: &Schedule, now: i64) -> Option<i64> {
    let (h, m) = s.time.split_once(':')?;
    let minute_of_day: i64 = h.parse::<i64>().ok()? * 60 + m.parse::<i64>().ok()?;
    let today = now.div_euclid(86_400_000);
    (0..=7).map(|d| today + d).find_map(|day| {
        // 1970-01-01 was a Thursday: index 3 counting from Monday.
        let weekday = (day + 3).rem_euclid(7) as usize;
        let at = day * 86_400_000 + minute_of_day * 60_000;
        (s.days[weekday] && at > now).then_some(at)
    })
}

fn baseline_row<'a>(
    t: &'a OmevvTables,
    console: &str,
    id: i64,
) -> Result<&'a BaselineRow, OmevvError> {
    t.baselines
        .get(&id.to_string())
        .filter(|b| b.console == console)
        .ok_or_else(|| OmevvError::NotFound("baseline profile", id.to_string()))
}

impl Omevv {
    fn baseline_view(
        &self,
        console: &Console<'_>,
        t: &OmevvTables,
        id: &str,
        b: &BaselineRow,
        now: i64,
    ) -> types::BaselineProfile {
        use types::BaselineProfileStatus as Status;
        let repo = t.repositories.get(&b.firmware_repo.to_string());
        let drift_job = t.jobs.get(&b.drift_job.to_string());
        types::BaselineProfile {
            id: id.parse().unwrap_or_default(),
            name: b.name.clone(),
            description: b.description.clone(),
            console_id: Some(console.uuid.clone()),
            console_address: Some(console.vcenter.config.hostname.clone()),
            firmware_repo_id: b.firmware_repo as i64,
            firmware_repo_name: repo.map(|r| r.name.clone()).unwrap_or_default(),
            configuration_repo_id: None,
            configuration_repo_name: None,
            driver_repo_id: None,
            driver_repo_name: None,
            drift_job_id: b.drift_job as i64,
            drift_job_name: drift_job.map(|j| j.name.clone()),
            date_created: Some(rfc3339(b.created_ms)),
            date_modified: b.modified_ms.map(rfc3339),
            lastmodified_by: Some(b.modified_by.clone()),
            version: Some("1.0.0-0".into()),
            last_successful_updated_time: (now >= b.ready_ms).then(|| rfc3339(b.ready_ms)),
            cluster_groups: b
                .groups
                .iter()
                .filter_map(|g| console.group(*g).ok())
                .filter_map(|g| {
                    Some(types::ClusterGroup {
                        cluster_id: g.cluster?.id.clone(),
                        cluster_name: g.name.to_string(),
                        omevv_group_id: g.id,
                    })
                })
                .collect(),
            cluster_info: b
                .groups
                .iter()
                .filter_map(|g| console.group(*g).ok())
                .filter_map(|g| {
                    Some(types::ClusterInfo {
                        cluster_id: Some(g.cluster?.id.clone()),
                        cluster_name: Some(g.name.to_string()),
                        group_id: Some(g.id),
                    })
                })
                .collect(),
            baseline_type: Some(types::BaselineProfileBaselineType::Cluster),
            status: if now >= b.ready_ms {
                Status::Successful
            } else {
                Status::Creating
            },
        }
    }

    pub async fn baselines(
        &self,
        console: &Console<'_>,
        group: Option<i64>,
        name: Option<&str>,
    ) -> Vec<types::BaselineProfile> {
        let now = self.clock.now_ms();
        let s = self.db.read().await;
        let t = s.omevv();
        let mut all: Vec<_> = t
            .baselines
            .iter()
            .filter(|(_, b)| b.console == console.uuid)
            .filter(|(_, b)| group.is_none_or(|g| b.groups.contains(&g)))
            .filter(|(_, b)| name.is_none_or(|n| n == b.name))
            .map(|(id, b)| self.baseline_view(console, t, id, b, now))
            .collect();
        all.sort_by_key(|b| b.id);
        all
    }

    pub async fn baseline(
        &self,
        console: &Console<'_>,
        id: i64,
    ) -> Result<types::BaselineProfile, OmevvError> {
        let now = self.clock.now_ms();
        let s = self.db.read().await;
        let t = s.omevv();
        let b = baseline_row(t, &console.uuid, id)?;
        Ok(self.baseline_view(console, t, &id.to_string(), b, now))
    }

    /// Checks that `groups` are clusters of the console, in no other baseline than `except`.
    fn check_groups(
        console: &Console<'_>,
        t: &OmevvTables,
        groups: &[i64],
        except: Option<&str>,
    ) -> Result<(), OmevvError> {
        if groups.is_empty() {
            return Err(OmevvError::InvalidInput(
                "A baseline profile needs at least one cluster group".into(),
            ));
        }
        for g in groups {
            let group = console.group(*g).map_err(|_| {
                OmevvError::InvalidInput(format!("No cluster group with id {g} in this vCenter"))
            })?;
            if group.cluster.is_none() {
                return Err(OmevvError::InvalidInput(format!(
                    "Group {g} is not a cluster"
                )));
            }
            let taken = t.baselines.iter().find(|(id, b)| {
                Some(*id) != except && b.console == console.uuid && b.groups.contains(g)
            });
            if let Some((_, b)) = taken {
                return Err(OmevvError::InUse(format!(
                    "The cluster {} is already in the baseline profile {}",
                    group.name, b.name
                )));
            }
        }
        Ok(())
    }

    fn check_repository(t: &OmevvTables, id: i64) -> Result<(), OmevvError> {
        match t.repositories.get(&id.to_string()) {
            Some(r) if r.profile_type == "Firmware" => Ok(()),
            Some(r) => Err(OmevvError::InvalidInput(format!(
                "{} is not a firmware profile",
                r.name
            ))),
            None => Err(OmevvError::InvalidInput(format!(
                "No firmware repository profile with id {id}"
            ))),
        }
    }

    pub async fn create_baseline(
        &self,
        caller: &Caller,
        console: &Console<'_>,
        body: types::BaselineProfileCreateRequest,
    ) -> Result<i64, OmevvError> {
        let name = body.name.trim().to_string();
        if name.is_empty() {
            return Err(OmevvError::InvalidInput("name must not be empty".into()));
        }
        let now = self.clock.now_ms();
        let ready_ms = now + self.config.catalog_seconds * 1000;
        let schedule = schedule_of(&body.job_schedule);
        let mut groups = body.group_ids.clone();
        groups.dedup();
        self.db
            .write(|s| {
                let t = s.omevv_mut();
                if t.baselines
                    .values()
                    .any(|b| b.console == console.uuid && b.name.eq_ignore_ascii_case(&name))
                {
                    return Err(OmevvError::NameExists(name.clone()));
                }
                Self::check_repository(t, body.firmware_repo_id)?;
                Self::check_groups(console, t, &groups, None)?;
                let job = t.next_id("job");
                t.jobs.insert(
                    job.to_string(),
                    JobRow {
                        console: console.uuid.clone(),
                        name: format!("BP-{name}-Host-Firmware-Drift-Detection"),
                        description: None,
                        created_ms: now,
                        created_by: caller.name().to_string(),
                        starts_ms: now,
                        work: JobWork::Drift { schedule },
                        cancelled_ms: None,
                        deleted: false,
                    },
                );
                let id = t.next_id("baseline");
                t.baselines.insert(
                    id.to_string(),
                    BaselineRow {
                        console: console.uuid.clone(),
                        name,
                        description: body.description.clone(),
                        firmware_repo: body.firmware_repo_id as u64,
                        groups,
                        drift_job: job,
                        created_ms: now,
                        modified_ms: None,
                        modified_by: caller.name().to_string(),
                        ready_ms,
                    },
                );
                Ok(id as i64)
            })
            .await
    }

    /// PATCH and PUT alike: what the body names changes, the rest stays.
    pub async fn modify_baseline(
        &self,
        caller: &Caller,
        console: &Console<'_>,
        id: i64,
        body: types::BaselineProfileModifyRequest,
    ) -> Result<(), OmevvError> {
        let now = self.clock.now_ms();
        let key = id.to_string();
        self.db
            .write(|s| {
                let t = s.omevv_mut();
                let mut b = baseline_row(t, &console.uuid, id)?.clone();
                let removed = body.remove_group_ids.clone().unwrap_or_default();
                let mut groups: Vec<i64> = b
                    .groups
                    .iter()
                    .copied()
                    .filter(|g| !removed.contains(g))
                    .collect();
                for g in body.addgroup_ids.iter().flatten() {
                    if !groups.contains(g) {
                        groups.push(*g);
                    }
                }
                Self::check_groups(console, t, &groups, Some(&key))?;
                if let Some(repo) = body.firmware_repo_id {
                    Self::check_repository(t, repo)?;
                    b.firmware_repo = repo as u64;
                }
                if body.description.is_some() {
                    b.description = body.description.clone();
                }
                if let Some(change) = &body.job_schedule {
                    t.jobs.update(&b.drift_job.to_string(), |j| {
                        if let JobWork::Drift { schedule } = &mut j.work {
                            apply_schedule_change(schedule, change);
                        }
                    });
                }
                b.groups = groups;
                b.modified_ms = Some(now);
                b.modified_by = caller.name().to_string();
                t.baselines.insert(key.clone(), b);
                Ok(())
            })
            .await
    }

    pub async fn delete_baseline(&self, console: &Console<'_>, id: i64) -> Result<(), OmevvError> {
        self.db
            .write(|s| {
                let t = s.omevv_mut();
                let job = baseline_row(t, &console.uuid, id)?.drift_job;
                t.baselines.remove(&id.to_string());
                t.jobs.remove(&job.to_string());
                Ok(())
            })
            .await
    }
}
