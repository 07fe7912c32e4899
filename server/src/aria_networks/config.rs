//! Aria's section of the configuration: local users, the platform and collector nodes, the API
//! version and limits.

use serde::Deserialize;

use super::appliance_version::ApplianceVersion;
use sha2::Digest;

use super::deployment::Deployment;
use super::license_catalogue::{self as catalogue, LicenseConfig};
use crate::generated::aria_networks::types;
use crate::secrets::check_password;

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
pub struct Config {
    pub local_users: Vec<AriaLocalUser>,
    pub token_hours: i64,
    pub max_tokens_per_user: usize,
    pub requests_per_minute: u32,
    /// The id of the password-grant client created in vIDM when vIDM is configured.
    pub password_grant_client_id: String,
    /// The release the sandbox presents itself as (E106); 6.12 by default.
    pub appliance_version: ApplianceVersion,
    /// What `/info/version` answers, if not the release's own `api_version`.
    pub api_version: Option<String>,
    /// The appliance's platform and collector nodes (`/infra/nodes`).
    pub nodes: Vec<AriaNodeConfig>,
    /// Applications the appliance holds from the start (`[[aria.applications]]`), as
    /// `appliance-sandbox import` writes a real appliance's.
    pub applications: Vec<ApplicationSeed>,
    /// The licences a key can install, and which are installed at first (E110).
    pub licenses: Vec<LicenseConfig>,
    /// On premises, or the SaaS service (E121).
    pub deployment: Deployment,
    /// The Cloud Services API tokens the SaaS sign-on exchanges (E121).
    pub csp_api_tokens: Vec<CspApiToken>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApplicationSeed {
    pub name: String,
    #[serde(default)]
    pub tiers: Vec<TierSeed>,
}

/// A tier as `POST /groups/applications/{id}/tiers` takes it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TierSeed {
    pub name: String,
    pub group_membership_criteria: Vec<types::GroupMembershipCriteria>,
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

impl Config {
    /// What the TOML types cannot say: each local user has exactly one of `password` and
    /// `password_hash`; nodes have IP addresses and distinct names.
    pub fn check(&self) -> Result<(), String> {
        for u in &self.local_users {
            check_password(
                "aria local user",
                &u.username,
                &u.password,
                &u.password_hash,
            )?;
        }
        let mut node_names = std::collections::HashSet::new();
        for n in &self.nodes {
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
        let mut digests = std::collections::HashSet::new();
        for t in &self.csp_api_tokens {
            t.check()?;
            if !digests.insert(t.digest()) {
                return Err(format!("csp api token of {} appears twice", t.user));
            }
        }
        catalogue::check(&self.licenses)
    }
}

impl Default for Config {
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
            appliance_version: ApplianceVersion::V6_12,
            api_version: None,
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
            applications: Vec::new(),
            licenses: catalogue::default_licenses(),
            deployment: Deployment::Onprem,
            csp_api_tokens: default_csp_tokens(),
        }
    }
}

/// A Cloud Services API token (what PowervRNI calls the refresh token) and whom it signs in.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CspApiToken {
    /// The token, or instead `token_sha256`, the hex SHA-256 of it.
    #[serde(default)]
    pub token: Option<String>,
    #[serde(default)]
    pub token_sha256: Option<String>,
    /// The Cloud Services user (`admin@cloud.example`).
    pub user: String,
    pub role: AriaRole,
}

impl CspApiToken {
    /// The digest the token is known by, lower-case hex; the configuration is checked first.
    pub fn digest(&self) -> String {
        match (&self.token, &self.token_sha256) {
            (Some(t), _) => hex::encode(sha2::Sha256::digest(t.as_bytes())),
            (None, Some(h)) => h.to_ascii_lowercase(),
            (None, None) => String::new(),
        }
    }

    pub fn check(&self) -> Result<(), String> {
        match (&self.token, &self.token_sha256) {
            (Some(t), None) if !t.is_empty() => Ok(()),
            (None, Some(h)) if h.len() == 64 && h.bytes().all(|b| b.is_ascii_hexdigit()) => Ok(()),
            (None, Some(_)) => Err(format!(
                "csp api token of {}: token_sha256 must be 64 hex digits",
                self.user
            )),
            _ => Err(format!(
                "csp api token of {}: give exactly one of token and token_sha256",
                self.user
            )),
        }
    }
}

/// Three tokens, one a role.
pub fn default_csp_tokens() -> Vec<CspApiToken> {
    [
        ("admin", AriaRole::Admin),
        ("member", AriaRole::Member),
        ("auditor", AriaRole::Auditor),
    ]
    .into_iter()
    .map(|(who, role)| CspApiToken {
        token: Some(format!("sandbox-csp-{who}")),
        token_sha256: None,
        user: format!("{who}@cloud.example"),
        role,
    })
    .collect()
}
