//! Properties that name one of a few objects (a flow's source datacenter is one of the world's
//! datacenters): read as the object's index, so that a filter decides each object's name once
//! and then tests an entity by a table look-up. A search of a million flows by
//! `source_datacenter.name` compared a million names; it now compares a handful (BENCHMARKS.md).
//!
//! Each keyed property is also an ordinary one in `fields`, whose getter stays the definition;
//! a test checks that both give the same value for every entity.

use super::{cluster_of_vm, datacenter_name, vcenter_name, vm, Inventory, Kind};
use crate::aria_networks::inventory::NO_VM;

/// A single-valued text property read through an index.
#[derive(Clone, Copy)]
pub struct Keyed {
    /// The entity's key, or `None` when it has no value (a flow to the internet has no
    /// destination VM).
    pub key: fn(&Inventory, usize) -> Option<usize>,
    /// How many keys there are.
    pub keys: fn(&Inventory) -> usize,
    /// A key's text.
    pub text: for<'a> fn(&'a Inventory, usize) -> &'a str,
}

/// What a VM names: its key, the number of keys, a key's text.
struct Facet {
    key: fn(&Inventory, usize) -> Option<usize>,
    keys: fn(&Inventory) -> usize,
    text: for<'a> fn(&'a Inventory, usize) -> &'a str,
}

const DATACENTER: usize = 0;
const CLUSTER: usize = 1;
const HOST: usize = 2;
const NETWORK: usize = 3;
const VM: usize = 4;
const VCENTER: usize = 5;
const GROUP: usize = 6;

static FACETS: [Facet; 7] = [
    Facet {
        key: |inv, v| Some(inv.vm_datacenter[v]),
        keys: |inv| inv.datacenters.len(),
        text: |inv, d| {
            let (vc, dc) = inv.datacenters[d];
            datacenter_name(inv, vc, dc)
        },
    },
    Facet {
        key: |inv, v| cluster_of_vm(inv, v).map(|c| c.0),
        keys: |inv| inv.clusters.len(),
        text: |inv, c| {
            let (vc, dc, ci) = inv.clusters[c];
            &inv.world.vcenters[vc].datacenters[dc].clusters[ci].name
        },
    },
    Facet {
        key: |inv, v| Some(vm::host(inv, v).0),
        keys: |inv| inv.workload.hosts.len(),
        text: |inv, h| &inv.workload.hosts[h].1.config.name,
    },
    Facet {
        key: |inv, v| Some(vm::network(inv, v).0),
        keys: |inv| inv.workload.networks.len(),
        text: |inv, n| &inv.workload.networks[n].name,
    },
    Facet {
        key: |_, v| Some(v),
        keys: |inv| inv.workload.vms.len(),
        text: vm::name,
    },
    Facet {
        key: |inv, v| Some(inv.workload.vms[v].place.vcenter),
        keys: |inv| inv.world.vcenters.len(),
        text: vcenter_name,
    },
    Facet {
        key: |inv, v| Some(vm::group(inv, v).0),
        keys: |inv| inv.workload.security_groups.len(),
        text: |inv, g| &inv.workload.security_groups[g].name,
    },
];

/// A VM's facet `F`.
fn own<const F: usize>(inv: &Inventory, v: usize) -> Option<usize> {
    (FACETS[F].key)(inv, v)
}

/// A flow's source VM's facet `F`.
fn source<const F: usize>(inv: &Inventory, f: usize) -> Option<usize> {
    (FACETS[F].key)(inv, inv.flow_source[f] as usize)
}

/// A flow's destination VM's facet `F`, if it goes to a VM.
fn destination<const F: usize>(inv: &Inventory, f: usize) -> Option<usize> {
    let d = inv.flow_destination[f];
    (d != NO_VM)
        .then(|| (FACETS[F].key)(inv, d as usize))
        .flatten()
}

fn keyed(key: fn(&Inventory, usize) -> Option<usize>, facet: usize) -> Keyed {
    Keyed {
        key,
        keys: FACETS[facet].keys,
        text: FACETS[facet].text,
    }
}

/// The property `name` (lower-case) of `kind` as a keyed one, if it is one.
pub fn keyed_property(kind: Kind, name: &str) -> Option<Keyed> {
    Some(match (kind, name) {
        (Kind::Vm, "datacenter.name") => keyed(own::<DATACENTER>, DATACENTER),
        (Kind::Vm, "cluster.name") => keyed(own::<CLUSTER>, CLUSTER),
        (Kind::Vm, "host.name") => keyed(own::<HOST>, HOST),
        (Kind::Vm, "layer2_networks.name") => keyed(own::<NETWORK>, NETWORK),
        (Kind::Vm, "vcenter_manager.name") => keyed(own::<VCENTER>, VCENTER),
        (Kind::Vm, "security_groups.name") => keyed(own::<GROUP>, GROUP),
        (Kind::Flow, "source_datacenter.name") => keyed(source::<DATACENTER>, DATACENTER),
        (Kind::Flow, "destination_datacenter.name") => keyed(destination::<DATACENTER>, DATACENTER),
        (Kind::Flow, "source_cluster.name") => keyed(source::<CLUSTER>, CLUSTER),
        (Kind::Flow, "destination_cluster.name") => keyed(destination::<CLUSTER>, CLUSTER),
        (Kind::Flow, "source_host.name") => keyed(source::<HOST>, HOST),
        (Kind::Flow, "destination_host.name") => keyed(destination::<HOST>, HOST),
        (Kind::Flow, "source_l2_network.name") => keyed(source::<NETWORK>, NETWORK),
        (Kind::Flow, "destination_l2_network.name") => keyed(destination::<NETWORK>, NETWORK),
        (Kind::Flow, "source_vm.name") => keyed(source::<VM>, VM),
        (Kind::Flow, "destination_vm.name") => keyed(destination::<VM>, VM),
        (Kind::Flow, "source_security_groups.name") => keyed(source::<GROUP>, GROUP),
        (Kind::Flow, "destination_security_groups.name") => keyed(destination::<GROUP>, GROUP),
        _ => return None,
    })
}
