//! What a fresh appliance holds (the configured jobs, Dell's repository profiles, an evaluation
//! license), the alarm settings of each vCenter, and the states a test can ask for through the
//! control API (a job that fails, an unhealthy or drifted host).

use super::consoles::Registered;
use super::errors::OmivvError;
use super::licenses::seed_licenses;
use super::profiles::seed_repository_profiles;
use super::sessions::Caller;
use super::tables::{AlarmSettings, HostState, JobRow, OmivvTables};
use super::Omivv;
use crate::generated::omivv::types;
use crate::omivv::tables::{JobOutcome, OmivvJobKind};
use crate::world::HostHealth;

const SEEDED: &str = "seeded";
/// How far from now a job may be placed (the clock itself moves at most 100 years at once).
pub const MAX_OFFSET_SECONDS: u64 = 100 * 365 * 86_400;
const EVENT_POST_TYPES: [&str; 4] = [
    "NO_EVENTS",
    "ALL_EVENTS",
    "CRITICAL_AND_WARNING_EVENTS",
    "VIRTUALIZATION_EVENTS",
];

/// A job a test adds (`POST /sandbox/v1/omivv/jobs`).
pub struct NewJob {
    pub kind: OmivvJobKind,
    pub name: String,
    pub console_id: String,
    pub cluster_id: Option<String>,
    pub starts_in_seconds: i64,
    pub duration_seconds: i64,
    pub outcome: JobOutcome,
}

fn alarm_view(a: &AlarmSettings) -> types::AlarmsAndEvents {
    let event_post_type = match a.event_post_type.as_str() {
        "NO_EVENTS" => types::EventPostType::NoEvents,
        "ALL_EVENTS" => types::EventPostType::AllEvents,
        "VIRTUALIZATION_EVENTS" => types::EventPostType::VirtualizationEvents,
        _ => types::EventPostType::CriticalAndWarningEvents,
    };
    types::AlarmsAndEvents {
        alarm_status: a.alarms,
        mpr_alarm_status: a.mpr_alarms,
        event_post_type,
    }
}

/// The hosts an update job updates: its cluster's, or every host of the vCenter.
fn update_hosts(r: &Registered<'_>, kind: OmivvJobKind, cluster: Option<&str>) -> Vec<String> {
    if kind != OmivvJobKind::FirmwareUpdate {
        return Vec::new();
    }
    r.hosts()
        .filter(|(_, c, _)| cluster.is_none() || c.map(|c| c.id.as_str()) == cluster)
        .map(|(_, _, h)| h.id.clone())
        .collect()
}

fn default_alarms() -> AlarmSettings {
    AlarmSettings {
        alarms: false,
        mpr_alarms: false,
        event_post_type: "CRITICAL_AND_WARNING_EVENTS".into(),
    }
}

impl Omivv {
    /// Creates what a fresh appliance holds, once per state (again after a reset). Jobs are
    /// placed relative to the sandbox clock at that moment.
    pub fn seed(&self, t: &mut OmivvTables) {
        if t.sequences.contains(SEEDED) {
            return;
        }
        let now = self.clock.now_ms();
        t.sequences.insert(SEEDED.into(), now as u64);
        for j in &self.config.jobs {
            // The configuration was checked: the vCenter has a console, the cluster exists.
            let Some(r) = self.registered().find(|r| r.console.vcenter == j.vcenter) else {
                continue;
            };
            let cluster_id = j
                .cluster
                .as_ref()
                .and_then(|name| r.clusters().find(|c| &c.name == name))
                .map(|c| c.id.clone());
            let hosts = update_hosts(&r, j.kind, cluster_id.as_deref());
            Self::insert_job(
                t,
                JobRow {
                    kind: j.kind,
                    name: j.name.clone(),
                    console_id: r.console.id.clone(),
                    cluster_id,
                    starts_ms: now + j.starts_in_seconds * 1000,
                    duration_ms: j.duration_seconds * 1000,
                    outcome: j.outcome,
                    cancelled_ms: None,
                    hosts,
                    components: None,
                },
            );
        }
        seed_repository_profiles(t, now);
        seed_licenses(t, now);
    }

    /// When the state was seeded (what the configured objects date from).
    pub(super) async fn seeded_ms(&self) -> i64 {
        let state = self.db.read().await;
        state
            .omivv()
            .sequences
            .get(SEEDED)
            .map_or(0, |&ms| ms as i64)
    }

    pub async fn alarms_and_events(
        &self,
        caller: &Caller,
    ) -> Result<types::AlarmsAndEvents, OmivvError> {
        let console = &caller.context()?.console_id;
        let state = self.db.read().await;
        let settings = state.omivv().alarms.get(console).cloned();
        Ok(alarm_view(&settings.unwrap_or_else(default_alarms)))
    }

    pub async fn set_alarms_and_events(
        &self,
        caller: &Caller,
        body: &types::AlarmsAndEventsUpdate,
    ) -> Result<types::AlarmsAndEvents, OmivvError> {
        let console = caller.context()?.console_id.clone();
        if let Some(t) = body.event_post_type.as_deref() {
            if !EVENT_POST_TYPES.contains(&t) {
                return Err(OmivvError::InvalidParameters(format!(
                    "eventPostType: {t:?} is not one of {}",
                    EVENT_POST_TYPES.join(", ")
                )));
            }
        }
        self.db
            .write(|s| {
                let mut a = s
                    .omivv()
                    .alarms
                    .get(&console)
                    .cloned()
                    .unwrap_or_else(default_alarms);
                a.alarms = body.alarm_status;
                a.mpr_alarms = body.mpr_alarm_status;
                if let Some(t) = &body.event_post_type {
                    a.event_post_type = t.clone();
                }
                s.omivv_mut().alarms.insert(console, a.clone());
                Ok(alarm_view(&a))
            })
            .await
    }

    /// Adds a job on a console's vCenter; answers its id.
    pub async fn add_job(&self, job: NewJob) -> Result<String, OmivvError> {
        let r = self.find_console(&job.console_id)?;
        if let Some(c) = &job.cluster_id {
            if !r.clusters().any(|cl| &cl.id == c) {
                return Err(OmivvError::ClusterNotFound(c.clone()));
            }
        }
        if job.duration_seconds < 1 || job.duration_seconds > 365 * 86_400 {
            return Err(OmivvError::InvalidParameters(
                "duration_seconds: from 1 to a year".into(),
            ));
        }
        if job.starts_in_seconds.unsigned_abs() > MAX_OFFSET_SECONDS {
            return Err(OmivvError::InvalidParameters(
                "starts_in_seconds: within 100 years".into(),
            ));
        }
        let now = self.clock.now_ms();
        let hosts = update_hosts(&r, job.kind, job.cluster_id.as_deref());
        self.db
            .write(|s| {
                let row = JobRow {
                    kind: job.kind,
                    name: job.name.clone(),
                    console_id: job.console_id.clone(),
                    cluster_id: job.cluster_id.clone(),
                    starts_ms: now + job.starts_in_seconds * 1000,
                    duration_ms: job.duration_seconds * 1000,
                    outcome: job.outcome,
                    cancelled_ms: None,
                    hosts,
                    components: None,
                };
                Ok(Self::insert_job(s.omivv_mut(), row))
            })
            .await
    }

    /// Sets what a host reports; `None` keeps a value. Answers the host's state now.
    pub async fn set_host_state(
        &self,
        host_id: &str,
        health: Option<HostHealth>,
        drift: Option<bool>,
    ) -> Result<HostState, OmivvError> {
        let host = self
            .registered()
            .find_map(|r| r.hosts().find(|(_, _, h)| h.id == host_id))
            .map(|(_, _, h)| h)
            .ok_or_else(|| OmivvError::HostNotFound(host_id.to_string()))?;
        let now = self.clock.now_ms();
        self.db
            .write(|s| {
                let mut state = super::inventory::host_state(s.omivv(), host);
                if let Some(health) = health.filter(|h| *h != state.health) {
                    state.health = health;
                    state.health_since_ms = now;
                }
                if let Some(drift) = drift {
                    // Drifting now: updates made before do not count.
                    state.drift = drift;
                    state.drift_since_ms = now;
                }
                s.omivv_mut().host_states.insert(host_id.to_string(), state);
                Ok(state)
            })
            .await
    }
}
