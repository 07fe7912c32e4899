//! Aria's inventory of itself and what it collects from: the infrastructure nodes a data source
//! names as its collector.

use crate::common;

use common::*;
use reqwest::Method;
use serde_json::Value;

#[tokio::test]
async fn nodes_are_listed_and_read_by_administrators_only() {
    let sb = start().await;
    let admin = sb.admin().await;
    let list = sb
        .aria_call(Method::GET, "/infra/nodes", &admin, None)
        .await;
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
            .aria_call(
                Method::GET,
                &format!("/infra/nodes/{encoded}"),
                &admin,
                None,
            )
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

#[tokio::test]
async fn ip_tags_merge_ranges_cut_them_on_removal_and_refuse_bad_input_unchanged() {
    use serde_json::json;
    let sb = start().await;
    let admin = sb.admin().await;
    let ids = sb
        .aria_call(Method::GET, "/settings/ip-tags/tag-ids", &admin, None)
        .await
        .json();
    assert_eq!(ids, json!({"tag_ids": ["EAST_WEST", "INTERNET"]}));
    // As VMware's ip_tagging.py sends them: one entry per call.
    let add = |body: Value| {
        sb.aria_call(
            Method::POST,
            "/settings/ip-tags/INTERNET/add",
            &admin,
            Some(body),
        )
    };
    for body in [
        json!({"tag_id": "INTERNET", "ip_address_ranges": [{"start_ip": "198.51.100.10", "end_ip": "198.51.100.10"}]}),
        json!({"tag_id": "INTERNET", "ip_address_ranges": [{"start_ip": "198.51.100.11", "end_ip": "198.51.100.20"}]}),
        json!({"tag_id": "INTERNET", "subnets": ["203.0.113.0/24"]}),
        json!({"tag_id": "INTERNET", "subnets": ["203.0.113.0/24"]}),
    ] {
        let a = add(body).await;
        assert_eq!(a.status, 200, "{}", a.text);
        assert!(a.text.is_empty(), "{}", a.text);
    }
    let get = || sb.aria_call(Method::GET, "/settings/ip-tags/INTERNET", &admin, None);
    assert_eq!(
        get().await.json(),
        json!({"tag_id": "INTERNET", "subnets": ["203.0.113.0/24"],
               "ip_address_ranges": [{"start_ip": "198.51.100.10", "end_ip": "198.51.100.20"}]})
    );
    let remove = json!({"ip_address_ranges": [{"start_ip": "198.51.100.15", "end_ip": "198.51.100.15"}],
                        "subnets": ["203.0.113.0/24"]});
    let a = sb
        .aria_call(
            Method::POST,
            "/settings/ip-tags/INTERNET/remove",
            &admin,
            Some(remove),
        )
        .await;
    assert_eq!(a.status, 200, "{}", a.text);
    let after = get().await.json();
    assert_eq!(after["subnets"], json!([]));
    assert_eq!(
        after["ip_address_ranges"],
        json!([{"start_ip": "198.51.100.10", "end_ip": "198.51.100.14"},
               {"start_ip": "198.51.100.16", "end_ip": "198.51.100.20"}])
    );
    // Bad input: 400, and nothing changed; an unknown tag 404; members read but cannot change.
    for body in [
        json!({"ip_address_ranges": [{"start_ip": "198.51.100.30", "end_ip": "198.51.100.29"}]}),
        json!({"subnets": ["10.0.0.0/8", "10.0.0.0/40"]}),
        json!({"tag_id": "EAST_WEST", "subnets": ["10.0.0.0/8"]}),
    ] {
        assert_aria_error(&add(body).await, 400);
    }
    assert_eq!(get().await.json(), after);
    let unknown = sb
        .aria_call(Method::GET, "/settings/ip-tags/NOPE", &admin, None)
        .await;
    assert_aria_error(&unknown, 404);
    let member = sb.aria_token("member@local", "member").await;
    let read = sb
        .aria_call(Method::GET, "/settings/ip-tags/INTERNET", &member, None)
        .await;
    assert_eq!(read.status, 200);
    let change = sb
        .aria_call(
            Method::POST,
            "/settings/ip-tags/INTERNET/add",
            &member,
            Some(json!({})),
        )
        .await;
    assert_aria_error(&change, 403);
}

/// Expanded nodes, removing a collector (refused for the platform and for a collector a data
/// source uses), and the VCF watermark's lifecycle (E54).
#[tokio::test]
async fn nodes_expand_a_free_collector_is_removed_and_the_watermark_lives_once() {
    use serde_json::json;
    let sb = start().await;
    let admin = sb.admin().await;
    let expanded = sb
        .aria_call(Method::GET, "/infra/expanded-nodes", &admin, None)
        .await
        .json();
    assert_eq!(expanded["total_count"], 2);
    let node = |t: &str| {
        expanded["results"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["node_type"] == t)
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let (platform, collector) = (node("PLATFORM_VM"), node("PROXY_VM"));
    let one = sb
        .aria_call(
            Method::GET,
            &format!("/infra/nodes/{collector}"),
            &admin,
            None,
        )
        .await
        .json();
    // `last_updated_timestamp` is the current minute, which may turn between two calls.
    let stable = |mut n: Value| {
        n.as_object_mut().unwrap().remove("last_updated_timestamp");
        n
    };
    let listed: Vec<Value> = expanded["results"]
        .as_array()
        .unwrap()
        .iter()
        .cloned()
        .map(stable)
        .collect();
    assert!(listed.contains(&stable(one.clone())));

    let del = |id: &str| format!("/infra/nodes/{id}");
    assert_aria_error(
        &sb.aria_call(Method::DELETE, &del(&platform), &admin, None)
            .await,
        400,
    );
    // A collector that polls a data source stays; freed, it can go.
    let body = |proxy: &str| {
        json!({"ip": "10.20.0.20", "proxy_id": proxy, "nickname": "b",
               "credentials": {"username": "administrator@vsphere.local", "password": "VMware1!"}})
    };
    let source = sb
        .aria_call(
            Method::POST,
            "/data-sources/vcenters",
            &admin,
            Some(body(&collector)),
        )
        .await
        .json()["entity_id"]
        .as_str()
        .unwrap()
        .to_string();
    let in_use = sb
        .aria_call(Method::DELETE, &del(&collector), &admin, None)
        .await;
    assert_aria_error(&in_use, 400);
    assert!(in_use.text.contains(&source), "{}", in_use.text);
    let path = format!("/data-sources/vcenters/{source}");
    assert_eq!(
        sb.aria_call(Method::DELETE, &path, &admin, None)
            .await
            .status,
        204
    );
    let gone = sb
        .aria_call(Method::DELETE, &del(&collector), &admin, None)
        .await;
    assert_eq!(gone.status, 200, "{}", gone.text);
    assert_eq!(stable(gone.json()), stable(one.clone()));
    assert_aria_error(
        &sb.aria_call(Method::GET, &del(&collector), &admin, None)
            .await,
        404,
    );
    assert_aria_error(
        &sb.aria_call(Method::DELETE, &del(&collector), &admin, None)
            .await,
        404,
    );
    let list = sb
        .aria_call(Method::GET, "/infra/nodes", &admin, None)
        .await
        .json();
    assert_eq!(list["total_count"], 1);
    let refused = sb
        .aria_call(
            Method::POST,
            "/data-sources/vcenters",
            &admin,
            Some(body(&collector)),
        )
        .await;
    assert_aria_error(&refused, 400);
    assert!(refused.text.contains("removed"), "{}", refused.text);

    let member = sb.aria_token("member@local", "member").await;
    assert_aria_error(
        &sb.aria_call(Method::DELETE, &del(&collector), &member, None)
            .await,
        403,
    );

    let w = "/infra/watermark";
    assert_aria_error(&sb.aria_call(Method::GET, w, &admin, None).await, 404);
    let mark =
        json!({"deployedby": "VCF", "version": "5.2", "managedby": "sddc-manager.example.com"});
    let set = sb
        .aria_call(Method::POST, w, &admin, Some(mark.clone()))
        .await;
    assert_eq!(set.status, 200, "{}", set.text);
    assert_eq!(
        sb.aria_call(Method::GET, w, &admin, None).await.json(),
        mark
    );
    assert_aria_error(
        &sb.aria_call(Method::POST, w, &admin, Some(mark)).await,
        409,
    );
    let long = json!({"version": "x".repeat(257)});
    assert_aria_error(&sb.aria_call(Method::PUT, w, &admin, Some(long)).await, 400);
    let newer = json!({"deployedby": "VCF", "version": "9.0"});
    assert_eq!(
        sb.aria_call(Method::PUT, w, &admin, Some(newer.clone()))
            .await
            .json(),
        newer
    );
    assert_eq!(
        sb.aria_call(Method::GET, w, &admin, None).await.json(),
        newer
    );
    assert_aria_error(&sb.aria_call(Method::GET, w, &member, None).await, 403);
    assert_eq!(
        sb.aria_call(Method::DELETE, w, &admin, None).await.status,
        204
    );
    assert_aria_error(&sb.aria_call(Method::DELETE, w, &admin, None).await, 404);
}
