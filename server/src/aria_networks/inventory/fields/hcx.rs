//! The filter language's properties of the HCX objects (E101), as their answers have them:
//! every one its name and id, all but services their vendor id, those with a `manager` that
//! manager's name (the cloud manager's on the cloud side); appliances their type, services
//! theirs and their mesh, L2 extensions the network they extend.

use super::{id, Field, Val};
use crate::aria_networks::inventory::hcx::{appliance_type, SERVICES};
use crate::aria_networks::inventory::{EntityRef, HcxObject, Inventory, Kind};

fn object(inv: &Inventory, kind: Kind, i: usize) -> &HcxObject {
    inv.hcx(EntityRef::new(kind, i))
}

/// The name of the manager an object's answer names: its side's (`hcx::Derived`'s layout).
fn manager(inv: &Inventory, kind: Kind, i: usize) -> &str {
    let cloud = match kind {
        Kind::HcxSite | Kind::HcxComputeProfile => i % 2 == 1,
        Kind::HcxAppliance => i % 6 >= 3,
        _ => false,
    };
    let c = &inv.world.hcx_managers[object(inv, kind, i).connector].config;
    if cloud {
        &c.remote_site
    } else {
        &c.name
    }
}

/// Name, id and vendor id.
macro_rules! named {
    ($kind:expr) => {
        [
            text!("name", |inv, i| &object(inv, $kind, i).name),
            text!("entity_id", |inv, i| id(inv, $kind, i)),
            text!("vendor_id", |inv, i| &object(inv, $kind, i).vendor_id),
        ]
    };
}

/// Those and the manager's name.
macro_rules! managed {
    ($kind:expr) => {{
        let [a, b, c] = named!($kind);
        [
            a,
            b,
            c,
            text!("manager.name", |inv, i| manager(inv, $kind, i)),
        ]
    }};
}

pub static MANAGER: &[Field] = &named!(Kind::HcxManager);
pub static SITE: &[Field] = &managed!(Kind::HcxSite);
pub static COMPUTE_PROFILE: &[Field] = &managed!(Kind::HcxComputeProfile);
pub static NETWORK_PROFILE: &[Field] = &managed!(Kind::HcxNetworkProfile);
pub static SERVICE_MESH: &[Field] = &named!(Kind::HcxServiceMesh);
pub static TUNNEL: &[Field] = &managed!(Kind::HcxTunnel);

pub static SERVICE: &[Field] = &[
    text!("name", |inv, i| &object(inv, Kind::HcxService, i).name),
    text!("entity_id", |inv, i| id(inv, Kind::HcxService, i)),
    text!("service_type", |_inv, i| SERVICES[i % SERVICES.len()].0),
    text!("service_mesh.name", |inv, i| &inv
        .hcx_derived()
        .service_meshes[object(inv, Kind::HcxService, i).connector]
        .name),
];

pub static APPLIANCE: &[Field] = &{
    let [a, b, c, d] = managed!(Kind::HcxAppliance);
    [
        a,
        b,
        c,
        d,
        text!("appliance_type", |_inv, i| appliance_type(i)),
    ]
};

pub static L2_EXTENSION: &[Field] = &{
    let [a, b, c, d] = managed!(Kind::HcxL2Extension);
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
