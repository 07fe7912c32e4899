//! Migration waves (E108): security groups or applications put into waves from the world's
//! flows, so that no flow crosses from one wave to another and each wave is one connected set;
//! administrators turn the computation off and on.

use crate::common::*;
use appliance_sandbox::config::Config;
use appliance_sandbox::world::{Workload, World};
use reqwest::Method;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

async fn waves(sb: &TestSandbox, token: &str, group_type: &str) -> Value {
    let a = sb
        .aria_call(
            Method::GET,
            &format!("/migration/{group_type}"),
            token,
            None,
        )
        .await;
    assert_eq!(a.status, 200, "{}", a.text);
    a.json()
}

#[tokio::test]
async fn security_groups_that_exchange_traffic_share_a_wave() {
    let sb = start().await;
    let admin = sb.admin().await;
    sb.collect_vcenter(&admin, "10.20.0.10").await;
    let answer = waves(&sb, &admin, "Security-Group").await;
    assert_eq!(answer["groupType"], "security_group");
    let config = Config::default();
    let world = World::build(&config.world).unwrap();
    let w = Workload::generate(&world, &config.world.workload).unwrap();
    // Every VM of the collected vCenter, once, in its group, and each group in one wave.
    let mut wave_of_group = BTreeMap::new();
    let mut wave_of_vm = BTreeMap::new();
    for e in answer["waveGroups"].as_array().unwrap() {
        let s = |k: &str| e[k].as_str().unwrap().to_string();
        let before = wave_of_group.insert(s("group_entity_name"), s("mw_name"));
        assert!(before.is_none_or(|b| b == s("mw_name")), "{e}");
        assert!(
            wave_of_vm.insert(s("entity_name"), s("mw_name")).is_none(),
            "{e}"
        );
    }
    let collected: Vec<usize> = (0..w.vms.len())
        .filter(|&v| w.vms[v].place.vcenter == 0)
        .collect();
    assert_eq!(wave_of_vm.len(), collected.len());
    // No flow between two collected VMs crosses waves; the groups a flow joins are counted.
    let group = |v: usize| w.security_groups[w.vms[v].security_group].name.clone();
    let mut links: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in &w.flows {
        let Some(d) = f.vm_destination() else {
            continue;
        };
        let (a, b) = (&w.vms[f.source].name, &w.vms[d].name);
        if let (Some(wa), Some(wb)) = (wave_of_vm.get(a), wave_of_vm.get(b)) {
            assert_eq!(wa, wb, "a flow from {a} to {b} crosses waves");
            links.entry(group(f.source)).or_default().insert(group(d));
            links.entry(group(d)).or_default().insert(group(f.source));
        }
    }
    // As many waves as the flows leave connected sets of groups.
    let mut seen = BTreeSet::new();
    let mut components = 0;
    for g in wave_of_group.keys() {
        if seen.insert(g.clone()) {
            components += 1;
            let mut stack = vec![g.clone()];
            while let Some(x) = stack.pop() {
                for y in links.get(&x).into_iter().flatten() {
                    if seen.insert(y.clone()) {
                        stack.push(y.clone());
                    }
                }
            }
        }
    }
    let distinct: BTreeSet<&String> = wave_of_group.values().collect();
    assert_eq!(distinct.len(), components);
    // Without a collected vCenter there is nothing to move.
    let quiet = start().await;
    let token = quiet.admin().await;
    assert_eq!(
        waves(&quiet, &token, "security_group").await["waveGroups"],
        serde_json::json!([])
    );
}

#[tokio::test]
async fn administrators_turn_waves_off_and_on_and_bad_kinds_are_refused() {
    let sb = start().await;
    let admin = sb.admin().await;
    let member = sb.aria_token("member@local", "member").await;
    let forbidden = sb
        .aria_call(Method::POST, "/migration/disable", &member, None)
        .await;
    assert_aria_error(&forbidden, 403);
    let a = sb
        .aria_call(Method::POST, "/migration/disable", &admin, None)
        .await;
    assert_eq!((a.status, a.text.as_str()), (200, ""));
    for token in [&admin, &member] {
        let off = sb
            .aria_call(Method::GET, "/migration/application", token, None)
            .await;
        assert_aria_error(&off, 400);
        assert!(off.text.contains("disabled"), "{}", off.text);
    }
    let a = sb
        .aria_call(Method::POST, "/migration/enable", &admin, None)
        .await;
    assert_eq!(a.status, 200);
    assert_eq!(
        waves(&sb, &member, "application").await["groupType"],
        "application"
    );
    let bad = sb
        .aria_call(Method::GET, "/migration/vm", &admin, None)
        .await;
    assert_aria_error(&bad, 400);
    assert!(
        bad.text.contains("application or security_group"),
        "{}",
        bad.text
    );
}
