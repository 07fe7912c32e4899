//! Aria's inventory of itself and what it collects from: the infrastructure nodes a data source
//! names as its collector.

mod common;

use common::*;
use reqwest::Method;
use serde_json::Value;

#[tokio::test]
async fn nodes_are_listed_and_read_by_administrators_only() {
    let sb = start().await;
    let admin = sb.admin().await;
    let list = sb.aria_call(Method::GET, "/infra/nodes", &admin, None).await;
    assert_eq!(list.status, 200, "{}", list.text);
    let list = list.json();
    assert_eq!(list["total_count"], 2);
    let mut seen = Vec::new();
    for item in list["results"].as_array().unwrap() {
        assert_eq!(item["entity_type"], "Node");
        let id = item["id"].as_str().unwrap();
        assert!(id.starts_with("18230:901:"), "{id}");
        // The SDK percent-encodes every path parameter, colons included.
        let encoded = id.replace(':', "%3A");
        let node = sb
            .aria_call(Method::GET, &format!("/infra/nodes/{encoded}"), &admin, None)
            .await;
        assert_eq!(node.status, 200, "{}", node.text);
        let node: Value = node.json();
        assert_eq!(node["id"], id);
        assert_eq!(node["health"]["health_status"], "HEALTHY");
        seen.push((
            node["node_type"].as_str().unwrap().to_string(),
            node["ip_address"].as_str().unwrap().to_string(),
        ));
    }
    seen.sort();
    assert_eq!(
        seen,
        [
            ("PLATFORM_VM".to_string(), "10.20.3.10".to_string()),
            ("PROXY_VM".to_string(), "10.20.3.11".to_string())
        ]
    );
    let missing = sb
        .aria_call(Method::GET, "/infra/nodes/18230:901:1", &admin, None)
        .await;
    assert_aria_error(&missing, 404);
    let member = sb.aria_token("member@local", "member").await;
    for path in ["/infra/nodes", "/infra/nodes/18230:901:1"] {
        let a = sb.aria_call(Method::GET, path, &member, None).await;
        assert_aria_error(&a, 403);
    }
}
