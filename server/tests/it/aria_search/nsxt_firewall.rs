//! Each NSX-T manager's distributed firewall (E97), checked against the world's flows: every
//! flow from its vCenters is allowed by exactly one rule naming its groups and its service, and
//! the last rule drops the rest.

use super::vsphere_objects::{fetch, list_all, listed_with_resolving_references};
use super::*;
use appliance_sandbox::world::workload::Protocol;
use std::collections::{BTreeMap, BTreeSet};

/// What the world's flows from the first vCenter (the default manager's) connect: per pair of
/// source group and destination group (`None`: the internet), the services by name.
fn pairs(w: &Workload) -> BTreeMap<(String, Option<String>), BTreeSet<String>> {
    let mut pairs: BTreeMap<_, BTreeSet<String>> = BTreeMap::new();
    for f in &w.flows {
        let source = &w.vms[f.source];
        if source.place.vcenter != 0 {
            continue;
        }
        let group = |v: usize| w.security_groups[w.vms[v].security_group].name.clone();
        let protocol = if f.protocol == Protocol::Udp {
            "UDP"
        } else {
            "TCP"
        };
        pairs
            .entry((group(f.source), f.vm_destination().map(group)))
            .or_default()
            .insert(format!("{protocol}-{}", f.port));
    }
    pairs
}

fn names(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|r| r["entity_name"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn the_firewall_allows_exactly_the_worlds_flows_and_drops_the_rest() {
    let (sb, token) = collecting().await;
    sb.collect_nsxt(&token, "10.20.0.40").await;
    let (_, w) = world();
    let pairs = pairs(&w);
    let services: BTreeSet<&String> = pairs.values().flatten().collect();
    let reached: BTreeSet<&String> = pairs.keys().filter_map(|k| k.1.as_ref()).collect();
    let networks = w.networks.iter().filter(|n| n.vcenter == 0).count();
    for (segment, count) in [
        ("firewalls", 1),
        ("firewall-rules", pairs.len() + 1),
        ("services", services.len()),
        ("service-groups", reached.len()),
        ("ip-sets", networks),
    ] {
        let refs = listed_with_resolving_references(&sb, &token, segment, count).await;
        assert!(!refs.is_empty(), "{segment} references nothing");
    }
    let ids = list_all(&sb, &token, "firewall-rules").await;
    let rules = fetch(&sb, &token, "/entities/fetch", &ids).await;
    let mut rules: Vec<Value> = rules["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["entity"].clone())
        .collect();
    rules.sort_by_key(|r| r["sequence_number"].as_u64().unwrap());
    let default = rules.pop().unwrap();
    assert_eq!(default["name"], "Default Layer3 Rule");
    assert_eq!(default["action"], "DROP");
    assert_eq!(default["source_any"], true);
    assert_eq!(default["sequence_number"], pairs.len() + 1);
    let mut allowed = BTreeMap::new();
    for r in &rules {
        assert_eq!(r["action"], "ALLOW", "{r}");
        let source = names(&r["sources"]).pop().unwrap();
        let destination = names(&r["destinations"]).pop();
        assert_eq!(r["destination_any"], destination.is_none(), "{r}");
        let services: BTreeSet<String> = names(&r["services"]).into_iter().collect();
        assert_eq!(
            r["port_ranges"].as_array().unwrap().len(),
            services.len(),
            "{r}"
        );
        assert!(allowed.insert((source, destination), services).is_none());
    }
    assert_eq!(allowed, pairs);
}

#[tokio::test]
async fn firewall_objects_are_searched_with_both_languages() {
    let (sb, token) = collecting().await;
    sb.collect_nsxt(&token, "10.20.0.40").await;
    let (_, w) = world();
    let pairs = pairs(&w);
    let dropping = search_all(&sb, &token, "NSXTFirewallRule", "action = 'DROP'").await;
    assert_eq!(dropping.len(), 1);
    let (source, _) = pairs.keys().next().unwrap();
    let from_source = pairs.keys().filter(|k| &k.0 == source).count();
    let found = search_all(
        &sb,
        &token,
        "NSXTFirewallRule",
        &format!("sources.name = '{source}'"),
    )
    .await;
    assert_eq!(found.len(), from_source);
    let https = w
        .flows
        .iter()
        .any(|f| w.vms[f.source].place.vcenter == 0 && f.port == 443);
    for (query, hits) in [
        (
            format!("count of firewall rules where sources.name = '{source}'"),
            from_source,
        ),
        ("count of firewalls".to_string(), 1),
        (
            "count of services where port_ranges.start = 443".to_string(),
            usize::from(https),
        ),
    ] {
        assert_eq!(ql_hits(&sb, &token, &query).await, hits as u64, "{query}");
    }
    // The abstract types find the same entities.
    let body = json!({"entity_type": "BaseFirewallRule", "filter": "action = 'DROP'", "size": 10});
    let a = sb
        .aria_call(Method::POST, "/search", &token, Some(body))
        .await;
    assert_eq!(a.status, 200, "{}", a.text);
    assert_eq!(a.json()["results"][0]["entity_id"], dropping[0].as_str());
}
