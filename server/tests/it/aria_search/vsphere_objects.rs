//! The vCenter objects derived from the world (E92): folders, virtual disks, distributed
//! switches and port groups, VMkernel adapters, and every entity's vendor ids.

use super::*;

/// Every id of a list call, following cursors.
pub(super) async fn list_all(sb: &TestSandbox, token: &str, segment: &str) -> Vec<String> {
    let mut ids = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/entities/{segment}?size=3&cursor={c}"),
            None => format!("/entities/{segment}?size=3"),
        };
        let page = sb.aria_call(Method::GET, &path, token, None).await;
        assert_eq!(page.status, 200, "{segment}: {}", page.text);
        let page = page.json();
        for r in page["results"].as_array().unwrap() {
            ids.push(r["entity_id"].as_str().unwrap().to_string());
        }
        match page["cursor"].as_str() {
            Some(c) if !page["results"].as_array().unwrap().is_empty() => {
                cursor = Some(c.to_string())
            }
            _ => return ids,
        }
    }
}

pub(super) async fn fetch(sb: &TestSandbox, token: &str, path: &str, ids: &[String]) -> Value {
    let body =
        json!({"entity_ids": ids.iter().map(|i| json!({"entity_id": i})).collect::<Vec<_>>()});
    let a = sb.aria_call(Method::POST, path, token, Some(body)).await;
    assert_eq!(a.status, 200, "{}", a.text);
    a.json()
}

/// Every `{entity_id, entity_type}` object nested in `v`.
fn references(v: &Value, out: &mut Vec<(String, String)>) {
    match v {
        Value::Object(m) => {
            if let (Some(id), Some(t), Some(_)) = (
                m.get("entity_id").and_then(Value::as_str),
                m.get("entity_type").and_then(Value::as_str),
                m.get("entity_name"),
            ) {
                out.push((id.to_string(), t.to_string()));
            }
            m.values().for_each(|v| references(v, out));
        }
        Value::Array(a) => a.iter().for_each(|v| references(v, out)),
        _ => {}
    }
}

/// Lists every entity of `segment` (expecting `count`), fetches them, and checks that each
/// reference they hold resolves to an entity of its type; answers the references.
pub(super) async fn listed_with_resolving_references(
    sb: &TestSandbox,
    token: &str,
    segment: &str,
    count: usize,
) -> Vec<(String, String)> {
    let ids = list_all(sb, token, segment).await;
    assert_eq!(ids.len(), count, "{segment}");
    let fetched = fetch(sb, token, "/entities/fetch", &ids).await;
    let fetched = fetched["results"].as_array().unwrap();
    assert_eq!(fetched.len(), count, "{segment}");
    let mut refs = Vec::new();
    for f in fetched {
        references(&f["entity"], &mut refs);
    }
    let ref_ids: Vec<String> = refs.iter().map(|r| r.0.clone()).collect();
    let resolved = fetch(sb, token, "/entities/fetch", &ref_ids).await;
    let types: Vec<(String, String)> = resolved["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let s = |k: &str| r[k].as_str().unwrap().to_string();
            (s("entity_id"), s("entity_type"))
        })
        .collect();
    assert_eq!(
        types, refs,
        "{segment}: every reference resolves to its type"
    );
    refs
}

#[tokio::test]
async fn each_object_is_derived_from_the_collected_vcenter_and_its_references_resolve() {
    let (sb, token) = collecting().await;
    let (world, w) = world();
    let datacenters = world.vcenters[0].datacenters.len();
    let hosts = w.hosts.iter().filter(|h| h.0.vcenter == 0).count();
    let networks: Vec<_> = w.networks.iter().filter(|n| n.vcenter == 0).collect();
    let vms: Vec<_> = w.vms.iter().filter(|v| v.place.vcenter == 0).collect();
    for (segment, count) in [
        ("folders", 4 * datacenters),
        ("distributed-virtual-switches", datacenters),
        ("distributed-virtual-portgroups", networks.len()),
        ("vmknics", hosts),
        ("virtual-disk", vms.len()),
    ] {
        let refs = listed_with_resolving_references(&sb, &token, segment, count).await;
        assert!(!refs.is_empty(), "{segment} references nothing");
    }
    // Port groups are the world's networks, disks its VMs.
    let names = names(
        &sb,
        &token,
        "distributed-virtual-portgroups",
        &list_all(&sb, &token, "distributed-virtual-portgroups").await,
    )
    .await;
    let expected: BTreeSet<String> = networks.iter().map(|n| n.name.clone()).collect();
    assert_eq!(names, expected);
    let disks = fetch(
        &sb,
        &token,
        "/entities/fetch",
        &list_all(&sb, &token, "virtual-disk").await,
    )
    .await;
    let mut by_vm: Vec<(String, u64, bool)> = disks["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let d = &d["entity"];
            (
                d["virtual_machine"]["entity_name"]
                    .as_str()
                    .unwrap()
                    .to_string(),
                d["capacity"].as_u64().unwrap(),
                d["thin_provisioned"].as_bool().unwrap(),
            )
        })
        .collect();
    by_vm.sort();
    let mut expected: Vec<(String, u64, bool)> = vms
        .iter()
        .map(|v| {
            let gib = 40 + 20 * u64::from(v.cpu_count);
            (v.name.clone(), gib << 30, !v.os.contains("Windows"))
        })
        .collect();
    expected.sort();
    assert_eq!(by_vm, expected);
}

#[tokio::test]
async fn the_filter_language_and_the_query_language_reach_the_new_types() {
    let (sb, token) = collecting().await;
    let (world, w) = world();
    let folders = search_all(&sb, &token, "Folder", "name = 'vm'").await;
    assert_eq!(folders.len(), world.vcenters[0].datacenters.len());
    let big = 40 + 20 * 4u64;
    let disks = search_all(
        &sb,
        &token,
        "VirtualDisk",
        &format!("capacity >= {}", big << 30),
    )
    .await;
    let expected = w
        .vms
        .iter()
        .filter(|v| v.place.vcenter == 0 && v.cpu_count >= 4)
        .count();
    assert_eq!(disks.len(), expected);
    let answer = sb
        .aria_call(
            Method::POST,
            "/search/ql",
            &token,
            Some(json!({"query": "count of vmknics", "size": 10})),
        )
        .await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    let hosts = w.hosts.iter().filter(|h| h.0.vcenter == 0).count();
    assert_eq!(
        answer.json()["search_response_total_hits"],
        hosts,
        "{}",
        answer.text
    );
}

#[tokio::test]
async fn vendor_infos_name_each_entity_as_its_vcenter_does() {
    let (sb, token) = collecting().await;
    let vm_id = search_all(&sb, &token, "VirtualMachine", "").await[0].clone();
    let vm = fetch(&sb, &token, "/entities/fetch", std::slice::from_ref(&vm_id)).await["results"]
        [0]["entity"]
        .clone();
    let flow = search_all(&sb, &token, "Flow", "").await[0].clone();
    let disk = list_all(&sb, &token, "virtual-disk").await[0].clone();
    let folder = list_all(&sb, &token, "folders").await[0].clone();
    let asked = [
        vm_id.clone(),
        flow,
        disk,
        "18230:1:1".to_string(),
        folder.clone(),
    ];
    let infos = fetch(&sb, &token, "/entities/vendor-infos/fetch", &asked).await;
    let results = infos["results"].as_array().unwrap();
    // The flow, the disk and the unknown id are left out; the rest keep request order.
    assert_eq!(results.len(), 2, "{infos}");
    let one = &results[0];
    assert_eq!(one["entity_id"], vm_id.as_str());
    assert_eq!(one["entity_name"], vm["name"]);
    assert_eq!(
        one["vendor_ids"],
        json!([{"id_type": "MOREF", "id_value": vm["vendor_id"]}, {"id_type": "INSTANCE_UUID", "id_value": vm["vm_UUID"]}])
    );
    assert_eq!(
        one["manager"]["entity_id"],
        vm["vcenter_manager"]["entity_id"]
    );
    assert_eq!(one["manager"]["entity_type"], "VCenterManager");
    assert_eq!(
        one["manager"]["vendor_ids"],
        json!([{"id_type": "INSTANCE_UUID", "id_value": vm["manager_uuid"]}])
    );
    assert_eq!(results[1]["entity_id"], folder.as_str());
    assert!(results[1]["vendor_ids"][0]["id_value"]
        .as_str()
        .unwrap()
        .starts_with("group-"));
    // More than 1000 ids is a 400; a reader who sees nothing finds nothing.
    let many: Vec<String> = (0..1001).map(|i| format!("18230:1:{i}")).collect();
    let body =
        json!({"entity_ids": many.iter().map(|i| json!({"entity_id": i})).collect::<Vec<_>>()});
    let a = sb
        .aria_call(
            Method::POST,
            "/entities/vendor-infos/fetch",
            &token,
            Some(body),
        )
        .await;
    assert_aria_error(&a, 400);
    let other = start().await;
    let admin = other.admin().await;
    let none = fetch(&other, &admin, "/entities/vendor-infos/fetch", &[vm_id]).await;
    assert_eq!(none["results"], json!([]));
}
