//! OMEVV's section of the configuration: the OpenManage Enterprise accounts that manage
//! consoles, and which of the world's vCenters are registered.

use serde::Deserialize;

use crate::secrets::check_password;
use crate::world::World;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OmeAccount {
    pub username: String,
    /// The password, or instead `password_hash`, an argon2 PHC string.
    #[serde(default)]
    pub password: Option<String>,
    #[serde(default)]
    pub password_hash: Option<String>,
}

/// A firmware repository of OpenManage Enterprise's Update Manager plug-in.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UmpRepository {
    pub name: String,
    /// `ESXi Catalog for Enterprise Servers` and `vSAN Catalog for Enterprise Servers` become
    /// OMEVV repository profiles on a resync; other types do not.
    pub catalog_type: String,
    pub version: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// OpenManage Enterprise users: they list and register consoles (`GET /Consoles`).
    pub ome_accounts: Vec<OmeAccount>,
    /// The `name`s of the `[[world.vcenters]]` registered with OMEVV; all of them when unset.
    pub vcenters: Option<Vec<String>>,
    /// How long a repository profile's catalog takes to parse, and a test connection to run.
    pub catalog_seconds: i64,
    /// How long a firmware update takes per host.
    pub update_seconds_per_host: i64,
    /// Names of the world's hosts whose iDRAC does not send SNMP traps to OMEVV: they are not
    /// compliant until a `FixCompliance` job has configured them.
    pub snmp_unconfigured: Vec<String>,
    /// Whether OpenManage Enterprise has the Update Manager plug-in (a resync needs it).
    pub update_manager: bool,
    /// Update Manager's repositories.
    pub ump_repositories: Vec<UmpRepository>,
}

fn ump(name: &str, catalog_type: &str) -> UmpRepository {
    UmpRepository {
        name: name.into(),
        catalog_type: catalog_type.into(),
        version: "24.10.00".into(),
    }
}

impl Default for Config {
    fn default() -> Self {
        Self {
            ome_accounts: vec![OmeAccount {
                username: "admin".into(),
                password: Some("OmeAdmin1!".into()),
                password_hash: None,
            }],
            vcenters: None,
            catalog_seconds: 1,
            update_seconds_per_host: 2,
            snmp_unconfigured: Vec::new(),
            update_manager: true,
            ump_repositories: vec![
                ump("ESXi-Cluster-01", "ESXi Catalog for Enterprise Servers"),
                ump("vSAN-Cluster-01", "vSAN Catalog for Enterprise Servers"),
                ump("PowerEdge-Servers", "Enterprise Server Catalog"),
            ],
        }
    }
}

impl Config {
    /// Accounts have exactly one of `password` and `password_hash`; registered vCenters exist;
    /// durations are sane.
    pub fn check(&self, world: &World) -> Result<(), String> {
        for a in &self.ome_accounts {
            check_password(
                "omevv OME account",
                &a.username,
                &a.password,
                &a.password_hash,
            )?;
        }
        for name in self.vcenters.iter().flatten() {
            if world.vcenter(name).is_none() {
                return Err(format!(
                    "omevv.vcenters: no vCenter named {name:?} in [[world.vcenters]]"
                ));
            }
        }
        for name in &self.snmp_unconfigured {
            let known = world
                .vcenters
                .iter()
                .flat_map(|v| &v.datacenters)
                .any(|dc| {
                    dc.hosts
                        .iter()
                        .chain(dc.clusters.iter().flat_map(|c| &c.hosts))
                        .any(|h| h.config.name == *name)
                });
            if !known {
                return Err(format!(
                    "omevv.snmp_unconfigured: no host named {name:?} in the world"
                ));
            }
        }
        let mut names = std::collections::HashSet::new();
        for r in &self.ump_repositories {
            if r.name.trim().is_empty() || !names.insert(r.name.to_lowercase()) {
                return Err(format!(
                    "omevv.ump_repositories: names must be unique and not empty ({:?})",
                    r.name
                ));
            }
        }
        for (what, v) in [
            ("catalog_seconds", self.catalog_seconds),
            ("update_seconds_per_host", self.update_seconds_per_host),
        ] {
            if !(0..=86_400).contains(&v) {
                return Err(format!("omevv.{what} must be from 0 to 86400"));
            }
        }
        Ok(())
    }
}
