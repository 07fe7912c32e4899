//! Aria applications and tiers: names, roles, membership by search and by address evaluated
//! against the inventory, a tier re-posted as read back, the fetch page cap, cascade delete.

use crate::common;

use common::*;
use reqwest::Method;
use serde_json::{json, Value};

async fn collecting() -> (TestSandbox, String) {
    let sb = start().await;
    let admin = sb.admin().await;
    sb.collect_vcenter(&admin, "10.20.0.10").await;
    (sb, admin)
}

/// A visible VM's name and address, found through search.
async fn some_vm(sb: &TestSandbox, token: &str) -> (String, String) {
    let hits = sb
        .aria_call(
            Method::POST,
            "/search",
            token,
            Some(
                json!({"entity_type": "VirtualMachine", "filter": "name like 'web-%'", "size": 1}),
            ),
        )
        .await
        .json();
    let id = hits["results"][0]["entity_id"].as_str().unwrap();
    let vm = sb
        .aria_call(Method::GET, &format!("/entities/vms/{id}"), token, None)
        .await
        .json();
    (
        vm["name"].as_str().unwrap().to_string(),
        vm["ip_addresses"][0]["ip_address"]
            .as_str()
            .unwrap()
            .to_string(),
    )
}

fn names(members: &Value) -> Vec<String> {
    members
        .as_array()
        .map(|a| {
            a.iter()
                .map(|m| m["name"].as_str().unwrap().to_string())
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn tiers_find_their_members_in_the_inventory() {
    let (sb, admin) = collecting().await;
    let (vm, ip) = some_vm(&sb, &admin).await;
    let app = sb
        .aria_call(
            Method::POST,
            "/groups/applications",
            &admin,
            Some(json!({"name": "shop"})),
        )
        .await;
    assert_eq!(app.status, 201, "{}", app.text);
    let app = app.json();
    let id = app["entity_id"].as_str().unwrap().to_string();
    assert!(id.starts_with("18230:561:"), "{id}");
    assert_eq!(app["created_by"], "admin@local");
    assert_aria_error(
        &sb.aria_call(
            Method::POST,
            "/groups/applications",
            &admin,
            Some(json!({"name": "SHOP"})),
        )
        .await,
        409,
    );

    let tiers = format!("/groups/applications/{}/tiers", id.replace(':', "%3A"));
    // As application_creation.py sends it: an SDK Tier model, with entity_type.
    let by_search = json!({"name": "web", "entity_type": "Tier", "group_membership_criteria": [{"membership_type": "SearchMembershipCriteria", "search_membership_criteria": {"entity_type": "VirtualMachine", "filter": format!("name='{vm}'")}}]});
    let t1 = sb
        .aria_call(Method::POST, &tiers, &admin, Some(by_search))
        .await;
    assert_eq!(t1.status, 201, "{}", t1.text);
    let t1 = t1.json();
    assert!(t1["entity_id"].as_str().unwrap().starts_with("18230:562:"));
    assert_eq!(t1["application"]["entity_id"], id.as_str());
    assert_eq!(names(&t1["member_list"]["vms"]), std::slice::from_ref(&vm));

    // Addresses: a VM's, one outside every VM, and a subnet.
    let by_ip = json!({"name": "edge", "group_membership_criteria": [{"membership_type": "IPAddressMembershipCriteria", "ip_address_membership_criteria": {"ip_addresses": [ip, "192.168.1.3", "10.101.0.0/16"]}}]});
    let t2 = sb
        .aria_call(Method::POST, &tiers, &admin, Some(by_ip))
        .await;
    assert_eq!(t2.status, 201, "{}", t2.text);
    let t2 = t2.json();
    assert_eq!(names(&t2["member_list"]["physical_ips"]), ["192.168.1.3"]);
    let vms = names(&t2["member_list"]["vms"]);
    assert!(vms.contains(&vm), "{vms:?}");
    let subnet = sb.aria_call(Method::POST, "/search", &admin, Some(json!({"entity_type": "VirtualMachine", "filter": "ip_address like '10.101.%'", "size": 1000}))).await.json();
    let in_subnet = subnet["total_count"].as_u64().unwrap() as usize;
    let own_net = usize::from(!ip.starts_with("10.101."));
    assert_eq!(vms.len(), in_subnet + own_net, "{vms:?}");

    // A tier read back and re-posted, as application_backups.py restore does: nulls included.
    let mut again = t2.clone();
    for k in ["entity_id", "application"] {
        again.as_object_mut().unwrap().remove(k);
    }
    again["name"] = json!("edge-copy");
    again["member_list"] = json!({"vms": null, "physical_ips": null, "kubernetes_services": null});
    again["group_membership_criteria"][0]["search_membership_criteria"] = Value::Null;
    let t3 = sb
        .aria_call(Method::POST, &tiers, &admin, Some(again))
        .await;
    assert_eq!(t3.status, 201, "{}", t3.text);

    let counted = sb
        .aria_call(
            Method::GET,
            &format!("/groups/applications/{id}?fetch_member_counts=true&fetch_update_status=true"),
            &admin,
            None,
        )
        .await
        .json();
    assert_eq!(counted["tier_count"], 3);
    let expected = 1 + 2 * (vms.len() + 1);
    assert_eq!(counted["member_count"].as_u64().unwrap() as usize, expected);
    assert_eq!(counted["update_status"], "NO_CHANGE");
    let plain = sb
        .aria_call(
            Method::GET,
            &format!("/groups/applications/{id}"),
            &admin,
            None,
        )
        .await
        .json();
    assert!(plain.get("member_count").is_none());

    let listed = sb.aria_call(Method::GET, &tiers, &admin, None).await.json();
    let order: Vec<&str> = listed["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(order, ["web", "edge", "edge-copy"]);
    let t1_path = format!("{tiers}/{}", t1["entity_id"].as_str().unwrap());
    assert_eq!(
        sb.aria_call(Method::GET, &t1_path, &admin, None)
            .await
            .json()["name"],
        "web"
    );

    // Members follow the inventory: without the vCenter data source no VM is known, and each tier
    // of addresses holds its two single addresses as physical IPs (the subnet names nothing).
    let dsl = sb
        .aria_call(Method::GET, "/data-sources/vcenters", &admin, None)
        .await
        .json();
    let ds = dsl["results"][0]["entity_id"].as_str().unwrap();
    sb.aria_call(
        Method::DELETE,
        &format!("/data-sources/vcenters/{ds}"),
        &admin,
        None,
    )
    .await;
    let counted = sb
        .aria_call(
            Method::GET,
            &format!("/groups/applications/{id}?fetch_member_counts=true"),
            &admin,
            None,
        )
        .await
        .json();
    assert_eq!(counted["member_count"], 4);

    assert_eq!(
        sb.aria_call(Method::DELETE, &t1_path, &admin, None)
            .await
            .status,
        204
    );
    assert_aria_error(
        &sb.aria_call(Method::GET, &t1_path, &admin, None).await,
        404,
    );
    let t2_path = format!("{tiers}/{}", t2["entity_id"].as_str().unwrap());
    assert_eq!(
        sb.aria_call(
            Method::DELETE,
            &format!("/groups/applications/{id}"),
            &admin,
            None
        )
        .await
        .status,
        204
    );
    assert_aria_error(
        &sb.aria_call(Method::GET, &t2_path, &admin, None).await,
        404,
    );
    assert_aria_error(&sb.aria_call(Method::GET, &tiers, &admin, None).await, 404);
    // The name is free again, and so are its tiers' names.
    assert_eq!(
        sb.aria_call(
            Method::POST,
            "/groups/applications",
            &admin,
            Some(json!({"name": "shop"}))
        )
        .await
        .status,
        201
    );
}

#[tokio::test]
async fn bad_tiers_and_roles() {
    let (sb, admin) = collecting().await;
    let app = sb
        .aria_call(
            Method::POST,
            "/groups/applications",
            &admin,
            Some(json!({"name": "a"})),
        )
        .await
        .json();
    let tiers = format!(
        "/groups/applications/{}/tiers",
        app["entity_id"].as_str().unwrap()
    );
    let bad = [
        json!({"name": "t", "group_membership_criteria": []}),
        json!({"name": "t", "group_membership_criteria": [{"membership_type": "SearchMembershipCriteria"}]}),
        json!({"name": "t", "group_membership_criteria": [{"membership_type": "SearchMembershipCriteria", "search_membership_criteria": {"entity_type": "VirtualMachine", "filter": "vm where cpu > 2"}}]}),
        json!({"name": "t", "group_membership_criteria": [{"membership_type": "SearchMembershipCriteria", "search_membership_criteria": {"entity_type": "VirtualMachine", "filter": "colour = 'red'"}}]}),
        json!({"name": "t", "group_membership_criteria": [{"membership_type": "IPAddressMembershipCriteria", "ip_address_membership_criteria": {"ip_addresses": ["300.1.1.1"]}}]}),
        json!({"name": "t", "group_membership_criteria": [{"membership_type": "IPAddressMembershipCriteria", "ip_address_membership_criteria": null}]}),
        json!({"name": "", "group_membership_criteria": [{"membership_type": "IPAddressMembershipCriteria", "ip_address_membership_criteria": {"ip_addresses": ["1.1.1.1"]}}]}),
        json!({"name": "t", "entity_id": null, "group_membership_criteria": [{"membership_type": "IPAddressMembershipCriteria", "ip_address_membership_criteria": {"ip_addresses": ["1.1.1.1"]}}]}),
    ];
    for body in bad {
        let a = sb
            .aria_call(Method::POST, &tiers, &admin, Some(body.clone()))
            .await;
        assert_aria_error(&a, 400);
        assert_eq!(
            sb.aria_call(Method::GET, &tiers, &admin, None).await.json()["results"],
            json!([]),
            "{body}"
        );
    }
    let ok = json!({"name": "t", "group_membership_criteria": [{"membership_type": "IPAddressMembershipCriteria", "ip_address_membership_criteria": {"ip_addresses": ["1.1.1.1"]}}]});
    assert_eq!(
        sb.aria_call(Method::POST, &tiers, &admin, Some(ok.clone()))
            .await
            .status,
        201
    );
    assert_aria_error(
        &sb.aria_call(Method::POST, &tiers, &admin, Some(ok.clone()))
            .await,
        409,
    );
    assert_aria_error(
        &sb.aria_call(
            Method::POST,
            "/groups/applications/18230:561:1/tiers",
            &admin,
            Some(ok),
        )
        .await,
        404,
    );

    // Members change applications; auditors only read them.
    let member = sb.aria_token("member@local", "member").await;
    let auditor = sb.aria_token("auditor@local", "auditor").await;
    assert_eq!(
        sb.aria_call(
            Method::POST,
            "/groups/applications",
            &member,
            Some(json!({"name": "b"}))
        )
        .await
        .status,
        201
    );
    assert_aria_error(
        &sb.aria_call(
            Method::POST,
            "/groups/applications",
            &auditor,
            Some(json!({"name": "c"})),
        )
        .await,
        403,
    );
    assert_eq!(
        sb.aria_call(Method::GET, &tiers, &auditor, None)
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn lists_page_and_fetch_caps_its_size() {
    let (sb, admin) = collecting().await;
    for n in 0..5 {
        let a = sb
            .aria_call(
                Method::POST,
                "/groups/applications",
                &admin,
                Some(json!({"name": format!("app-{n}")})),
            )
            .await;
        assert_eq!(a.status, 201);
    }
    sb.advance(60);
    let late = sb
        .aria_call(
            Method::POST,
            "/groups/applications",
            &admin,
            Some(json!({"name": "late"})),
        )
        .await
        .json();
    let mut seen = Vec::new();
    let mut cursor = String::new();
    loop {
        // a_application_creation.py starts with an empty cursor.
        let page = sb
            .aria_call(
                Method::GET,
                &format!("/groups/applications?size=4&cursor={cursor}"),
                &admin,
                None,
            )
            .await
            .json();
        assert_eq!(page["total_count"], 6);
        for r in page["results"].as_array().unwrap() {
            assert_eq!(r["entity_type"], "Application");
            seen.push(r["entity_id"].as_str().unwrap().to_string());
        }
        match page["cursor"].as_str() {
            Some(c) => cursor = c.to_string(),
            None => break,
        }
    }
    assert_eq!(seen.len(), 6);
    let since = late["create_time"].as_i64().unwrap() - 1;
    let recent = sb
        .aria_call(
            Method::GET,
            &format!("/groups/applications?modifiedAfter={since}"),
            &admin,
            None,
        )
        .await
        .json();
    assert_eq!(recent["total_count"], 1);

    let capped = sb
        .aria_call(
            Method::GET,
            "/groups/applications/fetch?size=2500",
            &admin,
            None,
        )
        .await;
    assert_aria_error(&capped, 400);
    assert_eq!(
        capped.json(),
        json!({"code": 400, "message": "Requested size: 2500 exceeds the supported limit: 100.", "details": []})
    );
    let page = sb
        .aria_call(
            Method::GET,
            "/groups/applications/fetch?size=100&fetch_member_counts=true",
            &admin,
            None,
        )
        .await
        .json();
    assert_eq!(page["results"].as_array().unwrap().len(), 6);
    assert_eq!(page["results"][0]["tier_count"], 0);
}
