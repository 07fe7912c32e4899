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

/// At most this many connectors: connector `c`'s network profiles are `10.(30+c).0.0/24` to
/// `10.(30+c).2.0/24`, below the Kubernetes services' `10.96.0.0` and the VLANs' `10.100.0.0`.
const MAX_MANAGERS: usize = 66;

/// Resolves each connector's vCenter among `vcenter_names`.
pub fn resolve(
    configs: &[HcxManagerConfig],
    vcenter_names: &[&str],
) -> Result<Vec<HcxManager>, String> {
    if configs.len() > MAX_MANAGERS {
        return Err(format!("world: at most {MAX_MANAGERS} HCX managers"));
    }
    let mut sites = std::collections::HashSet::new();
    let mut paired = std::collections::HashSet::new();
    configs
        .iter()
        .map(|c| {
            let bad = |what: String| format!("world: HCX manager {}: {what}", c.name);
            if c.password.is_empty() {
                return Err(bad("password must not be empty".into()));
            }
            // Each pairing's objects are named after its two sites, so no name is two sites.
            if c.remote_site.is_empty() || configs.iter().any(|o| o.name == c.remote_site) {
                return Err(bad(
                    "remote_site must name a cloud site, not an HCX manager".into(),
                ));
            }
            if !sites.insert(c.remote_site.as_str()) {
                return Err(bad(format!(
                    "remote_site {:?} is another manager's",
                    c.remote_site
                )));
            }
            let vcenter = match &c.vcenter {
                None => (!vcenter_names.is_empty()).then_some(0),
                Some(n) => {
                    Some(vcenter_names.iter().position(|v| v == n).ok_or_else(|| {
                        bad(format!("no vCenter named {n:?} in [[world.vcenters]]"))
                    })?)
                }
            };
            // A vCenter has one connector, which extends its networks.
            if let Some(v) = vcenter.filter(|v| !paired.insert(*v)) {
                return Err(bad(format!(
                    "vCenter {:?} is paired with another HCX manager",
                    vcenter_names[v]
                )));
            }
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
        assert!(one(|c| c.remote_site = "hcx01".into()).contains("not an HCX manager"));
        assert!(one(|c| c.password.clear()).contains("password"));
        let many = vec![default_managers().remove(0); MAX_MANAGERS + 1];
        assert!(resolve(&many, &[]).unwrap_err().contains("at most 66"));
        let mut two = default_managers();
        two.push(two[0].clone());
        two[1].name = "hcx02".into();
        assert!(resolve(&two, &["vc01", "vc02"])
            .unwrap_err()
            .contains("another manager's"));
        two[1].remote_site = "hcx-cloud02".into();
        let e = resolve(&two, &["vc01", "vc02"]).unwrap_err();
        assert!(e.contains("\"vc01\" is paired with another"), "{e}");
        two[1].vcenter = Some("vc02".into());
        assert_eq!(
            resolve(&two, &["vc01", "vc02"]).unwrap()[1].vcenter,
            Some(1)
        );
    }
}
