//! Metrics and their schema: points on the sandbox clock that agree with the world's flows and
//! with each other across intervals, in v1's pairs and v2's lists, and the errors for a wrong
//! interval, metric, entity or mix of entity types.

use std::collections::BTreeMap;

use crate::common::*;
use appliance_sandbox::config::Config;
use appliance_sandbox::world::workload::{FlowEnd, Workload};
use appliance_sandbox::world::World;
use reqwest::Method;
use serde_json::{json, Value};

const DAY: i64 = 86_400;

/// A sandbox collecting the first vCenter, an admin token, and the names and ids of `kind`.
async fn collected(kind: &str) -> (TestSandbox, String, BTreeMap<String, String>) {
    let sb = start().await;
    let admin = sb.admin().await;
    sb.collect_vcenter(&admin, "10.20.0.10").await;
    let ids = ids(&sb, &admin, kind).await;
    (sb, admin, ids)
}

/// Name -> id of every `kind` Aria sees.
async fn ids(sb: &TestSandbox, admin: &str, kind: &str) -> BTreeMap<String, String> {
    let path = format!("/entities/{kind}?size=1000");
    let page = sb.aria_call(Method::GET, &path, admin, None).await.json();
    page["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let name = r["entity_name"].as_str().unwrap().to_string();
            (name, r["entity_id"].as_str().unwrap().to_string())
        })
        .collect()
}

fn now(sb: &TestSandbox) -> i64 {
    sb.sandbox.clock.now_secs()
}

/// `GET /metrics/v2`'s (timestamps, values).
async fn v2(
    sb: &TestSandbox,
    token: &str,
    id: &str,
    metric: &str,
    interval: i64,
    (start, end): (i64, i64),
) -> (Vec<i64>, Vec<f64>) {
    let q = serde_urlencoded::to_string([
        ("entity_id", id.to_string()),
        ("metric", metric.to_string()),
        ("interval", interval.to_string()),
        ("start", start.to_string()),
        ("end", end.to_string()),
    ])
    .unwrap();
    let a = sb
        .aria_call(Method::GET, &format!("/metrics/v2?{q}"), token, None)
        .await;
    assert_eq!(a.status, 200, "{}", a.text);
    let p = &a.json()["pointlist"][0];
    let ts = serde_json::from_value(p["timestamps"].clone()).unwrap();
    (ts, serde_json::from_value(p["values"].clone()).unwrap())
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1.0)
}

#[tokio::test]
async fn the_schema_names_each_type_s_metrics() {
    let sb = start().await;
    let admin = sb.admin().await;
    let vm = sb
        .aria_call(Method::GET, "/schema/VirtualMachine/metrics", &admin, None)
        .await
        .json();
    let names: Vec<&str> = vm["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["metric"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"cpu.usage.rate.average.percent"),
        "{names:?}"
    );
    assert!(names.contains(&"net.received.rate.average.kiloBitsPerSecond"));
    assert_eq!(vm["results"][0]["unit"], "percent");
    assert_eq!(
        vm["results"][0]["intervals"],
        json!([300, 1800, 7200, 86400])
    );
    let flow = sb
        .aria_call(Method::GET, "/schema/Flow/metrics", &admin, None)
        .await
        .json();
    assert_eq!(
        flow["results"][0]["metric"],
        "flow.totalBytes.delta.summation.bytes"
    );
    let cluster = sb
        .aria_call(Method::GET, "/schema/Cluster/metrics", &admin, None)
        .await;
    assert_eq!(cluster.json(), json!({"results": []}));
    let bad = sb
        .aria_call(Method::GET, "/schema/Toaster/metrics", &admin, None)
        .await;
    assert_aria_error(&bad, 400);
}

#[tokio::test]
async fn a_vm_s_traffic_is_its_flows_and_a_host_s_is_its_vms() {
    let (sb, admin, vms) = collected("vms").await;
    let config = Config::default();
    let world = World::build(&config.world).unwrap();
    let w = Workload::generate(&world, &config.world.workload).unwrap();
    // The last seven whole days: the curve's mean over a week is 1, so their mean is the mean.
    let day = (now(&sb).div_euclid(DAY) - 1) * DAY;
    let week = (day - 6 * DAY, day);
    let metric = "net.received.rate.average.kiloBitsPerSecond";
    let mut checked = 0;
    for (v, vm) in w
        .vms
        .iter()
        .enumerate()
        .filter(|(_, vm)| vm.place.vcenter == 0)
    {
        let rx: u64 = w
            .flows
            .iter()
            .filter(|f| matches!(f.destination, FlowEnd::Vm(d) if d == v))
            .map(|f| f.bytes)
            .sum();
        let (ts, values) = v2(&sb, &admin, &vms[&vm.name], metric, DAY, week).await;
        assert_eq!(ts.len(), 7);
        assert!(
            rx == 0 || values.windows(2).any(|p| !close(p[0], p[1])),
            "{values:?}"
        );
        let mean = values.iter().sum::<f64>() / 7.0;
        let bytes = mean * 1000.0 / 8.0 * DAY as f64;
        assert!(close(bytes, rx as f64), "{}: {bytes} != {rx}", vm.name);
        checked += 1;
        if checked == 5 {
            break;
        }
    }
    // A host's rate is its VMs' sum, point by point.
    let hosts = ids(&sb, &admin, "hosts").await;
    let (h, (_, host)) = w
        .hosts
        .iter()
        .enumerate()
        .find(|(_, (p, _))| p.vcenter == 0)
        .unwrap();
    let window = (now(&sb) - 3600, now(&sb));
    let metric = "net.usage.rate.average.kiloBitsPerSecond";
    let (_, total) = v2(&sb, &admin, &hosts[&host.config.name], metric, 300, window).await;
    let mut sum = vec![0.0; total.len()];
    for vm in w.vms.iter().filter(|vm| vm.host == h) {
        let (_, each) = v2(&sb, &admin, &vms[&vm.name], metric, 300, window).await;
        for (s, x) in sum.iter_mut().zip(each) {
            *s += x;
        }
    }
    assert!(!total.is_empty());
    for (a, b) in total.iter().zip(&sum) {
        assert!(close(*a, *b), "{a} != {b}");
    }
}

#[tokio::test]
async fn coarser_points_are_the_finer_ones_combined_and_only_ended_intervals_answer() {
    let (sb, admin, vms) = collected("vms").await;
    let vm = vms.values().next().unwrap();
    let hour = (now(&sb).div_euclid(3600) - 2) * 3600;
    let cpu = "cpu.usage.rate.average.percent";
    let (fine_ts, fine) = v2(&sb, &admin, vm, cpu, 300, (hour, hour + 1500)).await;
    assert_eq!(fine_ts, (0..6).map(|i| hour + i * 300).collect::<Vec<_>>());
    let (_, coarse) = v2(&sb, &admin, vm, cpu, 1800, (hour, hour)).await;
    assert!(close(coarse[0], fine.iter().sum::<f64>() / 6.0));
    assert!(fine.iter().all(|x| (0.0..=100.0).contains(x)), "{fine:?}");
    assert!(
        fine.windows(2).any(|p| p[0] != p[1]),
        "points vary: {fine:?}"
    );
    // A flow's bytes over an hour are the sum of its 300-second points.
    let flows = ids(&sb, &admin, "flows").await;
    let flow = flows.values().next().unwrap();
    let bytes = "flow.totalBytes.delta.summation.bytes";
    let (_, fine) = v2(&sb, &admin, flow, bytes, 300, (hour, hour + 3300)).await;
    assert_eq!(fine.len(), 12);
    let (_, coarse) = v2(&sb, &admin, flow, bytes, 1800, (hour, hour + 1800)).await;
    assert!(close(coarse[0] + coarse[1], fine.iter().sum()));
    // Only whole intervals that have ended: the current one appears once the clock passes it.
    let current = now(&sb).div_euclid(300) * 300;
    let (ts, _) = v2(&sb, &admin, vm, cpu, 300, (current - 600, current + 600)).await;
    assert_eq!(ts, vec![current - 600, current - 300]);
    sb.advance(300);
    let (ts, _) = v2(&sb, &admin, vm, cpu, 300, (current - 600, current + 600)).await;
    assert_eq!(ts, vec![current - 600, current - 300, current]);
    // At most 300 points: a week at 300 seconds answers its first 300.
    let (ts, _) = v2(&sb, &admin, vm, cpu, 300, (hour - 7 * DAY, hour)).await;
    assert_eq!(ts.len(), 300);
    assert_eq!(ts[0], hour - 7 * DAY);
}

#[tokio::test]
async fn v1_pairs_and_bulk_answers_agree_with_v2() {
    let (sb, admin, vms) = collected("vms").await;
    let ids: Vec<&String> = vms.values().take(3).collect();
    let window = (now(&sb) - 7200, now(&sb));
    let cpu = "cpu.usage.rate.average.percent";
    let (ts, values) = v2(&sb, &admin, ids[0], cpu, 300, window).await;
    let q = format!(
        "/metrics?entity_id={}&metric={cpu}&interval=300&start={}&end={}",
        ids[0], window.0, window.1
    );
    let v1 = sb.aria_call(Method::GET, &q, &admin, None).await.json();
    let pairs: Vec<Value> = ts
        .iter()
        .zip(&values)
        .map(|(t, v)| json!([*t as f64, v]))
        .collect();
    assert_eq!(v1["pointlist"], json!(pairs));
    assert_eq!(v1["unit"], "percent");
    assert_eq!(
        (v1["start"].as_i64(), v1["end"].as_i64()),
        (Some(window.0), Some(window.1))
    );
    // Bulk, with an unknown id left out, in request order.
    let body = json!({"entity_ids": [ids[1], "18230:1:404", ids[0]], "metric": cpu,
                      "interval": 300, "start_time": window.0, "end_time": window.1});
    let bulk = sb
        .aria_call(
            Method::POST,
            "/metrics/fetch/v2",
            &admin,
            Some(body.clone()),
        )
        .await
        .json();
    let results = bulk["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    assert_eq!(results[1]["entity_id"], ids[0].as_str());
    assert_eq!(results[1]["values"], json!(values));
    let bulk1 = sb
        .aria_call(Method::POST, "/metrics/fetch", &admin, Some(body))
        .await
        .json();
    assert_eq!(bulk1["results"][1]["pointlist"], json!(pairs));
}

#[tokio::test]
async fn wrong_intervals_metrics_entities_and_mixes_are_refused() {
    let (sb, admin, vms) = collected("vms").await;
    let vm = vms.values().next().unwrap();
    let n = now(&sb);
    let get = |q: String| {
        let sb = &sb;
        let admin = &admin;
        async move {
            sb.aria_call(Method::GET, &format!("/metrics/v2?{q}"), admin, None)
                .await
        }
    };
    let cpu = "cpu.usage.rate.average.percent";
    let a = get(format!(
        "entity_id={vm}&metric={cpu}&interval=60&start={}&end={n}",
        n - 600
    ))
    .await;
    assert_aria_error(&a, 400);
    assert!(a.text.contains("300, 1800, 7200, 86400"), "{}", a.text);
    let a = get(format!(
        "entity_id={vm}&metric=flow.totalBytes.delta.summation.bytes&interval=300&start={}&end={n}",
        n - 600
    ))
    .await;
    assert_aria_error(&a, 400);
    assert!(
        a.text.contains("VirtualMachine has no metric"),
        "{}",
        a.text
    );
    let a = get(format!(
        "entity_id={vm}&metric={cpu}&interval=300&start={n}&end={}",
        n - 600
    ))
    .await;
    assert_aria_error(&a, 400);
    let a = get(format!(
        "entity_id=18230:1:404&metric={cpu}&interval=300&start={}&end={n}",
        n - 600
    ))
    .await;
    assert_aria_error(&a, 404);
    let a = get(format!(
        "entity_id={vm}&metric={cpu}&interval=300&start={}",
        n - 600
    ))
    .await;
    assert_aria_error(&a, 400);
    // A VM of a vCenter no data source collects is not seen.
    let fresh = start().await;
    let token = fresh.admin().await;
    let a = fresh
        .aria_call(
            Method::GET,
            &format!(
                "/metrics/v2?entity_id={vm}&metric={cpu}&interval=300&start={}&end={n}",
                n - 600
            ),
            &token,
            None,
        )
        .await;
    assert_aria_error(&a, 404);
    // Bulk: one entity type at a time, 1 to 1000 ids, a metric and an interval.
    let hosts = ids(&sb, &admin, "hosts").await;
    let host = hosts.values().next().unwrap();
    for body in [
        json!({"entity_ids": [vm, host], "metric": cpu, "interval": 300}),
        json!({"entity_ids": [], "metric": cpu, "interval": 300}),
        json!({"entity_ids": [vm], "interval": 300}),
        json!({"entity_ids": [vm], "metric": cpu}),
        json!({"entity_ids": [vm], "metric": "no.such.metric", "interval": 300}),
    ] {
        let a = sb
            .aria_call(
                Method::POST,
                "/metrics/fetch/v2",
                &admin,
                Some(body.clone()),
            )
            .await;
        assert_aria_error(&a, 400);
        assert!(!a.json()["message"].as_str().unwrap().is_empty(), "{body}");
    }
}
