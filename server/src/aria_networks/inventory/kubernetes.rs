//! The Kubernetes objects derived from the world's clusters (E99). A cluster's nodes are the
//! first world VMs of the vCenters its NSX-T manager manages (the first of them its control
//! plane), not already another cluster's. Its namespaces are `default`, `kube-system` and those
//! the world names; each named namespace runs `pods_per_namespace` pods (`shop-0`, `shop-1`,
//! ...) spread over the nodes in turn, selected by one ClusterIP service of the namespace's
//! name; `kube-system` runs a `kube-proxy` pod per node on the node's address, and `default`
//! holds the `kubernetes` service (the API server). Addresses, for the world's cluster `c`:
//! its application pods in turn from `10.(244+c).0.1` (250 to a /24), its services
//! `10.(96+c).0.1` (`kubernetes`) and from `10.(96+c).0.10`.

use std::ops::Range;

use serde_json::{json, Value};

use super::{EntityRef, Inventory, Kind};

/// When the world's clusters and their objects were created (the sandbox's world has no
/// history before it).
const CREATED: &str = "2026-01-05T09:00:00Z";
const OS_IMAGE: &str = "Ubuntu 22.04.3 LTS";

/// One derived Kubernetes object.
#[derive(Debug, Clone, Default)]
pub struct K8sObject {
    pub cluster: usize,
    pub name: String,
    /// Its `metadata.uid`: a stable UUID.
    pub vendor_id: String,
    pub ip: Option<String>,
    /// A pod's or service's namespace (an index into `namespaces`).
    pub namespace: Option<usize>,
}

/// A service's one port: (port, target port, protocol).
pub type ServicePort = (u16, u16, &'static str);

#[derive(Debug, Default)]
pub struct Derived {
    pub clusters: Vec<K8sObject>,
    pub nodes: Vec<K8sObject>,
    /// Per node, the world VM it is.
    pub node_vm: Vec<usize>,
    /// Per cluster, its nodes (contiguous; the first is the control plane).
    pub nodes_of: Vec<Range<usize>>,
    pub namespaces: Vec<K8sObject>,
    pub pods: Vec<K8sObject>,
    pub pod_node: Vec<usize>,
    /// Per pod, the service that selects it, if one does.
    pub pod_service: Vec<Option<usize>>,
    /// Per pod, its labels.
    pub pod_labels: Vec<String>,
    pub services: Vec<K8sObject>,
    pub service_port: Vec<ServicePort>,
    /// Per service, the label it selects pods by (`None`: the API server's, with no selector).
    pub service_selector: Vec<Option<String>>,
}

fn uid(key: &str) -> String {
    uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, format!("k8s/{key}").as_bytes()).to_string()
}

impl Derived {
    pub fn build(inv: &Inventory) -> Derived {
        let mut d = Derived::default();
        let world = &inv.world;
        let mut taken = vec![false; inv.workload.vms.len()];
        for (c, cluster) in world.kubernetes_clusters.iter().enumerate() {
            let k = &cluster.config;
            // The UID's key names the kind too: a namespace and its service share a name.
            let object = |kind: &str,
                          name: String,
                          ip: Option<String>,
                          namespace: Option<usize>| K8sObject {
                cluster: c,
                vendor_id: uid(&format!("{}/{kind}/{name}", k.name)),
                name,
                ip,
                namespace,
            };
            d.clusters.push(object(
                "cluster",
                k.name.clone(),
                Some(k.api_server.clone()),
                None,
            ));
            let vcenters: Vec<usize> = match cluster.nsxt_manager {
                Some(m) => world.nsxt_managers[m].vcenters.clone(),
                None => (0..world.vcenters.len().min(1)).collect(),
            };
            let first = d.nodes.len();
            for (v, vm) in inv.workload.vms.iter().enumerate() {
                if d.nodes.len() - first == k.nodes {
                    break;
                }
                if !taken[v] && vcenters.contains(&vm.place.vcenter) {
                    taken[v] = true;
                    d.nodes
                        .push(object("node", vm.name.clone(), Some(vm.ip.clone()), None));
                    d.node_vm.push(v);
                }
            }
            let nodes = first..d.nodes.len();
            d.nodes_of.push(nodes.clone());
            let namespaces = ["default", "kube-system"]
                .into_iter()
                .chain(k.namespaces.iter().map(String::as_str));
            let first_namespace = d.namespaces.len();
            for name in namespaces {
                d.namespaces
                    .push(object("namespace", name.to_string(), None, None));
            }
            let ns = |j: usize| Some(first_namespace + j);
            // The world's limits (`world::kubernetes::resolve`) keep these from wrapping.
            let service_ip = |n: usize| format!("10.{}.0.{n}", 96 + c);
            d.push_service(
                object("service", "kubernetes".into(), Some(service_ip(1)), ns(0)),
                (443, k.port, "TCP"),
                None,
            );
            // The cluster's pods so far, for their addresses.
            let mut pods = 0usize;
            for n in nodes.clone() {
                let name = format!("kube-proxy-{}", d.nodes[n].name);
                let ip = d.nodes[n].ip.clone();
                d.push_pod(
                    object("pod", name, ip, ns(1)),
                    n,
                    None,
                    "k8s-app=kube-proxy".into(),
                );
            }
            for (j, name) in k.namespaces.iter().enumerate() {
                let selector = format!("app={name}");
                let service = d.services.len();
                d.push_service(
                    object("service", name.clone(), Some(service_ip(10 + j)), ns(2 + j)),
                    (80, 8080, "TCP"),
                    Some(selector.clone()),
                );
                if nodes.is_empty() {
                    continue;
                }
                for p in 0..k.pods_per_namespace {
                    let local = (p + j) % nodes.len();
                    let ip = format!("10.{}.{}.{}", 244 + c, pods / 250, 1 + pods % 250);
                    pods += 1;
                    let pod = object("pod", format!("{name}-{p}"), Some(ip), ns(2 + j));
                    d.push_pod(pod, nodes.start + local, Some(service), selector.clone());
                }
            }
        }
        d
    }

    fn push_service(&mut self, o: K8sObject, port: ServicePort, selector: Option<String>) {
        self.services.push(o);
        self.service_port.push(port);
        self.service_selector.push(selector);
    }

    fn push_pod(&mut self, o: K8sObject, node: usize, service: Option<usize>, labels: String) {
        self.pods.push(o);
        self.pod_node.push(node);
        self.pod_service.push(service);
        self.pod_labels.push(labels);
    }

    /// The objects of a Kubernetes kind, or `None` for another kind.
    pub fn of(&self, kind: Kind) -> Option<&[K8sObject]> {
        Some(match kind {
            Kind::KubernetesCluster => &self.clusters,
            Kind::KubernetesNode => &self.nodes,
            Kind::KubernetesNamespace => &self.namespaces,
            Kind::KubernetesPod => &self.pods,
            Kind::KubernetesService => &self.services,
            _ => return None,
        })
    }
}

impl Inventory {
    /// The Kubernetes object `e` (which must be of a Kubernetes kind).
    pub fn kubernetes(&self, e: EntityRef) -> &K8sObject {
        &self.kubernetes.of(e.kind).expect("a Kubernetes kind")[e.index]
    }

    /// The Kubernetes objects and their relations.
    pub fn kubernetes_derived(&self) -> &Derived {
        &self.kubernetes
    }

    fn k8s_ref(&self, kind: Kind, i: usize) -> Value {
        self.reference(kind, i, &self.kubernetes(EntityRef::new(kind, i)).name)
    }

    fn pod_address(ip: &str) -> Value {
        json!({"ip_address": ip, "netmask": "255.255.255.0",
            "network_address": format!("{}.0/24", ip.rsplit_once('.').map_or(ip, |p| p.0))})
    }

    /// One Kubernetes object as its getter answers it.
    pub(super) fn kubernetes_answer(&self, e: EntityRef) -> Value {
        let (k, o, i) = (&self.kubernetes, self.kubernetes(e), e.index);
        let cluster = &self.world.kubernetes_clusters[o.cluster];
        let manager = cluster
            .nsxt_manager
            .map_or(Value::Null, |m| self.nsxt_ref(Kind::NsxtManager, m));
        let cluster_ref = self.k8s_ref(Kind::KubernetesCluster, o.cluster);
        let namespace = o
            .namespace
            .map_or(Value::Null, |n| self.k8s_ref(Kind::KubernetesNamespace, n));
        let mut v = json!({
            "entity_id": self.id(e), "entity_type": e.kind.entity_type(), "name": o.name,
            "manager": manager, "vendor_id": o.vendor_id,
        });
        let rest = match e.kind {
            Kind::KubernetesCluster => json!({
                "running_as": "VM", "api_server": cluster.server_url,
                "ip_addresses": [self.ip(&cluster.config.api_server, None)],
                "master_nodes": k.nodes_of[i].clone().take(1).map(|n| self.k8s_ref(Kind::KubernetesNode, n)).collect::<Vec<_>>(),
            }),
            Kind::KubernetesNode => {
                let vm = k.node_vm[i];
                let control = k.nodes_of[o.cluster].start == i;
                let w = &self.workload.vms[vm];
                json!({
                    "kubernetes_cluster": cluster_ref,
                    "ip_address": self.ip(&w.ip, Some(w.network)),
                    "roles": [if control { "control-plane" } else { "worker" }],
                    "labels": [format!("kubernetes.io/hostname={}", o.name), "kubernetes.io/os=linux".to_string()],
                    "vm": self.vm_ref(vm), "host": self.host_ref(w.host),
                    "creation_timestamp": CREATED, "annotations": [], "ready_status": "True",
                    "os_image": OS_IMAGE, "kubelet_version": cluster.config.version,
                    "kube_proxy_version": cluster.config.version,
                })
            }
            Kind::KubernetesNamespace => json!({
                "kubernetes_cluster": cluster_ref, "status": "Active", "l2_networks": [],
                "labels": [format!("kubernetes.io/metadata.name={}", o.name)],
                "creation_timestamp": CREATED, "annotations": [],
            }),
            Kind::KubernetesPod => {
                let node = k.pod_node[i];
                let w = &self.workload.vms[k.node_vm[node]];
                json!({
                    "kubernetes_cluster": cluster_ref, "kubernetes_namespace": namespace,
                    "kubernetes_service": k.pod_service[i].map(|s| self.k8s_ref(Kind::KubernetesService, s)).into_iter().collect::<Vec<_>>(),
                    "kubernetes_node": self.k8s_ref(Kind::KubernetesNode, node),
                    "ip_address": match o.ip.as_deref() {
                        // A host-network pod (`kube-proxy`) has its node's address.
                        Some(ip) if ip == w.ip => self.ip(ip, Some(w.network)),
                        ip => ip.map_or(Value::Null, Self::pod_address),
                    },
                    "vm": self.vm_ref(k.node_vm[node]), "host": self.host_ref(w.host),
                    "labels": [k.pod_labels[i]], "creation_timestamp": CREATED,
                    "annotations": [], "ready_status": "True",
                })
            }
            _ => {
                let (port, target, protocol) = k.service_port[i];
                json!({
                    "kubernetes_cluster": cluster_ref, "namespace": namespace,
                    "annotations": [], "labels": [], "creation_timestamp": CREATED,
                    "cluster_ip": o.ip.as_deref().map(|ip| self.ip(ip, None)),
                    "type": "ClusterIP", "external_ips": [],
                    "service_ports": [{"name": if port == 443 { "https" } else { "http" }, "port": port,
                        "protocol": protocol, "target_port": target.to_string()}],
                    "selectors": k.service_selector[i].iter().collect::<Vec<_>>(),
                })
            }
        };
        if let (Value::Object(v), Value::Object(rest)) = (&mut v, rest) {
            v.extend(rest);
        }
        v
    }
}
