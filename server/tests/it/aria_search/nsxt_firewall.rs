//! Each NSX-T manager's distributed firewall (E97), checked against the world's flows: every
//! flow from its vCenters is allowed by exactly one rule naming its groups and its service, and
//! the last rule drops the rest.

use super::vsphere_objects::{fetch, list_all, listed_with_resolving_references};
use super::*;
use appliance_sandbox::world::workload::Protocol;
use std::collections::{BTreeMap, BTreeSet};

/// What the world's flows leaving or reaching the first vCenter (the default manager's)
/// connect: per pair of source group and destination group (`None`: the internet), the services
/// by name.
fn pairs(w: &Workload) -> BTreeMap<(String, Option<String>), BTreeSet<String>> {
    let mut pairs: BTreeMap<_, BTreeSet<String>> = BTreeMap::new();
    for f in &w.flows {
        let in_first = |v: usize| w.vms[v].place.vcenter == 0;
        if !in_first(f.source) && !f.vm_destination().is_some_and(in_first) {
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

async fn path(sb: &TestSandbox, token: &str, body: Value) -> Answer {
    sb.aria_call(Method::POST, "/path/firewall-rules", token, Some(body))
        .await
}

#[tokio::test]
async fn the_path_names_the_rule_that_decides_each_flow() {
    let (sb, token) = collecting().await;
    let (_, w) = world();
    let f = w
        .flows
        .iter()
        .find(|f| w.vms[f.source].place.vcenter == 0 && f.vm_destination().is_some())
        .unwrap();
    let (from, to) = (&w.vms[f.source], &w.vms[f.vm_destination().unwrap()]);
    // In lower case, as a user may write it.
    let protocol = if f.protocol == Protocol::Udp {
        "udp"
    } else {
        "tcp"
    };
    let ask = |port: u16| json!({"source_ip_address": from.ip, "destination_ip_address": to.ip, "port": port, "protocol": protocol});
    // Until the manager is collected, no firewall is seen in the path.
    let a = path(&sb, &token, ask(f.port)).await;
    assert_eq!(a.status, 200, "{}", a.text);
    assert_eq!(a.json()["firewalls"], json!([]));
    sb.collect_nsxt(&token, "10.20.0.40").await;
    let pairs = pairs(&w);
    let group = |v: &appliance_sandbox::world::workload::Vm| {
        w.security_groups[v.security_group].name.clone()
    };
    // The rule that decides: the source's rule to any address when it allows the service (it
    // comes first), else its rule to the destination's group.
    let deciding = |a: &appliance_sandbox::world::workload::Vm,
                    b: &appliance_sandbox::world::workload::Vm,
                    service: &str| {
        let to_any = pairs
            .get(&(group(a), None))
            .is_some_and(|s| s.contains(service));
        let to = if to_any { "any".to_string() } else { group(b) };
        format!("{} to {to}", group(a))
    };
    let named = |p: u16| format!("{}-{p}", protocol.to_ascii_uppercase());
    let allowed = |p: u16| {
        [Some(group(to)), None].into_iter().any(|b| {
            pairs
                .get(&(group(from), b))
                .is_some_and(|s| s.contains(&named(p)))
        })
    };
    let unused = (1..).find(|&p| !allowed(p)).unwrap();
    for (port, rule, action) in [
        (f.port, deciding(from, to, &named(f.port)), "ALLOW"),
        (unused, "Default Layer3 Rule".to_string(), "DROP"),
    ] {
        let a = path(&sb, &token, ask(port)).await;
        assert_eq!(a.status, 200, "{}", a.text);
        let firewalls = a.json()["firewalls"].clone();
        assert_eq!(firewalls.as_array().unwrap().len(), 1, "{firewalls}");
        let fw = &firewalls[0];
        assert_eq!(fw["manager"]["entity_name"], "nsxt01");
        assert_eq!(fw["firewall_entity_id"]["entity_type"], "NSXTFirewall");
        assert_eq!(fw["rules"][0]["name"], rule.as_str(), "{port}");
        assert_eq!(fw["rules"][0]["action"], action);
    }
    // Every flow between VMs is allowed by its source group's rule (the first 60, to keep it
    // quick).
    for f in w
        .flows
        .iter()
        .filter(|f| w.vms[f.source].place.vcenter == 0)
        .filter(|f| f.vm_destination().is_some())
        .take(60)
    {
        let (a, b) = (&w.vms[f.source], &w.vms[f.vm_destination().unwrap()]);
        let protocol = if f.protocol == Protocol::Udp {
            "UDP"
        } else {
            "TCP"
        };
        let body = json!({"source_ip_address": a.ip, "destination_ip_address": b.ip, "port": f.port, "protocol": protocol});
        let rule = path(&sb, &token, body).await.json()["firewalls"][0]["rules"][0].clone();
        assert_eq!(rule["action"], "ALLOW", "{rule}");
        let service = format!("{protocol}-{}", f.port);
        assert_eq!(rule["name"], deciding(a, b, &service));
    }
    // Addresses that are no VM pass no distributed firewall.
    let a = path(&sb, &token, json!({"source_ip_address": "192.0.2.1", "destination_ip_address": "192.0.2.2", "port": 443})).await;
    assert_eq!(a.json()["firewalls"], json!([]), "{}", a.text);
    for bad in [
        json!({"source_ip_address": "a.b.c.d", "destination_ip_address": to.ip, "port": 443}),
        json!({"source_ip_address": from.ip, "destination_ip_address": to.ip, "port": 70000}),
        json!({"source_ip_address": from.ip, "destination_ip_address": to.ip, "port": 1, "protocol": "ICMP"}),
        json!({"destination_ip_address": to.ip, "port": 1}),
    ] {
        assert_aria_error(&path(&sb, &token, bad).await, 400);
    }
}

/// E100: the manager has one tag per security-group name of its vCenter, making the groups of
/// that name, found by both search languages.
#[tokio::test]
async fn security_tags_make_the_security_groups_of_their_name() {
    let (sb, token) = collecting().await;
    let (_, w) = world();
    let groups: Vec<(usize, &str)> = (w.security_groups.iter().enumerate())
        .filter(|(_, g)| g.vcenter == 0)
        .map(|(i, g)| (i, g.name.as_str()))
        .collect();
    assert!(groups.len() > 1, "the default world names several groups");
    // Not collected: no tags.
    assert!(list_all(&sb, &token, "security-tags").await.is_empty());
    sb.collect_nsxt(&token, "10.20.0.40").await;
    listed_with_resolving_references(&sb, &token, "security-tags", groups.len()).await;
    let ids = list_all(&sb, &token, "security-tags").await;
    let tags = fetch(&sb, &token, "/entities/fetch", &ids).await;
    for t in tags["results"].as_array().unwrap() {
        let tag = &t["entity"];
        assert_eq!(tag["entity_type"], "SecurityTag", "{tag}");
        assert_eq!(tag["nsx_manager"]["entity_type"], "NSXTManager", "{tag}");
        let name = tag["name"].as_str().unwrap();
        assert_eq!(names(&tag["security_groups"]), [name], "{tag}");
        assert_eq!(tag["direct_security_groups"], tag["security_groups"]);
        assert!(groups.iter().any(|g| g.1 == name), "{tag}");
        // The one visible group of that name (the first vCenter's) is the tag's.
        let listed = search_all(&sb, &token, "NSXSecurityGroup", &format!("name = '{name}'")).await;
        let id = tag["security_groups"][0]["entity_id"].as_str().unwrap();
        assert_eq!(listed, [id], "{tag}");
    }
    let every = search_all(&sb, &token, "SecurityTag", "nsx_manager.name = 'nsxt01'").await;
    assert_eq!(every.len(), groups.len());
    let (_, first) = groups[0];
    let found = search_all(
        &sb,
        &token,
        "SecurityTag",
        &format!("security_groups.name = '{first}'"),
    )
    .await;
    assert_eq!(found.len(), 1);
    let query = format!("count of security tags where name = '{first}'");
    assert_eq!(ql_hits(&sb, &token, &query).await, 1, "{query}");
}
