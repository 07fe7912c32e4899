//! What OMEVV stores: repository profiles, their connection tests, baseline profiles and jobs.
//! Consoles, clusters and hosts are the world's; a host's drift and health are the hardware's
//! (shared with OMIVV through `dell_hosts`).

use serde::{Deserialize, Serialize};

use crate::omivv::tables::HostState;
use crate::store::{Database, Journaled, Table};
use crate::world::firmware::FirmwareLedger;

mod hosts;
pub use hosts::{in_maintenance, managed, snmp_fixed, updated_by_omevv};

/// A repository profile. A share password is kept only as whether one was given.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RepositoryRow {
    pub name: String,
    pub description: Option<String>,
    /// `Firmware` or `Driver`.
    pub profile_type: String,
    /// `CIFS`, `NFS`, `HTTP` or `HTTPS`.
    pub protocol: String,
    pub share_path: String,
    pub share_user: Option<String>,
    pub share_domain: Option<String>,
    pub factory: bool,
    pub created_by: String,
    pub modified_by: Option<String>,
    pub created_ms: i64,
    /// The catalog is parsed from here on; `Parsing` before.
    pub parsed_ms: i64,
    /// Made by a resync from OpenManage Enterprise's Update Manager (owner `UMP`): only a resync
    /// changes it.
    #[serde(default)]
    pub ump: bool,
    /// The catalog's file name when the share path does not give it (a UMP catalog's).
    #[serde(default)]
    pub file_name: Option<String>,
}

/// A test-connection job: its one run ends at `ends_ms` with `ok`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ConnectionTestRow {
    pub starts_ms: i64,
    pub ends_ms: i64,
    pub ok: bool,
    pub message: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Schedule {
    /// Monday first.
    pub days: [bool; 7],
    /// `HH:MM`.
    pub time: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BaselineRow {
    pub console: String,
    pub name: String,
    pub description: Option<String>,
    pub firmware_repo: u64,
    /// OMEVV group ids (a cluster's group).
    pub groups: Vec<i64>,
    pub drift_job: u64,
    pub created_ms: i64,
    pub modified_ms: Option<i64>,
    pub modified_by: String,
    /// `CREATING` until then, `SUCCESSFUL` after.
    pub ready_ms: i64,
}

/// What a firmware update job does to one host.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UpdateTarget {
    pub host_id: i64,
    /// `sourceName`s of the components to bring to the baseline's version.
    pub components: Vec<String>,
}

/// What a compliance job does to each host.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub enum ComplianceAction {
    /// `RunCompliance`: checks.
    Check,
    /// `RunComplianceWithInventory`: inventories, then checks.
    CheckWithInventory,
    /// `FixCompliance`: makes OMEVV the iDRAC's SNMP trap destination.
    Fix,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum JobWork {
    /// A baseline profile's weekly drift detection.
    Drift { schedule: Schedule },
    /// Bringing hosts under OMEVV's management (`manage`, also what a discovery does) or out
    /// of it, one host after the other (OMEVV's host ids).
    Manage {
        hosts: Vec<i64>,
        manage: bool,
        /// `Discover`, `Manage` or `UnManage`: what the job's name and description say it did.
        action: String,
        ms_per_host: i64,
    },
    /// A firmware update of hosts of one group, one host after the other.
    Update {
        group: i64,
        targets: Vec<UpdateTarget>,
        run_now: bool,
        /// The schedule's `dateTime` as the client wrote it.
        date_time: Option<String>,
        /// Per host: the job's run ends at `starts_ms + hosts × this`.
        ms_per_host: i64,
        /// Hosts that fail (critical health when the job was made), by id.
        failing: Vec<i64>,
    },
    /// Checking or fixing what OMEVV needs to manage hosts, one host after the other.
    Compliance {
        hosts: Vec<i64>,
        action: ComplianceAction,
        ms_per_host: i64,
    },
}

/// A job on the sandbox clock: its state follows from the times.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct JobRow {
    pub console: String,
    pub name: String,
    pub description: Option<String>,
    pub created_ms: i64,
    pub created_by: String,
    pub starts_ms: i64,
    pub work: JobWork,
    /// When a scheduled job was cancelled (it then never runs).
    #[serde(default)]
    pub cancelled_ms: Option<i64>,
    /// Deleted jobs are hidden; what they did stays done.
    #[serde(default)]
    pub deleted: bool,
}

impl JobRow {
    /// The (host, turn start, turn end) of each host the job works on, for jobs that do.
    pub fn turns(&self) -> Vec<(i64, i64, i64)> {
        if self.cancelled_ms.is_some() {
            return Vec::new();
        }
        let (hosts, ms): (Vec<i64>, i64) = match &self.work {
            JobWork::Update {
                targets,
                ms_per_host,
                ..
            } => (targets.iter().map(|t| t.host_id).collect(), *ms_per_host),
            JobWork::Manage {
                hosts, ms_per_host, ..
            }
            | JobWork::Compliance {
                hosts, ms_per_host, ..
            } => (hosts.clone(), *ms_per_host),
            JobWork::Drift { .. } => return Vec::new(),
        };
        hosts
            .into_iter()
            .enumerate()
            .map(|(i, h)| {
                let from = self.starts_ms + i as i64 * ms;
                (h, from, from + ms)
            })
            .collect()
    }
}

/// What a vLCM hardware-support-manager task does (`TaskInfo.action`).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub enum HsmAction {
    GetHostInventory,
    Scan,
    StageUpdate,
    UpdatePreCheck,
    PreImageUpdate,
    PostImageUpdate,
}

/// A vLCM task: its hosts one after the other from `starts_ms`, `ms_per_host` each.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HsmTaskRow {
    pub console: String,
    pub action: HsmAction,
    /// OMEVV host ids.
    pub hosts: Vec<i64>,
    /// The hardware support package and version it was asked for.
    pub package: Option<(String, String)>,
    pub starts_ms: i64,
    pub ms_per_host: i64,
    /// Hosts it fails on (critical when the task was made, for the actions that check health).
    pub failing: Vec<i64>,
    pub cancelled_ms: Option<i64>,
}

impl HsmTaskRow {
    /// (host, turn start, turn end) of each host; after a cancel, only the turns that had ended.
    pub fn turns(&self) -> Vec<(i64, i64, i64)> {
        self.hosts
            .iter()
            .enumerate()
            .map(|(i, h)| {
                let from = self.starts_ms + i as i64 * self.ms_per_host;
                (*h, from, from + self.ms_per_host)
            })
            .filter(|(_, _, end)| self.cancelled_ms.is_none_or(|c| *end <= c))
            .collect()
    }

    pub fn ends_ms(&self) -> i64 {
        self.starts_ms + self.hosts.len() as i64 * self.ms_per_host
    }
}

/// A session of OpenManage Enterprise's own API (OMEVV runs inside OME); the token is kept only
/// as its SHA-256.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OmeSessionRow {
    pub user: String,
    pub token_sha256: String,
    pub created_ms: i64,
    pub ip: String,
}

/// A vCenter's registration, once changed through the API (before that, the configuration's).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Registration {
    pub registered: bool,
    /// `WEBCLIENT_PHA`, `VLCM`.
    pub extensions: Vec<String>,
    pub description: Option<String>,
    /// The vCenter account OMEVV signs in with (never its password).
    pub username: String,
}

/// What OMEVV posts to one vCenter.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub struct EventSettings {
    pub events: bool,
    pub alarms: bool,
    pub mpr_alarms: bool,
}

impl Default for EventSettings {
    fn default() -> Self {
        Self {
            events: true,
            alarms: false,
            mpr_alarms: false,
        }
    }
}

/// The appliance's own settings.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct ApplianceSettings {
    pub extended_monitoring: bool,
    pub snmp_trap_monitoring: bool,
    pub reset_idrac: bool,
    pub clear_idrac_jobs: bool,
}

/// What OMEVV may touch of the sandbox's state: its tables, and the hosts' state a test set
/// (the same hardware OMIVV reports).
pub trait OmevvState: Journaled + FirmwareLedger + Send + Sync {
    fn omevv(&self) -> &OmevvTables;
    fn omevv_mut(&mut self) -> &mut OmevvTables;
    fn dell_host(&self, host_id: &str) -> Option<HostState>;
}

pub type OmevvDb = Database<dyn OmevvState>;

pub struct OmevvTables {
    pub repositories: Table<RepositoryRow>,
    pub connection_tests: Table<ConnectionTestRow>,
    pub baselines: Table<BaselineRow>,
    pub jobs: Table<JobRow>,
    /// By vCenter name; a vCenter without a row is as the configuration registers it.
    pub registrations: Table<Registration>,
    /// By console uuid; a vCenter without a row has the defaults.
    pub event_settings: Table<EventSettings>,
    /// One row, `appliance`, once changed.
    pub settings: Table<ApplianceSettings>,
    /// The last id given out, per kind of object; `seeded` once the factory objects exist.
    pub sequences: Table<u64>,
    /// Proactive HA severity overrides, by component id; a component without a row has its
    /// default.
    pub severities: Table<String>,
    /// vLCM hardware-support-manager tasks, by `task-<n>`.
    pub hsm_tasks: Table<HsmTaskRow>,
    /// OpenManage Enterprise API sessions, by id.
    pub ome_sessions: Table<OmeSessionRow>,
}

crate::journaled!(OmevvTables {
    repositories,
    connection_tests,
    baselines,
    jobs,
    registrations,
    event_settings,
    settings,
    sequences,
    severities,
    hsm_tasks,
    ome_sessions
});

impl Default for OmevvTables {
    fn default() -> Self {
        Self {
            repositories: Table::new("omevv.repositories"),
            connection_tests: Table::new("omevv.connection_tests"),
            baselines: Table::new("omevv.baselines"),
            jobs: Table::new("omevv.jobs"),
            registrations: Table::new("omevv.registrations"),
            event_settings: Table::new("omevv.event_settings"),
            settings: Table::new("omevv.settings"),
            sequences: Table::new("omevv.sequences"),
            severities: Table::new("omevv.severities"),
            hsm_tasks: Table::new("omevv.hsm_tasks"),
            ome_sessions: Table::new("omevv.ome_sessions"),
        }
    }
}

impl OmevvTables {
    pub fn reset(&mut self) {
        self.repositories.clear();
        self.connection_tests.clear();
        self.baselines.clear();
        self.jobs.clear();
        self.registrations.clear();
        self.event_settings.clear();
        self.settings.clear();
        self.sequences.clear();
        self.severities.clear();
        self.hsm_tasks.clear();
        self.ome_sessions.clear();
    }

    /// The next id of a kind of object (ids start at 1000, as Dell's samples show).
    pub fn next_id(&mut self, kind: &str) -> u64 {
        let next = self.sequences.get(kind).map_or(1000, |last| last + 1);
        self.sequences.insert(kind.to_string(), next);
        next
    }
}
