//! The filter language's properties of the world's own vSphere objects besides VMs: hosts,
//! clusters, datacenters, datastores, networks, security groups, network adapters and vCenters.

use super::{datacenter_name, id, vcenter_name, vm, Field, Val};
use crate::aria_networks::inventory::Kind;

pub static HOST: &[Field] = &[
    text!("name", |inv, i| &inv.workload.hosts[i].1.config.name),
    text!("entity_id", |inv, i| id(inv, Kind::Host, i)),
    text!("service_tag", |inv, i| &inv.workload.hosts[i]
        .1
        .config
        .service_tag),
    num!("vm_count", |inv, i| inv.vms_on_host[i].len()),
    text!("vcenter_manager.name", |inv, i| vcenter_name(
        inv,
        inv.workload.hosts[i].0.vcenter
    )),
    Field {
        numeric: false,
        bits: None,
        name: "cluster.name",
        get: |inv, i, out| {
            let p = inv.workload.hosts[i].0;
            if let Some(c) = p.cluster {
                out.push(Val::Text(
                    &inv.world.vcenters[p.vcenter].datacenters[p.datacenter].clusters[c].name,
                ));
            }
        },
    },
    text!("connection_state", |_inv, _i| "CONNECTED"),
];

pub static CLUSTER: &[Field] = &[
    text!("name", |inv, i| {
        let (v, d, c) = inv.clusters[i];
        &inv.world.vcenters[v].datacenters[d].clusters[c].name
    }),
    text!("entity_id", |inv, i| id(inv, Kind::Cluster, i)),
    num!("num_hosts", |inv, i| {
        let (v, d, c) = inv.clusters[i];
        inv.world.vcenters[v].datacenters[d].clusters[c].hosts.len()
    }),
    text!("vcenter_manager.name", |inv, i| vcenter_name(
        inv,
        inv.clusters[i].0
    )),
    text!("datacenter.name", |inv, i| datacenter_name(
        inv,
        inv.clusters[i].0,
        inv.clusters[i].1
    )),
];

pub static DATACENTER: &[Field] = &[
    text!("name", |inv, i| datacenter_name(
        inv,
        inv.datacenters[i].0,
        inv.datacenters[i].1
    )),
    text!("entity_id", |inv, i| id(inv, Kind::Datacenter, i)),
    text!("vcenter_manager.name", |inv, i| vcenter_name(
        inv,
        inv.datacenters[i].0
    )),
];

pub static DATASTORE: &[Field] = &[
    text!("name", |inv, i| &inv.workload.datastores[i].name),
    text!("entity_id", |inv, i| id(inv, Kind::Datastore, i)),
    text!("vcenter_manager.name", |inv, i| vcenter_name(
        inv,
        inv.workload.datastores[i].place.vcenter
    )),
];

pub static NETWORK: &[Field] = &[
    text!("name", |inv, i| &inv.workload.networks[i].name),
    text!("entity_id", |inv, i| id(inv, Kind::Network, i)),
    num!("vlan_id", |inv, i| inv.workload.networks[i].vlan_id),
    text!("network_addresses", |inv, i| &inv.workload.networks[i]
        .subnet),
    text!("gateways", |inv, i| &inv.workload.networks[i].gateway),
];

pub static SECURITY_GROUP: &[Field] = &[
    text!("name", |inv, i| &inv.workload.security_groups[i].name),
    text!("entity_id", |inv, i| id(inv, Kind::SecurityGroup, i)),
    Field {
        numeric: false,
        bits: None,
        name: "members.name",
        get: |inv, i, out| {
            out.extend(
                inv.group_members[i]
                    .iter()
                    .map(|v| Val::Text(vm::name(inv, *v))),
            )
        },
    },
    Field {
        numeric: false,
        bits: None,
        name: "members.entity_id",
        get: |inv, i, out| {
            out.extend(
                inv.group_members[i]
                    .iter()
                    .map(|v| Val::Text(id(inv, Kind::Vm, *v))),
            )
        },
    },
];

pub static VNIC: &[Field] = &[
    text!("name", |inv, i| &inv.vnic_names[i]),
    text!("entity_id", |inv, i| id(inv, Kind::Vnic, i)),
    text!("ip_addresses.ip_address", |inv, i| &inv.workload.vms[i].ip),
    text!("vm.name", |inv, i| vm::name(inv, i)),
    text!("vm.entity_id", |inv, i| id(inv, Kind::Vm, i)),
    text!("layer2_network.name", |inv, i| vm::network(inv, i).1),
];

pub static VCENTER: &[Field] = &[
    text!("name", |inv, i| vcenter_name(inv, i)),
    text!("entity_id", |inv, i| id(inv, Kind::Vcenter, i)),
    text!("ip_address", |inv, i| &inv.world.vcenters[i].config.ip),
    text!("fqdn", |inv, i| &inv.world.vcenters[i].config.hostname),
];
