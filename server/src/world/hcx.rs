//! HCX connectors (`[[world.hcx_managers]]`, E101): each is paired with one vCenter of the world
//! and with one cloud site, over one service mesh that extends some of the vCenter's networks
//! to the cloud. Aria's HCX connector data sources collect from one at its address that takes
//! their credentials, as NSX-T manager data sources do from a manager.

use serde::Deserialize;

/// One HCX connector as the configuration describes it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HcxManagerConfig {
    pub name: String,
    pub ip: String,
    pub hostname: String,
    #[serde(default = "default_username")]
    pub username: String,
    pub password: String,
    /// The `name` of the `[[world.vcenters]]` it is paired with; unset, the world's first.
    #[serde(default)]
    pub vcenter: Option<String>,
    /// The cloud site it is paired with (its HCX Cloud manager bears the same name).
    #[serde(default = "default_remote_site")]
    pub remote_site: String,
    /// How many of its vCenter's networks (the first, in the world's order) are extended.
    #[serde(default = "default_extended")]
    pub extended_networks: usize,
    #[serde(default = "default_version")]
    pub version: String,
}

fn default_username() -> String {
    "admin".into()
}

fn default_remote_site() -> String {
    "hcx-cloud01".into()
}

fn default_extended() -> usize {
    2
}

fn default_version() -> String {
    "4.8.0".into()
}

/// The world's HCX connectors unless the configuration names its own (an empty list for none):
/// `hcx01` at 10.20.0.60, paired with the first vCenter and the cloud site `hcx-cloud01`.
pub fn default_managers() -> Vec<HcxManagerConfig> {
    vec![HcxManagerConfig {
        name: "hcx01".into(),
        ip: "10.20.0.60".into(),
        hostname: "hcx01.example.com".into(),
        username: default_username(),
        password: "VMware1!".into(),
        vcenter: None,
        remote_site: default_remote_site(),
        extended_networks: default_extended(),
        version: default_version(),
    }]
}

/// A connector with its vCenter resolved to an index, if the world has one.
#[derive(Debug, Clone)]
pub struct HcxManager {
    pub config: HcxManagerConfig,
    pub vcenter: Option<usize>,
}

/// At most this many connectors: each numbers its appliances' uplinks in `10.(30+m).0.0/24`.
const MAX_MANAGERS: usize = 200;

/// Resolves each connector's vCenter among `vcenter_names`.
pub fn resolve(
    configs: &[HcxManagerConfig],
    vcenter_names: &[&str],
) -> Result<Vec<HcxManager>, String> {
    if configs.len() > MAX_MANAGERS {
        return Err(format!("world: at most {MAX_MANAGERS} HCX managers"));
    }
    configs
        .iter()
        .map(|c| {
            let bad = |what: String| format!("world: HCX manager {}: {what}", c.name);
            if c.password.is_empty() {
                return Err(bad("password must not be empty".into()));
            }
            if c.remote_site.is_empty() || c.remote_site == c.name {
                return Err(bad("remote_site must name another site".into()));
            }
            let vcenter = match &c.vcenter {
                None => (!vcenter_names.is_empty()).then_some(0),
                Some(n) => {
                    Some(vcenter_names.iter().position(|v| v == n).ok_or_else(|| {
                        bad(format!("no vCenter named {n:?} in [[world.vcenters]]"))
                    })?)
                }
            };
            let mut config = c.clone();
            // Canonical, as data sources' addresses are stored (`FD00::1` is `fd00::1`).
            let ip: std::net::IpAddr =
                (c.ip.parse()).map_err(|_| bad(format!("ip {:?} is not an IP address", c.ip)))?;
            config.ip = ip.to_string();
            Ok(HcxManager { config, vcenter })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_connector_pairs_with_the_first_vcenter() {
        let m = resolve(&default_managers(), &["vc01", "vc02"]).unwrap();
        assert_eq!(m[0].vcenter, Some(0));
        assert_eq!(resolve(&default_managers(), &[]).unwrap()[0].vcenter, None);
    }

    #[test]
    fn what_cannot_be_paired_is_refused() {
        let one = |edit: fn(&mut HcxManagerConfig)| {
            let mut c = default_managers();
            edit(&mut c[0]);
            resolve(&c, &["vc01"]).unwrap_err()
        };
        assert!(one(|c| c.vcenter = Some("vc09".into())).contains("no vCenter named \"vc09\""));
        assert!(one(|c| c.remote_site = "hcx01".into()).contains("another site"));
        assert!(one(|c| c.password.clear()).contains("password"));
        let many = vec![default_managers().remove(0); MAX_MANAGERS + 1];
        assert!(resolve(&many, &[]).unwrap_err().contains("at most 200"));
    }
}
