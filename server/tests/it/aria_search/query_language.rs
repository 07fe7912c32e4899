//! `POST /search/groupby` and `POST /search/ql` (E51), against a brute-force evaluation of the
//! same world and against the JSON calls they are built on.

use std::collections::BTreeMap;

use super::*;

/// Per host name: how many of vCenter 0's VMs it runs (with at least `min_cpus` vCPUs), and
/// their vCPUs in all.
fn vms_by_host(w: &Workload, min_cpus: u32) -> BTreeMap<String, (u64, f64)> {
    let mut out: BTreeMap<String, (u64, f64)> = BTreeMap::new();
    for v in w
        .vms
        .iter()
        .filter(|v| v.place.vcenter == 0 && v.cpu_count >= min_cpus)
    {
        let e = out
            .entry(w.hosts[v.host].1.config.name.clone())
            .or_default();
        e.0 += 1;
        e.1 += v.cpu_count as f64;
    }
    out
}

fn buckets(groups: &Value) -> BTreeMap<String, (u64, f64)> {
    groups["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            let sum = g["aggregations"][0]["value"].as_f64().unwrap_or(0.0);
            (
                g["bucket"][0]["value"].as_str().unwrap().to_string(),
                (g["count"].as_u64().unwrap(), sum),
            )
        })
        .collect()
}

/// A query's answer, which must be a 200.
async fn ql(sb: &TestSandbox, token: &str, query: &str) -> Value {
    let body = json!({"query": query, "size": 1000});
    let a = sb
        .aria_call(Method::POST, "/search/ql", token, Some(body))
        .await;
    assert_eq!(a.status, 200, "{query}: {}", a.text);
    a.json()
}

#[tokio::test]
async fn group_by_agrees_with_the_world() {
    let (sb, token) = collecting().await;
    let (_, w) = world();
    let expected = vms_by_host(&w, 4);
    let mut body = json!({
        "entity_type": "VirtualMachine", "filter": "cpu_count >= 4", "group_by": ["host.name"],
        "aggregations": [{"field": "cpu_count", "aggregation_type": "SUM"}],
        "sort_by": [{"field": "cpu_count", "aggregation_type": "SUM", "order": "DESC"}], "size": 2
    });
    // Pages of two buckets, following cursors, cover every host once, largest sum first.
    let mut got = BTreeMap::new();
    let mut sums = Vec::new();
    loop {
        let a = sb
            .aria_call(Method::POST, "/search/groupby", &token, Some(body.clone()))
            .await;
        assert_eq!(a.status, 200, "{}", a.text);
        let page = a.json();
        assert_eq!(page["total_bucket"]["value"], expected.len());
        assert_eq!(
            page["total_count"].as_u64().unwrap(),
            expected.values().map(|v| v.0).sum::<u64>()
        );
        for g in page["results"].as_array().unwrap() {
            sums.push(g["aggregations"][0]["value"].as_f64().unwrap());
        }
        for (host, v) in buckets(&page) {
            assert!(got.insert(host, v).is_none(), "a bucket twice");
        }
        match page["cursor"].as_str() {
            Some(c) => body["cursor"] = json!(c),
            None => break,
        }
    }
    assert_eq!(got, expected);
    assert!(sums.windows(2).all(|p| p[0] >= p[1]), "{sums:?}");

    // The query language's group by gives the same buckets, by count, most first.
    let q = json!({"query": "sum(cpu_count) of VMs where cpu_count >= 4 group by host.name order by count desc limit 3", "size": 100});
    let a = sb
        .aria_call(Method::POST, "/search/ql", &token, Some(q))
        .await;
    assert_eq!(a.status, 200, "{}", a.text);
    let answer = a.json();
    let groups = &answer["groupby_response"];
    assert_eq!(
        groups["results"].as_array().unwrap().len(),
        3.min(expected.len())
    );
    let counts: Vec<u64> = groups["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["count"].as_u64().unwrap())
        .collect();
    let mut all: Vec<u64> = expected.values().map(|v| v.0).collect();
    all.sort_unstable_by(|a, b| b.cmp(a));
    assert_eq!(counts, all[..counts.len()]);
    for (host, v) in buckets(groups) {
        assert_eq!(expected[&host], v, "{host}");
    }
    assert!(answer.get("entity_list_response").is_none());
}

#[tokio::test]
async fn queries_answer_what_the_json_calls_answer() {
    let (sb, token) = collecting().await;
    let (_, w) = world();
    let big: Vec<_> = w
        .vms
        .iter()
        .filter(|v| v.place.vcenter == 0 && v.cpu_count >= 4)
        .collect();

    // A list, ordered: the same ids as /search, names descending.
    let listed = ql(&sb, &token, "vms where cpu_count >= 4 order by name desc").await;
    let ids: Vec<String> = listed["entity_list_response"]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["entity_id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(listed["search_response_total_hits"], big.len());
    let mut searched = search_all(&sb, &token, "VirtualMachine", "cpu_count >= 4").await;
    let mut sorted_ids = ids.clone();
    sorted_ids.sort();
    searched.sort();
    assert_eq!(sorted_ids, searched);
    let mut expected_names: Vec<String> = big.iter().map(|v| v.name.to_lowercase()).collect();
    expected_names.sort_unstable_by(|a, b| b.cmp(a));
    let mut got_names = Vec::new();
    for id in ids.iter().take(5) {
        let vm = sb
            .aria_call(Method::GET, &format!("/entities/vms/{id}"), &token, None)
            .await;
        got_names.push(vm.json()["name"].as_str().unwrap().to_lowercase());
    }
    assert_eq!(got_names, expected_names[..got_names.len()]);

    // A count, a function, a limit.
    let counted = ql(
        &sb,
        &token,
        "COUNT OF Virtual Machines where cpu_count >= 4",
    )
    .await;
    assert_eq!(counted, json!({"search_response_total_hits": big.len()}));
    let summed = ql(&sb, &token, "sum(cpu_count) of vms where cpu_count >= 4").await;
    let total: f64 = big.iter().map(|v| v.cpu_count as f64).sum();
    assert_eq!(
        summed["aggregation_response"]["aggregations"][0]["value"],
        total
    );
    assert_eq!(summed["aggregation_response"]["total_count"], big.len());
    let limited = ql(&sb, &token, "vms limit 3").await;
    assert_eq!(limited["search_response_total_hits"], 3);
    assert_eq!(
        limited["entity_list_response"]["results"]
            .as_array()
            .unwrap()
            .len(),
        3
    );

    // What is outside the subset is a 400 naming it.
    for (query, named) in [
        ("toasters", "toasters"),
        ("vms where nonsense = 1", "nonsense"),
        ("vms order by count", "group by"),
        ("sum(name) of vms", "numeric"),
        ("vms group by host.name order by max(cpu_count)", "function"),
    ] {
        let a = sb
            .aria_call(
                Method::POST,
                "/search/ql",
                &token,
                Some(json!({"query": query})),
            )
            .await;
        assert_aria_error(&a, 400);
        assert!(a.text.contains(named), "{query}: {}", a.text);
    }
    for (body, named) in [
        (
            json!({"entity_type": "VirtualMachine", "group_by": []}),
            "group_by",
        ),
        (
            json!({"entity_type": "VirtualMachine", "group_by": ["host.name"], "sort_by": [{"field": "cpu_count", "aggregation_type": "MAX"}]}),
            "sort_by",
        ),
        (
            json!({"entity_type": "VirtualMachine", "group_by": ["toaster"]}),
            "toaster",
        ),
        (
            json!({"entity_type": "NSXSecurityGroup", "group_by": ["members.name", "members.name"]}),
            "twice",
        ),
        (
            json!({"entity_type": "KubernetesPod", "group_by": []}),
            "group_by",
        ),
    ] {
        let a = sb
            .aria_call(Method::POST, "/search/groupby", &token, Some(body))
            .await;
        assert_aria_error(&a, 400);
        assert!(a.text.contains(named), "{named}: {}", a.text);
    }
}
