//! Guided network troubleshooting incidents: opened about an entity Aria sees, listed in the
//! order they were opened (paged, by start entity), changed field by field, removed; refused
//! whole for a bad body, an unknown entity or an auditor.

use crate::common::*;
use reqwest::Method;
use serde_json::{json, Value};

const INCIDENTS: &str = "/gnt/troubleshoot/incidents";

async fn vm_ids(sb: &TestSandbox, admin: &str) -> Vec<(String, String)> {
    let vms = sb
        .aria_call(Method::GET, "/entities/vms?size=3", admin, None)
        .await
        .json();
    vms["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            let id = v["entity_id"].as_str().unwrap().to_string();
            (id, v["entity_name"].as_str().unwrap().to_string())
        })
        .collect()
}

#[tokio::test]
async fn incidents_open_list_change_and_close() {
    let sb = start().await;
    let admin = sb.admin().await;
    sb.collect_vcenter(&admin, "10.20.0.10").await;
    let vms = vm_ids(&sb, &admin).await;
    let now = sb.sandbox.clock.now_secs();
    let open = |body: Value| {
        let (sb, admin) = (&sb, &admin);
        async move {
            sb.aria_call(Method::POST, INCIDENTS, admin, Some(body))
                .await
        }
    };
    let first = open(json!({"start_entity_id": vms[0].0})).await;
    let after = sb.sandbox.clock.now_secs();
    assert_eq!(first.status, 201, "{}", first.text);
    let first = first.json();
    assert_eq!(first["status"], "OPEN");
    assert_eq!(first["name"], format!("{} troubleshooting", vms[0].1));
    // The last hour as the clock read it then (it runs on while the test does).
    let end = first["end_time"].as_i64().unwrap();
    assert!((now..=after).contains(&end), "{first}");
    assert_eq!(first["start_time"], end - 3600);
    assert_eq!(first["created_by"], "admin@local");
    let mut ids = vec![first["entity_id"].as_str().unwrap().to_string()];
    for (n, (vm, _)) in vms.iter().enumerate() {
        let body = json!({"start_entity_id": vm, "name": format!("case {n}"), "start_time": 10, "end_time": 20});
        let a = open(body).await;
        assert_eq!(a.status, 201, "{}", a.text);
        ids.push(a.json()["entity_id"].as_str().unwrap().to_string());
    }
    // Opening order, two a page.
    let mut listed = Vec::new();
    let mut path = format!("{INCIDENTS}?size=2");
    loop {
        let page = sb.aria_call(Method::GET, &path, &admin, None).await.json();
        assert_eq!(page["total_count"], ids.len());
        listed.extend(
            page["results"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["entity_id"].as_str().unwrap().to_string()),
        );
        match page["cursor"].as_str() {
            Some(c) => path = format!("{INCIDENTS}?size=2&cursor={c}"),
            None => break,
        }
    }
    assert_eq!(listed, ids);
    let of_first = sb
        .aria_call(
            Method::GET,
            &format!("{INCIDENTS}?start_entity_id={}", vms[0].0),
            &admin,
            None,
        )
        .await
        .json();
    assert_eq!(of_first["total_count"], 2);
    // Changed field by field; the rest stays.
    sb.advance(60);
    let before = sb.sandbox.clock.now_secs();
    let path = format!("{INCIDENTS}/{}", ids[1]);
    let changed = sb
        .aria_call(
            Method::PUT,
            &path,
            &admin,
            Some(json!({"status": "RESOLVED"})),
        )
        .await;
    assert_eq!(changed.status, 200, "{}", changed.text);
    let changed = changed.json();
    assert_eq!(changed["status"], "RESOLVED");
    assert_eq!(changed["name"], "case 0");
    assert_eq!(
        (changed["start_time"].as_i64(), changed["end_time"].as_i64()),
        (Some(10), Some(20))
    );
    let modified = changed["last_modified_time"].as_i64().unwrap();
    assert!((before..=sb.sandbox.clock.now_secs()).contains(&modified));
    assert_eq!(
        sb.aria_call(Method::GET, &path, &admin, None).await.json(),
        changed
    );
    // Removed.
    assert_eq!(
        sb.aria_call(Method::DELETE, &path, &admin, None)
            .await
            .status,
        204
    );
    assert_aria_error(&sb.aria_call(Method::GET, &path, &admin, None).await, 404);
    assert_aria_error(
        &sb.aria_call(Method::DELETE, &path, &admin, None).await,
        404,
    );
}

#[tokio::test]
async fn bad_incidents_are_refused_and_change_nothing() {
    let sb = start().await;
    let admin = sb.admin().await;
    sb.collect_vcenter(&admin, "10.20.0.10").await;
    let vms = vm_ids(&sb, &admin).await;
    let vm = &vms[0].0;
    for (body, status) in [
        (None, 400),
        (Some(json!({})), 400),
        (Some(json!({"start_entity_id": "18230:1:404"})), 404),
        (
            Some(json!({"start_entity_id": vm, "start_time": 20, "end_time": 10})),
            400,
        ),
        (Some(json!({"start_entity_id": vm, "name": "  "})), 400),
    ] {
        let a = sb
            .aria_call(Method::POST, INCIDENTS, &admin, body.clone())
            .await;
        assert_aria_error(&a, status);
    }
    let auditor = sb.aria_token("auditor@local", "auditor").await;
    let a = sb
        .aria_call(
            Method::POST,
            INCIDENTS,
            &auditor,
            Some(json!({"start_entity_id": vm})),
        )
        .await;
    assert_aria_error(&a, 403);
    let none = sb
        .aria_call(Method::GET, INCIDENTS, &admin, None)
        .await
        .json();
    assert_eq!(none["total_count"], 0);
    // An incident refuses a bad change whole.
    let made = sb
        .aria_call(
            Method::POST,
            INCIDENTS,
            &admin,
            Some(json!({"start_entity_id": vm, "name": "kept"})),
        )
        .await
        .json();
    let path = format!("{INCIDENTS}/{}", made["entity_id"].as_str().unwrap());
    for body in [
        json!({"name": "changed", "start_time": 99999999999i64}),
        json!({"name": "changed", "status": "CLOSED"}),
        json!({"name": ""}),
    ] {
        let a = sb.aria_call(Method::PUT, &path, &admin, Some(body)).await;
        assert_aria_error(&a, 400);
    }
    let a = sb
        .aria_call(
            Method::PUT,
            &path,
            &auditor,
            Some(json!({"name": "changed"})),
        )
        .await;
    assert_aria_error(&a, 403);
    assert_eq!(
        sb.aria_call(Method::GET, &path, &admin, None).await.json(),
        made
    );
    // A VM of a vCenter no data source collects is not one Aria sees.
    let fresh = start().await;
    let token = fresh.admin().await;
    let a = fresh
        .aria_call(
            Method::POST,
            INCIDENTS,
            &token,
            Some(json!({"start_entity_id": vm})),
        )
        .await;
    assert_aria_error(&a, 404);
}
