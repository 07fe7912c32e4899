//! The filter language's properties of the physical network (E105): a switch its name, vendor
//! and address; a port its status and switch; a routed interface its status, address, VLAN
//! network and switch. Properties are named as the 6.12 models name their fields.

use super::{id, Field, Val};
use crate::aria_networks::inventory::{EntityRef, Inventory, Kind, SwitchObject};
use crate::world::SwitchConfig;

fn object(inv: &Inventory, kind: Kind, i: usize) -> &SwitchObject {
    inv.switching(EntityRef::new(kind, i))
}

/// The switch an object of `kind` belongs to.
fn switch(inv: &Inventory, kind: Kind, i: usize) -> &SwitchConfig {
    &inv.world.switches[object(inv, kind, i).switch].config
}

fn port_status(inv: &Inventory, i: usize) -> &'static str {
    if object(inv, Kind::SwitchPort, i).peer.is_some() {
        "UP"
    } else {
        "DOWN"
    }
}

/// The VLAN network an interface routes.
fn routed(inv: &Inventory, i: usize) -> Option<usize> {
    object(inv, Kind::RouterInterface, i).peer
}

pub static SWITCH: &[Field] = &[
    text!("name", |inv, i| &inv.world.switches[i].config.name),
    text!("entity_id", |inv, i| id(inv, Kind::Switch, i)),
    text!("vendor", |inv, i| inv.world.switches[i]
        .config
        .vendor
        .display()),
    text!("fqdn", |inv, i| &inv.world.switches[i].config.hostname),
    text!("ip_address.ip_address", |inv, i| &inv.world.switches[i]
        .config
        .ip),
];

pub static PORT: &[Field] = &[
    text!("name", |inv, i| &object(inv, Kind::SwitchPort, i).name),
    text!("entity_id", |inv, i| id(inv, Kind::SwitchPort, i)),
    text!("operationalStatus", |inv, i| port_status(inv, i)),
    text!("administrativeStatus", |_inv, _i| "UP"),
    text!("device.name", |inv, i| &switch(inv, Kind::SwitchPort, i)
        .name),
    text!("manager.name", |inv, i| &switch(inv, Kind::SwitchPort, i)
        .name),
];

pub static INTERFACE: &[Field] = &[
    text!("name", |inv, i| &object(inv, Kind::RouterInterface, i).name),
    text!("entity_id", |inv, i| id(inv, Kind::RouterInterface, i)),
    text!("operationalStatus", |_inv, _i| "UP"),
    text!("administrativeStatus", |_inv, _i| "UP"),
    text!("routerPortType", |_inv, _i| "SVI"),
    text!("manager.name", |inv, i| &switch(
        inv,
        Kind::RouterInterface,
        i
    )
    .name),
    Field {
        numeric: false,
        bits: None,
        name: "l2n.name",
        get: |inv, i, out| {
            out.extend(routed(inv, i).map(|n| Val::Text(&inv.workload.networks[n].name)));
        },
    },
    Field {
        numeric: false,
        bits: None,
        name: "ip_addresses.ip_address",
        get: |inv, i, out| {
            out.extend(routed(inv, i).map(|n| Val::Text(&inv.workload.networks[n].gateway)));
        },
    },
];
