//! The filter language's properties of the VMC objects (E103): every one its name and id; an
//! SDDC its ids, region and group; a group, gateway and Direct Connect their SDDCs' names; a
//! virtual interface its state.

use super::{id, Field, Val};
use crate::aria_networks::inventory::{EntityRef, Inventory, Kind, VmcObject};
use crate::world::VmcSddcConfig;

fn object(inv: &Inventory, kind: Kind, i: usize) -> &VmcObject {
    inv.vmc(EntityRef::new(kind, i))
}

fn sddc(inv: &Inventory, i: usize) -> &VmcSddcConfig {
    &inv.world.vmc_sddcs[i]
}

/// The names of group `g`'s SDDCs.
fn group_sddcs<'a>(inv: &'a Inventory, g: usize, out: &mut Vec<Val<'a>>) {
    let d = inv.vmc_derived();
    out.extend(
        d.group_sddcs[g]
            .iter()
            .map(|&s| Val::Text(&d.sddcs[s].name)),
    );
}

pub static SDDC: &[Field] = &[
    text!("name", |inv, i| &sddc(inv, i).name),
    text!("entity_id", |inv, i| id(inv, Kind::VmcSddc, i)),
    text!("sddc_id", |inv, i| &sddc(inv, i).sddc_id),
    text!("org_id", |inv, i| &sddc(inv, i).org_id),
    text!("region", |inv, i| &sddc(inv, i).region),
    text!("nsx_fqdn", |inv, i| &sddc(inv, i).nsx_fqdn),
    Field {
        numeric: false,
        bits: None,
        name: "sddc_group.name",
        get: |inv, i, out| {
            let d = inv.vmc_derived();
            out.extend(d.sddc_group[i].map(|g| Val::Text(&d.groups[g].name)));
        },
    },
];

pub static GROUP: &[Field] = &[
    text!("name", |inv, i| &object(inv, Kind::SddcGroup, i).name),
    text!("entity_id", |inv, i| id(inv, Kind::SddcGroup, i)),
    text!("group_id", |inv, i| &object(inv, Kind::SddcGroup, i)
        .vendor_id),
    Field {
        numeric: false,
        bits: None,
        name: "sddcs.name",
        get: |inv, i, out| group_sddcs(inv, i, out),
    },
];

pub static GATEWAY: &[Field] = &[
    text!("name", |inv, i| &object(inv, Kind::TransitGateway, i).name),
    text!("entity_id", |inv, i| id(inv, Kind::TransitGateway, i)),
    text!("vendor_id", |inv, i| &object(inv, Kind::TransitGateway, i)
        .vendor_id),
    Field {
        numeric: false,
        bits: None,
        name: "attachment.name",
        get: |inv, i, out| group_sddcs(inv, i, out),
    },
];

pub static CONNECTION: &[Field] = &[
    text!("name", |inv, i| &object(inv, Kind::DxConnection, i).name),
    text!("entity_id", |inv, i| id(inv, Kind::DxConnection, i)),
    text!("sddc.name", |inv, i| &sddc(
        inv,
        object(inv, Kind::DxConnection, i).sddc
    )
    .name),
];

pub static INTERFACE: &[Field] = &[
    text!("name", |inv, i| &object(inv, Kind::DxInterface, i).name),
    text!("entity_id", |inv, i| id(inv, Kind::DxInterface, i)),
    text!("tunnel_id", |inv, i| &object(inv, Kind::DxInterface, i)
        .vendor_id),
    text!("state", |_inv, _i| "available"),
    text!("bgp_status", |_inv, _i| "UP"),
    text!("sddc.name", |inv, i| &sddc(
        inv,
        object(inv, Kind::DxInterface, i).sddc
    )
    .name),
];

pub static VPN_SESSION: &[Field] = &[
    text!("name", |inv, i| &object(inv, Kind::VpnSession, i).name),
    text!("entity_id", |inv, i| id(inv, Kind::VpnSession, i)),
    text!("local_address.ip_address", |inv, i| &sddc(
        inv,
        object(inv, Kind::VpnSession, i).sddc
    )
    .nsx_public_ip),
];
