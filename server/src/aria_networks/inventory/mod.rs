//! What Aria sees of the world: its vCenters, datacenters, clusters, hosts, datastores, VLANs,
//! security groups, VMs, their network adapters, and the flows between them, with what vCenter
//! adds to them (folders, distributed switches and port groups, VMkernel adapters, virtual
//! disks), each with a vendor-form entity id. Built once from the world and its workload; an entity is visible while
//! a vCenter data source collects from its vCenter.
//!
//! - `fields`: the properties the filter language reads, per entity type
//! - `answers`: each entity as its getter answers it
//! - `vsphere`: the vCenter objects derived from the world rather than described in it
//! - `ids`: each entity's id, from its identity in the world

use std::collections::HashMap;
use std::sync::Arc;

use rustc_hash::FxHashMap;

pub mod answers;
mod api;
pub mod fields;
mod flow_tags;
mod hcx;
mod ids;
mod kind;
mod kubernetes;
mod nsxt;
mod par_map;
mod switches;
mod vendor_ids;
mod vmc;
mod vsphere;

#[cfg(test)]
mod tests;

pub use hcx::HcxObject;
pub use kind::{Device, Family, Kind};
pub use kubernetes::K8sObject;
pub use nsxt::{NsxtObject, Port};
pub use switches::SwitchObject;
pub use vmc::VmcObject;
pub use vsphere::{DISK_FORMAT, DISK_NAME, VMKNIC_NAME};

pub use flow_tags::{flow_tag_names, FLOW_TAGS};
use ids::id_key;

use crate::world::workload::FlowEnd;
use crate::world::{Workload, World};
use par_map::par_map;

/// One entity: its kind and its index in that kind's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct EntityRef {
    pub kind: Kind,
    pub index: usize,
}

impl EntityRef {
    pub const fn new(kind: Kind, index: usize) -> Self {
        Self { kind, index }
    }

    pub const fn vm(index: usize) -> Self {
        Self::new(Kind::Vm, index)
    }

    pub const fn flow(index: usize) -> Self {
        Self::new(Kind::Flow, index)
    }
}

/// A datacenter, cluster or host of the world, by indices.
#[derive(Debug, Clone, Copy)]
pub struct Located {
    pub vcenter: usize,
    pub datacenter: usize,
    pub cluster: Option<usize>,
}

pub struct Inventory {
    pub world: Arc<World>,
    pub workload: Workload,
    /// Per kind, each entity's id.
    ids: HashMap<Kind, Vec<String>>,
    /// Type code and hash → the entity (`id_key`).
    by_id: FxHashMap<u64, EntityRef>,
    /// Flat datacenters and clusters: (vCenter, datacenter[, cluster]) indices into the world.
    pub datacenters: Vec<(usize, usize)>,
    pub clusters: Vec<(usize, usize, usize)>,
    datacenter_at: HashMap<(usize, usize), usize>,
    cluster_at: HashMap<(usize, usize, usize), usize>,
    /// Per VM, its flows' count is not needed; per host, its VMs.
    pub vms_on_host: Vec<Vec<usize>>,
    /// Per security group, its member VMs.
    pub group_members: Vec<Vec<usize>>,
    /// Each VM's address → the VM (the first, should two share one).
    vm_at_ip: HashMap<String, usize>,
    /// Per VM, the flat index of its datacenter and of its cluster (read by every search).
    pub vm_datacenter: Vec<usize>,
    pub vm_cluster: Vec<Option<usize>>,
    /// Per VM, its vNIC's name; per flow, its name and tags (made once: searches read them).
    pub vnic_names: Vec<String>,
    pub flow_names: Vec<String>,
    pub flow_tags: Vec<u16>,
    /// Per flow, its source VM and its destination VM (`NO_VM` to the internet), compactly: a
    /// search of a million flows by their VMs' datacenter read each flow's 64-byte record for
    /// one number (BENCHMARKS.md).
    pub flow_source: Vec<u32>,
    pub flow_destination: Vec<u32>,
    /// The vCenter objects derived from the world (folders, switches).
    vsphere: vsphere::Derived,
    /// The NSX-T objects derived from the world's NSX-T managers.
    nsxt: nsxt::Derived,
    /// The Kubernetes objects derived from the world's clusters.
    kubernetes: kubernetes::Derived,
    /// The HCX objects derived from the world's HCX connectors.
    hcx: hcx::Derived,
    /// The VMC objects derived from the world's SDDCs.
    vmc: vmc::Derived,
    /// The switches, ports and interfaces derived from the world's switches.
    switches: switches::Derived,
}

impl Inventory {
    pub fn build(world: Arc<World>, workload: Workload) -> Inventory {
        let mut datacenters = Vec::new();
        let mut clusters = Vec::new();
        for (vi, vc) in world.vcenters.iter().enumerate() {
            for (di, dc) in vc.datacenters.iter().enumerate() {
                datacenters.push((vi, di));
                for ci in 0..dc.clusters.len() {
                    clusters.push((vi, di, ci));
                }
            }
        }
        let datacenter_at = datacenters
            .iter()
            .enumerate()
            .map(|(i, k)| (*k, i))
            .collect();
        let cluster_at = clusters.iter().enumerate().map(|(i, k)| (*k, i)).collect();
        let mut vms_on_host = vec![Vec::new(); workload.hosts.len()];
        let mut group_members = vec![Vec::new(); workload.security_groups.len()];
        let mut vm_at_ip = HashMap::new();
        for (i, vm) in workload.vms.iter().enumerate() {
            vms_on_host[vm.host].push(i);
            group_members[vm.security_group].push(i);
            vm_at_ip.entry(vm.ip.clone()).or_insert(i);
        }
        let mut inv = Inventory {
            world,
            workload,
            ids: HashMap::new(),
            by_id: FxHashMap::default(),
            datacenters,
            clusters,
            datacenter_at,
            cluster_at,
            vms_on_host,
            group_members,
            vm_at_ip,
            vm_datacenter: Vec::new(),
            vm_cluster: Vec::new(),
            vnic_names: Vec::new(),
            flow_names: Vec::new(),
            flow_tags: Vec::new(),
            flow_source: Vec::new(),
            flow_destination: Vec::new(),
            vsphere: vsphere::Derived::default(),
            nsxt: nsxt::Derived::default(),
            kubernetes: kubernetes::Derived::default(),
            hcx: hcx::Derived::default(),
            vmc: vmc::Derived::default(),
            switches: switches::Derived::default(),
        };
        let places: Vec<_> = inv.workload.vms.iter().map(|v| v.place).collect();
        inv.vm_datacenter = places
            .iter()
            .map(|p| inv.datacenter_index(p.vcenter, p.datacenter))
            .collect();
        inv.vm_cluster = places
            .iter()
            .map(|p| {
                p.cluster
                    .map(|c| inv.cluster_index(p.vcenter, p.datacenter, c))
            })
            .collect();
        // Before the names and tags, which read them.
        let vm = |v: usize| u32::try_from(v).expect("fewer than 2^32 VMs");
        (inv.flow_source, inv.flow_destination) = (inv.workload.flows.iter())
            .map(|f| (vm(f.source), f.vm_destination().map_or(NO_VM, vm)))
            .unzip();
        inv.vnic_names = (inv.workload.vms.iter())
            .map(|vm| format!("{} Network adapter 1", vm.name))
            .collect();
        inv.flow_names = par_map(inv.workload.flows.len(), |f| inv.make_flow_name(f));
        inv.flow_tags = (0..inv.workload.flows.len())
            .map(|f| inv.make_flow_tags(f))
            .collect();
        inv.vsphere = vsphere::Derived::build(&inv);
        inv.nsxt = nsxt::Derived::build(&inv);
        inv.kubernetes = kubernetes::Derived::build(&inv);
        inv.hcx = hcx::Derived::build(&inv);
        inv.vmc = vmc::Derived::build(&inv);
        inv.switches = switches::Derived::build(&inv);
        inv.assign_ids();
        inv
    }

    pub fn count(&self, kind: Kind) -> usize {
        let w = &self.workload;
        match kind {
            Kind::Vcenter => self.world.vcenters.len(),
            Kind::Datacenter => self.datacenters.len(),
            Kind::Cluster => self.clusters.len(),
            Kind::Host => w.hosts.len(),
            Kind::Datastore => w.datastores.len(),
            Kind::Network => w.networks.len(),
            Kind::SecurityGroup => w.security_groups.len(),
            Kind::Vm | Kind::Vnic | Kind::VirtualDisk => w.vms.len(),
            Kind::Flow => w.flows.len(),
            Kind::Folder => self.datacenters.len() * vsphere::FOLDERS.len(),
            Kind::Dvs => self.datacenters.len(),
            Kind::Dvpg => w.networks.len(),
            Kind::Vmknic => w.hosts.len(),
            k if k.is_kubernetes() => self.kubernetes.of(k).map_or(0, <[_]>::len),
            k if k.is_hcx() => self.hcx.of(k).map_or(0, <[_]>::len),
            k if k.is_vmc() => self.vmc.of(k).map_or(0, <[_]>::len),
            Kind::AwsAccountManager => self.world.aws_accounts.len(),
            Kind::AzureSubscription => self.world.azure_subscriptions.len(),
            Kind::FirewallManager => self.world.checkpoint_managers.len(),
            k if k.family() == Family::Switch => self.switches.of(k).map_or(0, <[_]>::len),
            nsxt => self.nsxt.of(nsxt).map_or(0, <[_]>::len),
        }
    }

    pub fn id(&self, e: EntityRef) -> &str {
        &self.ids[&e.kind][e.index]
    }

    /// The VM at an address, if one is.
    pub fn vm_at(&self, ip: &str) -> Option<usize> {
        self.vm_at_ip.get(ip).copied()
    }

    pub fn find(&self, id: &str) -> Option<EntityRef> {
        let mut parts = id.splitn(3, ':');
        let (_, code, hash) = (parts.next()?, parts.next()?, parts.next()?);
        let e = *self
            .by_id
            .get(&id_key(code.parse().ok()?, hash.parse().ok()?))?;
        // The numbers found it; the spelling must be the id's own (no "+1", no leading zeros).
        (self.id(e) == id).then_some(e)
    }

    pub fn datacenter_index(&self, vcenter: usize, datacenter: usize) -> usize {
        self.datacenter_at[&(vcenter, datacenter)]
    }

    pub fn cluster_index(&self, vcenter: usize, datacenter: usize, cluster: usize) -> usize {
        self.cluster_at[&(vcenter, datacenter, cluster)]
    }

    /// The world device an entity is collected from: a vCenter (a flow: its source VM's) or an
    /// NSX-T manager.
    pub fn device_of(&self, e: EntityRef) -> Device {
        let w = &self.workload;
        if e.kind.is_kubernetes() {
            return Device(Family::KubernetesCluster, self.kubernetes(e).cluster);
        }
        if e.kind.is_hcx() {
            return Device(Family::HcxManager, self.hcx(e).connector);
        }
        match e.kind {
            Kind::AwsAccountManager => return Device(Family::AwsAccount, e.index),
            Kind::AzureSubscription => return Device(Family::AzureSubscription, e.index),
            k if k.is_vmc() => return Device(Family::VmcSddc, self.vmc(e).sddc),
            Kind::FirewallManager => return Device(Family::CheckpointManager, e.index),
            k if k.family() == Family::Switch => {
                return Device(Family::Switch, self.switching(e).switch)
            }
            _ => {}
        }
        let vcenter = match e.kind {
            Kind::Vcenter => e.index,
            Kind::Datacenter | Kind::Dvs => self.datacenters[e.index].0,
            Kind::Folder => self.datacenters[self.folder(e.index).0].0,
            Kind::Cluster => self.clusters[e.index].0,
            Kind::Host | Kind::Vmknic => w.hosts[e.index].0.vcenter,
            Kind::Datastore => w.datastores[e.index].place.vcenter,
            Kind::Network | Kind::Dvpg => w.networks[e.index].vcenter,
            Kind::SecurityGroup => w.security_groups[e.index].vcenter,
            Kind::Vm | Kind::Vnic | Kind::VirtualDisk => w.vms[e.index].place.vcenter,
            Kind::Flow => w.vms[self.flow_source[e.index] as usize].place.vcenter,
            // The NSX-T kinds (`Kind::is_nsxt`).
            _ => return Device(Family::NsxtManager, self.nsxt(e).manager),
        };
        Device(Family::Vcenter, vcenter)
    }

    /// The world vCenter an entity belongs to, if a vCenter collects it.
    pub fn vcenter_of(&self, e: EntityRef) -> Option<usize> {
        match self.device_of(e) {
            Device(Family::Vcenter, v) => Some(v),
            _ => None,
        }
    }

    /// A flow's other end as an address.
    pub fn flow_destination_ip(&self, f: usize) -> &str {
        match &self.workload.flows[f].destination {
            FlowEnd::Vm(v) => &self.workload.vms[*v].ip,
            FlowEnd::Internet(ip) => ip,
        }
    }

    pub fn flow_destination_vm(&self, f: usize) -> Option<usize> {
        let d = self.flow_destination[f];
        (d != NO_VM).then_some(d as usize)
    }
}

/// `Inventory::flow_destination` of a flow to the internet.
pub const NO_VM: u32 = u32::MAX;
