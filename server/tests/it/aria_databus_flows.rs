//! What the databus would have posted to `flows` subscribers (E129): each collected vCenter's
//! flows by reference, narrowed by `appName` filter tags to an application's flows, and
//! posted anew when what they are changes.

use std::collections::BTreeSet;

use crate::aria_application_members::application;
use crate::aria_databus_messages::{messages, poll};
use crate::common::*;
use appliance_sandbox::config::Config;
use appliance_sandbox::world::workload::{FlowEnd, Workload};
use appliance_sandbox::world::World;
use appliance_sandbox::Options;
use reqwest::Method;
use serde_json::{json, Value};

/// A world with enough flows for several messages a vCenter.
fn config() -> Config {
    let mut config = Config::default();
    config.world.workload.flows = 900;
    config
}

/// How many of the world's flows from vCenter 0 (the one collected) touch a VM of `group`
/// there, and how many of those only at their destination, by brute force.
fn flows_touching(group: &str) -> (usize, usize) {
    let config = config();
    let world = World::build(&config.world).unwrap();
    let w = Workload::generate(&world, &config.world.workload).unwrap();
    let member = |v: usize| {
        w.vms[v].place.vcenter == 0 && w.security_groups[w.vms[v].security_group].name == group
    };
    let to_member = |f: &FlowEnd| matches!(f, FlowEnd::Vm(d) if member(*d));
    let from_vc0 = || {
        w.flows
            .iter()
            .filter(|f| w.vms[f.source].place.vcenter == 0)
    };
    let touching = from_vc0().filter(|f| member(f.source) || to_member(&f.destination));
    let only_destination = from_vc0().filter(|f| !member(f.source) && to_member(&f.destination));
    (touching.count(), only_destination.count())
}

const SUBSCRIBERS: &str = "/settings/databus/subscribers";

async fn subscribe(sb: &TestSandbox, admin: &str, url: &str, tags: Value) -> String {
    let body = json!({"message_group": "flows", "url": url, "filter_tags": tags});
    let a = sb
        .aria_call(Method::POST, SUBSCRIBERS, admin, Some(body))
        .await;
    assert_eq!(a.status, 201, "{}", a.text);
    a.json()["id"].as_str().unwrap().to_string()
}

/// The flow messages among `list`: their flows by id (a flow twice fails), their data, and
/// the times they were posted.
fn flows_of(list: &[Value]) -> (BTreeSet<String>, Vec<Value>, BTreeSet<i64>) {
    let (mut ids, mut data, mut times) = (BTreeSet::new(), Vec::new(), BTreeSet::new());
    for m in list
        .iter()
        .filter(|m| m["message"]["type"] == "FlowMessage")
    {
        assert_eq!(m["message"]["status"], "CREATE");
        assert_eq!(m["message"]["message_group"], "flows");
        let list = m["message"]["data"].as_array().unwrap();
        assert!(!list.is_empty() && list.len() <= 100, "{m}");
        times.insert(m["timestamp"].as_i64().unwrap());
        for e in list {
            let fresh = ids.insert(e["entity_id"].as_str().unwrap().to_string());
            assert!(fresh, "{e} posted twice");
            data.push(e.clone());
        }
    }
    (ids, data, times)
}

/// The flows `GET /entities/flows` lists, by id.
async fn get_flows(sb: &TestSandbox, admin: &str) -> BTreeSet<String> {
    let listed = sb
        .aria_call(Method::GET, "/entities/flows?size=1000", admin, None)
        .await
        .json();
    (listed["results"].as_array().unwrap().iter())
        .map(|r| r["entity_id"].as_str().unwrap().to_string())
        .collect()
}

async fn posted(sb: &TestSandbox, id: &str) -> BTreeSet<String> {
    flows_of(&messages(sb, Some(id), 5).await).0
}

#[tokio::test]
async fn flows_subscribers_get_the_collected_flows_narrowed_by_application_name() {
    let sb = start_with(config(), Options::default()).await;
    let admin = sb.admin().await;
    sb.collect_vcenter(&admin, "10.20.0.10").await;
    application(&sb, &admin, "db", &[("db", "db-tier")]).await;
    let subscribed = sb.sandbox.clock.now_secs();
    let all = subscribe(&sb, &admin, "https://r.example.com/all", json!([])).await;
    // The key in any case; values as application names are, without regard to case.
    let db = json!([{"filterKey": "APPNAME", "filterValue": [" DB ", "no-such-app"]}]);
    let db = subscribe(&sb, &admin, "https://r.example.com/db", db).await;
    let none = json!([{"filterKey": "appName", "filterValue": ["no-such-app"]}]);
    let none = subscribe(&sb, &admin, "https://r.example.com/none", none).await;
    // A key the vendor does not document is kept and narrows nothing.
    let other = json!([{"filterKey": "srcIp", "filterValue": ["10.0.0.1"]}]);
    let other = subscribe(&sb, &admin, "https://r.example.com/other", other).await;
    // Past the first heartbeat's second.
    sb.advance(3600 + 60);

    // Unfiltered: the collected vCenter's flows, as the API lists them, in several messages
    // posted at once, at the vCenter's first poll (two minutes after it was added, just
    // before the subscription).
    let (ids, data, times) = flows_of(&messages(&sb, Some(&all), 5).await);
    let want = get_flows(&sb, &admin).await;
    assert!(want.len() > 200, "{}", want.len());
    assert_eq!(ids, want);
    assert_eq!(times.len(), 1);
    let posted_at = *times.first().unwrap();
    assert!((subscribed + 118..=subscribed + 120).contains(&posted_at));
    for e in [&data[0], &data[data.len() / 2], &data[data.len() - 1]] {
        assert_eq!(e["entity_type"], "Flow");
        let id = e["entity_id"].as_str().unwrap().replace(':', "%3A");
        let path = format!("/entities/flows/{id}");
        let flow = sb.aria_call(Method::GET, &path, &admin, None).await.json();
        assert_eq!(e["name"], flow["name"]);
    }

    // Narrowed to the flows of the application's VMs, at either end.
    let of_db = posted(&sb, &db).await;
    let (touching, only_destination) = flows_touching("db-tier");
    assert!(only_destination > 0 && touching > only_destination);
    assert_eq!(of_db.len(), touching);
    assert!(of_db.len() < ids.len() && of_db.is_subset(&ids));
    assert!(posted(&sb, &none).await.is_empty());
    assert_eq!(posted(&sb, &other).await, ids);
    // Heartbeats still go to the subscriber whose filter matches nothing.
    assert_eq!(messages(&sb, Some(&none), 5).await.len(), 1);
}

#[tokio::test]
async fn a_filtered_subscriber_gets_its_flows_again_after_the_cursor_when_they_change() {
    let sb = start_with(config(), Options::default()).await;
    let admin = sb.admin().await;
    sb.collect_vcenter(&admin, "10.20.0.10").await;
    let tags = json!([{"filterKey": "appName", "filterValue": ["web"]}]);
    let sub = subscribe(&sb, &admin, "https://r.example.com/web", tags).await;
    sb.advance(600);
    let (read, cursor) = poll(&sb, Some(&sub), 10, None).await;
    assert!(flows_of(&read).0.is_empty(), "no application web yet");

    // The application is made after the first poll: its flows come after the cursor.
    let admin = sb.admin().await;
    application(&sb, &admin, "web", &[("web", "web-tier")]).await;
    let made = sb.sandbox.clock.now_secs();
    sb.advance(60);
    let (read, cursor) = poll(&sb, Some(&sub), 10, cursor).await;
    let (web, _, times) = flows_of(&read);
    assert_eq!(web.len(), flows_touching("web-tier").0);
    assert!(
        times.iter().all(|t| (made..made + 5).contains(t)),
        "{times:?}"
    );

    // The filter changes: the new application's flows, after the cursor again.
    let body = json!({"message_group": "flows", "url": "https://r.example.com/web",
                      "filter_tags": [{"filterKey": "appName", "filterValue": ["db"]}]});
    let path = format!("{SUBSCRIBERS}/{sub}");
    application(&sb, &admin, "db", &[("db", "db-tier")]).await;
    let a = sb.aria_call(Method::PUT, &path, &admin, Some(body)).await;
    assert_eq!(a.status, 200, "{}", a.text);
    sb.advance(60);
    let (read, cursor) = poll(&sb, Some(&sub), 10, cursor).await;
    assert_eq!(flows_of(&read).0.len(), flows_touching("db-tier").0);
    // Listed from the start, the subscriber's flows are those of its filter now, once.
    let now = flows_of(&messages(&sb, Some(&sub), 10).await).0;
    assert_eq!(now.len(), flows_touching("db-tier").0);

    // The filter taken away: every flow of the vCenter, after the cursor again.
    let body = json!({"message_group": "flows", "url": "https://r.example.com/web"});
    let a = sb.aria_call(Method::PUT, &path, &admin, Some(body)).await;
    assert_eq!(a.status, 200, "{}", a.text);
    sb.advance(60);
    let (read, _) = poll(&sb, Some(&sub), 10, cursor).await;
    let listed = get_flows(&sb, &admin).await;
    assert_eq!(flows_of(&read).0, listed);
}
