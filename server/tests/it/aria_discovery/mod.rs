//! Application discovery (E89): applications that are the components of the world's flow
//! graph, tiers by naming preference, the configuration's runs on the clock, the CSV, saving
//! what was found in one change, and what discovery finds changed since.

use std::collections::{BTreeMap, BTreeSet};

use crate::common::*;
use appliance_sandbox::config::Config;
use appliance_sandbox::world::workload::Workload;
use appliance_sandbox::world::World;
use reqwest::Method;
use serde_json::{json, Value};

mod uploads_and_refusals;

pub(super) const FBAD: &str = "/groups/discovered-applications/custom-config/fbad";

/// The discovered applications at `granularity`, whole, with counts (asked for as Python
/// writes `True`, as the SDK sends it).
pub(super) async fn discovered(sb: &TestSandbox, token: &str, granularity: &str) -> Vec<Value> {
    let path = format!("/groups/discovered-applications/fetch?discovery_type=FLOW_BASED_DISCOVERY&granularity={granularity}&fetch_member_counts=True&size=100");
    let a = sb.aria_call(Method::GET, &path, token, None).await;
    assert_eq!(a.status, 200, "{}", a.text);
    a.json()["results"].as_array().unwrap().clone()
}

/// The world's VMs of vCenter 0 grouped as the flows between them link them (every link).
pub(super) fn components() -> Vec<BTreeSet<String>> {
    let config = Config::default();
    let world = World::build(&config.world).unwrap();
    let w = Workload::generate(&world, &config.world.workload).unwrap();
    let mut of: BTreeMap<usize, usize> = BTreeMap::new();
    let root = |of: &BTreeMap<usize, usize>, mut v: usize| {
        while let Some(&p) = of.get(&v).filter(|p| **p != v) {
            v = p;
        }
        v
    };
    for f in &w.flows {
        let Some(d) = f.vm_destination() else {
            continue;
        };
        if d == f.source || w.vms[d].place.vcenter != 0 || w.vms[f.source].place.vcenter != 0 {
            continue;
        }
        of.entry(f.source).or_insert(f.source);
        of.entry(d).or_insert(d);
        let (a, b) = (root(&of, f.source), root(&of, d));
        of.insert(a.max(b), a.min(b));
    }
    let mut groups: BTreeMap<usize, BTreeSet<String>> = BTreeMap::new();
    for &v in of.keys() {
        groups
            .entry(root(&of, v))
            .or_default()
            .insert(w.vms[v].name.clone());
    }
    groups.into_values().collect()
}

/// An application's tiers: name -> its VMs' names.
pub(super) async fn tiers_of_discovered(
    sb: &TestSandbox,
    token: &str,
    id: &str,
) -> BTreeMap<String, BTreeSet<String>> {
    // Saved, the tiers list their members; updates of a fresh save list each VM once.
    let a = sb
        .aria_call(
            Method::GET,
            &format!("/groups/applications/{id}/updates"),
            token,
            None,
        )
        .await;
    assert_eq!(a.status, 200, "{}", a.text);
    a.json()["tiers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            let vms = t["vms"].as_array().unwrap().iter();
            let names = vms
                .map(|v| v["name"].as_str().unwrap().to_string())
                .collect();
            (
                t["basic_update_info"]["name"].as_str().unwrap().to_string(),
                names,
            )
        })
        .collect()
}

pub(super) async fn save(sb: &TestSandbox, token: &str, ids: &[&str]) -> Value {
    let apps: Vec<Value> = ids
        .iter()
        .map(|id| json!({"source_entity_id": id}))
        .collect();
    let body = json!({"discovered_apps": apps, "discovery_type": "FLOW_BASED_DISCOVERY"});
    let a = sb
        .aria_call(
            Method::POST,
            "/groups/discovered-applications/save",
            token,
            Some(body),
        )
        .await;
    assert_eq!(a.status, 200, "{}", a.text);
    let task = a.json();
    let id = task["request_id"].as_str().unwrap();
    assert_eq!(
        task["callback_API"],
        format!("/api/ni/groups/task/progress/{id}")
    );
    let p = sb
        .aria_call(
            Method::GET,
            &format!("/groups/task/progress/{id}"),
            token,
            None,
        )
        .await;
    assert_eq!(p.status, 200, "{}", p.text);
    p.json()
}

#[tokio::test]
async fn coarse_applications_are_the_flow_graph_s_components_tiered_by_vm_name() {
    let sb = start().await;
    let admin = sb.admin().await;
    assert!(
        discovered(&sb, &admin, "COARSE").await.is_empty(),
        "nothing is collected yet"
    );
    sb.collect_vcenter(&admin, "10.20.0.10").await;
    let apps = discovered(&sb, &admin, "COARSE").await;
    let want: BTreeSet<BTreeSet<String>> =
        components().into_iter().filter(|c| c.len() >= 2).collect();
    assert_eq!(apps.len(), want.len());
    let ids: Vec<&str> = apps
        .iter()
        .map(|a| a["entity_id"].as_str().unwrap())
        .collect();
    let task = save(&sb, &admin, &ids).await;
    assert_eq!(task["status"], "FINISHED");
    let mut got = BTreeSet::new();
    for (app, outcome) in apps
        .iter()
        .zip(task["app_save_response"].as_array().unwrap())
    {
        assert_eq!(outcome["response_code"], "CREATED", "{outcome}");
        assert_eq!(outcome["name"], app["name"]);
        let tiers = tiers_of_discovered(&sb, &admin, outcome["entity_id"].as_str().unwrap()).await;
        assert_eq!(tiers.len() as u64, app["tier_count"].as_u64().unwrap());
        let mut vms = BTreeSet::new();
        for (tier, names) in &tiers {
            for n in names {
                assert!(n.starts_with(&format!("{tier}-vm-")), "{n} in tier {tier}");
            }
            vms.extend(names.iter().cloned());
        }
        assert_eq!(vms.len() as u64, app["member_count"].as_u64().unwrap());
        got.insert(vms);
    }
    assert_eq!(got, want);
}

#[tokio::test]
async fn a_finer_granularity_splits_and_never_joins() {
    let sb = start().await;
    let admin = sb.admin().await;
    sb.collect_vcenter(&admin, "10.20.0.10").await;
    let mut members: Vec<Vec<BTreeSet<String>>> = Vec::new();
    for g in ["COARSE", "MEDIUM", "FINE"] {
        let apps = discovered(&sb, &admin, g).await;
        let ids: Vec<&str> = apps
            .iter()
            .map(|a| a["entity_id"].as_str().unwrap())
            .collect();
        let task = save(&sb, &admin, &ids).await;
        let mut sets = Vec::new();
        for o in task["app_save_response"].as_array().unwrap() {
            // A name another granularity already saved is reported, and saves nothing.
            if o["response_code"] == "ALREADY_EXISTS" {
                assert!(o["error_message"]
                    .as_str()
                    .unwrap()
                    .contains("already exists"));
                continue;
            }
            let tiers = tiers_of_discovered(&sb, &admin, o["entity_id"].as_str().unwrap()).await;
            sets.push(tiers.into_values().flatten().collect());
        }
        members.push(sets);
    }
    for pair in members.windows(2) {
        for fine in &pair[1] {
            assert!(
                pair[0]
                    .iter()
                    .any(|coarse: &BTreeSet<String>| fine.is_subset(coarse)),
                "{fine:?} is in no coarser application"
            );
        }
    }
}

#[tokio::test]
async fn a_configuration_runs_on_the_clock_and_names_tiers_by_security_group() {
    let sb = start().await;
    let admin = sb.admin().await;
    sb.collect_vcenter(&admin, "10.20.0.10").await;
    let listed = sb.aria_call(Method::GET, FBAD, &admin, None).await.json();
    assert_eq!(listed["results"], json!([]));
    let body = json!({"tier_naming_preferences": [{"type": "NSX_SECURITY_GROUPS"}]});
    let a = sb
        .aria_call(Method::POST, FBAD, &admin, Some(body.clone()))
        .await;
    assert_eq!(a.status, 200, "{}", a.text);
    let config = a.json();
    let id = config["id"].as_str().unwrap().to_string();
    assert_eq!(config["full_fetch_flow_interval_in_sec"], 604800);
    assert_eq!(config["tier_naming_preferences"][1]["type"], "VM_NAMES");
    assert_eq!(config["discovery_options"], json!([{"type": "LB"}]));
    assert_eq!(
        sb.aria_call(Method::POST, FBAD, &admin, Some(body))
            .await
            .status,
        409
    );
    let p = sb
        .aria_call(Method::GET, &format!("{FBAD}/progress/{id}"), &admin, None)
        .await
        .json();
    assert!(p["progress"].as_f64().unwrap() < 100.0, "{p}");
    assert!(p.get("last_success").is_none(), "{p}");
    // Until the run has finished, tiers are still named by VM name.
    let app = &discovered(&sb, &admin, "COARSE").await[0];
    let saved = save(&sb, &admin, &[app["entity_id"].as_str().unwrap()]).await;
    let saved_id = saved["app_save_response"][0]["entity_id"]
        .as_str()
        .unwrap()
        .to_string();
    let before = tiers_of_discovered(&sb, &admin, &saved_id).await;
    assert!(before.keys().all(|t| !t.ends_with("-tier")), "{before:?}");
    sb.advance(301);
    let p = sb
        .aria_call(Method::GET, &format!("{FBAD}/progress/{id}"), &admin, None)
        .await
        .json();
    assert_eq!(p["progress"], 100.0);
    assert!(p["last_success"].as_i64().unwrap() > 0);
    // The saved application's tiers are now all deleted and the security groups' added.
    let a = sb
        .aria_call(
            Method::GET,
            &format!("/groups/applications/{saved_id}/updates"),
            &admin,
            None,
        )
        .await
        .json();
    assert_eq!(a["basic_update_info"]["update_status"], "UPDATED", "{a}");
    for t in a["tiers"].as_array().unwrap() {
        let name = t["basic_update_info"]["name"].as_str().unwrap();
        let status = if name.ends_with("-tier") {
            "ADDED"
        } else {
            "DELETED"
        };
        assert_eq!(t["basic_update_info"]["update_status"], status, "{t}");
    }
    // Removing the configuration goes back to the defaults.
    let path = format!("{FBAD}/{id}");
    assert_eq!(
        sb.aria_call(Method::DELETE, &path, &admin, None)
            .await
            .status,
        200
    );
    assert_eq!(
        sb.aria_call(Method::GET, &path, &admin, None).await.status,
        404
    );
    let after = tiers_of_discovered(&sb, &admin, &saved_id).await;
    assert_eq!(after, before);
}
