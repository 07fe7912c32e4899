//! A flow's properties: its own, and those of the VMs at either end.

use super::*;

/// A flow's source VM.
fn src(inv: &Inventory, f: usize) -> usize {
    inv.flow_source[f] as usize
}

/// Pushes a property of the flow's destination VM, if it goes to one.
fn dst<'a>(
    inv: &'a Inventory,
    f: usize,
    out: &mut Vec<Val<'a>>,
    get: fn(&'a Inventory, usize) -> &'a str,
) {
    if let Some(d) = inv.flow_destination_vm(f) {
        out.push(Val::Text(get(inv, d)));
    }
}

pub(super) static FLOW: &[Field] = &[
    text!("name", |inv, i| &inv.flow_names[i]),
    text!("entity_id", |inv, i| id(inv, Kind::Flow, i)),
    Field {
        numeric: false,
        name: "flow_tag",
        bits: Some((|inv, i| inv.flow_tags[i], &super::super::FLOW_TAGS)),
        get: |inv, i, out| {
            let mut bits = inv.flow_tags[i];
            while bits != 0 {
                out.push(Val::Text(
                    super::super::FLOW_TAGS[bits.trailing_zeros() as usize],
                ));
                bits &= bits - 1;
            }
        },
    },
    num!("port", |inv, i| inv.workload.flows[i].port),
    num!("port.start", |inv, i| inv.workload.flows[i].port),
    num!("port.end", |inv, i| inv.workload.flows[i].port),
    text!("protocol", |inv, i| match inv.workload.flows[i].protocol {
        crate::world::workload::Protocol::Tcp => "TCP",
        crate::world::workload::Protocol::Udp => "UDP",
    }),
    text!(
        "traffic_type",
        |inv, i| if inv.flow_destination_vm(i).is_some() {
            "EAST_WEST_TRAFFIC"
        } else {
            "INTERNET_TRAFFIC"
        }
    ),
    text!("within_host", |inv, i| match inv.flow_destination_vm(i) {
        Some(d) if inv.workload.vms[d].host == inv.workload.vms[src(inv, i)].host => "true",
        _ => "false",
    }),
    text!("firewall_action", |_inv, _i| "ALLOW"),
    text!("source_vm.name", |inv, i| vm::name(inv, src(inv, i))),
    text!("source_vm.entity_id", |inv, i| id(
        inv,
        Kind::Vm,
        src(inv, i)
    )),
    Field {
        numeric: false,
        bits: None,
        name: "destination_vm.name",
        get: |inv, i, out| dst(inv, i, out, vm::name),
    },
    Field {
        numeric: false,
        bits: None,
        name: "destination_vm.entity_id",
        get: |inv, i, out| dst(inv, i, out, |inv, d| id(inv, Kind::Vm, d)),
    },
    text!("source_ip.ip_address", |inv, i| &inv.workload.vms
        [src(inv, i)]
    .ip),
    text!("destination_ip.ip_address", |inv, i| inv
        .flow_destination_ip(i)),
    text!("source_datacenter.name", |inv, i| vm::datacenter(
        inv,
        src(inv, i)
    )
    .1),
    Field {
        numeric: false,
        bits: None,
        name: "destination_datacenter.name",
        get: |inv, i, out| dst(inv, i, out, |inv, d| vm::datacenter(inv, d).1),
    },
    Field {
        numeric: false,
        bits: None,
        name: "source_cluster.name",
        get: |inv, i, out| out.extend(cluster_of_vm(inv, src(inv, i)).map(|c| Val::Text(c.1))),
    },
    Field {
        numeric: false,
        bits: None,
        name: "destination_cluster.name",
        get: |inv, i, out| {
            if let Some(d) = inv.flow_destination_vm(i) {
                out.extend(cluster_of_vm(inv, d).map(|c| Val::Text(c.1)));
            }
        },
    },
    text!("source_host.name", |inv, i| vm::host(inv, src(inv, i)).1),
    Field {
        numeric: false,
        bits: None,
        name: "destination_host.name",
        get: |inv, i, out| dst(inv, i, out, |inv, d| vm::host(inv, d).1),
    },
    text!("source_l2_network.name", |inv, i| vm::network(
        inv,
        src(inv, i)
    )
    .1),
    Field {
        numeric: false,
        bits: None,
        name: "destination_l2_network.name",
        get: |inv, i, out| dst(inv, i, out, |inv, d| vm::network(inv, d).1),
    },
    text!("source_security_groups.name", |inv, i| vm::group(
        inv,
        src(inv, i)
    )
    .1),
    text!("source_security_groups.entity_id", |inv, i| {
        id(inv, Kind::SecurityGroup, vm::group(inv, src(inv, i)).0)
    }),
    Field {
        numeric: false,
        bits: None,
        name: "destination_security_groups.name",
        get: |inv, i, out| dst(inv, i, out, |inv, d| vm::group(inv, d).1),
    },
    Field {
        numeric: false,
        bits: None,
        name: "destination_security_groups.entity_id",
        get: |inv, i, out| {
            dst(inv, i, out, |inv, d| {
                id(inv, Kind::SecurityGroup, vm::group(inv, d).0)
            })
        },
    },
    Field {
        numeric: false,
        bits: None,
        name: "source_vm_tags",
        get: |inv, i, out| {
            out.extend(
                inv.workload.vms[src(inv, i)]
                    .tags
                    .iter()
                    .map(|t| Val::Text(t.1.as_str())),
            )
        },
    },
    num!("flow.totalBytes.delta.summation.bytes", |inv, i| inv
        .workload
        .flows[i]
        .bytes),
    num!("flow.totalPackets.delta.summation.number", |inv, i| inv
        .workload
        .flows[i]
        .packets),
];
