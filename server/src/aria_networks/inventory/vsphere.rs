//! The vCenter objects Aria collects beyond those the world describes, derived from it so they
//! need no configuration (E92): each datacenter's four system folders and its distributed
//! switch, each VLAN network's port group (the network is one: its id is a `dvportgroup-`),
//! each host's management VMkernel adapter and each VM's disk.

use serde_json::{json, Value};

use super::{EntityRef, Inventory, Kind};
use crate::world::workload::Vm;

/// A datacenter's system folders: name and managed-object id prefix.
pub const FOLDERS: [(&str, &str); 4] = [
    ("vm", "group-v"),
    ("host", "group-h"),
    ("datastore", "group-s"),
    ("network", "group-n"),
];

/// A VM's disk, as its getter answers it.
pub struct Disk {
    pub capacity_bytes: u64,
    pub thin: bool,
    pub filename: String,
}

/// The names and ids made up for these objects, made once (searches read them).
#[derive(Default)]
pub struct Derived {
    /// Per folder (four per flat datacenter), its managed-object id.
    folder_ids: Vec<String>,
    /// Per flat datacenter, its switch's name and managed-object id.
    dvs: Vec<(String, String)>,
}

impl Derived {
    pub fn build(inv: &Inventory) -> Derived {
        // The number of a datacenter's managed-object id (`datacenter-3`: `3`).
        let numbers: Vec<&str> = inv
            .datacenters
            .iter()
            .map(|&(v, d)| {
                let id = &inv.world.vcenters[v].datacenters[d].id;
                id.rsplit('-').next().unwrap_or(id)
            })
            .collect();
        Derived {
            folder_ids: numbers
                .iter()
                .flat_map(|n| {
                    FOLDERS
                        .iter()
                        .map(move |(_, prefix)| format!("{prefix}{n}"))
                })
                .collect(),
            dvs: inv
                .datacenters
                .iter()
                .zip(&numbers)
                .map(|(&(v, d), n)| {
                    let name = &inv.world.vcenters[v].datacenters[d].name;
                    (format!("DSwitch-{name}"), format!("dvs-{n}"))
                })
                .collect(),
        }
    }
}

impl Inventory {
    /// Folder `i`: its datacenter (flat index), name and managed-object id.
    pub fn folder(&self, i: usize) -> (usize, &'static str, &str) {
        let dc = i / FOLDERS.len();
        (
            dc,
            FOLDERS[i % FOLDERS.len()].0,
            &self.vsphere.folder_ids[i],
        )
    }

    /// The distributed switch of datacenter `dc` (flat index): name and managed-object id.
    pub fn dvs(&self, dc: usize) -> (&str, &str) {
        let (name, id) = &self.vsphere.dvs[dc];
        (name, id)
    }

    /// The hosts joined to datacenter `dc`'s switch: all of the datacenter's.
    pub fn dvs_hosts(&self, dc: usize) -> impl Iterator<Item = usize> + '_ {
        let (v, d) = self.datacenters[dc];
        self.workload
            .hosts
            .iter()
            .enumerate()
            .filter(move |(_, (p, _))| p.vcenter == v && p.datacenter == d)
            .map(|(i, _)| i)
    }

    /// The distributed switch (flat datacenter index) a network's port group belongs to.
    pub fn dvpg_switch(&self, network: usize) -> usize {
        let n = &self.workload.networks[network];
        self.datacenter_index(n.vcenter, n.datacenter)
    }

    /// VM `v`'s one disk: 20 GiB per virtual CPU over a 40 GiB base, thick for Windows (whose
    /// templates are thick) and thin otherwise, in a folder named after the VM on its datastore.
    pub fn disk(&self, v: usize) -> Disk {
        let vm: &Vm = &self.workload.vms[v];
        let gib = 40 + 20 * u64::from(vm.cpu_count);
        Disk {
            capacity_bytes: gib << 30,
            thin: !vm.os.contains("Windows"),
            filename: format!(
                "[{}] {}/{}.vmdk",
                self.workload.datastores[vm.datastore].name, vm.name, vm.name
            ),
        }
    }
}

/// The name vCenter gives a VM's first disk and a host's management adapter.
pub const DISK_NAME: &str = "Hard disk 1";
pub const VMKNIC_NAME: &str = "vmk0";

/// Every disk is a plain VMDK (vSphere's `nativeFormat`): the world takes no snapshots.
pub const DISK_FORMAT: &str = "nativeFormat";

impl Inventory {
    /// One of these objects as its getter answers it.
    pub(super) fn vsphere_answer(&self, e: EntityRef) -> Value {
        let (w, i) = (&self.workload, e.index);
        let (id, et) = (self.id(e), e.kind.entity_type());
        match e.kind {
            Kind::Folder => {
                let (dc, name, moref) = self.folder(i);
                json!({
                    "entity_id": id, "entity_type": et, "name": name, "vendor_id": moref,
                    "vcenter_manager": self.vcenter_ref(self.datacenters[dc].0),
                })
            }
            Kind::Dvs => {
                let (name, moref) = self.dvs(i);
                let hosts: Vec<Value> = self.dvs_hosts(i).map(|h| self.host_ref(h)).collect();
                json!({
                    "entity_id": id, "entity_type": et, "name": name, "vendor_id": moref,
                    "vcenter_manager": self.vcenter_ref(self.datacenters[i].0), "hosts": hosts,
                })
            }
            Kind::Dvpg => {
                let n = &w.networks[i];
                let dvs = self.dvpg_switch(i);
                json!({
                    "entity_id": id, "entity_type": et, "name": n.name, "vendor_id": n.id,
                    "vcenter_manager": self.vcenter_ref(n.vcenter),
                    "distributed_virtual_switch": self.reference(Kind::Dvs, dvs, self.dvs(dvs).0),
                })
            }
            Kind::Vmknic => {
                let h = &w.hosts[i].1;
                json!({
                    "entity_id": id, "entity_type": et, "name": VMKNIC_NAME,
                    "ip_addresses": [{"ip_address": h.config.ip, "netmask": "255.255.255.0",
                        "network_address": management_subnet(&h.config.ip)}],
                    "vlan": {"begin": 0, "end": 0},
                    "host": self.host_ref(i),
                })
            }
            Kind::VirtualDisk => {
                let vm = &w.vms[i];
                let disk = self.disk(i);
                json!({
                    "entity_id": id, "entity_type": et, "name": DISK_NAME,
                    "manager": self.vcenter_ref(vm.place.vcenter),
                    "capacity": disk.capacity_bytes,
                    "virtual_machine": self.vm_ref(i),
                    "disk_format": DISK_FORMAT,
                    "thin_provisioned": disk.thin,
                    "datastore": self.reference(Kind::Datastore, vm.datastore, &w.datastores[vm.datastore].name),
                    "filename": disk.filename,
                })
            }
            _ => Value::Null,
        }
    }
}

/// The /24 a management address sits in (`10.20.1.11` → `10.20.1.0/24`).
pub(super) fn management_subnet(ip: &str) -> String {
    match ip.parse::<std::net::Ipv4Addr>() {
        Ok(a) => {
            let [a, b, c, _] = a.octets();
            format!("{a}.{b}.{c}.0/24")
        }
        Err(_) => format!("{ip}/128"),
    }
}
