//! Kubernetes clusters (`[[world.kubernetes_clusters]]`, E99): each runs on world VMs of the
//! vCenters its NSX-T manager manages, with namespaces, pods and services derived from a few
//! counts. Aria's Kubernetes (and OpenShift) cluster data sources collect one whose kubeconfig
//! names its API server and a token it takes.

use std::net::IpAddr;

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
    let clusters: Result<Vec<_>, String> = configs
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
            check_limits(c)?;
            if c.namespaces.iter().any(|n| n == "default" || n == "kube-system") {
                return Err(format!(
                    "world: Kubernetes cluster {}: `default` and `kube-system` are always there; name only the others",
                    c.name
                ));
            }
            let mut config = c.clone();
            // Canonical, as data sources' addresses are stored (`FD00::1` is `fd00::1`).
            let ip: IpAddr = c.api_server.parse().map_err(|_| {
                format!("world: Kubernetes cluster {}: api_server {:?} is not an IP address", c.name, c.api_server)
            })?;
            config.api_server = ip.to_string();
            let host = match ip {
                IpAddr::V4(a) => a.to_string(),
                IpAddr::V6(a) => format!("[{a}]"),
            };
            Ok(KubernetesCluster {
                server_url: format!("https://{host}:{}", c.port),
                config,
                nsxt_manager,
            })
        })
        .collect();
    let clusters = clusters?;
    if clusters.len() > MAX_CLUSTERS {
        return Err(format!(
            "world: at most {MAX_CLUSTERS} Kubernetes clusters (their pod networks are 10.244.0.0/16 to 10.255.0.0/16)"
        ));
    }
    Ok(clusters)
}

/// At most this many clusters, namespaces per cluster and pods per cluster: what their address
/// ranges hold (pods 250 to a /24 of `10.(244+c).0.0/16`, services `10.(96+c).0.10` on).
const MAX_CLUSTERS: usize = 12;
const MAX_NAMESPACES: usize = 240;
const MAX_PODS: usize = 250 * 256;

fn check_limits(c: &KubernetesClusterConfig) -> Result<(), String> {
    let bad = |what: String| Err(format!("world: Kubernetes cluster {}: {what}", c.name));
    if c.token.is_empty() {
        return bad("token must not be empty".into());
    }
    if c.namespaces.len() > MAX_NAMESPACES {
        return bad(format!("at most {MAX_NAMESPACES} namespaces"));
    }
    let mut seen = std::collections::HashSet::new();
    if let Some(twice) = c.namespaces.iter().find(|n| !seen.insert(n.as_str())) {
        return bad(format!("namespace {twice:?} appears twice"));
    }
    if c.namespaces.len().saturating_mul(c.pods_per_namespace) > MAX_PODS {
        return bad(format!(
            "at most {MAX_PODS} pods (namespaces × pods_per_namespace)"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(
        edit: impl FnOnce(&mut KubernetesClusterConfig),
    ) -> Result<Vec<KubernetesCluster>, String> {
        let mut c = default_clusters();
        edit(&mut c[0]);
        resolve(&c, &["nsxt01"])
    }

    #[test]
    fn the_default_cluster_resolves_to_the_first_manager() {
        let k = one(|_| {}).unwrap();
        assert_eq!(k[0].nsxt_manager, Some(0));
        assert_eq!(k[0].server_url, "https://10.20.0.50:6443");
        assert_eq!(
            resolve(&default_clusters(), &[]).unwrap()[0].nsxt_manager,
            None
        );
    }

    #[test]
    fn an_ipv6_api_server_is_canonical_and_bracketed() {
        let k = one(|c| c.api_server = "FD00:0::1".into()).unwrap();
        assert_eq!(k[0].config.api_server, "fd00::1");
        assert_eq!(k[0].server_url, "https://[fd00::1]:6443");
    }

    #[test]
    fn what_the_addresses_cannot_hold_is_refused() {
        for (edit, says) in [
            (one(|c| c.token.clear()), "token must not be empty"),
            (
                one(|c| c.namespaces = vec!["a".into(), "a".into()]),
                "\"a\" appears twice",
            ),
            (
                one(|c| c.namespaces = vec!["default".into()]),
                "always there",
            ),
            (
                one(|c| c.pods_per_namespace = MAX_PODS),
                "at most 64000 pods",
            ),
            (
                one(|c| c.api_server = "k8s.example.com".into()),
                "not an IP address",
            ),
            (
                one(|c| c.nsxt_manager = Some("other".into())),
                "no NSX-T manager named",
            ),
        ] {
            let e = edit.unwrap_err();
            assert!(e.contains(says), "{e}");
        }
        let many = vec![default_clusters().remove(0); MAX_CLUSTERS + 1];
        assert!(resolve(&many, &[]).unwrap_err().contains("at most 12"));
    }
}
