//! The Kubernetes objects derived from the world's clusters (E99): visible while a Kubernetes
//! data source whose kubeconfig names the cluster's API server and token collects it, named as
//! the README says, searchable, with references that resolve.

use super::vsphere_objects::{fetch, list_all, listed_with_resolving_references};
use super::*;

/// The default world's `k8s01`: 3 nodes, namespaces `default`, `kube-system`, `shop`,
/// `payments`, 4 pods per named namespace and a `kube-proxy` pod per node.
const COUNTS: [(&str, usize); 5] = [
    ("kubernetes-clusters", 1),
    ("kubernetes-nodes", 3),
    ("kubernetes-namespaces", 4),
    ("kubernetes-pods", 3 + 2 * 4),
    ("kubernetes-services", 3),
];

pub(super) fn kubeconfig(server: &str, token: &str) -> String {
    format!(
        "apiVersion: v1\nkind: Config\nclusters:\n- name: k8s01\n  cluster:\n    server: {server}\n\
         contexts:\n- name: admin@k8s01\n  context: {{cluster: k8s01, user: admin}}\n\
         current-context: admin@k8s01\nusers:\n- name: admin  # the sandbox's token\n  user:\n    token: {token}\n"
    )
}

/// Adds a Kubernetes data source with `config` under the (first) NSX-T manager data source;
/// answers its id.
pub(super) async fn add_cluster(sb: &TestSandbox, token: &str, config: &str) -> String {
    let manager = sb
        .aria_call(Method::GET, "/data-sources/nsxt-managers", token, None)
        .await
        .json()["results"][0]["entity_id"]
        .clone();
    let proxy = sb
        .aria_call(Method::GET, "/infra/nodes", token, None)
        .await
        .json()["results"][0]["id"]
        .clone();
    let body = json!({"proxy_id": proxy, "nickname": "k8s01", "manager_id": manager,
        "credentials": {"kubeconfig": config}});
    let a = sb
        .aria_call(
            Method::POST,
            "/data-sources/kubernetes-clusters",
            token,
            Some(body),
        )
        .await;
    assert_eq!(a.status, 201, "{}", a.text);
    let added = a.json();
    let server = server_of(config);
    assert_eq!(added["ip"], json!(server), "the kubeconfig's API server");
    assert_eq!(added["credentials"]["kubeconfig"], "", "a secret");
    added["entity_id"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn kubernetes_objects_are_visible_only_while_a_data_source_collects_their_cluster() {
    let (sb, token) = collecting().await;
    sb.collect_nsxt(&token, "10.20.0.40").await;
    let id = add_cluster(&sb, &token, &kubeconfig("https://10.20.0.50:6443", "wrong")).await;
    for (segment, _) in COUNTS {
        assert_eq!(total(&sb, &token, segment).await, 0, "{segment}");
    }
    sb.advance(120);
    let health = sb.data_source_health(&token, &id).await;
    let message = health["health"]["health_details"][0]["message"].to_string();
    assert!(message.contains("refused the credentials"), "{health}");
    // The right token (in a kubeconfig laid out differently) collects it.
    let path = format!("/data-sources/kubernetes-clusters/{id}");
    let right = kubeconfig("https://10.20.0.50:6443/", "sandbox-k8s-token")
        .replace("  # the sandbox's token", "");
    let proxy = sb.aria_call(Method::GET, &path, &token, None).await.json()["proxy_id"].clone();
    let fix = json!({"nickname": "k8s01", "proxy_id": proxy, "credentials": {"kubeconfig": right}});
    let a = sb.aria_call(Method::PUT, &path, &token, Some(fix)).await;
    assert_eq!(a.status, 200, "{}", a.text);
    for (segment, count) in COUNTS {
        let refs = listed_with_resolving_references(&sb, &token, segment, count).await;
        assert!(
            !refs.is_empty(),
            "{segment} references its manager at least"
        );
    }
    // Nodes are the vCenter's first VMs; pods are spread over them, on their hosts.
    let (_, w) = world();
    let first_vms: Vec<&str> = w
        .vms
        .iter()
        .filter(|v| v.place.vcenter == 0)
        .take(3)
        .map(|v| v.name.as_str())
        .collect();
    let nodes = fetch(
        &sb,
        &token,
        "/entities/fetch",
        &list_all(&sb, &token, "kubernetes-nodes").await,
    )
    .await;
    let mut node_names: Vec<String> = Vec::new();
    for n in nodes["results"].as_array().unwrap() {
        let e = &n["entity"];
        assert_eq!(e["name"], e["vm"]["entity_name"], "{e}");
        node_names.push(e["name"].as_str().unwrap().to_string());
    }
    node_names.sort();
    let mut want: Vec<String> = first_vms.iter().map(|s| s.to_string()).collect();
    want.sort();
    assert_eq!(node_names, want);
    let pods = fetch(
        &sb,
        &token,
        "/entities/fetch",
        &list_all(&sb, &token, "kubernetes-pods").await,
    )
    .await;
    let mut pod_names: Vec<String> = Vec::new();
    for p in pods["results"].as_array().unwrap() {
        let e = &p["entity"];
        let name = e["name"].as_str().unwrap().to_string();
        let vm = w
            .vms
            .iter()
            .find(|v| v.name == e["vm"]["entity_name"].as_str().unwrap())
            .unwrap();
        assert_eq!(e["kubernetes_node"]["entity_name"], vm.name.as_str(), "{e}");
        assert_eq!(
            e["host"]["entity_name"],
            w.hosts[vm.host].1.config.name.as_str(),
            "{e}"
        );
        let namespace = e["kubernetes_namespace"]["entity_name"].as_str().unwrap();
        if namespace == "kube-system" {
            assert_eq!(
                e["ip_address"]["ip_address"],
                vm.ip.as_str(),
                "host network: {e}"
            );
            assert_eq!(name, format!("kube-proxy-{}", vm.name));
        } else {
            assert!(name.starts_with(&format!("{namespace}-")), "{e}");
            assert_eq!(e["labels"][0], format!("app={namespace}").as_str());
            assert_eq!(e["kubernetes_service"][0]["entity_name"], namespace, "{e}");
            assert!(e["ip_address"]["ip_address"]
                .as_str()
                .unwrap()
                .starts_with("10.244."));
        }
        pod_names.push(name);
    }
    pod_names.sort();
    pod_names.dedup();
    assert_eq!(pod_names.len(), 11, "pod names are unique: {pod_names:?}");
    // Every object's UID is its own.
    let mut uids = BTreeSet::new();
    for (segment, count) in COUNTS {
        let all = fetch(
            &sb,
            &token,
            "/entities/fetch",
            &list_all(&sb, &token, segment).await,
        )
        .await;
        for e in all["results"].as_array().unwrap() {
            assert!(
                uids.insert(e["entity"]["vendor_id"].to_string()),
                "{segment}: {e}"
            );
        }
        assert_eq!(all["results"].as_array().unwrap().len(), count);
    }
    // Disabling the source hides them again.
    let a = sb
        .aria_call(Method::POST, &format!("{path}/disable"), &token, None)
        .await;
    assert!(a.status < 300, "{}", a.text);
    assert_eq!(total(&sb, &token, "kubernetes-pods").await, 0);
}

/// The address a kubeconfig written by `kubeconfig` names, if it names one.
fn server_of(config: &str) -> Option<&str> {
    let url = config.split("server: https://").nth(1)?;
    url.split([':', '/', '\n']).next()
}

#[tokio::test]
async fn a_kubeconfig_names_the_cluster_a_data_source_reaches_and_keeps_it() {
    let (sb, token) = collecting().await;
    sb.collect_nsxt(&token, "10.20.0.40").await;
    // One that names no server is kept, reaches nothing, and says so.
    let id = add_cluster(&sb, &token, "apiVersion: v1\nkind: Config\n").await;
    sb.advance(120);
    let health = sb.data_source_health(&token, &id).await.to_string();
    assert!(
        health.contains("Unable to connect to the kubeconfig's API server"),
        "{health}"
    );
    assert_eq!(total(&sb, &token, "kubernetes-clusters").await, 0);
    let path = format!("/data-sources/kubernetes-clusters/{id}");
    let proxy = sb.aria_call(Method::GET, &path, &token, None).await.json()["proxy_id"].clone();
    let put = |config: String| json!({"nickname": "k8s01", "proxy_id": proxy, "credentials": {"kubeconfig": config}});
    // A readable one gives it the server's address, and it collects.
    let right = kubeconfig("https://10.20.0.50:6443", "sandbox-k8s-token");
    let a = sb
        .aria_call(Method::PUT, &path, &token, Some(put(right)))
        .await;
    assert_eq!(a.status, 200, "{}", a.text);
    assert_eq!(a.json()["ip"], "10.20.0.50");
    assert_eq!(total(&sb, &token, "kubernetes-clusters").await, 1);
    // It may not move to another server (400, nothing changed).
    let elsewhere = kubeconfig("https://10.20.0.99:6443", "sandbox-k8s-token");
    let a = sb
        .aria_call(Method::PUT, &path, &token, Some(put(elsewhere)))
        .await;
    assert_aria_error(&a, 400);
    assert!(
        a.text
            .contains("credentials.kubeconfig names the API server 10.20.0.99"),
        "{}",
        a.text
    );
    assert_eq!(total(&sb, &token, "kubernetes-clusters").await, 1);
    // The right address on another port is not the cluster's API server.
    let port = kubeconfig("https://10.20.0.50:7443", "sandbox-k8s-token");
    let a = sb
        .aria_call(Method::PUT, &path, &token, Some(put(port)))
        .await;
    assert_eq!(a.status, 200, "{}", a.text);
    assert_eq!(total(&sb, &token, "kubernetes-clusters").await, 0);
    let health = sb.data_source_health(&token, &id).await.to_string();
    assert!(health.contains("refused the credentials"), "{health}");
}

#[tokio::test]
async fn kubernetes_objects_are_searched_with_both_languages_and_named_by_uid() {
    let (sb, token) = collecting().await;
    sb.collect_nsxt(&token, "10.20.0.40").await;
    add_cluster(
        &sb,
        &token,
        &kubeconfig("https://10.20.0.50:6443", "sandbox-k8s-token"),
    )
    .await;
    let shop = search_all(
        &sb,
        &token,
        "KubernetesPod",
        "kubernetes_namespace.name = 'shop'",
    )
    .await;
    assert_eq!(shop.len(), 4);
    let control = search_all(&sb, &token, "KubernetesNode", "roles = 'control-plane'").await;
    assert_eq!(control.len(), 1);
    let services = search_all(
        &sb,
        &token,
        "KubernetesService",
        "selectors = 'app=payments'",
    )
    .await;
    assert_eq!(services.len(), 1);
    for (query, hits) in [
        (
            "count of kubernetes pods where kubernetes_cluster.name = 'k8s01'",
            11,
        ),
        ("count of pods where labels = 'k8s-app=kube-proxy'", 3),
        ("count of kubernetes namespaces", 4),
        (
            "count of kubernetes clusters where api_server = 'https://10.20.0.50:6443'",
            1,
        ),
        (
            "count of kubernetes services where namespace.name = 'nowhere'",
            0,
        ),
    ] {
        assert_eq!(ql_hits(&sb, &token, query).await, hits as u64, "{query}");
    }
    // A pod's vendor id is its UID, and its manager the cluster.
    let cluster = list_all(&sb, &token, "kubernetes-clusters").await[0].clone();
    let infos = fetch(
        &sb,
        &token,
        "/entities/vendor-infos/fetch",
        &[shop[0].clone()],
    )
    .await;
    let one = &infos["results"][0];
    assert_eq!(one["vendor_ids"][0]["id_type"], "UUID", "{infos}");
    assert_eq!(one["manager"]["entity_id"], cluster.as_str());
    assert_eq!(one["manager"]["entity_type"], "KubernetesCluster");
}
