//! NSX-T managers (`[[world.nsxt_managers]]`): each prepares the hosts of the vCenters it names
//! (its compute managers) for NSX. Aria's NSX-T manager data sources collect from one at its
//! address that takes their credentials, as vCenter data sources do from a vCenter.

use serde::Deserialize;

/// One NSX-T manager as the configuration describes it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NsxtManagerConfig {
    pub name: String,
    pub ip: String,
    pub hostname: String,
    #[serde(default = "default_username")]
    pub username: String,
    pub password: String,
    /// The `name`s of the `[[world.vcenters]]` it manages; unset, the world's first vCenter.
    #[serde(default)]
    pub vcenters: Option<Vec<String>>,
    #[serde(default = "default_version")]
    pub version: String,
}

fn default_username() -> String {
    "admin".into()
}

fn default_version() -> String {
    "4.1.2.0.0".into()
}

/// The world's NSX-T managers unless the configuration names its own (an empty list for none):
/// `nsxt01` at 10.20.0.40, managing the first vCenter.
pub fn default_managers() -> Vec<NsxtManagerConfig> {
    vec![NsxtManagerConfig {
        name: "nsxt01".into(),
        ip: "10.20.0.40".into(),
        hostname: "nsxt01.example.com".into(),
        username: default_username(),
        password: "VMware1!VMware1!".into(),
        vcenters: None,
        version: default_version(),
    }]
}

/// An NSX-T manager with the vCenters it manages resolved to their indices.
#[derive(Debug, Clone)]
pub struct NsxtManager {
    pub config: NsxtManagerConfig,
    pub vcenters: Vec<usize>,
}

/// Resolves each manager's vCenters among `vcenter_names`.
pub fn resolve(
    configs: &[NsxtManagerConfig],
    vcenter_names: &[&str],
) -> Result<Vec<NsxtManager>, String> {
    configs
        .iter()
        .map(|c| {
            let vcenters = match &c.vcenters {
                None => (0..vcenter_names.len().min(1)).collect(),
                Some(names) => names
                    .iter()
                    .map(|n| {
                        vcenter_names.iter().position(|v| v == n).ok_or_else(|| {
                            format!(
                                "world: NSX-T manager {}: no vCenter named {n:?} in [[world.vcenters]]",
                                c.name
                            )
                        })
                    })
                    .collect::<Result<_, _>>()?,
            };
            Ok(NsxtManager {
                config: c.clone(),
                vcenters,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::world::{World, WorldConfig};

    #[test]
    fn the_default_manager_manages_the_first_vcenter_whatever_its_name() {
        let mut config = WorldConfig::default();
        config.vcenters[0].name = "vc-a".into();
        let world = World::build(&config).unwrap();
        assert_eq!(world.nsxt_managers[0].vcenters, vec![0]);
        assert_eq!(world.nsxt_managers[0].config.ip, "10.20.0.40");
    }

    #[test]
    fn unknown_vcenters_and_two_managers_at_one_address_are_refused() {
        let mut config = WorldConfig::default();
        config.nsxt_managers[0].vcenters = Some(vec!["nowhere".into()]);
        let e = World::build(&config).unwrap_err();
        assert!(e.contains("no vCenter named \"nowhere\""), "{e}");
        let mut config = WorldConfig::default();
        let mut twin = config.nsxt_managers[0].clone();
        twin.name = "nsxt02".into();
        twin.hostname = "nsxt02.example.com".into();
        config.nsxt_managers.push(twin);
        let e = World::build(&config).unwrap_err();
        assert!(
            e.contains("NSX-T manager address \"10.20.0.40\" appears twice"),
            "{e}"
        );
    }

    #[test]
    fn a_configuration_spells_them_out_or_has_none() {
        let config: WorldConfig = toml::from_str(
            "[[nsxt_managers]]\nname = \"nsx-b\"\nip = \"10.9.0.1\"\nhostname = \"nsx-b.lab\"\npassword = \"p\"\nvcenters = [\"vcenter01\", \"vcenter02\"]\n",
        )
        .unwrap();
        let world = World::build(&config).unwrap();
        assert_eq!(world.nsxt_managers[0].vcenters, vec![0, 1]);
        assert_eq!(world.nsxt_managers[0].config.username, "admin");
        let none: WorldConfig = toml::from_str("nsxt_managers = []\n").unwrap();
        assert!(World::build(&none).unwrap().nsxt_managers.is_empty());
    }
}
