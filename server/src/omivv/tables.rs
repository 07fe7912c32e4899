//! What OMIVV stores: sessions, lockouts, the secret that signs session tokens, and the
//! appliance's own objects (jobs, alarm settings, repository profiles, licenses, host states a
//! test asked for).

use std::net::IpAddr;

use serde::{Deserialize, Serialize};

use crate::store::{Database, Journaled, Table};
use crate::world::firmware::FirmwareLedger;
use crate::world::HostHealth;

/// What an OMIVV job does (stored with the job, and named in the configuration).
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum OmivvJobKind {
    FirmwareUpdate,
    DriftDetection,
}

/// How an OMIVV job ends when its time is up.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum JobOutcome {
    #[default]
    Completed,
    Failed,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Session {
    /// `domain\username`.
    pub account: String,
    pub ip: IpAddr,
    pub expires_ms: i64,
    /// The console id of the session's operational context.
    pub context: Option<String>,
    /// Whether the context's vCenter account may change things (not a read-only account).
    #[serde(default)]
    pub context_may_modify: bool,
}

/// A job on the sandbox clock: its state follows from the times (see `jobs`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct JobRow {
    pub kind: OmivvJobKind,
    pub name: String,
    pub console_id: String,
    pub cluster_id: Option<String>,
    pub starts_ms: i64,
    pub duration_ms: i64,
    pub outcome: JobOutcome,
    pub cancelled_ms: Option<i64>,
    /// The hosts (world ids) an update job updates, resolved when it was made; empty in rows
    /// stored before jobs changed firmware.
    #[serde(default)]
    pub hosts: Vec<String>,
    /// The components (`sourceName`s) an update job updates; `None` for all of them.
    #[serde(default)]
    pub components: Option<Vec<String>>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AlarmSettings {
    pub alarms: bool,
    pub mpr_alarms: bool,
    /// An `EventPostType` value.
    pub event_post_type: String,
}

/// What a test asked a host to report (`PUT /sandbox/v1/omivv/hosts/{id}`).
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct HostState {
    pub health: HostHealth,
    pub drift: bool,
    /// When the firmware last drifted: updates that completed before do not undo it (0 for a
    /// host the world describes as drifted).
    #[serde(default)]
    pub drift_since_ms: i64,
    /// When the health was last set (0: as the world describes it).
    #[serde(default)]
    pub health_since_ms: i64,
}

/// A repository profile. The share password is not kept: nothing in the sandbox reads shares.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RepositoryProfileRow {
    pub name: String,
    pub description: String,
    pub global_default: bool,
    /// `FIRMWARE` or `DRIVER`.
    pub repo_type: String,
    /// `CIFS`, `NFS`, `HTTP` or `HTTPS`.
    pub protocol: String,
    pub uri: String,
    /// (username, domain)
    pub share_user: Option<(String, String)>,
    pub dell_default: bool,
    pub updated_ms: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LicenseRow {
    pub evaluation: bool,
    pub entitlement_id: String,
    pub hosts: i32,
    pub vcenters: i32,
    pub imported_ms: i64,
    pub expires_ms: Option<i64>,
}

#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct Lockout {
    pub consecutive_failures: u32,
    pub locked_until_ms: i64,
}

/// What OMIVV may touch of the sandbox's state: its own tables, and what updates (its own and
/// OMEVV's) did to the hosts' firmware.
pub trait OmivvState: Journaled + FirmwareLedger + Send + Sync {
    fn omivv(&self) -> &OmivvTables;
    fn omivv_mut(&mut self) -> &mut OmivvTables;
}

/// The sandbox's database as OMIVV sees it.
pub type OmivvDb = Database<dyn OmivvState>;

pub struct OmivvTables {
    /// By session id (the `sid` claim of the session's token).
    pub sessions: Table<Session>,
    /// By account (`domain\username`); only accounts that exist.
    pub lockouts: Table<Lockout>,
    /// The HS256 secret (hex), kept so that tokens survive a restart on the same database.
    pub keys: Table<String>,
    /// Update and drift jobs, by id.
    pub jobs: Table<JobRow>,
    /// By console id; a console without a row has the defaults.
    pub alarms: Table<AlarmSettings>,
    /// By host id; a host without a row is as the configuration describes it.
    pub host_states: Table<HostState>,
    pub repository_profiles: Table<RepositoryProfileRow>,
    pub licenses: Table<LicenseRow>,
    /// The last id given out, per kind of object; `seeded` once the configured objects exist.
    pub sequences: Table<u64>,
}

crate::journaled!(OmivvTables {
    sessions,
    lockouts,
    keys,
    jobs,
    alarms,
    host_states,
    repository_profiles,
    licenses,
    sequences
});

pub const SIGNING_SECRET: &str = "signing-secret";

impl Default for OmivvTables {
    fn default() -> Self {
        Self {
            sessions: Table::new("omivv.sessions"),
            lockouts: Table::new("omivv.lockouts"),
            keys: Table::new("omivv.keys"),
            jobs: Table::new("omivv.jobs"),
            alarms: Table::new("omivv.alarms"),
            host_states: Table::new("omivv.host_states"),
            repository_profiles: Table::new("omivv.repository_profiles"),
            licenses: Table::new("omivv.licenses"),
            sequences: Table::new("omivv.sequences"),
        }
    }
}

impl OmivvTables {
    pub fn ensure_signing_secret(&mut self) {
        if !self.keys.contains(SIGNING_SECRET) {
            let secret: [u8; 32] = rand::random();
            self.keys.insert(SIGNING_SECRET.into(), hex::encode(secret));
        }
    }

    pub fn signing_secret(&self) -> Vec<u8> {
        self.keys
            .get(SIGNING_SECRET)
            .and_then(|h| hex::decode(h).ok())
            .unwrap_or_default()
    }

    /// Forgets every session, lockout and object (the caller seeds the configured ones again).
    pub fn reset(&mut self) {
        self.sessions.clear();
        self.lockouts.clear();
        self.jobs.clear();
        self.alarms.clear();
        self.host_states.clear();
        self.repository_profiles.clear();
        self.licenses.clear();
        self.sequences.clear();
    }

    /// The next id of a kind of object (`first` for the first one).
    pub fn next_id(&mut self, kind: &str, first: u64) -> String {
        let next = self.sequences.get(kind).map_or(first, |last| last + 1);
        self.sequences.insert(kind.to_string(), next);
        next.to_string()
    }
}

/// Whether an OMIVV firmware update job that completed after `since` and by `now` covered the
/// host.
pub fn updated_by_omivv(
    t: &OmivvTables,
    host_id: &str,
    component: &str,
    since: i64,
    now: i64,
) -> bool {
    t.jobs.values().any(|j| {
        let named = j
            .components
            .as_ref()
            .is_none_or(|c| c.iter().any(|c| c == component));
        let end = j.starts_ms + j.duration_ms;
        j.kind == OmivvJobKind::FirmwareUpdate
            && j.cancelled_ms.is_none()
            && j.outcome == JobOutcome::Completed
            && since < end
            && end <= now
            && j.hosts.iter().any(|h| h == host_id)
            && named
    })
}
