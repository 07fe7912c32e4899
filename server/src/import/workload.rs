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
    let networks: HashMap<&str, _> = estate
        .networks
        .iter()
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
        let (Some((vcenter, datacenter)), Some(net)) =
            (places.get(&vm.host), networks.get(vm.network.as_str()))
        else {
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
        for net in estate
            .networks
            .iter()
            .filter(|n| !used.contains(n.name.as_str()))
        {
            spell(a, net, (vcenter, datacenter));
        }
    }
    let samples: Vec<Value> = estate
        .samples
        .iter()
        .filter(|f| imported.contains(f.source.as_str()))
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
