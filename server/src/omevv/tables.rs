//! What OMEVV stores: repository profiles, their connection tests, baseline profiles and jobs.
//! Consoles, clusters and hosts are the world's; a host's drift and health are the hardware's
//! (shared with OMIVV through `dell_hosts`).

use serde::{Deserialize, Serialize};

use crate::omivv::tables::HostState;
use crate::store::{Database, Journaled, Table};
use crate::world::firmware::FirmwareLedger;

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

#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum JobWork {
    /// A baseline profile's weekly drift detection.
    Drift { schedule: Schedule },
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
    /// The last id given out, per kind of object; `seeded` once the factory objects exist.
    pub sequences: Table<u64>,
}

crate::journaled!(OmevvTables {
    repositories,
    connection_tests,
    baselines,
    jobs,
    sequences
});

impl Default for OmevvTables {
    fn default() -> Self {
        Self {
            repositories: Table::new("omevv.repositories"),
            connection_tests: Table::new("omevv.connection_tests"),
            baselines: Table::new("omevv.baselines"),
            jobs: Table::new("omevv.jobs"),
            sequences: Table::new("omevv.sequences"),
        }
    }
}

impl OmevvTables {
    pub fn reset(&mut self) {
        self.repositories.clear();
        self.connection_tests.clear();
        self.baselines.clear();
        self.jobs.clear();
        self.sequences.clear();
    }

    /// The next id of a kind of object (ids start at 1000, as Dell's samples show).
    pub fn next_id(&mut self, kind: &str) -> u64 {
        let next = self.sequences.get(kind).map_or(1000, |last| last + 1);
        self.sequences.insert(kind.to_string(), next);
        next
    }
}

/// Whether an OMEVV update job that completed on host `host` (OMEVV's id) after `since` and by
/// `now` named `component`: each host's turn ends one after the other, and a failing host
/// changes nothing.
pub fn updated_by_omevv(t: &OmevvTables, host: i64, component: &str, since: i64, now: i64) -> bool {
    t.jobs.values().any(|j| match &j.work {
        JobWork::Update {
            targets,
            ms_per_host,
            failing,
            ..
        } => targets.iter().enumerate().any(|(i, target)| {
            target.host_id == host
                && !failing.contains(&host)
                && target.components.iter().any(|c| c == component)
                && (since + 1..=now).contains(&(j.starts_ms + (i as i64 + 1) * ms_per_host))
        }),
        JobWork::Drift { .. } => false,
    })
}

/// Whether an update job is updating host `host` (OMEVV's id) at `now`: it is then in
/// maintenance mode.
pub fn in_maintenance(t: &OmevvTables, host: i64, now: i64) -> bool {
    t.jobs.values().any(|j| match &j.work {
        JobWork::Update {
            targets,
            ms_per_host,
            ..
        } => targets.iter().enumerate().any(|(i, target)| {
            let from = j.starts_ms + i as i64 * ms_per_host;
            target.host_id == host && (from..from + ms_per_host).contains(&now)
        }),
        JobWork::Drift { .. } => false,
    })
}
