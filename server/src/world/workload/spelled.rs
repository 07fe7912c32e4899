//! A workload spelled out in the configuration rather than generated: networks, VMs and a
//! sample of flows, each naming what it sits on (a datacenter, a host, a network, a group, two
//! VMs) by name. `appliance-sandbox import` writes a real estate this way. Names that resolve to
//! nothing are configuration errors, with the entry's place in its list.

use std::collections::HashMap;
use std::net::IpAddr;

use rand::Rng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use super::generated::role;
use super::{peer, Flow, FlowEnd, Ids, Network, Protocol, Workload};
use crate::world::World;

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct NetworkSpec {
    pub name: String,
    pub vlan_id: u32,
    /// `10.50.0.0/16`.
    pub subnet: String,
    pub gateway: String,
    /// The vCenter (`[[world.vcenters]]`'s `name`) and its datacenter the network is in.
    pub vcenter: String,
    pub datacenter: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct VmSpec {
    pub name: String,
    pub ip: String,
    /// A host of the world, by name.
    pub host: String,
    /// A network of the host's datacenter, by name.
    pub network: String,
    /// One of `security_groups`.
    pub security_group: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpu_count: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory_mb: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub os: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FlowSample {
    /// A VM, by name.
    pub source: String,
    /// A VM by name, or an address (a VM's, or one outside the world: internet traffic).
    pub destination: String,
    pub port: u16,
    /// `TCP` or `UDP`.
    pub protocol: String,
    /// The traffic of all `count` flows together.
    pub bytes: u64,
    /// How many flows of the estate this line stands for.
    #[serde(default = "one")]
    pub count: u32,
}

fn one() -> u32 {
    1
}

/// The spelled-out networks, if any, in place of the generated ones.
pub(super) fn networks(
    world: &World,
    specs: &[NetworkSpec],
    w: &mut Workload,
    ids: &mut Ids,
) -> Result<(), String> {
    for (i, n) in specs.iter().enumerate() {
        let at = || format!("world.workload.networks[{i}] ({})", n.name);
        let (vi, vc) = world
            .vcenters
            .iter()
            .enumerate()
            .find(|(_, v)| v.config.name == n.vcenter)
            .ok_or_else(|| format!("{}: no vCenter is named {}", at(), n.vcenter))?;
        let di = vc
            .datacenters
            .iter()
            .position(|d| d.name == n.datacenter)
            .ok_or_else(|| format!("{}: {} has no datacenter {}", at(), n.vcenter, n.datacenter))?;
        let first = n.subnet.split('/').next().unwrap_or_default();
        if first.parse::<std::net::Ipv4Addr>().is_err() {
            return Err(format!("{}: subnet {} is not a.b.c.d/len", at(), n.subnet));
        }
        w.networks.push(Network {
            id: ids.next("dvportgroup-"),
            name: n.name.clone(),
            vlan_id: n.vlan_id,
            subnet: n.subnet.clone(),
            gateway: n.gateway.clone(),
            vcenter: vi,
            datacenter: di,
            next: 0,
            prefix: first.splitn(3, '.').take(2).collect::<Vec<_>>().join("."),
        });
    }
    Ok(())
}

/// The spelled-out VMs, in place of `vms_per_host`.
pub(super) fn vms(
    specs: &[VmSpec],
    w: &mut Workload,
    rng: &mut ChaCha8Rng,
    ids: &mut Ids,
) -> Result<(), String> {
    let hosts: HashMap<&str, usize> = w
        .hosts
        .iter()
        .enumerate()
        .map(|(i, (_, h))| (h.config.name.as_str(), i))
        .collect();
    let hosts: HashMap<String, usize> = hosts.into_iter().map(|(k, v)| (k.into(), v)).collect();
    for (i, v) in specs.iter().enumerate() {
        let at = || format!("world.workload.vms[{i}] ({})", v.name);
        if v.ip.parse::<IpAddr>().is_err() {
            return Err(format!("{}: ip {} is not an address", at(), v.ip));
        }
        let host = *hosts
            .get(&v.host)
            .ok_or_else(|| format!("{}: no host is named {}", at(), v.host))?;
        let place = w.hosts[host].0;
        let network = (0..w.networks.len())
            .find(|&n| {
                let net = &w.networks[n];
                net.name == v.network
                    && net.vcenter == place.vcenter
                    && net.datacenter == place.datacenter
            })
            .ok_or_else(|| {
                format!(
                    "{}: the datacenter of {} has no network {}",
                    at(),
                    v.host,
                    v.network
                )
            })?;
        let group = (0..w.security_groups.len())
            .find(|&g| {
                let sg = &w.security_groups[g];
                sg.name == v.security_group && sg.vcenter == place.vcenter
            })
            .ok_or_else(|| format!("{}: {} is not in security_groups", at(), v.security_group))?;
        let mut vm = w.new_vm(v.name.clone(), v.ip.clone(), host, rng, ids);
        vm.network = network;
        vm.security_group = group;
        vm.cpu_count = v.cpu_count.unwrap_or(vm.cpu_count);
        vm.memory_mb = v.memory_mb.unwrap_or(vm.memory_mb);
        if let Some(os) = &v.os {
            vm.os.clone_from(os);
        }
        vm.tags
            .push(("tier".into(), role(&w.security_groups[group].name)));
        w.vms.push(vm);
    }
    Ok(())
}

/// The sampled flows, each line as many flows as it counts, its bytes shared among them.
pub(super) fn flows(samples: &[FlowSample], w: &mut Workload) -> Result<(), String> {
    let mut by_name: HashMap<&str, usize> = HashMap::new();
    let mut by_ip: HashMap<&str, usize> = HashMap::new();
    for (i, vm) in w.vms.iter().enumerate() {
        by_name.entry(vm.name.as_str()).or_insert(i);
        by_ip.entry(vm.ip.as_str()).or_insert(i);
    }
    let mut out = Vec::new();
    for (i, f) in samples.iter().enumerate() {
        let at = || format!("world.workload.flow_samples[{i}]");
        let source = *by_name
            .get(f.source.as_str())
            .ok_or_else(|| format!("{}: no VM is named {}", at(), f.source))?;
        let destination = match by_name
            .get(f.destination.as_str())
            .or(by_ip.get(f.destination.as_str()))
        {
            Some(&d) => FlowEnd::Vm(d),
            None if f.destination.parse::<IpAddr>().is_ok() => {
                FlowEnd::Internet(f.destination.clone())
            }
            None => {
                return Err(format!(
                    "{}: destination {} is neither a VM nor an address",
                    at(),
                    f.destination
                ))
            }
        };
        let protocol = match f.protocol.to_ascii_uppercase().as_str() {
            "TCP" => Protocol::Tcp,
            "UDP" => Protocol::Udp,
            other => return Err(format!("{}: protocol {other} is not TCP or UDP", at())),
        };
        if f.count == 0 {
            return Err(format!("{}: count must be at least 1", at()));
        }
        let share = f.bytes / u64::from(f.count);
        for n in 0..f.count {
            // The first flow takes the remainder, so that the line's total is kept exactly.
            let bytes = if n == 0 {
                f.bytes - share * u64::from(f.count - 1)
            } else {
                share
            };
            out.push(Flow {
                source,
                destination: destination.clone(),
                port: f.port,
                protocol,
                bytes,
                packets: bytes / 900 + 1,
            });
        }
    }
    w.flows.extend(out);
    Ok(())
}

/// One more flow in the sample's mix: a sampled flow's service and direction, between VMs of
/// the same vCenter picked at random, with a volume around the sample's.
pub(super) fn like_a_sample(
    samples: &[Flow],
    w: &Workload,
    by_vcenter: &[Vec<usize>],
    rng: &mut ChaCha8Rng,
) -> Flow {
    let template = &samples[rng.gen_range(0..samples.len())];
    let source = rng.gen_range(0..w.vms.len());
    let peers = &by_vcenter[w.vms[source].place.vcenter];
    let (source, destination) = match &template.destination {
        FlowEnd::Vm(_) if peers.len() >= 2 => (source, FlowEnd::Vm(peer(source, peers, rng))),
        // No peer in this vCenter: the sample's own ends again.
        FlowEnd::Vm(d) => (template.source, FlowEnd::Vm(*d)),
        FlowEnd::Internet(a) => (source, FlowEnd::Internet(a.clone())),
    };
    let bytes = (template.bytes / 2)
        .saturating_add(rng.gen_range(0..=template.bytes))
        .max(1);
    Flow {
        source,
        destination,
        port: template.port,
        protocol: template.protocol,
        bytes,
        packets: bytes / 900 + 1,
    }
}
