//! Problems: a host whose configured health is critical from the first poll of the data source
//! that collects it until collection stops, and a VM's CPU problems exactly where its metrics
//! run over the threshold; filters, paging, the generic fetch PowervRNI uses, an application's
//! problems, and the kinds `/schema/problems` names.

use std::collections::BTreeSet;

use crate::common::*;
use appliance_sandbox::config::Config;
use appliance_sandbox::world::HostHealth;
use appliance_sandbox::Options;
use reqwest::Method;
use serde_json::json;

const DAY: i64 = 86_400;
const STEP: i64 = 1800;

/// Every page of a problem list at `path` (with its own query), as (id, time).
async fn all(sb: &TestSandbox, token: &str, path: &str) -> Vec<(String, i64)> {
    let mut out = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let sep = if path.contains('?') { '&' } else { '?' };
        let url = match &cursor {
            Some(c) => format!("{path}{sep}size=7&cursor={c}"),
            None => format!("{path}{sep}size=7"),
        };
        let a = sb.aria_call(Method::GET, &url, token, None).await;
        assert_eq!(a.status, 200, "{url}: {}", a.text);
        let page = a.json();
        for r in page["results"].as_array().unwrap() {
            assert_eq!(r["entity_type"], "ProblemEvent");
            out.push((
                r["entity_id"].as_str().unwrap().to_string(),
                r["time"].as_i64().unwrap(),
            ));
        }
        assert!(page["total_count"].as_u64().unwrap() as usize >= out.len());
        match page["cursor"].as_str() {
            Some(c) => cursor = Some(c.to_string()),
            None => return out,
        }
    }
}

#[tokio::test]
async fn a_critical_host_is_a_problem_while_its_vcenter_is_collected() {
    let mut config = Config::default();
    let host = &mut config.world.vcenters[0].datacenters[0].clusters[0].hosts[0];
    host.health = HostHealth::Critical;
    let host_name = host.name.clone();
    let sb = start_with(config, Options::default()).await;
    let admin = sb.admin().await;
    assert!(all(&sb, &admin, "/entities/problems").await.is_empty());
    let before = sb.sandbox.clock.now_secs();
    sb.collect_vcenter(&admin, "10.20.0.10").await;
    let after = sb.sandbox.clock.now_secs();
    // Collection starts now; its first poll is two minutes later.
    let status = "/entities/problems?event_status=open&event_type=ProblemEvent";
    let hosts = |found: &[(String, i64)]| {
        found
            .iter()
            .filter(|(id, _)| id.contains(":35102:"))
            .cloned()
            .collect::<Vec<_>>()
    };
    assert!(hosts(&all(&sb, &admin, status).await).is_empty());
    sb.advance(120);
    let found = all(&sb, &admin, status).await;
    let critical = hosts(&found);
    assert_eq!(critical.len(), 1, "{found:?}");
    let (id, time) = critical[0].clone();
    // Opened at the first poll (the clock runs on while the test does: a second may tick).
    assert!((before + 120..=after + 120).contains(&time), "{time}");
    let p = sb
        .aria_call(
            Method::GET,
            &format!("/entities/problems/{id}"),
            &admin,
            None,
        )
        .await
        .json();
    assert_eq!(p["name"], "HostHealthCriticalEvent");
    assert_eq!(p["severity"], "CRITICAL");
    assert_eq!(p["anchor_entities"][0]["entity_type"], "Host");
    assert_eq!(p["anchor_entities"][0]["entity_name"], host_name.as_str());
    assert_eq!(p["event_time_epoch_ms"], time * 1000);
    assert!(p.get("event_close_time_epoch_ms").is_none());
    // PowervRNI's Get-vRNIProblem: the list, then the generic fetch of what it listed.
    let body =
        json!({"entity_ids": [{"entity_id": id, "entity_type": "ProblemEvent", "time": time}]});
    let fetched = sb
        .aria_call(Method::POST, "/entities/fetch", &admin, Some(body.clone()))
        .await
        .json();
    assert_eq!(fetched["results"][0]["entity"], p);
    let bulk = sb
        .aria_call(Method::POST, "/entities/problems/fetch", &admin, Some(body))
        .await
        .json();
    assert_eq!(bulk["results"][0]["entity"], p);
    // Filters: severity, tags and manager.
    let vcenter = p["related_entities"].as_array().unwrap().last().unwrap()["entity_id"]
        .as_str()
        .unwrap()
        .to_string();
    for (query, expect) in [
        ("event_severity=Critical&event_severity=Info", true),
        ("event_severity=Warning", false),
        ("event_tags=Health", true),
        ("event_tags=Security", false),
        (&format!("managers={vcenter}") as &str, true),
        ("managers=18230:601:1", false),
        ("event_status=closed", false),
        ("event_type=UserDefinedProblemEvent", false),
    ] {
        let listed = all(&sb, &admin, &format!("/entities/problems?{query}")).await;
        let has = listed.iter().any(|(i, _)| *i == id);
        assert_eq!(has, expect, "{query}");
    }
    let bad = sb
        .aria_call(
            Method::GET,
            "/entities/problems?event_severity=CRITICAL",
            &admin,
            None,
        )
        .await;
    assert_aria_error(&bad, 400);
    // Collection stops: the problem is gone.
    let sources = sb
        .aria_call(Method::GET, "/data-sources/vcenters", &admin, None)
        .await
        .json();
    let ds = sources["results"][0]["entity_id"].as_str().unwrap();
    let disable = format!("/data-sources/vcenters/{ds}/disable");
    assert_eq!(
        sb.aria_call(Method::POST, &disable, &admin, None)
            .await
            .status,
        200
    );
    let gone = sb
        .aria_call(
            Method::GET,
            &format!("/entities/problems/{id}"),
            &admin,
            None,
        )
        .await;
    assert_aria_error(&gone, 404);
    assert!(all(&sb, &admin, "/entities/problems").await.is_empty());
}

/// Runs of half hours over the threshold in a VM's CPU metric: (opened, closed).
fn runs(ts: &[i64], values: &[f64], now: i64) -> Vec<(i64, Option<i64>)> {
    let mut out = Vec::new();
    let mut open: Option<i64> = None;
    for (t, v) in ts.iter().zip(values) {
        match (open, *v > 80.0) {
            (None, true) => open = Some(*t),
            (Some(o), false) => {
                out.push((o, Some(*t)));
                open = None;
            }
            _ => {}
        }
    }
    if let Some(o) = open {
        // Still hot at the last ended half hour.
        assert!(ts.last().unwrap() + 2 * STEP > now);
        out.push((o, None));
    }
    out
}

#[tokio::test]
async fn a_vm_s_cpu_problems_are_where_its_metrics_run_hot() {
    let sb = start().await;
    let admin = sb.admin().await;
    sb.collect_vcenter(&admin, "10.20.0.10").await;
    let now = sb.sandbox.clock.now_secs();
    let window = (now - 4 * DAY, now);
    let vms = sb
        .aria_call(Method::GET, "/entities/vms?size=1000", &admin, None)
        .await
        .json();
    // By brute force from the metrics: every run that reaches into the window.
    let mut expected = BTreeSet::new();
    for vm in vms["results"].as_array().unwrap() {
        let id = vm["entity_id"].as_str().unwrap();
        let q = format!(
            "/metrics/v2?entity_id={id}&metric=cpu.usage.rate.average.percent&interval={STEP}&start={}&end={now}",
            window.0 - DAY
        );
        let m = sb.aria_call(Method::GET, &q, &admin, None).await.json();
        let p = &m["pointlist"][0];
        let ts: Vec<i64> = serde_json::from_value(p["timestamps"].clone()).unwrap();
        let values: Vec<f64> = serde_json::from_value(p["values"].clone()).unwrap();
        for (opened, closed) in runs(&ts, &values, now) {
            if opened > window.0 - DAY && closed.is_none_or(|c| c > window.0) {
                expected.insert((id.to_string(), opened, closed));
            }
        }
    }
    assert!(
        !expected.is_empty(),
        "the default world has hot VMs in four days"
    );
    let path = format!(
        "/entities/problems?start_time={}&end_time={}&event_tags=Performance",
        window.0, window.1
    );
    let listed = all(&sb, &admin, &path).await;
    let times: Vec<i64> = listed.iter().map(|(_, t)| *t).collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]), "ordered by opening");
    let mut found = BTreeSet::new();
    for (id, time) in &listed {
        let p = sb
            .aria_call(
                Method::GET,
                &format!("/entities/problems/{id}"),
                &admin,
                None,
            )
            .await
            .json();
        assert_eq!(p["name"], "VMHighCPUUsageEvent");
        assert_eq!(p["severity"], "MODERATE");
        assert_eq!(p["event_time_epoch_ms"], time * 1000);
        let vm = p["anchor_entities"][0]["entity_id"]
            .as_str()
            .unwrap()
            .to_string();
        let closed = p["event_close_time_epoch_ms"].as_i64().map(|c| c / 1000);
        found.insert((vm, *time, closed));
    }
    assert_eq!(found, expected);
    // Open and closed split them.
    let open = all(&sb, &admin, &format!("{path}&event_status=open")).await;
    let closed = all(&sb, &admin, &format!("{path}&event_status=closed")).await;
    assert_eq!(open.len() + closed.len(), listed.len());
    assert_eq!(
        open.len(),
        expected.iter().filter(|(_, _, c)| c.is_none()).count()
    );
    // Opened or closed in a window.
    let (vm, opened, _) = expected.iter().next().unwrap().clone();
    let path = format!(
        "/entities/problems?start_time={}&end_time={}&update_time_from={opened}&update_time_to={opened}",
        window.0, window.1
    );
    let updated = all(&sb, &admin, &path).await;
    assert!(updated.iter().any(|(_, t)| *t == opened), "{updated:?}");
    assert!(updated.iter().all(|(_, t)| *t == opened) || updated.len() < listed.len());
    // An application of that VM has its problems and no others.
    let name = vms["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["entity_id"] == vm.as_str())
        .unwrap()["entity_name"]
        .as_str()
        .unwrap()
        .to_string();
    let app = sb
        .aria_call(
            Method::POST,
            "/groups/applications",
            &admin,
            Some(json!({"name": "hot"})),
        )
        .await
        .json();
    let app_id = app["entity_id"].as_str().unwrap();
    let tier = json!({"name": "hot", "group_membership_criteria": [{"membership_type": "SearchMembershipCriteria",
        "search_membership_criteria": {"entity_type": "VirtualMachine", "filter": format!("name = '{name}'")}}]});
    let t = sb
        .aria_call(
            Method::POST,
            &format!("/groups/applications/{app_id}/tiers"),
            &admin,
            Some(tier),
        )
        .await;
    assert_eq!(t.status, 201, "{}", t.text);
    let path = format!(
        "/groups/applications/{app_id}/problems?start_time={}&end_time={}",
        window.0, window.1
    );
    let of_app = all(&sb, &admin, &path).await;
    let want: BTreeSet<i64> = expected
        .iter()
        .filter(|(v, _, _)| *v == vm)
        .map(|(_, t, _)| *t)
        .collect();
    let got: BTreeSet<i64> = of_app.iter().map(|(_, t)| *t).collect();
    assert_eq!(got, want);
}

#[tokio::test]
async fn the_schema_names_the_kinds_of_problem_and_unknown_ids_are_404() {
    let sb = start().await;
    let admin = sb.admin().await;
    let kinds = sb
        .aria_call(Method::GET, "/schema/problems", &admin, None)
        .await
        .json();
    let names: Vec<&str> = kinds["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "VMHighCPUUsageEvent",
            "HostHealthCriticalEvent",
            "HostHealthWarningEvent"
        ]
    );
    assert_eq!(kinds["results"][1]["severity"], "Critical");
    for id in [
        "18230:35101:1",
        "18230:35102:99999999999",
        "nonsense",
        "18230:1:1084829537",
    ] {
        let a = sb
            .aria_call(
                Method::GET,
                &format!("/entities/problems/{id}"),
                &admin,
                None,
            )
            .await;
        assert_aria_error(&a, 404);
    }
    let empty = sb
        .aria_call(Method::POST, "/entities/problems/fetch", &admin, None)
        .await;
    assert_eq!(empty.json(), json!({"results": []}));
    let details = sb
        .aria_call(Method::GET, "/entities/problemDetails", &admin, None)
        .await;
    assert_eq!(details.json(), json!({"results": []}));
}

#[tokio::test]
async fn windows_at_the_ends_of_time_answer_without_overflowing_or_scanning_history() {
    let sb = start().await;
    let admin = sb.admin().await;
    sb.collect_vcenter(&admin, "10.20.0.10").await;
    let max = i64::MAX;
    let min = i64::MIN + 1;
    for (path, status) in [
        (
            format!("/entities/problems?start_time=0&end_time={max}"),
            200,
        ),
        (
            format!("/entities/problems?start_time={min}&end_time={max}"),
            200,
        ),
        (
            format!("/entities/problems?start_time=0&end_time={min}"),
            400,
        ),
        ("/entities/problemDetails?start_time=0".to_string(), 200),
    ] {
        let started = std::time::Instant::now();
        let a = sb.aria_call(Method::GET, &path, &admin, None).await;
        assert_eq!(a.status, status, "{path}: {}", a.text);
        // Kept for 30 days: a window from 1970 scans no more than that (debug builds included).
        assert!(
            started.elapsed() < std::time::Duration::from_secs(10),
            "{path}"
        );
    }
    let vms = sb
        .aria_call(Method::GET, "/entities/vms?size=1", &admin, None)
        .await
        .json();
    let vm = vms["results"][0]["entity_id"].as_str().unwrap();
    let metric = "cpu.usage.rate.average.percent";
    for (start, end, status) in [(max, max, 200), (min, max, 200), (max, min, 400)] {
        let q = format!(
            "/metrics/v2?entity_id={vm}&metric={metric}&interval=300&start={start}&end={end}"
        );
        let a = sb.aria_call(Method::GET, &q, &admin, None).await;
        assert_eq!(a.status, status, "{q}: {}", a.text);
    }
    let body = json!({"group_1": {"entity": {"entity_type": "NSXSecurityGroup", "entity_id": "x"}},
                      "time_range": {"start_time": 0, "end_time": min}});
    let a = sb
        .aria_call(
            Method::POST,
            "/micro-seg/recommended-rules",
            &admin,
            Some(body),
        )
        .await;
    assert_aria_error(&a, 400);
    let body = json!({"scope": {"scope_type": "VIRTUALMACHINE", "entity_ids": [vm]},
                      "time_range": {"end_time": min}});
    let a = sb
        .aria_call(Method::POST, "/micro-seg/graph", &admin, Some(body))
        .await;
    assert_eq!(
        a.status, 200,
        "a window at the start of time is a window: {}",
        a.text
    );
}
