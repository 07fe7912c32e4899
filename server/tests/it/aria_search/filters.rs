//! Search results against a brute-force evaluation, bad searches, sorting and bulk fetch.

use super::*;

#[tokio::test]
async fn search_agrees_with_a_brute_force_evaluation_of_the_world() {
    let (sb, token) = collecting().await;
    let (world, w) = world();
    let vc0 = |place: &appliance_sandbox::world::workload::Place| place.vcenter == 0;
    let dc_name = |v: &appliance_sandbox::world::workload::Vm| {
        world.vcenters[v.place.vcenter].datacenters[v.place.datacenter]
            .name
            .clone()
    };
    type VmTest<'a> = Box<dyn Fn(&appliance_sandbox::world::workload::Vm) -> bool + 'a>;
    let vm_cases: Vec<(&str, VmTest)> = vec![
        ("vcenter_manager.name = '10.20.0.10'", Box::new(|_| true)),
        ("vcenter_manager.name = '10.20.0.20'", Box::new(|_| false)),
        (
            "security_groups.name = 'WEB-TIER'",
            Box::new(|v| w.security_groups[v.security_group].name == "web-tier"),
        ),
        // Read through the group's members rather than every VM: the same answer.
        (
            "cpu_count >= 4 and security_groups.name = 'Web-Tier'",
            Box::new(|v| {
                v.cpu_count >= 4 && w.security_groups[v.security_group].name == "web-tier"
            }),
        ),
        (
            "security_groups.name = 'no-such-group'",
            Box::new(|_| false),
        ),
        (
            "cpu_count >= 4 and not (memory = 4096)",
            Box::new(|v| v.cpu_count >= 4 && v.memory_mb != 4096),
        ),
        (
            "name like 'db-%' or host.name in ('esxi-01.example.com', 'esxi-04.example.com')",
            Box::new(|v| {
                v.name.starts_with("db-")
                    || ["esxi-01.example.com", "esxi-04.example.com"]
                        .contains(&w.hosts[v.host].1.config.name.as_str())
            }),
        ),
        (
            "layer2_networks.name != 'vlan-1010'",
            Box::new(|v| w.networks[v.network].name != "vlan-1010"),
        ),
        (
            "tag_values = dev",
            Box::new(|v| v.tags.iter().any(|t| t.1 == "dev")),
        ),
        (
            "cluster.name = 'Cluster-01' and datacenter.name = 'Datacenter-A'",
            Box::new(|v| v.place.cluster == Some(0) && dc_name(v) == "Datacenter-A"),
        ),
        (
            "name not like '%vm-00_'",
            Box::new(|v| !v.name[v.name.len() - 6..].starts_with("vm-00")),
        ),
    ];
    for (filter, keep) in &vm_cases {
        let expected: BTreeSet<String> = w
            .vms
            .iter()
            .filter(|v| vc0(&v.place) && keep(v))
            .map(|v| v.name.clone())
            .collect();
        let ids = search_all(&sb, &token, "VirtualMachine", filter).await;
        assert_eq!(names(&sb, &token, "vms", &ids).await, expected, "{filter}");
    }

    type FlowTest<'a> = Box<dyn Fn(&appliance_sandbox::world::workload::Flow) -> bool + 'a>;
    let to_vm = |f: &appliance_sandbox::world::workload::Flow| f.vm_destination();
    let flow_cases: Vec<(&str, FlowTest)> = vec![
        (
            "((flow_tag = TAG_INTERNET_TRAFFIC) and (source_datacenter.name = 'Datacenter-A'))",
            Box::new(|f| to_vm(f).is_none()),
        ),
        (
            "port = 443 or protocol = UDP",
            Box::new(|f| {
                f.port == 443 || f.protocol == appliance_sandbox::world::workload::Protocol::Udp
            }),
        ),
        (
            "destination_l2_network.name = 'vlan-1011'",
            Box::new(|f| {
                to_vm(f).is_some_and(|d| w.networks[w.vms[d].network].name == "vlan-1011")
            }),
        ),
        // Keyed properties (decided once per datacenter, host, VM): a flow to the internet
        // has no destination, so `!=` and `not like` hold for it and `=` and `in` do not.
        (
            "destination_datacenter.name != 'datacenter-a'",
            Box::new(|f| to_vm(f).is_none_or(|d| w.vms[d].place.datacenter != 0)),
        ),
        (
            "destination_vm.name not like 'WEB-%' and source_host.name in ('esxi-01.example.com', 'ESXI-02.example.com')",
            Box::new(|f| {
                to_vm(f).is_none_or(|d| !w.vms[d].name.starts_with("web-"))
                    && ["esxi-01.example.com", "esxi-02.example.com"]
                        .contains(&w.hosts[w.vms[f.source].host].1.config.name.as_str())
            }),
        ),
        (
            "flow_tag = TAG_SAME_HOST",
            Box::new(|f| to_vm(f).is_some_and(|d| w.vms[d].host == w.vms[f.source].host)),
        ),
        (
            "flow_tag != TAG_EAST_WEST_TRAFFIC",
            Box::new(|f| to_vm(f).is_none()),
        ),
        (
            "flow_tag in (tag_same_host, TAG_INTERNET_TRAFFIC, TAG_NOT_A_TAG)",
            Box::new(|f| to_vm(f).is_none_or(|d| w.vms[d].host == w.vms[f.source].host)),
        ),
        (
            "flow_tag not in (TAG_DIFF_HOST) and protocol = 'tcp'",
            Box::new(|f| {
                to_vm(f).is_none_or(|d| w.vms[d].host == w.vms[f.source].host)
                    && f.protocol == appliance_sandbox::world::workload::Protocol::Tcp
            }),
        ),
    ];
    for (filter, keep) in &flow_cases {
        let expected = w
            .flows
            .iter()
            .filter(|f| vc0(&w.vms[f.source].place) && keep(f))
            .count();
        let ids = search_all(&sb, &token, "Flow", filter).await;
        assert_eq!(ids.len(), expected, "{filter}");
        assert!(
            expected > 0 || filter.contains("SAME_HOST"),
            "{filter} should find something in the default world"
        );
    }

    // The billing example's aggregation, against the same brute force.
    let on = |f: &appliance_sandbox::world::workload::Flow| {
        vc0(&w.vms[f.source].place)
            && to_vm(f).is_some_and(|d| w.networks[w.vms[d].network].name == "vlan-1010")
    };
    let bytes: u64 = w.flows.iter().filter(|f| on(f)).map(|f| f.bytes).sum();
    let count = w.flows.iter().filter(|f| on(f)).count();
    let agg = sb
        .aria_call(Method::POST, "/search/aggregation", &token, Some(json!({"entity_type": "Flow", "filter": "destination_l2_network.name = 'vlan-1010'",
            "aggregations": [{"field": "flow.totalBytes.delta.summation.bytes", "aggregation_type": "SUM"}, {"field": "port", "aggregation_type": "MIN"}],
            "time_range": {"start_time": 1, "end_time": 4_102_444_800_i64}})))
        .await;
    assert_eq!(agg.status, 200, "{}", agg.text);
    let agg = agg.json();
    assert_eq!(
        agg["aggregations"][0]["value"].as_f64().unwrap(),
        bytes as f64
    );
    assert_eq!(agg["total_count"], count);
    assert_eq!(
        (agg["start_time"].as_i64(), agg["end_time"].as_i64()),
        (Some(1), Some(4_102_444_800))
    );
    // One answer per aggregation even with no hits.
    let none = sb
        .aria_call(Method::POST, "/search/aggregation", &token, Some(json!({"entity_type": "Flow", "filter": "name = 'nothing'",
            "aggregations": [{"field": "flow.totalBytes.delta.summation.bytes", "aggregation_type": "SUM"}, {"field": "flow.totalBytes.delta.summation.bytes", "aggregation_type": "AVG"}]})))
        .await
        .json();
    assert_eq!(none["aggregations"].as_array().unwrap().len(), 2);
    assert_eq!(none["aggregations"][1]["value"], 0.0);
}

#[tokio::test]
async fn bad_searches_are_400s_that_name_the_construct() {
    let (sb, token) = collecting().await;
    let cases = [
        (
            json!({"entity_type": "VirtualMachine", "filter": "vm where cpu usage rate > 75 %"}),
            "position 3",
        ),
        (
            json!({"entity_type": "VirtualMachine", "filter": "name = 'a' and power_state = 'ON'"}),
            "\"power_state\" at position 15",
        ),
        (
            json!({"entity_type": "VirtualMachine", "sort_by": {"field": "colour"}}),
            "colour",
        ),
        (
            json!({"entity_type": "VirtualMachine", "time_range": {"start_time": 5, "end_time": 4}}),
            "start_time",
        ),
        (json!({"entity_type": "VirtualMachine", "size": 0}), "size"),
        (json!({"filter": "name = 'a'"}), "entity_type"),
    ];
    for (body, says) in cases {
        let a = sb
            .aria_call(Method::POST, "/search", &token, Some(body.clone()))
            .await;
        assert_aria_error(&a, 400);
        assert!(
            a.json()["message"].as_str().unwrap().contains(says),
            "{body}: {}",
            a.text
        );
    }
    let agg = sb
        .aria_call(Method::POST, "/search/aggregation", &token, Some(json!({"entity_type": "Flow", "aggregations": [{"field": "name", "aggregation_type": "SUM"}]})))
        .await;
    assert_aria_error(&agg, 400);
    let too_many: Vec<Value> = (0..1001)
        .map(|n| json!({"entity_id": format!("18230:1:{n}")}))
        .collect();
    let fetch = sb
        .aria_call(
            Method::POST,
            "/entities/fetch",
            &token,
            Some(json!({"entity_ids": too_many})),
        )
        .await;
    assert_aria_error(&fetch, 400);
    // A type the API knows but the sandbox's world has none of: nothing, not an error.
    let empty = sb
        .aria_call(
            Method::POST,
            "/search",
            &token,
            Some(json!({"entity_type": "EC2Instance"})),
        )
        .await;
    assert_eq!(empty.json()["total_count"], 0);
    let unauthenticated = sb
        .send(
            sb.http
                .post(sb.aria("/search"))
                .json(&json!({"entity_type": "VirtualMachine", "filter": "(("})),
        )
        .await;
    assert_aria_error(&unauthenticated, 401);
}

#[tokio::test]
async fn sorted_pages_and_bulk_fetch() {
    let (sb, token) = collecting().await;
    let page = |cursor: Option<&str>| {
        let mut body = json!({"entity_type": "VirtualMachine", "sort_by": {"field": "name", "order": "DESC"}, "size": 5});
        if let Some(c) = cursor {
            body["cursor"] = json!(c);
        }
        body
    };
    let first = sb
        .aria_call(Method::POST, "/search", &token, Some(page(None)))
        .await
        .json();
    let second = sb
        .aria_call(
            Method::POST,
            "/search",
            &token,
            Some(page(first["cursor"].as_str())),
        )
        .await
        .json();
    let ids: Vec<String> = first["results"]
        .as_array()
        .unwrap()
        .iter()
        .chain(second["results"].as_array().unwrap())
        .map(|r| r["entity_id"].as_str().unwrap().to_string())
        .collect();
    // A page sorts only as far as it needs: the two pages are the first ten of the whole order.
    let mut all = page(None);
    all["size"] = json!(1000);
    let all = sb
        .aria_call(Method::POST, "/search", &token, Some(all))
        .await
        .json();
    let whole: Vec<&str> = all["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["entity_id"].as_str().unwrap())
        .collect();
    assert!(whole.len() > ids.len(), "{} VMs", whole.len());
    assert_eq!(ids, whole[..ids.len()]);
    let fetched = sb
        .aria_call(Method::POST, "/entities/fetch", &token, Some(json!({"entity_ids": ids.iter().map(|i| json!({"entity_id": i, "entity_type": "VirtualMachine"})).chain([json!({"entity_id": "18230:1:1"})]).collect::<Vec<_>>()})))
        .await;
    assert_eq!(fetched.status, 200, "{}", fetched.text);
    let fetched = fetched.json();
    let results = fetched["results"].as_array().unwrap();
    assert_eq!(results.len(), ids.len(), "the unknown id is left out");
    let names: Vec<&str> = results
        .iter()
        .map(|r| r["entity"]["name"].as_str().unwrap())
        .collect();
    let mut sorted = names.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(names, sorted, "descending by name, across pages");
    assert_eq!(results[0]["entity"]["entity_type"], "VirtualMachine");

    // Names, in bulk and one at a time.
    let named = sb
        .aria_call(Method::POST, "/entities/names", &token, Some(json!({"entities": ids.iter().map(|i| json!({"entity_id": i, "time": 7})).chain([json!({"entity_id": "18230:1:1"})]).collect::<Vec<_>>()})))
        .await;
    assert_eq!(named.status, 200, "{}", named.text);
    let named = named.json();
    let named: Vec<&str> = named["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            assert_eq!(e["time"], 7);
            e["name"].as_str().unwrap()
        })
        .collect();
    assert_eq!(named, names);
    let one = sb
        .aria_call(
            Method::GET,
            &format!("/entities/names/{}", ids[0]),
            &token,
            None,
        )
        .await
        .json();
    assert_eq!(
        (one["name"].as_str(), one["entity_type"].as_str()),
        (Some(names[0]), Some("VirtualMachine"))
    );
    assert_aria_error(
        &sb.aria_call(Method::GET, "/entities/names/18230:1:1", &token, None)
            .await,
        404,
    );
    let too_many: Vec<Value> = (0..1001)
        .map(|n| json!({"entity_id": format!("18230:1:{n}")}))
        .collect();
    assert_aria_error(
        &sb.aria_call(
            Method::POST,
            "/entities/names",
            &token,
            Some(json!({"entities": too_many})),
        )
        .await,
        400,
    );
}
