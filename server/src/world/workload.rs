//! What runs in the world: virtual machines on its hosts, the VLANs they sit on, NSX security
//! groups, and the traffic between them and to the internet. Generated from `[world.workload]`
//! with a seeded ChaCha generator, so that the same configuration gives the same VMs and flows on
//! every start and every machine.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Deserialize;

use super::{Host, World};

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WorkloadConfig {
    pub vms_per_host: u32,
    pub flows: u32,
    /// The share of flows that go to the internet, in percent.
    pub internet_flow_percent: u32,
    pub networks_per_datacenter: u32,
    /// The first VLAN id; networks are `vlan-<id>`, numbered across the world.
    pub first_vlan: u32,
    /// NSX security groups of each vCenter; a VM belongs to one of them, in turn, and is named
    /// after it (`web-vm-001` for `web-tier`).
    pub security_groups: Vec<String>,
    pub seed: u64,
}

impl Default for WorkloadConfig {
    fn default() -> Self {
        Self {
            vms_per_host: 3,
            flows: 120,
            internet_flow_percent: 25,
            networks_per_datacenter: 2,
            first_vlan: 1010,
            security_groups: vec!["web-tier".into(), "app-tier".into(), "db-tier".into()],
            seed: 1,
        }
    }
}

/// Where a host sits, by index into [`World::vcenters`] and its lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub vcenter: usize,
    pub datacenter: usize,
    /// `None` for a host outside any cluster.
    pub cluster: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct Network {
    pub id: String,
    pub name: String,
    pub vlan_id: u32,
    /// `10.<n>.0.0/16`.
    pub subnet: String,
    pub gateway: String,
    pub vcenter: usize,
    pub datacenter: usize,
    /// Third and fourth octets of the next address to give out.
    next: u32,
    octets: (u8, u8),
}

#[derive(Debug, Clone)]
pub struct SecurityGroup {
    pub id: String,
    pub name: String,
    pub vcenter: usize,
}

#[derive(Debug, Clone)]
pub struct Datastore {
    pub id: String,
    pub name: String,
    pub place: Place,
}

#[derive(Debug, Clone)]
pub struct Vm {
    pub id: String,
    pub name: String,
    pub uuid: String,
    pub ip: String,
    pub place: Place,
    /// Index into [`Workload::hosts`].
    pub host: usize,
    pub network: usize,
    pub security_group: usize,
    pub datastore: usize,
    pub cpu_count: u32,
    pub memory_mb: u32,
    pub os: &'static str,
    /// `(key, value)`: `env` and `tier`.
    pub tags: Vec<(String, String)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    Tcp,
    Udp,
}

#[derive(Debug, Clone)]
pub enum FlowEnd {
    Vm(usize),
    /// An address outside the datacenter.
    Internet(String),
}

#[derive(Debug, Clone)]
pub struct Flow {
    pub source: usize,
    pub destination: FlowEnd,
    pub port: u16,
    pub protocol: Protocol,
    /// Traffic over the flow's life (what the appliance reports as its total bytes).
    pub bytes: u64,
    pub packets: u64,
}

#[derive(Debug, Clone, Default)]
pub struct Workload {
    /// Every host with its place, in world order.
    pub hosts: Vec<(Place, Host)>,
    pub networks: Vec<Network>,
    pub security_groups: Vec<SecurityGroup>,
    pub datastores: Vec<Datastore>,
    pub vms: Vec<Vm>,
    pub flows: Vec<Flow>,
}

/// Services the generated traffic uses: port, protocol, and whether it goes to the internet.
const SERVICES: [(u16, Protocol, bool); 8] = [
    (443, Protocol::Tcp, true),
    (80, Protocol::Tcp, true),
    (443, Protocol::Tcp, false),
    (8443, Protocol::Tcp, false),
    (3306, Protocol::Tcp, false),
    (5432, Protocol::Tcp, false),
    (53, Protocol::Udp, false),
    (123, Protocol::Udp, false),
];

const OS: [&str; 3] = [
    "Ubuntu Linux (64-bit)",
    "Red Hat Enterprise Linux 9 (64-bit)",
    "Microsoft Windows Server 2022 (64-bit)",
];

impl Workload {
    pub fn generate(world: &World, config: &WorkloadConfig) -> Result<Workload, String> {
        if config.security_groups.is_empty() {
            return Err("world.workload.security_groups must name at least one group".into());
        }
        if config.networks_per_datacenter == 0 {
            return Err("world.workload.networks_per_datacenter must be at least 1".into());
        }
        let mut w = Workload::default();
        let mut moref = 100_000u32;
        let mut next_id = |prefix: &str| {
            moref += 1;
            format!("{prefix}{moref}")
        };
        let mut vlan = config.first_vlan;
        for (vi, vc) in world.vcenters.iter().enumerate() {
            for name in &config.security_groups {
                w.security_groups.push(SecurityGroup {
                    id: next_id("securitygroup-"),
                    name: name.clone(),
                    vcenter: vi,
                });
            }
            for (di, dc) in vc.datacenters.iter().enumerate() {
                for _ in 0..config.networks_per_datacenter {
                    let n = w.networks.len();
                    // 10.100.0.0/16 and up: clear of the management addresses of the default world.
                    let second = 100 + n;
                    if second > 255 {
                        return Err("world.workload: too many networks (at most 156)".into());
                    }
                    w.networks.push(Network {
                        id: next_id("dvportgroup-"),
                        name: format!("vlan-{vlan}"),
                        vlan_id: vlan,
                        subnet: format!("10.{second}.0.0/16"),
                        gateway: format!("10.{second}.0.1"),
                        vcenter: vi,
                        datacenter: di,
                        next: 0,
                        octets: (second as u8, 0),
                    });
                    vlan += 1;
                }
                let place = |cluster| Place {
                    vcenter: vi,
                    datacenter: di,
                    cluster,
                };
                w.datastores.push(Datastore {
                    id: next_id("datastore-"),
                    name: format!("{}-datastore-01", dc.name),
                    place: place(None),
                });
                for (ci, cl) in dc.clusters.iter().enumerate() {
                    for h in &cl.hosts {
                        w.hosts.push((place(Some(ci)), h.clone()));
                    }
                }
                for h in &dc.hosts {
                    w.hosts.push((place(None), h.clone()));
                }
            }
        }
        let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
        for (hi, (place, _)) in w.hosts.clone().iter().enumerate() {
            let networks: Vec<usize> = (0..w.networks.len())
                .filter(|&n| {
                    w.networks[n].vcenter == place.vcenter
                        && w.networks[n].datacenter == place.datacenter
                })
                .collect();
            let groups: Vec<usize> = (0..w.security_groups.len())
                .filter(|&g| w.security_groups[g].vcenter == place.vcenter)
                .collect();
            let datastore = w
                .datastores
                .iter()
                .position(|d| {
                    d.place.vcenter == place.vcenter && d.place.datacenter == place.datacenter
                })
                .expect("a datastore per datacenter");
            for _ in 0..config.vms_per_host {
                let seq = w.vms.len() + 1;
                let network = networks[seq % networks.len()];
                let group = groups[seq % groups.len()];
                let role = w.security_groups[group]
                    .name
                    .split(['-', '_'])
                    .next()
                    .unwrap_or("vm")
                    .to_string();
                let net = &mut w.networks[network];
                let host_part = net.next + 10;
                net.next += 1;
                if host_part >= 65_000 {
                    return Err(format!("world.workload: network {} is full", net.name));
                }
                let ip = format!(
                    "10.{}.{}.{}",
                    net.octets.0,
                    host_part / 250,
                    host_part % 250 + 2
                );
                let uuid_bits: u128 = rng.gen();
                w.vms.push(Vm {
                    id: next_id("vm-"),
                    name: format!("{role}-vm-{seq:03}"),
                    uuid: uuid(uuid_bits),
                    ip,
                    place: *place,
                    host: hi,
                    network,
                    security_group: group,
                    datastore,
                    cpu_count: [2, 4, 8][rng.gen_range(0..3)],
                    memory_mb: [4096, 8192, 16384][rng.gen_range(0..3)],
                    os: OS[rng.gen_range(0..OS.len())],
                    tags: vec![
                        (
                            "env".into(),
                            if seq % 4 == 0 { "dev" } else { "prod" }.into(),
                        ),
                        ("tier".into(), role),
                    ],
                });
            }
        }
        if w.vms.is_empty() {
            return Ok(w);
        }
        // The VMs of each vCenter: a flow's peer shares its vCenter.
        let mut by_vcenter: Vec<Vec<usize>> = vec![Vec::new(); world.vcenters.len()];
        for (i, vm) in w.vms.iter().enumerate() {
            by_vcenter[vm.place.vcenter].push(i);
        }
        for _ in 0..config.flows {
            let source = rng.gen_range(0..w.vms.len());
            let peers = &by_vcenter[w.vms[source].place.vcenter];
            let to_internet =
                rng.gen_range(0..100) < config.internet_flow_percent || peers.len() < 2;
            let services: Vec<_> = SERVICES.iter().filter(|s| s.2 == to_internet).collect();
            let (port, protocol, _) = *services[rng.gen_range(0..services.len())];
            let destination = if to_internet {
                let block = ["203.0.113", "198.51.100"][rng.gen_range(0..2)];
                FlowEnd::Internet(format!("{block}.{}", rng.gen_range(1..255)))
            } else {
                // Another VM of the vCenter: a random one, skipping the source.
                let mut d = peers[rng.gen_range(0..peers.len() - 1)];
                if d == source {
                    d = *peers.last().expect("two peers");
                }
                FlowEnd::Vm(d)
            };
            let bytes = rng.gen_range(10_000u64..50_000_000);
            w.flows.push(Flow {
                source,
                destination,
                port,
                protocol,
                bytes,
                packets: bytes / 900 + 1,
            });
        }
        Ok(w)
    }
}

/// A version-4-shaped UUID from random bits.
fn uuid(bits: u128) -> String {
    let b = (bits & !(0xf << 76) | (0x4 << 76)) & !(0x3 << 62) | (0x2 << 62);
    let h = format!("{b:032x}");
    format!(
        "{}-{}-{}-{}-{}",
        &h[..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..]
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::world::WorldConfig;

    #[test]
    fn the_same_configuration_gives_the_same_workload() {
        let config = WorldConfig::default();
        let world = World::build(&config).unwrap();
        let a = Workload::generate(&world, &config.workload).unwrap();
        let b = Workload::generate(&world, &config.workload).unwrap();
        assert_eq!(a.vms.len(), 15);
        assert_eq!(a.flows.len(), 120);
        let names = |w: &Workload| {
            w.vms
                .iter()
                .map(|v| (v.name.clone(), v.ip.clone(), v.uuid.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(names(&a), names(&b));
        assert_eq!(
            a.flows.iter().map(|f| f.bytes).collect::<Vec<_>>(),
            b.flows.iter().map(|f| f.bytes).collect::<Vec<_>>()
        );
        assert!(a
            .flows
            .iter()
            .any(|f| matches!(f.destination, FlowEnd::Internet(_))));
        assert!(a
            .flows
            .iter()
            .any(|f| matches!(f.destination, FlowEnd::Vm(_))));
        // Peers share a vCenter.
        for f in &a.flows {
            if let FlowEnd::Vm(d) = f.destination {
                assert_eq!(a.vms[d].place.vcenter, a.vms[f.source].place.vcenter);
            }
        }
        let ips: std::collections::HashSet<_> = a.vms.iter().map(|v| &v.ip).collect();
        assert_eq!(ips.len(), a.vms.len(), "addresses are unique");
    }
}
