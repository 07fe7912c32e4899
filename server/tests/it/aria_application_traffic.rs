//! An application's traffic and top talkers, checked against the world's flows computed here
//! by brute force from the same configuration.

use std::collections::BTreeSet;

use crate::aria_application_members::application;
use crate::common::*;
use appliance_sandbox::config::Config;
use appliance_sandbox::world::workload::{FlowEnd, Workload};
use appliance_sandbox::world::World;
use reqwest::Method;
use serde_json::{json, Value};

/// The world's flows, by brute force: VMs of `group` in vCenter 0 (the one collected from) and
/// the flows whose source is there.
fn expected(group: &str) -> (u64, u64, u64, u64) {
    let config = Config::default();
    let world = World::build(&config.world).unwrap();
    let w = Workload::generate(&world, &config.world.workload).unwrap();
    let app: BTreeSet<usize> = (0..w.vms.len())
        .filter(|&v| {
            w.vms[v].place.vcenter == 0 && w.security_groups[w.vms[v].security_group].name == group
        })
        .collect();
    let (mut incoming, mut outgoing, mut count, mut internet) = (0, 0, 0, 0);
    for f in w
        .flows
        .iter()
        .filter(|f| w.vms[f.source].place.vcenter == 0)
    {
        let from = app.contains(&f.source);
        let to = matches!(f.destination, FlowEnd::Vm(d) if app.contains(&d));
        if from || to {
            count += 1;
        }
        if from && matches!(f.destination, FlowEnd::Internet(_)) {
            internet += 1;
        }
        match (from, to) {
            (false, true) => incoming += f.bytes,
            (true, false) => outgoing += f.bytes,
            _ => {}
        }
    }
    (incoming, outgoing, count, internet)
}

#[tokio::test]
async fn the_application_s_traffic_is_the_world_s() {
    let sb = start().await;
    let admin = sb.admin().await;
    sb.collect_vcenter(&admin, "10.20.0.10").await;
    let (id, _) = application(&sb, &admin, "db", &[("db", "db-tier")]).await;
    let id = id.as_str();
    let (incoming, outgoing, count, internet) = expected("db-tier");
    assert!(incoming > 0 && count > 0);
    // Repeated keys, as VMware's SDK sends a list.
    let q = "metrics=INCOMING_VOLUME&metrics=OUTGOING_VOLUME";
    let m = sb
        .aria_call(
            Method::GET,
            &format!("/groups/applications/{id}/flow-metrics?{q}"),
            &admin,
            None,
        )
        .await
        .json();
    assert_eq!(
        m["flow_data"],
        json!([{"name": "INCOMING_VOLUME", "value": incoming as f64},
                                      {"name": "OUTGOING_VOLUME", "value": outgoing as f64}])
    );
    let q = "props=FLOW_COUNT&props=INTERNET_FLOWS&props=DROPPED_FLOWS";
    let p = sb
        .aria_call(
            Method::GET,
            &format!("/groups/applications/{id}/flow-props?{q}"),
            &admin,
            None,
        )
        .await
        .json();
    assert_eq!(
        p["flow_data"],
        json!([{"name": "FLOW_COUNT", "value": count as f64},
                                      {"name": "INTERNET_FLOWS", "value": internet as f64},
                                      {"name": "DROPPED_FLOWS", "value": 0.0}])
    );
    // One tier: its ingress and egress are the application's.
    let s = sb
        .aria_call(
            Method::GET,
            &format!("/groups/applications/{id}/flow-summary"),
            &admin,
            None,
        )
        .await
        .json();
    assert_eq!(
        s["groups"][0]["flow_summary"],
        json!({"ingress_bytes": incoming, "egress_bytes": outgoing})
    );
    assert!(s["service_endpoint_count"].as_i64().unwrap() > 0);
    // A list of one is its key once.
    let one = sb
        .aria_call(
            Method::GET,
            &format!("/groups/applications/{id}/flow-metrics?metrics=OUTGOING_VOLUME"),
            &admin,
            None,
        )
        .await
        .json();
    assert_eq!(
        one["flow_data"],
        json!([{"name": "OUTGOING_VOLUME", "value": outgoing as f64}])
    );
    // Reading lists leaves other parameters as strict as they were: `size=` is no number.
    assert_aria_error(
        &sb.aria_call(Method::GET, "/entities/flows?size=", &admin, None)
            .await,
        400,
    );
    // A metric that does not exist, none at all, a time range backwards: 400.
    for q in [
        "metrics=BYTES",
        "",
        "metrics=INCOMING_VOLUME&start_time=20&end_time=10",
    ] {
        let a = sb
            .aria_call(
                Method::GET,
                &format!("/groups/applications/{id}/flow-metrics?{q}"),
                &admin,
                None,
            )
            .await;
        assert_aria_error(&a, 400);
    }
}

#[tokio::test]
async fn top_talkers_are_ranked_as_the_world_s_flows_say() {
    let sb = start().await;
    let admin = sb.admin().await;
    sb.collect_vcenter(&admin, "10.20.0.10").await;
    let (id, _) = application(&sb, &admin, "db", &[("db", "db-tier")]).await;
    let id = id.as_str();
    // By brute force: each member's bytes and flows, and the distinct pairs.
    let config = Config::default();
    let world = World::build(&config.world).unwrap();
    let w = Workload::generate(&world, &config.world.workload).unwrap();
    let member = |v: usize| {
        w.vms[v].place.vcenter == 0 && w.security_groups[w.vms[v].security_group].name == "db-tier"
    };
    let mut talk: std::collections::BTreeMap<String, (u64, u64)> = Default::default();
    let mut pairs = BTreeSet::new();
    for f in w
        .flows
        .iter()
        .filter(|f| w.vms[f.source].place.vcenter == 0)
    {
        let dst = match f.destination {
            FlowEnd::Vm(d) => Some(d),
            FlowEnd::Internet(_) => None,
        };
        let (from, to) = (member(f.source), dst.is_some_and(member));
        if from || to {
            pairs.insert((f.source, format!("{:?}", f.destination)));
        }
        for (end, is) in [(Some(f.source), from), (dst, to)] {
            if let (Some(v), true) = (end, is) {
                let t = talk.entry(w.vms[v].name.clone()).or_default();
                t.0 += f.bytes;
                t.1 += 1;
            }
        }
    }
    let mut by_volume: Vec<(&String, &(u64, u64))> = talk.iter().collect();
    by_volume.sort_by_key(|t| std::cmp::Reverse(t.1 .0));
    let q = "sort_criteria=FLOW_VOLUME&sort_criteria=FLOW_COUNT&size=3";
    let m = sb
        .aria_call(
            Method::GET,
            &format!("/groups/applications/{id}/top-talking-member?{q}"),
            &admin,
            None,
        )
        .await
        .json();
    let lists = m["top_talker_member"].as_array().unwrap();
    assert_eq!(lists[0]["sort_criteria"], "FLOW_VOLUME");
    let names = |l: &Value| -> Vec<String> {
        l["sorted_list"]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["entity_name"].as_str().unwrap().to_string())
            .collect()
    };
    let top: Vec<String> = by_volume
        .iter()
        .take(3)
        .map(|(n, _)| (*n).clone())
        .collect();
    assert_eq!(names(&lists[0]), top);
    assert_eq!(lists[0]["sorted_list"]["total_count"], talk.len());
    let counts: Vec<u64> = names(&lists[1]).iter().map(|n| talk[n].1).collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
    assert_eq!(counts[0], talk.values().map(|t| t.1).max().unwrap());
    let p = sb
        .aria_call(
            Method::GET,
            &format!("/groups/applications/{id}/top-talking-pair?sort_criteria=FLOW_COUNT"),
            &admin,
            None,
        )
        .await
        .json();
    assert_eq!(
        p["top_talker_member"][0]["sorted_list"]["total_count"],
        pairs.len()
    );
    // An empty value is a 400 after a list parameter as before one.
    let q = "sort_criteria=FLOW_VOLUME&size=";
    let a = sb
        .aria_call(
            Method::GET,
            &format!("/groups/applications/{id}/top-talking-member?{q}"),
            &admin,
            None,
        )
        .await;
    assert_aria_error(&a, 400);
    // No ranking asked for: 400.
    let a = sb
        .aria_call(
            Method::GET,
            &format!("/groups/applications/{id}/top-talking-pair"),
            &admin,
            None,
        )
        .await;
    assert_aria_error(&a, 400);
}
