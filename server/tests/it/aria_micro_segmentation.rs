//! Micro-segmentation: recommended rules between two tiers and around one security group,
//! checked against the world's flows by brute force; the communication graph and summary, whose
//! queries find exactly the flows they count; and the errors.

use std::collections::{BTreeMap, BTreeSet};

use crate::aria_application_members::application;
use crate::common::*;
use appliance_sandbox::config::Config;
use appliance_sandbox::world::workload::{FlowEnd, Protocol, Workload};
use appliance_sandbox::world::World;
use reqwest::Method;
use serde_json::{json, Value};

fn workload() -> Workload {
    let config = Config::default();
    let world = World::build(&config.world).unwrap();
    Workload::generate(&world, &config.world.workload).unwrap()
}

/// The VMs of vCenter 0 in security group `group`.
fn members(w: &Workload, group: &str) -> BTreeSet<usize> {
    (0..w.vms.len())
        .filter(|&v| {
            w.vms[v].place.vcenter == 0 && w.security_groups[w.vms[v].security_group].name == group
        })
        .collect()
}

/// The ports a rule list allows from `src` to `dst` (entity ids), per protocol.
fn allowed(rules: &Value, src: &str, dst: &str) -> BTreeMap<String, BTreeSet<u16>> {
    let mut out: BTreeMap<String, BTreeSet<u16>> = BTreeMap::new();
    for r in rules["results"].as_array().unwrap() {
        assert_eq!(r["action"], "ALLOW");
        if r["sources"][0]["entity_id"] == src && r["destinations"][0]["entity_id"] == dst {
            let p = r["protocols"][0].as_str().unwrap().to_string();
            for range in r["port_ranges"].as_array().unwrap() {
                let (a, b) = (
                    range["start"].as_u64().unwrap(),
                    range["end"].as_u64().unwrap(),
                );
                out.entry(p.clone())
                    .or_default()
                    .extend((a..=b).map(|x| x as u16));
            }
        }
    }
    out
}

fn protocol(p: Protocol) -> String {
    match p {
        Protocol::Tcp => "TCP".into(),
        Protocol::Udp => "UDP".into(),
    }
}

#[tokio::test]
async fn rules_between_two_tiers_allow_exactly_their_flows() {
    let sb = start().await;
    let admin = sb.admin().await;
    sb.collect_vcenter(&admin, "10.20.0.10").await;
    let tiers = [("web", "web-tier"), ("db", "db-tier")];
    let (_, ids) = application(&sb, &admin, "shop", &tiers).await;
    let w = workload();
    let (web, db) = (members(&w, "web-tier"), members(&w, "db-tier"));
    let mut expected: BTreeMap<(bool, String), BTreeSet<u16>> = BTreeMap::new();
    for f in w
        .flows
        .iter()
        .filter(|f| w.vms[f.source].place.vcenter == 0)
    {
        let FlowEnd::Vm(d) = f.destination else {
            continue;
        };
        for (forward, (a, b)) in [(true, (&web, &db)), (false, (&db, &web))] {
            if a.contains(&f.source) && b.contains(&d) {
                expected
                    .entry((forward, protocol(f.protocol)))
                    .or_default()
                    .insert(f.port);
            }
        }
    }
    assert!(!expected.is_empty(), "the world's web and db tiers talk");
    let body = json!({"group_1": {"entity": {"entity_type": "Tier", "entity_id": ids[0]}},
                      "group_2": {"entity": {"entity_type": "Tier", "entity_id": ids[1]}}});
    let before = sb.sandbox.clock.now_secs();
    let a = sb
        .aria_call(
            Method::POST,
            "/micro-seg/recommended-rules",
            &admin,
            Some(body),
        )
        .await;
    assert_eq!(a.status, 200, "{}", a.text);
    let rules = a.json();
    for (forward, (src, dst)) in [(true, (&ids[0], &ids[1])), (false, (&ids[1], &ids[0]))] {
        let want: BTreeMap<String, BTreeSet<u16>> = expected
            .iter()
            .filter(|((f, _), _)| *f == forward)
            .map(|((_, p), ports)| (p.clone(), ports.clone()))
            .collect();
        assert_eq!(allowed(&rules, src, dst), want, "forward: {forward}");
    }
    // The last 24 hours when no window is asked for.
    let range = &rules["time_range"];
    let (start, end) = (
        range["start_time"].as_i64().unwrap(),
        range["end_time"].as_i64().unwrap(),
    );
    assert_eq!(end - start, 86_400);
    // Now, as the sandbox clock read it while answering (a second may tick over the call).
    assert!(
        (before..=sb.sandbox.clock.now_secs()).contains(&end),
        "{range}"
    );
}

#[tokio::test]
async fn rules_around_one_group_name_its_peers_and_include_the_rest_when_asked() {
    let sb = start().await;
    let admin = sb.admin().await;
    sb.collect_vcenter(&admin, "10.20.0.10").await;
    let groups = sb
        .aria_call(
            Method::GET,
            "/entities/security-groups?size=100",
            &admin,
            None,
        )
        .await
        .json();
    let db = groups["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["entity_name"] == "db-tier")
        .unwrap()["entity_id"]
        .as_str()
        .unwrap()
        .to_string();
    let ask = |external: bool| {
        json!({"group_1": {"entity": {"entity_type": "NSXSecurityGroup", "entity_id": db}},
               "include_external": external})
    };
    let grouped = sb
        .aria_call(
            Method::POST,
            "/micro-seg/recommended-rules",
            &admin,
            Some(ask(false)),
        )
        .await
        .json();
    let with_external = sb
        .aria_call(
            Method::POST,
            "/micro-seg/recommended-rules",
            &admin,
            Some(ask(true)),
        )
        .await
        .json();
    let types = |rules: &Value| -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        for r in rules["results"].as_array().unwrap() {
            let (s, d) = (&r["sources"][0], &r["destinations"][0]);
            assert!(
                s["entity_id"] == db.as_str() || d["entity_id"] == db.as_str(),
                "{r}"
            );
            for e in [s, d] {
                out.insert(e["entity_type"].as_str().unwrap().to_string());
            }
        }
        out
    };
    // Every VM of the world is in a security group, so only addresses are external.
    assert_eq!(
        types(&grouped),
        BTreeSet::from(["NSXSecurityGroup".to_string()])
    );
    let w = workload();
    let db_vms = members(&w, "db-tier");
    let to_internet = w
        .flows
        .iter()
        .any(|f| db_vms.contains(&f.source) && matches!(f.destination, FlowEnd::Internet(_)));
    let mut both = BTreeSet::from(["NSXSecurityGroup".to_string()]);
    if to_internet {
        both.insert("IPEndpoint".into());
    }
    assert_eq!(types(&with_external), both);
}

#[tokio::test]
async fn the_graph_and_summary_count_what_their_queries_find() {
    let sb = start().await;
    let admin = sb.admin().await;
    sb.collect_vcenter(&admin, "10.20.0.10").await;
    let tiers = [("web", "web-tier"), ("db", "db-tier")];
    let (_, ids) = application(&sb, &admin, "shop", &tiers).await;
    let body = json!({"scope": {"scope_type": "TIER", "entity_ids": ids}});
    let graph = sb
        .aria_call(Method::POST, "/micro-seg/graph", &admin, Some(body.clone()))
        .await
        .json();
    let nodes: BTreeSet<&str> = graph["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["entityId"].as_str().unwrap())
        .collect();
    assert!(nodes.contains(ids[0].as_str()) && nodes.contains(ids[1].as_str()));
    let summary = sb
        .aria_call(Method::POST, "/micro-seg/entity/single", &admin, Some(body))
        .await
        .json();
    let results = summary["results"].as_array().unwrap();
    assert_eq!(results.len(), graph["edges"].as_array().unwrap().len());
    assert_eq!(summary["total_count"], results.len());
    for r in results.iter().take(6) {
        let flows = &r["flow_properties"][0];
        let filter = flows["query"]
            .as_str()
            .unwrap()
            .strip_prefix("flows where ")
            .unwrap();
        let found = sb
            .aria_call(
                Method::POST,
                "/search",
                &admin,
                Some(json!({"entity_type": "Flow", "filter": filter, "size": 1})),
            )
            .await;
        assert_eq!(found.status, 200, "{filter}: {}", found.text);
        assert_eq!(found.json()["total_count"], flows["count"], "{filter}");
        let bytes = &r["network_properties"][0];
        let (e, i, t) = (
            bytes["egress"].as_f64().unwrap(),
            bytes["ingress"].as_f64().unwrap(),
            bytes["total"].as_f64().unwrap(),
        );
        assert!(e > 0.0 && (e + i - t).abs() < 1e-6);
    }
}

#[tokio::test]
async fn bad_groups_and_scopes_are_refused() {
    let sb = start().await;
    let admin = sb.admin().await;
    sb.collect_vcenter(&admin, "10.20.0.10").await;
    let (app, ids) = application(&sb, &admin, "shop", &[("web", "web-tier")]).await;
    for (body, status) in [
        (None, 400),
        (Some(json!({})), 400),
        (
            Some(
                json!({"group_1": {"entity": {"entity_type": "VirtualMachine", "entity_id": "x"}}}),
            ),
            400,
        ),
        (
            Some(
                json!({"group_1": {"entity": {"entity_type": "Tier", "entity_id": ids[0]}},
                     "group_2": {"entity": {"entity_type": "Application", "entity_id": app}}}),
            ),
            400,
        ),
        (
            Some(
                json!({"group_1": {"entity": {"entity_type": "Tier", "entity_id": "18230:562:1"}}}),
            ),
            404,
        ),
        (
            Some(
                json!({"group_1": {"entity": {"entity_type": "Application", "entity_id": app}},
                     "time_range": {"start_time": 20, "end_time": 10}}),
            ),
            400,
        ),
    ] {
        let a = sb
            .aria_call(
                Method::POST,
                "/micro-seg/recommended-rules",
                &admin,
                body.clone(),
            )
            .await;
        assert_aria_error(&a, status);
    }
    for (body, status) in [
        (
            json!({"scope": {"scope_type": "TIER", "entity_ids": []}}),
            400,
        ),
        (
            json!({"scope": {"scope_type": "VIRTUALMACHINE", "entity_ids": ["18230:1:1"]}}),
            404,
        ),
        (
            json!({"scope": {"scope_type": "VM", "entity_ids": [app]}}),
            400,
        ),
    ] {
        let a = sb
            .aria_call(Method::POST, "/micro-seg/graph", &admin, Some(body))
            .await;
        assert_aria_error(&a, status);
    }
}

#[tokio::test]
async fn the_nsx_export_is_a_zip_of_the_same_rules() {
    let sb = start().await;
    let admin = sb.admin().await;
    sb.collect_vcenter(&admin, "10.20.0.10").await;
    let (app, _) = application(
        &sb,
        &admin,
        "shop",
        &[("web", "web-tier"), ("db", "db-tier")],
    )
    .await;
    let now = sb.sandbox.clock.now_secs();
    // As PowervRNI's Get-vRNIRecommendedRulesNsxBundle asks: one application, fourteen days.
    let body = json!({"group_1": {"entity": {"entity_type": "Application", "entity_id": app}},
                      "time_range": {"start_time": now - 14 * 86_400, "end_time": now}});
    let listed = sb
        .aria_call(
            Method::POST,
            "/micro-seg/recommended-rules",
            &admin,
            Some(body.clone()),
        )
        .await
        .json();
    assert!(!listed["results"].as_array().unwrap().is_empty());
    let answer = sb
        .http
        .post(sb.aria("/micro-seg/recommended-rules/nsx"))
        .header("Authorization", format!("NetworkInsight {admin}"))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
    assert_eq!(answer.headers()["content-type"], "application/octet-stream");
    let bytes = answer.bytes().await.unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let mut read = |name: &str| -> Value {
        let file = zip.by_name(name).unwrap();
        serde_json::from_reader(file).unwrap()
    };
    assert_eq!(read("recommended-rules.json"), listed);
    let nsx = read("nsx-firewall-rules.json");
    let rules = nsx["rules"].as_array().unwrap();
    assert_eq!(rules.len(), listed["results"].as_array().unwrap().len());
    assert_eq!(rules[0]["action"], "ALLOW");
    assert!(rules[0]["services"][0]["destination_ports"]
        .as_array()
        .is_some());
    // Refused as the list is.
    let bad = sb
        .aria_call(
            Method::POST,
            "/micro-seg/recommended-rules/nsx",
            &admin,
            Some(json!({})),
        )
        .await;
    assert_aria_error(&bad, 400);
}
