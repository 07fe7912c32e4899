//! What the databus would have posted to `flows` subscribers (E129): each collected vCenter's
//! flows by reference, narrowed by `appName` filter tags to an application's flows.

use std::collections::BTreeSet;

use crate::aria_application_members::application;
use crate::aria_databus_messages::messages;
use crate::common::*;
use appliance_sandbox::config::Config;
use appliance_sandbox::world::workload::{FlowEnd, Workload};
use appliance_sandbox::world::World;
use reqwest::Method;
use serde_json::{json, Value};

/// How many of the world's flows from vCenter 0 (the one collected) touch a VM of `group`
/// there, by brute force from the same configuration.
fn flows_touching(group: &str) -> usize {
    let config = Config::default();
    let world = World::build(&config.world).unwrap();
    let w = Workload::generate(&world, &config.world.workload).unwrap();
    let member = |v: usize| {
        w.vms[v].place.vcenter == 0 && w.security_groups[w.vms[v].security_group].name == group
    };
    (w.flows.iter())
        .filter(|f| w.vms[f.source].place.vcenter == 0)
        .filter(|f| member(f.source) || matches!(f.destination, FlowEnd::Vm(d) if member(d)))
        .count()
}

async fn subscribe(sb: &TestSandbox, admin: &str, url: &str, tags: Value) -> String {
    let body = json!({"message_group": "flows", "url": url, "filter_tags": tags});
    let path = "/settings/databus/subscribers";
    let a = sb.aria_call(Method::POST, path, admin, Some(body)).await;
    assert_eq!(a.status, 201, "{}", a.text);
    a.json()["id"].as_str().unwrap().to_string()
}

/// The flows posted to one subscriber, by id, once each (a test fails on a repeat).
async fn posted(sb: &TestSandbox, id: &str) -> (Vec<Value>, BTreeSet<String>) {
    let all = messages(sb, Some(id), 5).await;
    let mut ids = BTreeSet::new();
    let mut data = Vec::new();
    for m in all.iter().filter(|m| m["message"]["type"] == "FlowMessage") {
        assert_eq!(m["message"]["status"], "CREATE");
        assert_eq!(m["message"]["message_group"], "flows");
        let list = m["message"]["data"].as_array().unwrap();
        assert!(!list.is_empty() && list.len() <= 100, "{m}");
        for e in list {
            let fresh = ids.insert(e["entity_id"].as_str().unwrap().to_string());
            assert!(fresh, "{e} posted twice");
            data.push(e.clone());
        }
    }
    (data, ids)
}

#[tokio::test]
async fn flows_subscribers_get_the_collected_flows_narrowed_by_application_name() {
    let sb = start().await;
    let admin = sb.admin().await;
    sb.collect_vcenter(&admin, "10.20.0.10").await;
    application(&sb, &admin, "db", &[("db", "db-tier")]).await;
    let all = subscribe(&sb, &admin, "https://r.example.com/all", json!([])).await;
    let db = json!([{"filterKey": "appName", "filterValue": ["db", "no-such-app"]}]);
    let db = subscribe(&sb, &admin, "https://r.example.com/db", db).await;
    let none = json!([{"filterKey": "appName", "filterValue": ["no-such-app"]}]);
    let none = subscribe(&sb, &admin, "https://r.example.com/none", none).await;
    // A key the vendor does not document is kept and narrows nothing.
    let other = json!([{"filterKey": "srcIp", "filterValue": ["10.0.0.1"]}]);
    let other = subscribe(&sb, &admin, "https://r.example.com/other", other).await;
    // Past the first heartbeat's second.
    sb.advance(3600 + 60);

    // Unfiltered: the collected vCenter's flows, as the API lists them.
    let (data, ids) = posted(&sb, &all).await;
    let listed = sb
        .aria_call(Method::GET, "/entities/flows?size=1000", &admin, None)
        .await
        .json();
    let want: BTreeSet<String> = (listed["results"].as_array().unwrap().iter())
        .map(|r| r["entity_id"].as_str().unwrap().to_string())
        .collect();
    assert!(!want.is_empty());
    assert_eq!(ids, want);
    let first = &data[0];
    assert_eq!(first["entity_type"], "Flow");
    let id = first["entity_id"].as_str().unwrap().replace(':', "%3A");
    let flow = sb
        .aria_call(Method::GET, &format!("/entities/flows/{id}"), &admin, None)
        .await
        .json();
    assert_eq!(first["name"], flow["name"]);

    // Narrowed to the flows of the application's VMs.
    let (_, of_db) = posted(&sb, &db).await;
    assert_eq!(of_db.len(), flows_touching("db-tier"));
    assert!(!of_db.is_empty() && of_db.len() < ids.len());
    assert!(of_db.is_subset(&ids));
    assert!(posted(&sb, &none).await.1.is_empty());
    assert_eq!(posted(&sb, &other).await.1, ids);
    // Heartbeats still go to the subscriber whose filter matches nothing.
    assert_eq!(messages(&sb, Some(&none), 5).await.len(), 1);
}
