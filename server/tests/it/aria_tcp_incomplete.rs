//! Incomplete TCP sessions (E88): rows that are the world's TCP flows to the VM, counts that are
//! the flow metrics' packets over three, ranked and paged, the CSV of the same rows, the clock,
//! and the errors.

use std::collections::BTreeMap;

use crate::common::*;
use appliance_sandbox::config::Config;
use appliance_sandbox::world::workload::{Protocol, Workload};
use appliance_sandbox::world::World;
use reqwest::Method;
use serde_json::json;

const HALF_HOUR: i64 = 1800;

/// Name -> id of every VM Aria sees.
async fn vm_ids(sb: &TestSandbox, admin: &str) -> BTreeMap<String, String> {
    let page = sb
        .aria_call(Method::GET, "/entities/vms?size=1000", admin, None)
        .await
        .json();
    (page["results"].as_array().unwrap().iter())
        .map(|r| {
            let name = r["entity_name"].as_str().unwrap().to_string();
            (name, r["entity_id"].as_str().unwrap().to_string())
        })
        .collect()
}

fn query(vm: &str, minutes: i64, end_ms: i64, start: i64, limit: i64) -> String {
    serde_urlencoded::to_string([
        ("destination_vm_entity_id", vm.to_string()),
        ("resolution_in_minutes", minutes.to_string()),
        ("end_time", end_ms.to_string()),
        ("start", start.to_string()),
        ("limit", limit.to_string()),
    ])
    .unwrap()
}

async fn list(sb: &TestSandbox, token: &str, q: &str) -> Answer {
    let path = format!("/flows/tcp-incomplete/list?{q}");
    sb.aria_call(Method::GET, &path, token, None).await
}

/// The last whole half hour, in epoch milliseconds at its end.
fn last_half_hour_end(sb: &TestSandbox) -> i64 {
    sb.sandbox.clock.now_secs().div_euclid(HALF_HOUR) * HALF_HOUR * 1000
}

#[tokio::test]
async fn rows_are_the_world_s_tcp_flows_counted_from_their_packets() {
    let sb = start().await;
    let admin = sb.admin().await;
    sb.collect_vcenter(&admin, "10.20.0.10").await;
    let ids = vm_ids(&sb, &admin).await;
    let config = Config::default();
    let world = World::build(&config.world).unwrap();
    let w = Workload::generate(&world, &config.world.workload).unwrap();
    let end = last_half_hour_end(&sb);
    let mut rows_seen = 0;
    for (d, vm) in w
        .vms
        .iter()
        .enumerate()
        .filter(|(_, v)| v.place.vcenter == 0)
    {
        let a = list(&sb, &admin, &query(&ids[&vm.name], 30, end, 0, 1000)).await;
        assert_eq!(a.status, 200, "{}", a.text);
        let page = a.json();
        assert_eq!(page["start_time"], end - HALF_HOUR * 1000);
        assert_eq!(page["end_time"], end);
        let rows = page["results"].as_array().unwrap();
        assert_eq!(page["total_count"], rows.len());
        let counts: Vec<i64> = rows
            .iter()
            .map(|r| r["incomplete_tcp_session_count"].as_i64().unwrap())
            .collect();
        assert!(counts.windows(2).all(|p| p[0] >= p[1]), "{counts:?}");
        for r in rows {
            let src = r["src_entity"].as_str().unwrap();
            let port: u16 = r["dst_Port"].as_str().unwrap().parse().unwrap();
            assert_eq!(r["src_entity_id"], ids[src]);
            assert_eq!(r["src_entity_type"], "VirtualMachine");
            // A TCP flow of the world goes from that VM to this one at that port.
            let flows: Vec<_> = (w.flows.iter())
                .filter(|f| f.vm_destination() == Some(d) && w.vms[f.source].name == src)
                .filter(|f| f.port == port && matches!(f.protocol, Protocol::Tcp))
                .collect();
            assert!(!flows.is_empty(), "{r}");
            if flows.len() > 1 {
                continue;
            }
            // One flow: its sessions are its packets in the interval over three.
            let filter = format!(
                "source_vm.entity_id = '{}' and destination_vm.entity_id = '{}' and port = {port}",
                ids[src], ids[&vm.name]
            );
            let body = json!({"entity_type": "Flow", "filter": filter, "size": 10});
            let found = sb
                .aria_call(Method::POST, "/search", &admin, Some(body))
                .await;
            let flow_id = found.json()["results"][0]["entity_id"].clone();
            let secs = end / 1000;
            let q = serde_urlencoded::to_string([
                ("entity_id", flow_id.as_str().unwrap().to_string()),
                ("metric", "flow.totalPackets.delta.summation.number".into()),
                ("interval", HALF_HOUR.to_string()),
                ("start", (secs - HALF_HOUR).to_string()),
                ("end", (secs - HALF_HOUR).to_string()),
            ])
            .unwrap();
            let m = sb
                .aria_call(Method::GET, &format!("/metrics/v2?{q}"), &admin, None)
                .await
                .json();
            let packets = m["pointlist"][0]["values"][0].as_f64().unwrap();
            assert_eq!(
                r["incomplete_tcp_session_count"],
                (packets / 3.0) as i64,
                "{r}"
            );
            rows_seen += 1;
        }
    }
    assert!(
        rows_seen > 0,
        "some VM has unanswered sessions from one flow"
    );
}

#[tokio::test]
async fn pages_csv_and_the_clock_agree() {
    let sb = start().await;
    let admin = sb.admin().await;
    sb.collect_vcenter(&admin, "10.20.0.10").await;
    let ids = vm_ids(&sb, &admin).await;
    let end = last_half_hour_end(&sb);
    // The VM with the most rows.
    let mut best = (0, String::new());
    for id in ids.values() {
        let n = list(&sb, &admin, &query(id, 30, end, 0, 1000)).await.json()["total_count"]
            .as_u64()
            .unwrap();
        if n > best.0 {
            best = (n, id.clone());
        }
    }
    let (total, vm) = best;
    assert!(total >= 2, "a VM with two rows or more");
    let all = list(&sb, &admin, &query(&vm, 30, end, 0, 1000))
        .await
        .json();
    let second = list(&sb, &admin, &query(&vm, 30, end, 1, 1)).await.json();
    assert_eq!(second["results"], json!([all["results"][1]]));
    assert_eq!(second["total_count"], total);

    let path = format!(
        "/flows/tcp-incomplete/csv-export?{}",
        serde_urlencoded::to_string([
            ("destination_vm_entity_id", vm.as_str()),
            ("resolution_in_minutes", "30"),
            ("end_time", &end.to_string()),
            ("limit", "1000"),
        ])
        .unwrap()
    );
    let csv = sb.aria_call(Method::POST, &path, &admin, None).await;
    assert_eq!(csv.status, 200, "{}", csv.text);
    let lines: Vec<&str> = csv.text.lines().collect();
    assert_eq!(lines[0], "source,source_entity_id,source_entity_type,destination_port,firewall_rule,incomplete_tcp_sessions");
    assert_eq!(lines.len() as u64, total + 1);
    let first = &all["results"][0];
    assert_eq!(
        lines[1],
        format!(
            "{},{},VirtualMachine,{},,{}",
            first["src_entity"].as_str().unwrap(),
            first["src_entity_id"].as_str().unwrap(),
            first["dst_Port"].as_str().unwrap(),
            first["incomplete_tcp_session_count"]
        )
    );

    // An interval that has not begun yet holds nothing; one before 1970's first half hour
    // starts at the epoch.
    let ahead = end + 2 * HALF_HOUR * 1000;
    let future = list(&sb, &admin, &query(&vm, 5, ahead, 0, 10)).await.json();
    assert_eq!(future["total_count"], 0);
    let early = list(&sb, &admin, &query(&vm, 30, 60_000, 0, 10))
        .await
        .json();
    assert_eq!(early["start_time"], 0);
    // The interval is answered as asked, to the millisecond.
    let odd = list(&sb, &admin, &query(&vm, 5, end - 500, 0, 10))
        .await
        .json();
    let answered = (odd["start_time"].as_i64(), odd["end_time"].as_i64());
    assert_eq!(answered, (Some(end - 300_500), Some(end - 500)));
    // Time passes: the interval ending then holds sessions once it is in the past.
    sb.advance(3 * HALF_HOUR as u64);
    let later = list(&sb, &admin, &query(&vm, 5, ahead, 0, 1000))
        .await
        .json();
    assert!(later["total_count"].as_u64().unwrap() > 0, "{later}");
}

#[tokio::test]
async fn wrong_asks_are_refused_in_aria_s_shape() {
    let sb = start().await;
    let admin = sb.admin().await;
    sb.collect_vcenter(&admin, "10.20.0.10").await;
    let ids = vm_ids(&sb, &admin).await;
    let vm = ids.values().next().unwrap();
    let end = last_half_hour_end(&sb);
    for q in [
        query(vm, 10, end, 0, 10),
        query(vm, 30, -1, 0, 10),
        query(vm, 30, end, -1, 10),
        query(vm, 30, end, 0, 0),
        query(vm, 30, end, 0, 1001),
        format!("destination_vm_entity_id={vm}&resolution_in_minutes=30&start=0&limit=10"),
    ] {
        assert_aria_error(&list(&sb, &admin, &q).await, 400);
    }
    // Not a VM; no such entity; a VM of a vCenter no data source collects.
    let hosts = sb
        .aria_call(Method::GET, "/entities/hosts?size=1", &admin, None)
        .await
        .json();
    let host = hosts["results"][0]["entity_id"].as_str().unwrap();
    assert_aria_error(&list(&sb, &admin, &query(host, 30, end, 0, 10)).await, 400);
    assert_aria_error(
        &list(&sb, &admin, &query("18230:1:1", 30, end, 0, 10)).await,
        404,
    );
    // A VM of the second vCenter: seen once its data source is added, a 404 before.
    let config = Config::default();
    let world = World::build(&config.world).unwrap();
    let w = Workload::generate(&world, &config.world.workload).unwrap();
    let elsewhere = w.vms.iter().find(|v| v.place.vcenter == 1).unwrap();
    let both = start().await;
    let token = both.admin().await;
    both.collect_vcenter(&token, "10.20.0.10").await;
    both.collect_vcenter(&token, "10.20.0.20").await;
    let id = vm_ids(&both, &token).await[&elsewhere.name].clone();
    let seen = list(&both, &token, &query(&id, 30, end, 0, 10)).await;
    assert_eq!(seen.status, 200, "{}", seen.text);
    assert_aria_error(&list(&sb, &admin, &query(&id, 30, end, 0, 10)).await, 404);
    let unauthenticated = sb
        .aria_call(
            Method::GET,
            &format!("/flows/tcp-incomplete/list?{}", query(vm, 30, end, 0, 10)),
            "",
            None,
        )
        .await;
    assert_eq!(unauthenticated.status, 401);
}
