//! What runs in the world: virtual machines on its hosts, the VLANs they sit on, NSX security
//! groups, and the traffic between them and to the internet. Generated from `[world.workload]`
//! with a seeded ChaCha generator, so that the same configuration gives the same VMs and flows on
//! every start and every machine; or spelled out there (`spelled`: networks, VMs, a sample of
//! flows), as `appliance-sandbox import` writes a real estate.

mod generated;
mod spelled;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Deserialize;

use super::{Host, World};
pub use spelled::{FlowSample, NetworkSpec, VmSpec};

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
    /// Networks spelled out (`[[world.workload.networks]]`): they replace the generated ones.
    pub networks: Vec<NetworkSpec>,
    /// VMs spelled out (`[[world.workload.vms]]`): they replace `vms_per_host`.
    pub vms: Vec<VmSpec>,
    /// Flows spelled out (`[[world.workload.flow_samples]]`): the world's first flows; the rest,
    /// up to `flows`, follow their mix.
    pub flow_samples: Vec<FlowSample>,
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
            networks: Vec::new(),
            vms: Vec::new(),
            flow_samples: Vec::new(),
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
    /// The next address to give out, counted from the subnet's first.
    next: u32,
    /// The subnet's first two octets (`10.100`): generated addresses are `<prefix>.<n>.<m>`.
    prefix: String,
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
    pub os: String,
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

impl Flow {
    /// The VM the flow goes to, if it goes to one.
    pub fn vm_destination(&self) -> Option<usize> {
        match self.destination {
            FlowEnd::Vm(d) => Some(d),
            FlowEnd::Internet(_) => None,
        }
    }
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

/// Gives out managed-object ids in one sequence (`vm-100001`, `dvportgroup-100002`).
pub(crate) struct Ids(u32);

impl Ids {
    fn next(&mut self, prefix: &str) -> String {
        self.0 += 1;
        format!("{prefix}{}", self.0)
    }
}

impl Workload {
    pub fn generate(world: &World, config: &WorkloadConfig) -> Result<Workload, String> {
        if config.security_groups.is_empty() {
            return Err("world.workload.security_groups must name at least one group".into());
        }
        if config.networks_per_datacenter == 0 {
            return Err("world.workload.networks_per_datacenter must be at least 1".into());
        }
        let mut w = Workload::default();
        let mut ids = Ids(100_000);
        let mut vlan = config.first_vlan;
        for (vi, vc) in world.vcenters.iter().enumerate() {
            for name in &config.security_groups {
                w.security_groups.push(SecurityGroup {
                    id: ids.next("securitygroup-"),
                    name: name.clone(),
                    vcenter: vi,
                });
            }
            for (di, dc) in vc.datacenters.iter().enumerate() {
                for _ in 0..config.networks_per_datacenter {
                    if !config.networks.is_empty() {
                        break;
                    }
                    let n = w.networks.len();
                    // 10.100.0.0/16 and up: clear of the management addresses of the default world.
                    let second = 100 + n;
                    if second > 255 {
                        return Err("world.workload: too many networks (at most 156)".into());
                    }
                    w.networks.push(Network {
                        id: ids.next("dvportgroup-"),
                        name: format!("vlan-{vlan}"),
                        vlan_id: vlan,
                        subnet: format!("10.{second}.0.0/16"),
                        gateway: format!("10.{second}.0.1"),
                        vcenter: vi,
                        datacenter: di,
                        next: 0,
                        prefix: format!("10.{second}"),
                    });
                    vlan += 1;
                }
                let place = |cluster| Place {
                    vcenter: vi,
                    datacenter: di,
                    cluster,
                };
                w.datastores.push(Datastore {
                    id: ids.next("datastore-"),
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
        spelled::networks(world, &config.networks, &mut w, &mut ids)?;
        let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
        if config.vms.is_empty() {
            generated::vms(config, &mut w, &mut rng, &mut ids)?;
        } else {
            spelled::vms(&config.vms, &mut w, &mut rng, &mut ids)?;
        }
        if w.vms.is_empty() {
            return Ok(w);
        }
        spelled::flows(&config.flow_samples, &mut w)?;
        // The VMs of each vCenter: a flow's peer shares its vCenter.
        let mut by_vcenter: Vec<Vec<usize>> = vec![Vec::new(); world.vcenters.len()];
        for (i, vm) in w.vms.iter().enumerate() {
            by_vcenter[vm.place.vcenter].push(i);
        }
        let samples = w.flows.clone();
        while w.flows.len() < config.flows as usize {
            let flow = if samples.is_empty() {
                generated::flow(config, &w, &by_vcenter, &mut rng)
            } else {
                spelled::like_a_sample(&samples, &w, &by_vcenter, &mut rng)
            };
            w.flows.push(flow);
        }
        Ok(w)
    }

    /// A VM on host `host`, its network and group still to be set; sizes and uuid drawn from
    /// `rng`, tags from its place in the sequence.
    fn new_vm(
        &self,
        name: String,
        ip: String,
        host: usize,
        rng: &mut ChaCha8Rng,
        ids: &mut Ids,
    ) -> Vm {
        let place = self.hosts[host].0;
        let seq = self.vms.len() + 1;
        let datastore = self
            .datastores
            .iter()
            .position(|d| {
                d.place.vcenter == place.vcenter && d.place.datacenter == place.datacenter
            })
            .expect("a datastore per datacenter");
        let uuid_bits: u128 = rng.gen();
        Vm {
            id: ids.next("vm-"),
            name,
            uuid: uuid(uuid_bits),
            ip,
            place,
            host,
            network: 0,
            security_group: 0,
            datastore,
            cpu_count: [2, 4, 8][rng.gen_range(0..3)],
            memory_mb: [4096, 8192, 16384][rng.gen_range(0..3)],
            os: OS[rng.gen_range(0..OS.len())].to_string(),
            tags: vec![(
                "env".into(),
                if seq.is_multiple_of(4) { "dev" } else { "prod" }.into(),
            )],
        }
    }
}

/// Another VM of `peers` (at least two), at random, never `source`.
fn peer(source: usize, peers: &[usize], rng: &mut ChaCha8Rng) -> usize {
    let d = peers[rng.gen_range(0..peers.len() - 1)];
    if d == source {
        *peers.last().expect("two peers")
    } else {
        d
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
mod tests;
