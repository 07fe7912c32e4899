//! The NSX-T objects derived from the world's NSX-T managers (E96): visible while an NSX-T
//! manager data source collects their manager, named after it, searchable, with references
//! that resolve.

use super::vsphere_objects::{fetch, list_all, listed_with_resolving_references};
use super::*;

/// The NSX-T entity types, their path segments and how many the default world has of each
/// (with `hosts` host transport nodes).
fn counts(hosts: usize) -> [(&'static str, usize); 7] {
    [
        ("nsx-managers", 1),
        ("nsxt-mp-nodes", 3),
        ("nsxt-controllers", 3),
        ("nsxt-transport-nodes", 2 + hosts),
        ("nsxt-edge-clusters", 1),
        ("nsxt-edge-node-cpu-cores", 8),
        ("logical-routers", 2),
    ]
}

#[tokio::test]
async fn nsxt_objects_are_visible_only_while_a_data_source_collects_their_manager() {
    let (sb, token) = collecting().await;
    let (_, w) = world();
    let hosts = w.hosts.iter().filter(|h| h.0.vcenter == 0).count();
    // The vCenter's data source shows none of them, nor does one the manager refuses.
    let proxy = sb
        .aria_call(Method::GET, "/infra/nodes", &token, None)
        .await
        .json()["results"][0]["id"]
        .clone();
    let refused = json!({"ip": "10.20.0.40", "proxy_id": proxy, "nickname": "nsxt",
        "credentials": {"username": "admin", "password": "wrong"}});
    let a = sb
        .aria_call(
            Method::POST,
            "/data-sources/nsxt-managers",
            &token,
            Some(refused),
        )
        .await;
    assert_eq!(a.status, 201, "{}", a.text);
    for (segment, _) in counts(hosts) {
        assert_eq!(total(&sb, &token, segment).await, 0, "{segment}");
    }
    // Given the manager's password, it collects.
    let fix = json!({"nickname": "nsxt", "proxy_id": proxy,
        "credentials": {"username": "admin", "password": "VMware1!VMware1!"}});
    let path = format!(
        "/data-sources/nsxt-managers/{}",
        a.json()["entity_id"].as_str().unwrap()
    );
    let a = sb.aria_call(Method::PUT, &path, &token, Some(fix)).await;
    assert_eq!(a.status, 200, "{}", a.text);
    for (segment, count) in counts(hosts) {
        let refs = listed_with_resolving_references(&sb, &token, segment, count).await;
        // Only a manager references nothing.
        assert_eq!(refs.is_empty(), segment == "nsx-managers", "{segment}");
    }
    // Names and addresses follow the manager's.
    let nodes = list_all(&sb, &token, "nsxt-mp-nodes").await;
    let nodes = fetch(&sb, &token, "/entities/fetch", &nodes).await;
    let mut seen: Vec<(String, String)> = nodes["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            let e = &n["entity"];
            let s = |v: &Value| v.as_str().unwrap().to_string();
            (s(&e["name"]), s(&e["ip_address"]["ip_address"]))
        })
        .collect();
    seen.sort();
    assert_eq!(
        seen,
        (1..=3)
            .map(|k| (format!("nsxt01-mp-{k}"), format!("10.20.0.{}", 40 + k)))
            .collect::<Vec<_>>()
    );
    // Disabling the source hides them again.
    let sources = sb
        .aria_call(Method::GET, "/data-sources/nsxt-managers", &token, None)
        .await
        .json();
    for s in sources["results"].as_array().unwrap() {
        let path = format!(
            "/data-sources/nsxt-managers/{}/disable",
            s["entity_id"].as_str().unwrap()
        );
        let a = sb.aria_call(Method::POST, &path, &token, None).await;
        assert!(a.status < 300, "{}", a.text);
    }
    assert_eq!(total(&sb, &token, "nsx-managers").await, 0);
}

#[tokio::test]
async fn nsxt_objects_are_searched_with_both_languages_and_named_by_uuid() {
    let (sb, token) = collecting().await;
    sb.collect_nsxt(&token, "10.20.0.40").await;
    let edges = search_all(&sb, &token, "NSXTTransportNode", "node_type = 'EdgeNode'").await;
    assert_eq!(edges.len(), 2);
    let managers = search_all(&sb, &token, "NSXTManager", "name = 'nsxt01'").await;
    assert_eq!(managers.len(), 1);
    // The abstract type finds the same manager.
    let body = json!({"entity_type": "BaseNSXManager", "filter": "", "size": 10});
    let a = sb
        .aria_call(Method::POST, "/search", &token, Some(body))
        .await;
    assert_eq!(a.status, 200, "{}", a.text);
    assert_eq!(a.json()["results"][0]["entity_id"], managers[0].as_str());
    for (query, hits) in [
        (
            "count of nsx-t transport nodes where node_type = 'EdgeNode'",
            2,
        ),
        ("count of logical routers", 2),
        (
            "count of nsx-t controllers where manager.name = 'nsxt01'",
            3,
        ),
        ("count of nsx-t controllers where manager.name = 'other'", 0),
    ] {
        assert_eq!(ql_hits(&sb, &token, query).await, hits as u64, "{query}");
    }
    // A controller's vendor id is its UUID and its manager the NSX-T manager.
    let controller = list_all(&sb, &token, "nsxt-controllers").await[0].clone();
    let infos = fetch(
        &sb,
        &token,
        "/entities/vendor-infos/fetch",
        &[controller.clone(), managers[0].clone()],
    )
    .await;
    let results = infos["results"].as_array().unwrap();
    assert_eq!(results.len(), 2, "{infos}");
    let one = &results[0];
    assert_eq!(one["vendor_ids"][0]["id_type"], "UUID");
    assert_eq!(one["manager"]["entity_id"], managers[0].as_str());
    assert_eq!(one["manager"]["entity_type"], "NSXTManager");
    assert!(results[1].get("manager").is_none(), "{infos}");
}
