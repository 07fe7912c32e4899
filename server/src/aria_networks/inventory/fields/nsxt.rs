//! The filter language's properties of the NSX-T objects (E96): every one has its name, id and
//! manager; those with an address have it.

use super::{id, Field, Val};
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
