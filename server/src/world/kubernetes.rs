//! Kubernetes clusters (`[[world.kubernetes_clusters]]`, E99): each runs on world VMs of the
//! vCenters its NSX-T manager manages, with namespaces, pods and services derived from a few
//! counts. Aria's Kubernetes (and OpenShift) cluster data sources collect one whose kubeconfig
//! names its API server and a token it takes.

use serde::Deserialize;

/// One Kubernetes cluster as the configuration describes it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KubernetesClusterConfig {
    pub name: String,
    /// The API server's address; a kubeconfig names it as `https://<api_server>:<port>`.
    pub api_server: String,
    #[serde(default = "default_port")]
    pub port: u16,
    /// The bearer token a kubeconfig's user must present.
    pub token: String,
    /// The `name` of the `[[world.nsxt_managers]]` whose network it uses (NCP); unset, the
    /// world's first.
    #[serde(default)]
    pub nsxt_manager: Option<String>,
    /// How many world VMs are its nodes; the first is the control plane.
    #[serde(default = "default_nodes")]
    pub nodes: usize,
    /// The namespaces its applications run in, besides `default` and `kube-system`.
    #[serde(default = "default_namespaces")]
    pub namespaces: Vec<String>,
    #[serde(default = "default_pods")]
    pub pods_per_namespace: usize,
    #[serde(default = "default_version")]
    pub version: String,
}

fn default_port() -> u16 {
    6443
}

fn default_nodes() -> usize {
    3
}

fn default_namespaces() -> Vec<String> {
    vec!["shop".into(), "payments".into()]
}

fn default_pods() -> usize {
    4
}

fn default_version() -> String {
    "v1.27.5".into()
}

/// The world's clusters unless the configuration names its own (an empty list for none):
/// `k8s01`, its API server at 10.20.0.50:6443, token `sandbox-k8s-token`.
pub fn default_clusters() -> Vec<KubernetesClusterConfig> {
    vec![KubernetesClusterConfig {
        name: "k8s01".into(),
        api_server: "10.20.0.50".into(),
        port: default_port(),
        token: "sandbox-k8s-token".into(),
        nsxt_manager: None,
        nodes: default_nodes(),
        namespaces: default_namespaces(),
        pods_per_namespace: default_pods(),
        version: default_version(),
    }]
}

/// A cluster with its NSX-T manager resolved to an index, if the world has one.
#[derive(Debug, Clone)]
pub struct KubernetesCluster {
    pub config: KubernetesClusterConfig,
    pub nsxt_manager: Option<usize>,
    /// The API server as a kubeconfig names it: `https://<api_server>:<port>`.
    pub server_url: String,
}

/// Resolves each cluster's NSX-T manager among `manager_names`.
pub fn resolve(
    configs: &[KubernetesClusterConfig],
    manager_names: &[&str],
) -> Result<Vec<KubernetesCluster>, String> {
    configs
        .iter()
        .map(|c| {
            let nsxt_manager = match &c.nsxt_manager {
                None => (!manager_names.is_empty()).then_some(0),
                Some(n) => Some(manager_names.iter().position(|m| m == n).ok_or_else(|| {
                    format!(
                        "world: Kubernetes cluster {}: no NSX-T manager named {n:?} in [[world.nsxt_managers]]",
                        c.name
                    )
                })?),
            };
            if c.namespaces.iter().any(|n| n == "default" || n == "kube-system") {
                return Err(format!(
                    "world: Kubernetes cluster {}: `default` and `kube-system` are always there; name only the others",
                    c.name
                ));
            }
            Ok(KubernetesCluster {
                server_url: format!("https://{}:{}", c.api_server, c.port),
                config: c.clone(),
                nsxt_manager,
            })
        })
        .collect()
}
