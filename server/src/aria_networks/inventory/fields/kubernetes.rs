//! The filter language's properties of the Kubernetes objects (E99): every one has its name,
//! id and cluster; nodes and pods their addresses, services their cluster IP.

use super::{id, Field, Val};
use crate::aria_networks::inventory::{EntityRef, Inventory, K8sObject, Kind};

fn object(inv: &Inventory, kind: Kind, i: usize) -> &K8sObject {
    inv.kubernetes(EntityRef::new(kind, i))
}

fn cluster_name(inv: &Inventory, kind: Kind, i: usize) -> &str {
    &inv.world.kubernetes_clusters[object(inv, kind, i).cluster]
        .config
        .name
}

fn ip(inv: &Inventory, kind: Kind, i: usize) -> &str {
    object(inv, kind, i).ip.as_deref().unwrap_or_default()
}

fn namespace_name(inv: &Inventory, kind: Kind, i: usize) -> &str {
    let d = inv.kubernetes_derived();
    object(inv, kind, i)
        .namespace
        .map_or("", |n| d.namespaces[n].name.as_str())
}

pub static CLUSTER: &[Field] = &[
    text!("name", |inv, i| &object(inv, Kind::KubernetesCluster, i)
        .name),
    text!("entity_id", |inv, i| id(inv, Kind::KubernetesCluster, i)),
    text!("api_server", |inv, i| &inv.world.kubernetes_clusters[i]
        .server_url),
    Field {
        numeric: false,
        bits: None,
        name: "manager.name",
        get: |inv, i, out| {
            if let Some(m) = inv.world.kubernetes_clusters[i].nsxt_manager {
                out.push(Val::Text(&inv.world.nsxt_managers[m].config.name));
            }
        },
    },
];

pub static NODE: &[Field] = &[
    text!("name", |inv, i| &object(inv, Kind::KubernetesNode, i).name),
    text!("entity_id", |inv, i| id(inv, Kind::KubernetesNode, i)),
    text!("kubernetes_cluster.name", |inv, i| cluster_name(
        inv,
        Kind::KubernetesNode,
        i
    )),
    text!("ip_address.ip_address", |inv, i| ip(
        inv,
        Kind::KubernetesNode,
        i
    )),
    text!("vm.name", |inv, i| &inv.workload.vms
        [inv.kubernetes_derived().node_vm[i]]
        .name),
    text!("host.name", |inv, i| {
        let vm = &inv.workload.vms[inv.kubernetes_derived().node_vm[i]];
        &inv.workload.hosts[vm.host].1.config.name
    }),
    text!("roles", |inv, i| {
        let d = inv.kubernetes_derived();
        if d.nodes_of[d.nodes[i].cluster].start == i {
            "control-plane"
        } else {
            "worker"
        }
    }),
    text!("ready_status", |_inv, _i| "True"),
];

pub static NAMESPACE: &[Field] = &[
    text!("name", |inv, i| &object(inv, Kind::KubernetesNamespace, i)
        .name),
    text!("entity_id", |inv, i| id(inv, Kind::KubernetesNamespace, i)),
    text!("kubernetes_cluster.name", |inv, i| cluster_name(
        inv,
        Kind::KubernetesNamespace,
        i
    )),
    text!("status", |_inv, _i| "Active"),
];

pub static POD: &[Field] = &[
    text!("name", |inv, i| &object(inv, Kind::KubernetesPod, i).name),
    text!("entity_id", |inv, i| id(inv, Kind::KubernetesPod, i)),
    text!("kubernetes_cluster.name", |inv, i| cluster_name(
        inv,
        Kind::KubernetesPod,
        i
    )),
    text!("kubernetes_namespace.name", |inv, i| namespace_name(
        inv,
        Kind::KubernetesPod,
        i
    )),
    text!("kubernetes_node.name", |inv, i| {
        let d = inv.kubernetes_derived();
        &d.nodes[d.pod_node[i]].name
    }),
    text!("ip_address.ip_address", |inv, i| ip(
        inv,
        Kind::KubernetesPod,
        i
    )),
    text!("labels", |inv, i| &inv.kubernetes_derived().pod_labels[i]),
    text!("ready_status", |_inv, _i| "True"),
];

pub static SERVICE: &[Field] = &[
    text!("name", |inv, i| &object(inv, Kind::KubernetesService, i)
        .name),
    text!("entity_id", |inv, i| id(inv, Kind::KubernetesService, i)),
    text!("kubernetes_cluster.name", |inv, i| cluster_name(
        inv,
        Kind::KubernetesService,
        i
    )),
    text!("namespace.name", |inv, i| namespace_name(
        inv,
        Kind::KubernetesService,
        i
    )),
    text!("type", |_inv, _i| "ClusterIP"),
    text!("cluster_ip.ip_address", |inv, i| ip(
        inv,
        Kind::KubernetesService,
        i
    )),
    Field {
        numeric: false,
        bits: None,
        name: "selectors",
        get: |inv, i, out| {
            if let Some(s) = &inv.kubernetes_derived().service_selector[i] {
                out.push(Val::Text(s));
            }
        },
    },
];
