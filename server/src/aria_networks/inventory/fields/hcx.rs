//! The filter language's properties of the HCX objects (E101): every one has its name, id and
//! connector (`manager.name`, the HCX connector Aria collects it through); appliances their
//! type, services theirs, L2 extensions the network they extend.

use super::{id, Field, Val};
use crate::aria_networks::inventory::{EntityRef, HcxObject, Inventory, Kind};

fn object(inv: &Inventory, kind: Kind, i: usize) -> &HcxObject {
    inv.hcx(EntityRef::new(kind, i))
}

fn connector(inv: &Inventory, kind: Kind, i: usize) -> &str {
    &inv.world.hcx_managers[object(inv, kind, i).connector]
        .config
        .name
}

/// The properties every HCX kind has.
macro_rules! common {
    ($kind:expr) => {
        [
            text!("name", |inv, i| &object(inv, $kind, i).name),
            text!("entity_id", |inv, i| id(inv, $kind, i)),
            text!("vendor_id", |inv, i| &object(inv, $kind, i).vendor_id),
            text!("manager.name", |inv, i| connector(inv, $kind, i)),
        ]
    };
}

pub static MANAGER: &[Field] = &common!(Kind::HcxManager);
pub static SITE: &[Field] = &common!(Kind::HcxSite);
pub static COMPUTE_PROFILE: &[Field] = &common!(Kind::HcxComputeProfile);
pub static NETWORK_PROFILE: &[Field] = &common!(Kind::HcxNetworkProfile);
pub static SERVICE_MESH: &[Field] = &common!(Kind::HcxServiceMesh);
pub static TUNNEL: &[Field] = &common!(Kind::HcxTunnel);

pub static SERVICE: &[Field] = &{
    let [a, b, c, d] = common!(Kind::HcxService);
    [
        a,
        b,
        c,
        d,
        text!("service_type", |_inv, i| super::super::hcx::SERVICES[i % 5]
            .0),
    ]
};

pub static APPLIANCE: &[Field] = &{
    let [a, b, c, d] = common!(Kind::HcxAppliance);
    [
        a,
        b,
        c,
        d,
        text!("appliance_type", |_inv, i| {
            super::super::hcx::appliance_type(i)
        }),
    ]
};

pub static L2_EXTENSION: &[Field] = &{
    let [a, b, c, d] = common!(Kind::HcxL2Extension);
    [
        a,
        b,
        c,
        d,
        text!("source_l2_network.name", |inv, i| &inv.workload.networks
            [inv.hcx_derived().l2_network[i]]
            .name),
    ]
};
