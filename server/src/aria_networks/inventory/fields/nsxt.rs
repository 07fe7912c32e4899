//! The filter language's properties of the NSX-T objects (E96): every one has its name, id and
//! manager; those with an address have it.

use super::{id, Field, Getter, Val};
use crate::aria_networks::inventory::{EntityRef, Inventory, Kind, NsxtObject};

fn object(inv: &Inventory, kind: Kind, i: usize) -> &NsxtObject {
    inv.nsxt(EntityRef::new(kind, i))
}

fn manager_name(inv: &Inventory, kind: Kind, i: usize) -> &str {
    &inv.world.nsxt_managers[object(inv, kind, i).manager]
        .config
        .name
}

/// The address of an object that has one (management nodes, controllers, transport nodes).
fn ip(inv: &Inventory, kind: Kind, i: usize) -> &str {
    object(inv, kind, i).ip.as_deref().unwrap_or_default()
}

pub static MANAGER: &[Field] = &[
    text!("name", |inv, i| &object(inv, Kind::NsxtManager, i).name),
    text!("entity_id", |inv, i| id(inv, Kind::NsxtManager, i)),
    text!("fqdn", |inv, i| &inv.world.nsxt_managers[i].config.hostname),
    text!("ip_address.ip_address", |inv, i| &inv.world.nsxt_managers
        [i]
        .config
        .ip),
    text!("version", |inv, i| &inv.world.nsxt_managers[i]
        .config
        .version),
];

pub static MP_NODE: &[Field] = &[
    text!("name", |inv, i| &object(inv, Kind::NsxtMpNode, i).name),
    text!("entity_id", |inv, i| id(inv, Kind::NsxtMpNode, i)),
    text!("manager.name", |inv, i| manager_name(
        inv,
        Kind::NsxtMpNode,
        i
    )),
    text!("ip_address.ip_address", |inv, i| ip(
        inv,
        Kind::NsxtMpNode,
        i
    )),
];

pub static CONTROLLER: &[Field] = &[
    text!("name", |inv, i| &object(inv, Kind::NsxtController, i).name),
    text!("entity_id", |inv, i| id(inv, Kind::NsxtController, i)),
    text!("manager.name", |inv, i| manager_name(
        inv,
        Kind::NsxtController,
        i
    )),
    text!("ip_address.ip_address", |inv, i| ip(
        inv,
        Kind::NsxtController,
        i
    )),
];

pub static TRANSPORT_NODE: &[Field] = &[
    text!("name", |inv, i| &object(inv, Kind::NsxtTransportNode, i)
        .name),
    text!("entity_id", |inv, i| id(inv, Kind::NsxtTransportNode, i)),
    text!("manager.name", |inv, i| manager_name(
        inv,
        Kind::NsxtTransportNode,
        i
    )),
    text!("ip_addresses.ip_address", |inv, i| ip(
        inv,
        Kind::NsxtTransportNode,
        i
    )),
    text!("node_type", |inv, i| if inv.nsxt_node_host(i).is_some() {
        "HostNode"
    } else {
        "EdgeNode"
    }),
];

pub static EDGE_CLUSTER: &[Field] = &[
    text!("name", |inv, i| &object(inv, Kind::NsxtEdgeCluster, i).name),
    text!("entity_id", |inv, i| id(inv, Kind::NsxtEdgeCluster, i)),
    text!("manager.name", |inv, i| manager_name(
        inv,
        Kind::NsxtEdgeCluster,
        i
    )),
];

pub static CPU_CORE: &[Field] = &[
    text!("name", |inv, i| &object(inv, Kind::NsxtCpuCore, i).name),
    text!("entity_id", |inv, i| id(inv, Kind::NsxtCpuCore, i)),
    text!("manager.name", |inv, i| manager_name(
        inv,
        Kind::NsxtCpuCore,
        i
    )),
];

pub static ROUTER: &[Field] = &[
    text!("name", |inv, i| &object(inv, Kind::LogicalRouter, i).name),
    text!("entity_id", |inv, i| id(inv, Kind::LogicalRouter, i)),
    text!("manager.name", |inv, i| manager_name(
        inv,
        Kind::LogicalRouter,
        i
    )),
];

fn managers_name<'a>(inv: &'a Inventory, kind: Kind, i: usize, out: &mut Vec<Val<'a>>) {
    out.push(Val::Text(manager_name(inv, kind, i)));
}

fn group_name<'a>(inv: &'a Inventory, g: Option<usize>, out: &mut Vec<Val<'a>>) {
    if let Some(g) = g {
        out.push(Val::Text(&inv.workload.security_groups[g].name));
    }
}

fn service_names<'a>(inv: &'a Inventory, services: &[usize], out: &mut Vec<Val<'a>>) {
    let d = inv.nsxt_derived();
    out.extend(
        services
            .iter()
            .map(|&s| Val::Text(d.services[s].name.as_str())),
    );
}

const fn list(name: &'static str, get: Getter) -> Field {
    Field {
        numeric: false,
        bits: None,
        name,
        get,
    }
}

pub static FIREWALL: &[Field] = &[
    text!("name", |inv, i| &object(inv, Kind::NsxtFirewall, i).name),
    text!("entity_id", |inv, i| id(inv, Kind::NsxtFirewall, i)),
];

pub static FIREWALL_RULE: &[Field] = &[
    text!("name", |inv, i| &object(inv, Kind::NsxtFirewallRule, i)
        .name),
    text!("entity_id", |inv, i| id(inv, Kind::NsxtFirewallRule, i)),
    text!(
        "action",
        |inv, i| if inv.nsxt_derived().rule_parts[i].default {
            "DROP"
        } else {
            "ALLOW"
        }
    ),
    text!("rule_id", |inv, i| &inv.nsxt_derived().rule_parts[i]
        .rule_id),
    num!("sequence_number", |inv, i| inv.nsxt_derived().rule_parts[i]
        .sequence),
    list("sources.name", |inv, i, out| {
        group_name(inv, inv.nsxt_derived().rule_parts[i].source, out)
    }),
    list("destinations.name", |inv, i, out| {
        group_name(inv, inv.nsxt_derived().rule_parts[i].destination, out)
    }),
    list("services.name", |inv, i, out| {
        service_names(inv, &inv.nsxt_derived().rule_parts[i].services, out)
    }),
    list("nsx_managers.name", |inv, i, out| {
        managers_name(inv, Kind::NsxtFirewallRule, i, out)
    }),
];

pub static IP_SET: &[Field] = &[
    text!("name", |inv, i| &object(inv, Kind::NsxtIpSet, i).name),
    text!("entity_id", |inv, i| id(inv, Kind::NsxtIpSet, i)),
    text!("ip_ranges.start_ip", |inv, i| &inv
        .nsxt_derived()
        .ip_set_range[i]
        .0),
    list("nsxt_managers.name", |inv, i, out| {
        managers_name(inv, Kind::NsxtIpSet, i, out)
    }),
];

pub static SERVICE: &[Field] = &[
    text!("name", |inv, i| &object(inv, Kind::NsService, i).name),
    text!("entity_id", |inv, i| id(inv, Kind::NsService, i)),
    text!("protocol", |inv, i| inv.nsxt_derived().service_ports[i]
        .protocol()),
    num!("port_ranges.start", |inv, i| inv
        .nsxt_derived()
        .service_ports[i]
        .port),
    list("nsxt_managers.name", |inv, i, out| {
        managers_name(inv, Kind::NsService, i, out)
    }),
];

pub static SERVICE_GROUP: &[Field] = &[
    text!("name", |inv, i| &object(inv, Kind::NsServiceGroup, i).name),
    text!("entity_id", |inv, i| id(inv, Kind::NsServiceGroup, i)),
    list("members.name", |inv, i, out| {
        service_names(inv, &inv.nsxt_derived().service_group_members[i], out)
    }),
    list("nsxt_managers.name", |inv, i, out| {
        managers_name(inv, Kind::NsServiceGroup, i, out)
    }),
];

pub static SECURITY_TAG: &[Field] = &[
    text!("name", |inv, i| &object(inv, Kind::SecurityTag, i).name),
    text!("entity_id", |inv, i| id(inv, Kind::SecurityTag, i)),
    list("security_groups.name", |inv, i, out| {
        for &g in &inv.nsxt_derived().tag_groups[i] {
            group_name(inv, Some(g), out);
        }
    }),
    text!("nsx_manager.name", |inv, i| manager_name(
        inv,
        Kind::SecurityTag,
        i
    )),
];
