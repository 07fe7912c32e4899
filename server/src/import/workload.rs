//! `[world.workload]` from what Aria saw: every VM on a host of the imported topology, spelled
//! out with its address, network and security group; each network in each datacenter that has
//! VMs on it; the flow count and the sample of flows, largest first. What cannot be placed (a VM
//! on a host the topology lacks, a flow from such a VM) is left out and counted.

use std::collections::{BTreeSet, HashMap};

use serde_json::{json, Value};

use super::anonymize::Anonymizer;
use super::aria::{AriaEstate, AriaNetwork};

/// A VM without a security group goes in this one (VMs need one in the world).
const UNGROUPED: &str = "ungrouped";

/// The real host name -> the (final) names of its vCenter and datacenter.
pub(super) type Places = HashMap<String, (String, String)>;

pub(super) struct Imported {
    pub workload: Value,
    pub vms: usize,
    pub left_out: usize,
}

/// `home`: where a network no VM is on goes (the first datacenter of the first vCenter: Aria
/// does not say where it is).
pub(super) fn workload(
    estate: &AriaEstate,
    places: &Places,
    home: Option<&(String, String)>,
    a: &mut Anonymizer,
) -> Imported {
    // The world's networks are IPv4 subnets; one without (or IPv6) cannot be spelled out, and
    // neither can a VM without an IPv4 address or on such a network.
    let v4 = |a: &str| a.parse::<std::net::Ipv4Addr>().is_ok();
    let usable = |n: &&AriaNetwork| n.subnet.split_once('/').is_some_and(|(a, _)| v4(a));
    let networks: HashMap<&str, _> = estate
        .networks
        .iter()
        .filter(usable)
        .map(|n| (n.name.as_str(), n))
        .collect();
    let mut groups: Vec<String> = estate.security_groups.iter().map(|g| a.group(g)).collect();
    let mut spelled_networks: BTreeSet<(String, String, String)> = BTreeSet::new();
    let mut network_specs = Vec::new();
    let mut spell = |a: &mut Anonymizer, net: &AriaNetwork, (vcenter, datacenter): (&str, &str)| {
        let network = a.network(&net.name);
        let key = (network.clone(), vcenter.to_string(), datacenter.to_string());
        if spelled_networks.insert(key) {
            network_specs.push(json!({
                "name": network,
                "vlan_id": net.vlan_id,
                "subnet": a.subnet(&net.subnet),
                "gateway": a.address(&net.gateway),
                "vcenter": vcenter,
                "datacenter": datacenter,
            }));
        }
        network
    };
    let mut vms = Vec::new();
    let mut imported: BTreeSet<&str> = BTreeSet::new();
    let mut left_out = 0;
    let mut used: BTreeSet<&str> = BTreeSet::new();
    for vm in &estate.vms {
        let (Some((vcenter, datacenter)), Some(net), true) = (
            places.get(&vm.host),
            networks.get(vm.network.as_str()),
            v4(&vm.ip),
        ) else {
            left_out += 1;
            continue;
        };
        let network = spell(a, net, (vcenter, datacenter));
        used.insert(net.name.as_str());
        let group = match &vm.group {
            Some(g) => a.group(g),
            None => {
                if !groups.iter().any(|g| g == UNGROUPED) {
                    groups.push(UNGROUPED.into());
                }
                UNGROUPED.into()
            }
        };
        let mut spec = json!({
            "name": a.vm(&vm.name),
            "ip": a.address(&vm.ip),
            "host": a.host_name(&vm.host),
            "network": network,
            "security_group": group,
        });
        if let Some(c) = vm.cpu_count {
            spec["cpu_count"] = json!(c);
        }
        if let Some(m) = vm.memory_mb {
            spec["memory_mb"] = json!(m);
        }
        if let Some(os) = &vm.os {
            spec["os"] = json!(os);
        }
        vms.push(spec);
        imported.insert(&vm.name);
    }
    if let Some((vcenter, datacenter)) = home {
        let unused = estate.networks.iter().filter(usable);
        for net in unused.filter(|n| !used.contains(n.name.as_str())) {
            spell(a, net, (vcenter, datacenter));
        }
    }
    let samples: Vec<Value> = estate
        .samples
        .iter()
        .filter(|f| imported.contains(f.source.as_str()))
        .filter(|f| matches!(f.protocol.as_str(), "TCP" | "UDP") && v4(&f.destination))
        .map(|f| {
            json!({
                "source": a.vm(&f.source),
                "destination": a.address(&f.destination),
                "port": f.port,
                "protocol": f.protocol,
                "bytes": f.bytes,
                "count": f.count,
            })
        })
        .collect();
    if groups.is_empty() {
        groups.push(UNGROUPED.into());
    }
    let mut workload = json!({
        // The spelled-out VMs replace the per-host count; with none, there are none.
        "vms_per_host": 0,
        "security_groups": groups,
        "flows": estate.flows,
        "networks": network_specs,
        "vms": vms,
    });
    if !samples.is_empty() {
        workload["flow_samples"] = json!(samples);
    }
    Imported {
        workload,
        vms: imported.len(),
        left_out,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::aria::{AriaSample, AriaVm};

    fn vm(name: &str, ip: &str, network: &str) -> AriaVm {
        AriaVm {
            name: name.into(),
            ip: ip.into(),
            host: "esxi-01.example.com".into(),
            network: network.into(),
            group: None,
            cpu_count: None,
            memory_mb: None,
            os: None,
        }
    }

    fn network(name: &str, subnet: &str) -> AriaNetwork {
        AriaNetwork {
            name: name.into(),
            vlan_id: 7,
            subnet: subnet.into(),
            gateway: String::new(),
        }
    }

    /// What a real estate holds and the world cannot (a powered-off VM without an address, an
    /// IPv6 or address-less network, ICMP) is left out, and the rest is a world that builds.
    #[test]
    fn what_the_world_cannot_hold_is_left_out_and_the_rest_builds() {
        let sample = |protocol: &str, destination: &str| AriaSample {
            source: "web-01".into(),
            destination: destination.into(),
            port: 443,
            protocol: protocol.into(),
            bytes: 10,
            count: 1,
        };
        let estate = AriaEstate {
            topology: Vec::new(),
            vms: vec![
                vm("web-01", "10.1.0.5", "prod"),
                vm("off-01", "", "prod"),
                vm("v6-01", "10.1.0.6", "v6"),
            ],
            networks: vec![
                network("prod", "10.1.0.0/24"),
                network("v6", "fd00::/64"),
                network("empty", ""),
            ],
            security_groups: Vec::new(),
            flows: 3,
            samples: vec![
                sample("TCP", "8.8.8.8"),
                sample("ICMP", "8.8.4.4"),
                sample("UDP", "fd00::1"),
            ],
            applications: Vec::new(),
        };
        let place = ("vcenter01".to_string(), "Datacenter-A".to_string());
        let places: Places = [("esxi-01.example.com".to_string(), place.clone())].into();
        let w = workload(&estate, &places, Some(&place), &mut Anonymizer::new(false));
        assert_eq!((w.vms, w.left_out), (1, 2));
        assert_eq!(
            w.workload["networks"].as_array().unwrap().len(),
            1,
            "{}",
            w.workload
        );
        assert_eq!(w.workload["flow_samples"].as_array().unwrap().len(), 1);
        let config = crate::world::WorldConfig {
            workload: serde_json::from_value(w.workload).unwrap(),
            ..Default::default()
        };
        let world = crate::world::World::build(&config).unwrap();
        crate::world::Workload::generate(&world, &config.workload).unwrap();
    }
}
