//! OMIVV's section of the configuration: accounts, registered consoles, the jobs and cluster
//! profiles a fresh appliance holds, and its limits.

use serde::Deserialize;

use super::tables::{JobOutcome, OmivvJobKind};
use crate::secrets::check_password;
use crate::world::{Vcenter, World};

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum OmivvProfile {
    Administrator,
    ReadOnly,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OmivvAccount {
    pub username: String,
    #[serde(default)]
    pub domain: String,
    /// The password, or instead `password_hash`, an argon2 PHC string.
    #[serde(default)]
    pub password: Option<String>,
    #[serde(default)]
    pub password_hash: Option<String>,
    pub profile: OmivvProfile,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
/// A vCenter of the world registered with OMIVV.
pub struct OmivvConsole {
    /// OMIVV's id for the registration (the operational context's `consoleId`).
    pub id: String,
    /// The `name` of a `[[world.vcenters]]` entry.
    pub vcenter: String,
    #[serde(default)]
    pub description: Option<String>,
}

/// A job on a console's vCenter, placed on the sandbox clock when the state is first created
/// (and again on reset).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OmivvJobConfig {
    pub kind: OmivvJobKind,
    pub name: String,
    /// A world vCenter with a registered console.
    pub vcenter: String,
    /// A cluster of that vCenter, by name; none for a job over the whole vCenter.
    #[serde(default)]
    pub cluster: Option<String>,
    /// Negative for a job that already ran.
    pub starts_in_seconds: i64,
    #[serde(default = "default_job_seconds")]
    pub duration_seconds: i64,
    #[serde(default)]
    pub outcome: JobOutcome,
}

fn default_job_seconds() -> i64 {
    600
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClusterProfileConfig {
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
    pub vcenter: String,
    /// Cluster names of that vCenter.
    pub clusters: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub accounts: Vec<OmivvAccount>,
    pub consoles: Vec<OmivvConsole>,
    pub jobs: Vec<OmivvJobConfig>,
    pub cluster_profiles: Vec<ClusterProfileConfig>,
    pub session_minutes: i64,
    pub lockout_seconds: i64,
    pub failed_logins_before_lockout: u32,
    pub max_sessions: usize,
    pub max_client_ips: usize,
    pub requests_per_minute: u32,
    /// Requests one session may have in flight at once (429 beyond).
    pub max_parallel_per_session: usize,
}

impl Config {
    /// What the TOML types cannot say: each account has exactly one of `password` and
    /// `password_hash`; consoles name world vCenters, once each; jobs and cluster profiles name
    /// registered vCenters and their clusters.
    pub fn check(&self, world: &World) -> Result<(), String> {
        for a in &self.accounts {
            check_password("omivv account", &a.username, &a.password, &a.password_hash)?;
        }
        let mut ids = std::collections::HashSet::new();
        for c in &self.consoles {
            if world.vcenter(&c.vcenter).is_none() {
                return Err(format!(
                    "omivv console {}: no vCenter named {:?} in [[world.vcenters]]",
                    c.id, c.vcenter
                ));
            }
            if !ids.insert(&c.id) {
                return Err(format!("omivv console id {:?} appears twice", c.id));
            }
        }
        let registered = |what: &str, vcenter: &str| {
            let found = self.consoles.iter().any(|c| c.vcenter == vcenter);
            let vc = world.vcenter(vcenter).filter(|_| found).ok_or_else(|| {
                format!("{what}: vCenter {vcenter:?} has no [[omivv.consoles]] entry")
            })?;
            Ok::<_, String>(vc)
        };
        let has_cluster = |vc: &Vcenter, name: &str| {
            vc.datacenters
                .iter()
                .flat_map(|d| &d.clusters)
                .any(|c| c.name == name)
        };
        for j in &self.jobs {
            let what = format!("omivv job {:?}", j.name);
            let vc = registered(&what, &j.vcenter)?;
            if let Some(c) = j.cluster.as_deref().filter(|c| !has_cluster(vc, c)) {
                return Err(format!("{what}: no cluster {c:?} in {}", j.vcenter));
            }
            if !(1..=365 * 86_400).contains(&j.duration_seconds) {
                return Err(format!("{what}: duration_seconds must be from 1 to a year"));
            }
            if j.starts_in_seconds.unsigned_abs() > super::MAX_OFFSET_SECONDS {
                return Err(format!(
                    "{what}: starts_in_seconds must be within 100 years"
                ));
            }
        }
        for p in &self.cluster_profiles {
            let what = format!("omivv cluster profile {:?}", p.name);
            let vc = registered(&what, &p.vcenter)?;
            if let Some(c) = p.clusters.iter().find(|c| !has_cluster(vc, c)) {
                return Err(format!("{what}: no cluster {c:?} in {}", p.vcenter));
            }
        }
        Ok(())
    }
}

impl Default for Config {
    fn default() -> Self {
        Self {
            accounts: vec![
                OmivvAccount {
                    username: "admin".into(),
                    domain: String::new(),
                    password: Some("admin123".into()),
                    password_hash: None,
                    profile: OmivvProfile::Administrator,
                },
                OmivvAccount {
                    username: "viewer".into(),
                    domain: String::new(),
                    password: Some("viewer123".into()),
                    password_hash: None,
                    profile: OmivvProfile::ReadOnly,
                },
            ],
            consoles: vec![
                OmivvConsole {
                    id: "6f1c3c1e-4a38-4c1b-9a0e-2f4f0c1d9b11".into(),
                    vcenter: "vcenter01".into(),
                    description: Some("Sandbox vCenter".into()),
                },
                OmivvConsole {
                    id: "0b6f4a9e-2d1c-4f57-8a3e-5c7d9e1f2a40".into(),
                    vcenter: "vcenter02".into(),
                    description: Some("Sandbox vCenter, second site".into()),
                },
            ],
            jobs: default_jobs(),
            cluster_profiles: vec![ClusterProfileConfig {
                name: "ClusterProfile-Cluster-01".into(),
                description: Some("Firmware baseline of Cluster-01".into()),
                vcenter: "vcenter01".into(),
                clusters: vec!["Cluster-01".into()],
            }],
            session_minutes: 60,
            lockout_seconds: 60,
            failed_logins_before_lockout: 3,
            max_sessions: 10,
            max_client_ips: 3,
            requests_per_minute: 100,
            max_parallel_per_session: 10,
        }
    }
}

/// A healthy appliance: one update scheduled for tomorrow (cancellable), one done yesterday, and
/// a drift detection that ran an hour ago on each vCenter.
fn default_jobs() -> Vec<OmivvJobConfig> {
    let job = |kind, name: &str, vcenter: &str, cluster: Option<&str>, starts_in_seconds| {
        OmivvJobConfig {
            kind,
            name: name.into(),
            vcenter: vcenter.into(),
            cluster: cluster.map(Into::into),
            starts_in_seconds,
            duration_seconds: default_job_seconds(),
            outcome: JobOutcome::Completed,
        }
    };
    use OmivvJobKind::*;
    vec![
        job(
            FirmwareUpdate,
            "FirmwareUpdate-Cluster-01",
            "vcenter01",
            Some("Cluster-01"),
            86_400,
        ),
        job(
            FirmwareUpdate,
            "FirmwareUpdate-Cluster-02",
            "vcenter01",
            Some("Cluster-02"),
            -86_400,
        ),
        job(
            DriftDetection,
            "DriftDetection-vcenter01",
            "vcenter01",
            None,
            -3_600,
        ),
        job(
            DriftDetection,
            "DriftDetection-vcenter02",
            "vcenter02",
            None,
            -3_600,
        ),
    ]
}
