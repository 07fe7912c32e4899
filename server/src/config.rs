//! Accounts, directory, lifetimes and limits: the defaults documented in README.md, which a
//! `--config FILE` (TOML, see `sandbox.example.toml`) can override section by section.

use serde::Deserialize;

use crate::world::{World, WorldConfig};

/// Bodies over `max_body_bytes` but under this bound are read and answered 413; beyond it the
/// connection is closed.
pub const MAX_BODY_BOUND: usize = 16 * 1024 * 1024;

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub omivv: OmivvConfig,
    pub aria: AriaConfig,
    pub vidm: VidmConfig,
    /// The simulated datacenter both appliances observe.
    pub world: WorldConfig,
    /// Largest accepted request body, in bytes (413 beyond).
    pub max_body_bytes: usize,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            omivv: OmivvConfig::default(),
            aria: AriaConfig::default(),
            vidm: VidmConfig::default(),
            world: WorldConfig::default(),
            max_body_bytes: 256 * 1024,
        }
    }
}

impl Config {
    pub fn from_toml(text: &str) -> Result<Self, String> {
        let config: Self = toml::from_str(text).map_err(|e| e.to_string())?;
        config.check()?;
        Ok(config)
    }

    /// What the TOML types cannot say: each account has exactly one of `password` and
    /// `password_hash`, and a hash is a well-formed PHC string.
    pub fn check(&self) -> Result<(), String> {
        let one = |what: &str, name: &str, p: &Option<String>, h: &Option<String>| {
            crate::secrets::ConfiguredPassword::from_config(p.as_deref(), h.as_deref())
                .map(drop)
                .map_err(|e| format!("{what} {name}: {e}"))
        };
        for a in &self.omivv.accounts {
            one("omivv account", &a.username, &a.password, &a.password_hash)?;
        }
        for u in &self.aria.local_users {
            one(
                "aria local user",
                &u.username,
                &u.password,
                &u.password_hash,
            )?;
        }
        for u in &self.vidm.users {
            one("vidm user", &u.username, &u.password, &u.password_hash)?;
        }
        let world = World::build(&self.world)?;
        let mut ids = std::collections::HashSet::new();
        for c in &self.omivv.consoles {
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
            let found = self.omivv.consoles.iter().any(|c| c.vcenter == vcenter);
            let vc = world.vcenter(vcenter).filter(|_| found).ok_or_else(|| {
                format!("{what}: vCenter {vcenter:?} has no [[omivv.consoles]] entry")
            })?;
            Ok::<_, String>(vc)
        };
        let has_cluster = |vc: &crate::world::Vcenter, name: &str| {
            vc.datacenters
                .iter()
                .flat_map(|d| &d.clusters)
                .any(|c| c.name == name)
        };
        for j in &self.omivv.jobs {
            let what = format!("omivv job {:?}", j.name);
            let vc = registered(&what, &j.vcenter)?;
            if let Some(c) = j.cluster.as_deref().filter(|c| !has_cluster(vc, c)) {
                return Err(format!("{what}: no cluster {c:?} in {}", j.vcenter));
            }
            if !(1..=365 * 86_400).contains(&j.duration_seconds) {
                return Err(format!("{what}: duration_seconds must be from 1 to a year"));
            }
            if j.starts_in_seconds.unsigned_abs() > crate::omivv::MAX_OFFSET_SECONDS {
                return Err(format!(
                    "{what}: starts_in_seconds must be within 100 years"
                ));
            }
        }
        for p in &self.omivv.cluster_profiles {
            let what = format!("omivv cluster profile {:?}", p.name);
            let vc = registered(&what, &p.vcenter)?;
            if let Some(c) = p.clusters.iter().find(|c| !has_cluster(vc, c)) {
                return Err(format!("{what}: no cluster {c:?} in {}", p.vcenter));
            }
        }
        let mut node_names = std::collections::HashSet::new();
        for n in &self.aria.nodes {
            n.ip_address.parse::<std::net::IpAddr>().map_err(|_| {
                format!(
                    "aria node {}: {:?} is not an IP address",
                    n.name, n.ip_address
                )
            })?;
            if !node_names.insert(&n.name) {
                return Err(format!("aria node name {:?} appears twice", n.name));
            }
        }
        if self.max_body_bytes > MAX_BODY_BOUND {
            return Err(format!("max_body_bytes must be at most {MAX_BODY_BOUND}"));
        }
        Ok(())
    }
}

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

#[derive(Debug, Clone, Copy, Deserialize, serde::Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum OmivvJobKind {
    FirmwareUpdate,
    DriftDetection,
}

#[derive(Debug, Clone, Copy, Default, Deserialize, serde::Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum JobOutcome {
    #[default]
    Completed,
    Failed,
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
pub struct OmivvConfig {
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

impl Default for OmivvConfig {
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

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "UPPERCASE")]
pub enum AriaRole {
    Admin,
    Member,
    Auditor,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AriaLocalUser {
    /// Full login name, e.g. `admin@local`.
    pub username: String,
    /// The password, or instead `password_hash`, an argon2 PHC string.
    #[serde(default)]
    pub password: Option<String>,
    #[serde(default)]
    pub password_hash: Option<String>,
    pub role: AriaRole,
    #[serde(default)]
    pub display_name: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AriaConfig {
    pub local_users: Vec<AriaLocalUser>,
    pub token_hours: i64,
    pub max_tokens_per_user: usize,
    pub requests_per_minute: u32,
    /// The id of the password-grant client created in vIDM when vIDM is configured.
    pub password_grant_client_id: String,
    pub api_version: String,
    /// The appliance's platform and collector nodes (`/infra/nodes`).
    pub nodes: Vec<AriaNodeConfig>,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum AriaNodeType {
    Platform,
    Proxy,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AriaNodeConfig {
    pub name: String,
    pub node_type: AriaNodeType,
    pub ip_address: String,
    /// The short id the appliance's UI shows (seven characters).
    pub node_id: String,
}

impl Default for AriaConfig {
    fn default() -> Self {
        let user = |name: &str, pw: &str, role| AriaLocalUser {
            username: name.into(),
            password: Some(pw.into()),
            password_hash: None,
            role,
            display_name: None,
        };
        Self {
            local_users: vec![
                user("admin@local", "admin", AriaRole::Admin),
                user("member@local", "member", AriaRole::Member),
                user("auditor@local", "auditor", AriaRole::Auditor),
            ],
            token_hours: 5,
            max_tokens_per_user: 100,
            requests_per_minute: 600,
            password_grant_client_id: "g9xUFRr84K_pwd_grant".into(),
            api_version: "1.1.8".into(),
            nodes: vec![
                AriaNodeConfig {
                    name: "platform01".into(),
                    node_type: AriaNodeType::Platform,
                    ip_address: "10.20.3.10".into(),
                    node_id: "PLT7QX1".into(),
                },
                AriaNodeConfig {
                    name: "collector01".into(),
                    node_type: AriaNodeType::Proxy,
                    ip_address: "10.20.3.11".into(),
                    node_id: "COL4MZ2".into(),
                },
            ],
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VidmUser {
    pub username: String,
    /// The password, or instead `password_hash`, an argon2 PHC string. Plain passwords are
    /// hashed on first use, so that a large directory starts at once.
    #[serde(default)]
    pub password: Option<String>,
    #[serde(default)]
    pub password_hash: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VidmGroup {
    pub name: String,
    pub members: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct VidmConfig {
    /// Host name the Identity Manager answers as (`iss` is `https://<host>/SAAS/auth`).
    pub host: String,
    pub tenant: String,
    pub domain: String,
    pub users: Vec<VidmUser>,
    pub groups: Vec<VidmGroup>,
    /// The service OAuth client that Aria registers with.
    pub service_client_id: String,
    pub service_client_secret: String,
    pub token_seconds: i64,
}

impl Default for VidmConfig {
    fn default() -> Self {
        let user = |name: &str| VidmUser {
            username: name.into(),
            password: Some("vidm-password".into()),
            password_hash: None,
            email: Some(format!("{name}@vidmlabs.com")),
        };
        Self {
            host: "identity.domain.com".into(),
            tenant: "VRNI-VIDM-TENANT1".into(),
            domain: "vidmlabs.com".into(),
            users: vec![user("testuser"), user("testuser1"), user("testuser2")],
            groups: vec![VidmGroup {
                name: "testgroup1".into(),
                members: vec!["testuser2".into()],
            }],
            service_client_id: "operations_for_networks_client".into(),
            service_client_secret: "operations_for_networks_secret".into(),
            token_seconds: 10_800,
        }
    }
}
