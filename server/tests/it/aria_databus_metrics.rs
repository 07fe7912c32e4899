//! What the databus would have posted to metrics subscribers (E126): every five minutes, each
//! metric of each batch of collected entities, the values the metrics API answers; and the
//! inventory of vNICs.

use std::collections::BTreeSet;

use crate::aria_databus_messages::{message_ids, messages, poll, subscribe};
use crate::common::*;
use reqwest::Method;
use serde_json::Value;

async fn ids_of(sb: &TestSandbox, token: &str, path: &str) -> BTreeSet<String> {
    let listed = sb.aria_call(Method::GET, path, token, None).await.json();
    let results = listed["results"].as_array().unwrap();
    assert_eq!(
        listed["total_count"].as_u64().unwrap() as usize,
        results.len()
    );
    (results.iter())
        .map(|r| r["entity_id"].as_str().unwrap().to_string())
        .collect()
}

fn metric_names(schema: &Value) -> Vec<String> {
    (schema["results"].as_array().unwrap().iter())
        .map(|m| m["metric"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn metrics_subscribers_get_each_metric_of_each_entity_every_five_minutes() {
    let sb = start().await;
    let admin = sb.admin().await;
    sb.collect_vcenter(&admin, "10.20.0.10").await;
    // Halfway through a five-minute interval (so the wall clock moving during the test does
    // not cross one), after the first poll.
    let now = sb.sandbox.clock.now_secs();
    sb.advance((600 + 150 - now.rem_euclid(300)) as u64);
    let vms = subscribe(&sb, &admin, "vms-metrics").await;
    let nics = subscribe(&sb, &admin, "nics").await;
    sb.advance(900);
    let admin = sb.admin().await;
    // `nics`: the vCenter's vNICs, at the subscription.
    let nic_ids = ids_of(&sb, &admin, "/entities/vnics?size=1000").await;
    let to_nics = messages(&sb, Some(&nics), 100).await;
    let subscribed = to_nics[0]["timestamp"].as_i64().unwrap();
    let mut posted = BTreeSet::new();
    for m in &to_nics {
        assert_eq!(m["timestamp"], subscribed);
        assert_eq!(m["message"]["status"], "INVENTORY");
        for e in m["message"]["data"].as_array().unwrap() {
            assert_eq!(e["entity_type"], "Vnic");
            posted.insert(e["entity_id"].as_str().unwrap().to_string());
        }
    }
    assert_eq!(posted, nic_ids);

    let vm_ids = ids_of(&sb, &admin, "/entities/vms?size=1000").await;
    let schema = sb
        .aria_call(Method::GET, "/schema/VirtualMachine/metrics", &admin, None)
        .await;
    let names = metric_names(&schema.json());
    assert!(!names.is_empty());
    let to_vms = messages(&sb, Some(&vms), 100).await;
    let batches = vm_ids.len().div_ceil(100);
    // Three five-minute intervals ended since the subscription; no heartbeat yet.
    assert_eq!(to_vms.len(), 3 * names.len() * batches);
    for tick in 0..3 {
        let posted = (subscribed / 300 + 1 + tick) * 300;
        let of_tick: Vec<&Value> = (to_vms.iter())
            .filter(|m| m["timestamp"] == posted)
            .collect();
        assert_eq!(of_tick.len(), names.len() * batches, "at {posted}");
        for name in &names {
            let mut seen = BTreeSet::new();
            for m in of_tick
                .iter()
                .filter(|m| m["message"]["data"]["metric"] == **name)
            {
                let msg = &m["message"];
                assert_eq!(msg["type"], "MetricMessage");
                assert_eq!(msg["status"], "CREATE");
                assert_eq!(msg["message_group"], "vms-metrics");
                let data = &msg["data"];
                assert_eq!(data["interval"], 300);
                assert_eq!(data["timestamp"], posted - 300);
                assert_eq!(data["entity_type"], "VirtualMachine");
                for p in data["points"].as_array().unwrap() {
                    assert!(p["value"].is_number());
                    seen.insert(p["entity_id"].as_str().unwrap().to_string());
                }
            }
            assert_eq!(seen, vm_ids, "{name} at {posted}");
        }
    }

    // A point is what the metrics API answers for that VM and interval.
    let point = &to_vms[0]["message"]["data"];
    let (metric, t0) = (
        point["metric"].as_str().unwrap(),
        point["timestamp"].as_i64().unwrap(),
    );
    let first = &point["points"][0];
    let vm = first["entity_id"].as_str().unwrap();
    let path =
        format!("/metrics/v2?entity_id={vm}&metric={metric}&interval=300&start={t0}&end={t0}");
    let answer = sb.aria_call(Method::GET, &path, &admin, None).await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    let answer = answer.json();
    assert_eq!(answer["pointlist"][0]["timestamps"][0], t0);
    assert_eq!(answer["pointlist"][0]["values"][0], first["value"]);

    // Pages of any size walk the same messages; the last page's cursor serves what comes next.
    let small = messages(&sb, Some(&vms), 7).await;
    assert_eq!(message_ids(&small), message_ids(&to_vms));
    let (_, cursor) = poll(&sb, Some(&vms), 100, None).await;
    let path = format!("/aria/databus/messages?subscription_id={vms}&size=100");
    sb.advance(300);
    let url = format!("{path}&cursor={}", cursor.unwrap());
    let next = sb.control_call(Method::GET, &url, Value::Null).await.json();
    assert_eq!(
        next["results"].as_array().unwrap().len(),
        names.len() * batches
    );
    assert_eq!(next["total_count"], 4 * names.len() * batches);
}

#[tokio::test]
async fn the_metrics_group_carries_every_kind_and_nothing_before_collection() {
    let sb = start().await;
    let admin = sb.admin().await;
    let all = subscribe(&sb, &admin, "metrics").await;
    let ports = subscribe(&sb, &admin, "switchports-metrics").await;
    sb.advance(1200);
    // Nothing collected: nothing to measure.
    assert!(messages(&sb, Some(&all), 100).await.is_empty());
    sb.collect_vcenter(&admin, "10.20.0.10").await;
    sb.advance(1200);
    let kinds: BTreeSet<String> = (messages(&sb, Some(&all), 100).await.iter())
        .filter(|m| m["message"]["type"] == "MetricMessage")
        .map(|m| {
            m["message"]["data"]["entity_type"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let want = ["Flow", "Host", "VirtualMachine", "Vnic"].map(String::from);
    assert_eq!(kinds, BTreeSet::from(want));
    // Switch ports have no metrics: their subscriber gets heartbeats only.
    assert!(messages(&sb, Some(&ports), 100).await.is_empty());
    sb.advance(1200);
    sb.advance(1);
    let to_ports = messages(&sb, Some(&ports), 100).await;
    assert_eq!(to_ports.len(), 1);
    assert!(to_ports
        .iter()
        .all(|m| m["message"]["status"] == "HEARTBEAT"));
}
