//! The filter language's properties of the vCenter objects derived from the world (folders,
//! virtual disks, distributed switches and port groups, VMkernel adapters).

use super::{id, vcenter_name, vm, Field, Val};
use crate::aria_networks::inventory::Kind;

pub static FOLDER: &[Field] = &[
    text!("name", |inv, i| inv.folder(i).1),
    text!("entity_id", |inv, i| id(inv, Kind::Folder, i)),
    text!("vendor_id", |inv, i| inv.folder(i).2),
    text!("vcenter_manager.name", |inv, i| vcenter_name(
        inv,
        inv.datacenters[inv.folder(i).0].0
    )),
];

pub static VIRTUAL_DISK: &[Field] = &[
    text!("name", |_inv, _i| {
        crate::aria_networks::inventory::DISK_NAME
    }),
    text!("entity_id", |inv, i| id(inv, Kind::VirtualDisk, i)),
    num!("capacity", |inv, i| inv.disk(i).capacity_bytes),
    text!("disk_format", |_inv, _i| {
        crate::aria_networks::inventory::DISK_FORMAT
    }),
    text!("virtual_machine.name", |inv, i| vm::name(inv, i)),
    text!("virtual_machine.entity_id", |inv, i| id(inv, Kind::Vm, i)),
    text!("datastore.name", |inv, i| &inv.workload.datastores
        [inv.workload.vms[i].datastore]
        .name),
    text!("manager.name", |inv, i| vcenter_name(
        inv,
        inv.workload.vms[i].place.vcenter
    )),
];

pub static DVS: &[Field] = &[
    text!("name", |inv, i| inv.dvs(i).0),
    text!("entity_id", |inv, i| id(inv, Kind::Dvs, i)),
    text!("vendor_id", |inv, i| inv.dvs(i).1),
    text!("vcenter_manager.name", |inv, i| vcenter_name(
        inv,
        inv.datacenters[i].0
    )),
    Field {
        numeric: false,
        bits: None,
        name: "hosts.name",
        get: |inv, i, out| {
            out.extend(
                inv.dvs_hosts(i)
                    .map(|h| Val::Text(&inv.workload.hosts[h].1.config.name)),
            )
        },
    },
];

pub static DVPG: &[Field] = &[
    text!("name", |inv, i| &inv.workload.networks[i].name),
    text!("entity_id", |inv, i| id(inv, Kind::Dvpg, i)),
    text!("vendor_id", |inv, i| &inv.workload.networks[i].id),
    text!("vcenter_manager.name", |inv, i| vcenter_name(
        inv,
        inv.workload.networks[i].vcenter
    )),
    text!("distributed_virtual_switch.name", |inv, i| inv
        .dvs(inv.dvpg_switch(i))
        .0),
];

pub static VMKNIC: &[Field] = &[
    text!("name", |_inv, _i| {
        crate::aria_networks::inventory::VMKNIC_NAME
    }),
    text!("entity_id", |inv, i| id(inv, Kind::Vmknic, i)),
    text!("ip_addresses.ip_address", |inv, i| &inv.workload.hosts[i]
        .1
        .config
        .ip),
    text!("host.name", |inv, i| &inv.workload.hosts[i].1.config.name),
    text!("host.entity_id", |inv, i| id(inv, Kind::Host, i)),
];
