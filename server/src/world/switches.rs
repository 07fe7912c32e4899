//! Physical switches and routers (`[[world.switches]]`, E105): each stands in one datacenter of
//! a world vCenter, with that datacenter's hosts cabled to its first ports and a routed VLAN
//! interface per VLAN network of the datacenter. Aria's switch data source of the switch's
//! vendor collects one at its address (or hostname) that takes its credentials.

use serde::Deserialize;

/// The switch data-source types, as the segment of their path names them less `-switches`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SwitchVendor {
    Cisco,
    Arista,
    Brocade,
    Juniper,
    Hpe,
    Huawei,
    Mellanox,
    CiscoAsrxr,
    Dell,
    DellOs10,
}

impl SwitchVendor {
    /// How the vendor names its `n`th front-panel port (from 1).
    pub fn port_name(self, n: u32) -> String {
        match self {
            SwitchVendor::Cisco => format!("Ethernet1/{n}"),
            SwitchVendor::Arista => format!("Ethernet{n}"),
            SwitchVendor::Brocade => format!("TenGigabitEthernet 1/0/{n}"),
            SwitchVendor::Juniper => format!("xe-0/0/{}", n - 1),
            SwitchVendor::Hpe => format!("1/1/{n}"),
            SwitchVendor::Huawei => format!("10GE1/0/{n}"),
            SwitchVendor::Mellanox => format!("Eth1/{n}"),
            SwitchVendor::CiscoAsrxr => format!("TenGigE0/0/0/{}", n - 1),
            SwitchVendor::Dell => format!("Te1/0/{n}"),
            SwitchVendor::DellOs10 => format!("ethernet1/1/{n}"),
        }
    }

    /// How the vendor names the routed interface of VLAN `vlan`.
    pub fn vlan_interface_name(self, vlan: u32) -> String {
        match self {
            SwitchVendor::Juniper => format!("irb.{vlan}"),
            SwitchVendor::CiscoAsrxr => format!("BVI{vlan}"),
            SwitchVendor::DellOs10 | SwitchVendor::Hpe => format!("vlan{vlan}"),
            _ => format!("Vlan{vlan}"),
        }
    }

    /// The vendor's name as Aria shows it.
    pub fn display(self) -> &'static str {
        match self {
            SwitchVendor::Cisco | SwitchVendor::CiscoAsrxr => "Cisco",
            SwitchVendor::Arista => "Arista",
            SwitchVendor::Brocade => "Brocade",
            SwitchVendor::Juniper => "Juniper",
            SwitchVendor::Hpe => "HPE",
            SwitchVendor::Huawei => "Huawei",
            SwitchVendor::Mellanox => "Mellanox",
            SwitchVendor::Dell | SwitchVendor::DellOs10 => "Dell",
        }
    }
}

/// One switch as the configuration describes it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SwitchConfig {
    pub name: String,
    pub vendor: SwitchVendor,
    pub ip: String,
    pub hostname: String,
    #[serde(default = "default_username")]
    pub username: String,
    pub password: String,
    /// The vCenter and datacenter whose hosts it connects and whose VLANs it routes; unset,
    /// the vCenter at the switch's place among the switches (the last for any beyond) and its
    /// first datacenter.
    #[serde(default)]
    pub vcenter: Option<String>,
    #[serde(default)]
    pub datacenter: Option<String>,
    /// Its front-panel ports.
    #[serde(default = "default_ports")]
    pub ports: u32,
}

fn default_username() -> String {
    "admin".into()
}

fn default_ports() -> u32 {
    48
}

/// The most ports a switch may have (a chassis of eight 128-port line cards).
pub const MAX_PORTS: u32 = 1024;

/// A switch with its datacenter found.
#[derive(Debug, Clone)]
pub struct Switch {
    pub config: SwitchConfig,
    /// Its vCenter and datacenter, as indices into the world (none in a world without one).
    pub place: Option<(usize, usize)>,
}

/// The world's switches unless the configuration names its own (an empty list for none): a
/// Cisco switch in the first vCenter's first datacenter, an Arista one in the second's (their
/// places unset, so that they follow the vCenters whatever their names).
pub fn default_switches() -> Vec<SwitchConfig> {
    let switch = |name: &str, vendor, ip: &str, password: &str| SwitchConfig {
        name: name.into(),
        vendor,
        ip: ip.into(),
        hostname: format!("{name}.example.com"),
        username: default_username(),
        password: password.into(),
        vcenter: None,
        datacenter: None,
        ports: default_ports(),
    };
    vec![
        switch("tor-a-01", SwitchVendor::Cisco, "10.70.0.10", "Cisco123!"),
        switch("tor-b-01", SwitchVendor::Arista, "10.70.0.20", "Arista123!"),
    ]
}

/// The switches with their addresses canonical and their places found among `vcenters` (each
/// a vCenter's name and its datacenters' names).
pub fn resolve(
    configs: &[SwitchConfig],
    vcenters: &[(&str, Vec<&str>)],
) -> Result<Vec<Switch>, String> {
    configs
        .iter()
        .enumerate()
        .map(|(k, c)| {
            let bad = |what: &str| format!("world: switch {}: {what}", c.name);
            if c.password.is_empty() {
                return Err(bad("password must not be empty"));
            }
            if !(1..=MAX_PORTS).contains(&c.ports) {
                return Err(bad(&format!("ports must be from 1 to {MAX_PORTS}")));
            }
            let ip: std::net::IpAddr = c.ip.parse().map_err(|_| bad("ip is not an IP address"))?;
            let vcenter = match &c.vcenter {
                Some(name) => Some(
                    (vcenters.iter().position(|(v, _)| v == name))
                        .ok_or_else(|| bad(&format!("no vCenter is named {name:?}")))?,
                ),
                // The switch's own place, or the last vCenter for switches beyond them.
                None => k.min(vcenters.len().saturating_sub(1)).into(),
            }
            .filter(|&v| v < vcenters.len());
            let place = match (vcenter, &c.datacenter) {
                (None, None) => None,
                (None, Some(_)) => return Err(bad("a datacenter needs a vCenter")),
                (Some(v), None) if c.vcenter.is_none() => {
                    (!vcenters[v].1.is_empty()).then_some((v, 0))
                }
                (Some(v), None) if vcenters[v].1.is_empty() => {
                    return Err(bad(&format!("vCenter {} has no datacenter", vcenters[v].0)))
                }
                (Some(v), None) => Some((v, 0)),
                (Some(v), Some(name)) => {
                    let d = (vcenters[v].1.iter().position(|d| d == name)).ok_or_else(|| {
                        bad(&format!(
                            "vCenter {} has no datacenter {name:?}",
                            vcenters[v].0
                        ))
                    })?;
                    Some((v, d))
                }
            };
            Ok(Switch {
                config: SwitchConfig {
                    ip: ip.to_string(),
                    ..c.clone()
                },
                place,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::world::{World, WorldConfig};

    #[test]
    fn default_switches_follow_the_vcenters_whatever_their_names() {
        let mut config = WorldConfig::default();
        config.vcenters[0].name = "vc-a".into();
        let world = World::build(&config).unwrap();
        let places: Vec<_> = world.switches.iter().map(|s| s.place).collect();
        assert_eq!(places, [Some((0, 0)), Some((1, 0))]);
        // A third switch stands with the last vCenter; without vCenters, nowhere.
        let mut third = config.switches[0].clone();
        third.name = "tor-c-01".into();
        third.ip = "10.70.0.30".into();
        third.hostname = "tor-c-01.example.com".into();
        config.switches.push(third);
        assert_eq!(
            World::build(&config).unwrap().switches[2].place,
            Some((1, 0))
        );
        config.vcenters.clear();
        assert!(World::build(&config).unwrap().switches[0].place.is_none());
    }

    #[test]
    fn unknown_places_bad_port_counts_and_twins_are_refused() {
        let refused = |edit: &dyn Fn(&mut WorldConfig)| {
            let mut config = WorldConfig::default();
            edit(&mut config);
            World::build(&config).unwrap_err()
        };
        let e = refused(&|c| c.switches[0].vcenter = Some("nowhere".into()));
        assert!(e.contains("no vCenter is named \"nowhere\""), "{e}");
        let e = refused(&|c| c.switches[0].datacenter = Some("Datacenter-B".into()));
        assert!(e.contains("vCenter vcenter01 has no datacenter"), "{e}");
        let e = refused(&|c| {
            c.vcenters[1].datacenters.clear();
            c.switches[1].vcenter = Some("vcenter02".into());
        });
        assert!(e.contains("vCenter vcenter02 has no datacenter"), "{e}");
        let e = refused(&|c| c.switches[0].ports = 0);
        assert!(e.contains("ports must be from 1 to 1024"), "{e}");
        let e = refused(&|c| c.switches[1].ip = "10.70.0.10".into());
        assert!(
            e.contains("switch address \"10.70.0.10\" appears twice"),
            "{e}"
        );
        let e = refused(&|c| c.switches[0].password.clear());
        assert!(e.contains("password must not be empty"), "{e}");
    }
}
