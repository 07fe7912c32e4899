//! Check Point management servers (`[[world.checkpoint_managers]]`, E104): Aria's Check Point
//! firewall data sources collect one at its address (or hostname) that takes their credentials.

use serde::Deserialize;

/// One Check Point management server as the configuration describes it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckpointManagerConfig {
    pub name: String,
    pub ip: String,
    pub hostname: String,
    #[serde(default = "default_username")]
    pub username: String,
    pub password: String,
    #[serde(default = "default_version")]
    pub version: String,
}

fn default_username() -> String {
    "admin".into()
}

fn default_version() -> String {
    "R81.20".into()
}

/// The world's Check Point management servers unless the configuration names its own (an
/// empty list for none): `cp-mgmt01` at 10.20.0.70, `admin` / `CheckPoint1!`.
pub fn default_checkpoint_managers() -> Vec<CheckpointManagerConfig> {
    vec![CheckpointManagerConfig {
        name: "cp-mgmt01".into(),
        ip: "10.20.0.70".into(),
        hostname: "cp-mgmt01.example.com".into(),
        username: default_username(),
        password: "CheckPoint1!".into(),
        version: default_version(),
    }]
}

/// The servers with their addresses canonical; an empty password is refused.
pub fn resolve(
    configs: &[CheckpointManagerConfig],
) -> Result<Vec<CheckpointManagerConfig>, String> {
    configs
        .iter()
        .map(|c| {
            let bad = |what: &str| format!("world: Check Point manager {}: {what}", c.name);
            if c.password.is_empty() {
                return Err(bad("password must not be empty"));
            }
            let ip: std::net::IpAddr = c.ip.parse().map_err(|_| bad("ip is not an IP address"))?;
            Ok(CheckpointManagerConfig {
                ip: ip.to_string(),
                ..c.clone()
            })
        })
        .collect()
}
