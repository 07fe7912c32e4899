//! The generated workload: `vms_per_host` VMs on every host and `flows` flows between them and
//! to the internet, drawn from the seeded generator.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::{peer, Flow, FlowEnd, Ids, Network, Workload, WorkloadConfig, SERVICES};

/// `vms_per_host` VMs on every host, on the networks of its datacenter in turn.
pub(super) fn vms(
    config: &WorkloadConfig,
    w: &mut Workload,
    rng: &mut ChaCha8Rng,
    ids: &mut Ids,
) -> Result<(), String> {
    for (hi, (place, _)) in w.hosts.clone().iter().enumerate() {
        let networks: Vec<usize> = (0..w.networks.len())
            .filter(|&n| {
                w.networks[n].vcenter == place.vcenter
                    && w.networks[n].datacenter == place.datacenter
            })
            .collect();
        if networks.is_empty() {
            return Err(format!(
                "world.workload: the datacenter of host {} has no network",
                w.hosts[hi].1.config.name
            ));
        }
        let groups: Vec<usize> = (0..w.security_groups.len())
            .filter(|&g| w.security_groups[g].vcenter == place.vcenter)
            .collect();
        for _ in 0..config.vms_per_host {
            let seq = w.vms.len() + 1;
            let network = networks[seq % networks.len()];
            let group = groups[seq % groups.len()];
            let role = role(&w.security_groups[group].name);
            let ip = w.networks[network].next_address()?;
            let mut vm = w.new_vm(format!("{role}-vm-{seq:03}"), ip, hi, rng, ids);
            vm.network = network;
            vm.security_group = group;
            vm.tags.push(("tier".into(), role));
            w.vms.push(vm);
        }
    }
    Ok(())
}

/// What a group's VMs do, from its name: `web` for `web-tier`.
pub(super) fn role(group: &str) -> String {
    group.split(['-', '_']).next().unwrap_or("vm").to_string()
}

impl Network {
    pub(super) fn next_address(&mut self) -> Result<String, String> {
        let host_part = self.next + 10;
        self.next += 1;
        if host_part >= 65_000 {
            return Err(format!("world.workload: network {} is full", self.name));
        }
        Ok(format!(
            "{}.{}.{}",
            self.prefix,
            host_part / 250,
            host_part % 250 + 2
        ))
    }
}

/// A flow between two VMs of a vCenter, or from a VM to the internet.
pub(super) fn flow(
    config: &WorkloadConfig,
    w: &Workload,
    by_vcenter: &[Vec<usize>],
    rng: &mut ChaCha8Rng,
) -> Flow {
    let source = rng.gen_range(0..w.vms.len());
    let peers = &by_vcenter[w.vms[source].place.vcenter];
    let to_internet = rng.gen_range(0..100) < config.internet_flow_percent || peers.len() < 2;
    let services: Vec<_> = SERVICES.iter().filter(|s| s.2 == to_internet).collect();
    let (port, protocol, _) = *services[rng.gen_range(0..services.len())];
    let destination = if to_internet {
        let block = ["203.0.113", "198.51.100"][rng.gen_range(0..2)];
        FlowEnd::Internet(format!("{block}.{}", rng.gen_range(1..255)))
    } else {
        FlowEnd::Vm(peer(source, peers, rng))
    };
    let bytes = rng.gen_range(10_000u64..50_000_000);
    Flow {
        source,
        destination,
        port,
        protocol,
        bytes,
        packets: bytes / 900 + 1,
    }
}
