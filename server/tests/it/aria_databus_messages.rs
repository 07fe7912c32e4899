//! What the databus would have posted (E124): heartbeats, problems opening and closing, and
//! the inventory of collected vCenters, read off the world and the clock, paged.

use std::collections::BTreeMap;

use crate::common::*;
use appliance_sandbox::config::Config;
use appliance_sandbox::world::HostHealth;
use appliance_sandbox::Options;
use reqwest::Method;
use serde_json::{json, Value};

const SUBSCRIBERS: &str = "/settings/databus/subscribers";

pub(crate) async fn subscribe(sb: &TestSandbox, token: &str, group: &str) -> String {
    let body =
        json!({"message_group": group, "url": format!("https://receiver.example.com/{group}")});
    let a = sb
        .aria_call(Method::POST, SUBSCRIBERS, token, Some(body))
        .await;
    assert_eq!(a.status, 201, "{}", a.text);
    a.json()["id"].as_str().unwrap().to_string()
}

/// Every message to `id` (or to all), walking the pages `size` at a time.
pub(crate) async fn messages(sb: &TestSandbox, id: Option<&str>, size: usize) -> Vec<Value> {
    poll(sb, id, size, None).await.0
}

/// Every message to `id` (or to all) after `cursor`, `size` a page, and the cursor to poll
/// from next (the last page's, which serves what comes later).
pub(crate) async fn poll(
    sb: &TestSandbox,
    id: Option<&str>,
    size: usize,
    mut cursor: Option<String>,
) -> (Vec<Value>, Option<String>) {
    let from_start = cursor.is_none();
    let mut out = Vec::new();
    loop {
        let mut path = format!("/aria/databus/messages?size={size}");
        if let Some(id) = id {
            path.push_str(&format!("&subscription_id={id}"));
        }
        if let Some(c) = &cursor {
            path.push_str(&format!("&cursor={c}"));
        }
        let a = sb.control_call(Method::GET, &path, Value::Null).await;
        assert_eq!(a.status, 200, "{path}: {}", a.text);
        let page = a.json();
        let results = page["results"].as_array().unwrap();
        if results.is_empty() {
            return (out, cursor);
        }
        out.extend(results.iter().cloned());
        if from_start {
            assert!(page["total_count"].as_u64().unwrap() as usize >= out.len());
        }
        cursor = page["cursor"].as_str().map(str::to_string);
    }
}

/// The messages' ids, in order.
pub(crate) fn message_ids(list: &[Value]) -> Vec<String> {
    (list.iter())
        .map(|m| m["message"]["id"].as_str().unwrap().to_string())
        .collect()
}

fn statuses(list: &[Value]) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for m in list {
        let s = m["message"]["status"].as_str().unwrap().to_string();
        *out.entry(s).or_default() += 1;
    }
    out
}

#[tokio::test]
async fn subscribers_get_heartbeats_problems_and_the_inventory_of_what_is_collected() {
    let mut config = Config::default();
    let hosts = &mut config.world.vcenters[0].datacenters[0].clusters[0].hosts;
    hosts[0].health = HostHealth::Critical;
    hosts[1].health = HostHealth::Warning;
    let sb = start_with(config, Options::default()).await;
    let admin = sb.admin().await;
    let created = sb.sandbox.clock.now_secs();
    let problems = subscribe(&sb, &admin, "problems").await;
    let hosts = subscribe(&sb, &admin, "hosts").await;
    let flows = subscribe(&sb, &admin, "flows").await;
    assert!(messages(&sb, None, 10).await.is_empty());
    sb.collect_vcenter(&admin, "10.20.0.10").await;
    sb.advance(3 * 3600 + 60);
    let admin = sb.admin().await;

    // Flows: a heartbeat each hour after the subscription (their flows: aria_databus_flows).
    let to_flows = messages(&sb, Some(&flows), 2).await;
    let beats: Vec<&Value> = (to_flows.iter())
        .filter(|m| m["message"]["type"] != "FlowMessage")
        .collect();
    assert_eq!(beats.len(), 3, "{to_flows:?}");
    for (k, m) in beats.iter().enumerate() {
        let beat = created + (k as i64 + 1) * 3600;
        assert_eq!(m["timestamp"], beat);
        assert_eq!(m["url"], "https://receiver.example.com/flows");
        let msg = &m["message"];
        assert_eq!(
            (msg["type"].clone(), msg["status"].clone()),
            (json!("HEARTBEAT"), json!("HEARTBEAT"))
        );
        assert_eq!(msg["message_group"], "flows");
        assert_eq!(msg["timestamp"], beat * 1000);
    }

    // Hosts: the vCenter's whole host inventory at its first poll, in batches.
    let to_hosts = messages(&sb, Some(&hosts), 3).await;
    let inventory: Vec<&Value> = (to_hosts.iter())
        .filter(|m| m["message"]["status"] == "INVENTORY")
        .collect();
    let listed = sb
        .aria_call(Method::GET, "/entities/hosts?size=1000", &admin, None)
        .await
        .json();
    let total = listed["total_count"].as_u64().unwrap();
    let mut ids: Vec<String> = Vec::new();
    for m in &inventory {
        let msg = &m["message"];
        assert_eq!(msg["total"], total);
        for e in msg["data"].as_array().unwrap() {
            assert_eq!(e["entity_type"], "Host");
            ids.push(e["entity_id"].as_str().unwrap().to_string());
        }
    }
    let mut want: Vec<String> = (listed["results"].as_array().unwrap().iter())
        .map(|r| r["entity_id"].as_str().unwrap().to_string())
        .collect();
    want.sort();
    ids.sort();
    assert_eq!(ids, want);
    assert_eq!(statuses(&to_hosts)["HEARTBEAT"], 3);

    // Problems: the critical host's opening, as the API answers the problem.
    let to_problems = messages(&sb, Some(&problems), 100).await;
    let opened: Vec<&Value> = (to_problems.iter())
        .filter(|m| m["message"]["status"] == "OPEN")
        .collect();
    assert!(!opened.is_empty(), "{to_problems:?}");
    for m in &opened {
        let data = &m["message"]["data"];
        let id = data["entity_id"].as_str().unwrap();
        let p = sb
            .aria_call(
                Method::GET,
                &format!("/entities/problems/{id}"),
                &admin,
                None,
            )
            .await;
        assert_eq!(p.status, 200, "{}", p.text);
        // Posted once learnt: at the opening, or once a CPU run's half hour has ended.
        let opened = p.json()["event_time_epoch_ms"].as_i64().unwrap();
        let posted = m["message"]["timestamp"].as_i64().unwrap();
        assert!(
            posted == opened || posted == opened + 1_800_000,
            "{opened} {posted}"
        );
        assert_eq!(m["message"]["type"], "EntityMessage");
    }
    // Both hosts' problems opened at the first poll, each its own message.
    let listed = sb
        .aria_call(Method::GET, "/entities/problems?size=100", &admin, None)
        .await
        .json();
    let mut host_problems = Vec::new();
    for r in listed["results"].as_array().unwrap() {
        let id = r["entity_id"].as_str().unwrap();
        let p = sb
            .aria_call(
                Method::GET,
                &format!("/entities/problems/{id}"),
                &admin,
                None,
            )
            .await;
        if p.json()["anchor_entities"][0]["entity_type"] == "Host" {
            host_problems.push(id.to_string());
        }
    }
    assert_eq!(host_problems.len(), 2, "{listed}");
    for id in &host_problems {
        let m = opened
            .iter()
            .find(|m| m["message"]["data"]["entity_id"] == json!(id));
        assert!(m.is_some(), "no OPEN for {id}");
    }

    // All subscribers together: the same messages, oldest first, ids never repeated.
    let all = messages(&sb, None, 7).await;
    assert_eq!(
        all.len(),
        to_flows.len() + to_hosts.len() + to_problems.len()
    );
    let times: Vec<i64> = all
        .iter()
        .map(|m| m["timestamp"].as_i64().unwrap())
        .collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]), "{times:?}");
    let mut message_ids: Vec<&str> = all
        .iter()
        .map(|m| m["message"]["id"].as_str().unwrap())
        .collect();
    message_ids.sort();
    message_ids.dedup();
    assert_eq!(message_ids.len(), all.len());
}

#[tokio::test]
async fn a_later_subscriber_gets_the_inventory_when_it_subscribes_and_bad_queries_are_refused() {
    let sb = start().await;
    let admin = sb.admin().await;
    sb.collect_vcenter(&admin, "10.20.0.10").await;
    sb.advance(600);
    let at = sb.sandbox.clock.now_secs();
    let vms = subscribe(&sb, &admin, "vms").await;
    // Listed once its second has ended.
    sb.advance(1);
    let to_vms = messages(&sb, Some(&vms), 100).await;
    assert!(!to_vms.is_empty());
    // At the subscription (the wall clock may have moved a second since `at` was read).
    let subscribed = to_vms[0]["timestamp"].as_i64().unwrap();
    assert!((at..=at + 2).contains(&subscribed), "{at} {subscribed}");
    for m in &to_vms {
        assert_eq!(m["timestamp"], subscribed);
        assert_eq!(m["message"]["status"], "INVENTORY");
        let data = m["message"]["data"].as_array().unwrap();
        assert!(data.len() <= 100 && !data.is_empty());
        assert!(data.iter().all(|e| e["entity_type"] == "VirtualMachine"));
    }
    for (path, status) in [
        ("/aria/databus/messages?subscription_id=nope", 404),
        ("/aria/databus/messages?size=0", 400),
        ("/aria/databus/messages?size=101", 400),
        ("/aria/databus/messages?cursor=%%%", 400),
    ] {
        let a = sb.control_call(Method::GET, path, Value::Null).await;
        assert_eq!(a.status, status, "{path}: {}", a.text);
        assert!(a.json()["message"].is_string());
    }
    // A subscriber removed has no more messages to answer.
    let path = format!("{SUBSCRIBERS}/{vms}");
    assert_eq!(
        sb.aria_call(Method::DELETE, &path, &admin, None)
            .await
            .status,
        204
    );
    assert!(messages(&sb, None, 10).await.is_empty());
}

#[tokio::test]
async fn polling_while_the_clock_moves_neither_repeats_nor_skips_a_message() {
    let sb = start().await;
    let admin = sb.admin().await;
    let id = subscribe(&sb, &admin, "problems").await;
    sb.collect_vcenter(&admin, "10.20.0.10").await;
    // A test polling every twenty minutes for five days, each time from the last message read.
    let mut read: Vec<Value> = Vec::new();
    let mut cursor: Option<String> = None;
    for _ in 0..360 {
        sb.advance(1200);
        let (more, next) = poll(&sb, Some(&id), 7, cursor).await;
        read.extend(more);
        cursor = next;
    }
    let all = messages(&sb, Some(&id), 100).await;
    let counts = statuses(&all);
    assert!(counts.get("OPEN").is_some_and(|n| *n > 0), "{counts:?}");
    assert_eq!(message_ids(&read), message_ids(&all));
}
