//! An application's members read across applications (a tier by its id alone, several tiers or
//! applications at once, its VMs with their vCenter ids), and a tier changed in place, whole or
//! not at all.

use std::collections::BTreeSet;

use crate::common::*;
use appliance_sandbox::config::Config;
use reqwest::Method;
use serde_json::{json, Value};

pub(crate) fn by_group(group: &str) -> Value {
    json!([{"membership_type": "SearchMembershipCriteria",
            "search_membership_criteria": {"entity_type": "BaseVirtualMachine",
                                           "filter": format!("security_groups.name = '{group}'")}}])
}

/// Makes an application named `name` with a tier per (tier, security group) in `tiers`;
/// answers its id and its tiers' ids.
pub(crate) async fn application(
    sb: &TestSandbox,
    admin: &str,
    name: &str,
    tiers: &[(&str, &str)],
) -> (String, Vec<String>) {
    let body = Some(json!({"name": name}));
    let app = sb
        .aria_call(Method::POST, "/groups/applications", admin, body)
        .await;
    assert_eq!(app.status, 201, "{}", app.text);
    let id = app.json()["entity_id"].as_str().unwrap().to_string();
    let mut ids = Vec::new();
    for (tier, group) in tiers {
        let body = json!({"name": tier, "group_membership_criteria": by_group(group)});
        let path = format!("/groups/applications/{id}/tiers");
        let t = sb.aria_call(Method::POST, &path, admin, Some(body)).await;
        assert_eq!(t.status, 201, "{}", t.text);
        ids.push(t.json()["entity_id"].as_str().unwrap().to_string());
    }
    (id, ids)
}

/// An application of two tiers (web, db) over the first vCenter, collected from; answers the
/// sandbox, an admin token, the application's id and its tiers' ids.
async fn shop() -> (TestSandbox, String, String, Vec<String>) {
    let sb = start().await;
    let admin = sb.admin().await;
    sb.collect_vcenter(&admin, "10.20.0.10").await;
    let tiers = [("web", "web-tier"), ("db", "db-tier")];
    let (id, tiers) = application(&sb, &admin, "shop", &tiers).await;
    (sb, admin, id, tiers)
}

fn member_ids(tier: &Value) -> BTreeSet<String> {
    tier["member_list"]["vms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["key"]["entity_id"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn members_read_across_applications_agree_with_the_tiers() {
    let (sb, admin, app, tiers) = shop().await;
    let mut union = BTreeSet::new();
    for t in &tiers {
        let direct = sb
            .aria_call(Method::GET, &format!("/groups/tiers/{t}"), &admin, None)
            .await;
        let nested = sb
            .aria_call(
                Method::GET,
                &format!("/groups/applications/{app}/tiers/{t}"),
                &admin,
                None,
            )
            .await;
        assert_eq!(direct.json(), nested.json());
        union.extend(member_ids(&direct.json()));
    }
    assert!(!union.is_empty());
    let body = json!({"entity_ids": tiers});
    let many = sb
        .aria_call(Method::POST, "/groups/tiers/members", &admin, Some(body))
        .await
        .json();
    assert_eq!(many["total_count"], 2, "{many:#}");
    let listed: BTreeSet<String> = many["results"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|t| t["members"].as_array().unwrap().clone())
        .map(|m| m["entity_id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(listed, union);
    let body = json!({"entity_ids": [app]});
    let apps = sb
        .aria_call(
            Method::POST,
            "/groups/applications/members",
            &admin,
            Some(body),
        )
        .await
        .json();
    assert_eq!(apps["results"][0]["source"], "MANUAL");
    assert_eq!(apps["results"][0]["tiers"].as_array().unwrap().len(), 2);
    assert_eq!(apps["results"][0]["created_by"], "admin@local");
    // PowervRNI's Get-vRNIApplicationMemberVM reads `results`; each VM carries its vCenter id.
    let vms = sb
        .aria_call(
            Method::GET,
            &format!("/groups/applications/{app}/members/vms"),
            &admin,
            None,
        )
        .await
        .json();
    let results = vms["results"].as_array().unwrap();
    assert_eq!(results.len(), union.len());
    for m in results {
        let id = m["entity_id"].as_str().unwrap();
        let vm = sb
            .aria_call(Method::GET, &format!("/entities/vms/{id}"), &admin, None)
            .await
            .json();
        let info = &m["vendor_infos"][0];
        assert_eq!(
            info["vendor_ids"][0],
            json!({"id_type": "MOREF", "id_value": vm["vendor_id"]})
        );
        assert_eq!(info["manager"]["entity_type"], "VCenterManager");
    }
}

#[tokio::test]
async fn members_requests_that_name_nothing_known_are_refused() {
    let (sb, admin, _app, tiers) = shop().await;
    let unknown = json!({"entity_ids": [tiers[0], "18230:562:1"]});
    let a = sb
        .aria_call(Method::POST, "/groups/tiers/members", &admin, Some(unknown))
        .await;
    assert_aria_error(&a, 404);
    let many: Vec<String> = (0..101).map(|n| format!("18230:562:{n}")).collect();
    let a = sb
        .aria_call(
            Method::POST,
            "/groups/tiers/members",
            &admin,
            Some(json!({"entity_ids": many})),
        )
        .await;
    assert_aria_error(&a, 400);
    let a = sb
        .aria_call(
            Method::POST,
            "/groups/applications/members",
            &admin,
            Some(json!({"entity_ids": []})),
        )
        .await;
    assert_aria_error(&a, 400);
    let a = sb
        .aria_call(Method::GET, "/groups/tiers/18230:562:1", &admin, None)
        .await;
    assert_aria_error(&a, 404);
}

#[tokio::test]
async fn a_tier_changes_in_place_or_not_at_all() {
    let (sb, admin, app, tiers) = shop().await;
    let path = format!("/groups/applications/{app}/tiers/{}", tiers[0]);
    let before = sb.aria_call(Method::GET, &path, &admin, None).await.json();
    // Another tier's name, a filter the sandbox cannot evaluate, an auditor: nothing changes.
    let clash = json!({"name": "DB", "group_membership_criteria": by_group("app-tier")});
    assert_aria_error(
        &sb.aria_call(Method::PUT, &path, &admin, Some(clash)).await,
        409,
    );
    let bad = json!({"name": "web", "group_membership_criteria": [{"membership_type": "SearchMembershipCriteria",
        "search_membership_criteria": {"entity_type": "BaseVirtualMachine", "filter": "no_such_field = 1"}}]});
    assert_aria_error(
        &sb.aria_call(Method::PUT, &path, &admin, Some(bad)).await,
        400,
    );
    let auditor = sb.aria_token("auditor@local", "auditor").await;
    let fine = json!({"name": "frontend", "group_membership_criteria": by_group("app-tier")});
    let refused = sb
        .aria_call(Method::PUT, &path, &auditor, Some(fine.clone()))
        .await;
    assert_aria_error(&refused, 403);
    assert_eq!(
        sb.aria_call(Method::GET, &path, &admin, None).await.json(),
        before
    );
    // Then a change that holds: the name and members are the new ones, the id the same.
    let changed = sb.aria_call(Method::PUT, &path, &admin, Some(fine)).await;
    assert_eq!(changed.status, 201, "{}", changed.text);
    let after = sb.aria_call(Method::GET, &path, &admin, None).await.json();
    assert_eq!(after["name"], "frontend");
    assert_eq!(after["entity_id"], before["entity_id"]);
    assert!(member_ids(&after).is_disjoint(&member_ids(&before)));
}

#[tokio::test]
async fn a_tier_change_that_cannot_be_saved_changes_neither_tier_nor_application() {
    use crate::transactions::FailsOn;
    use appliance_sandbox::store::StateStore;
    use appliance_sandbox::{Options, Sandbox};
    let store = FailsOn::new("aria.tiers");
    store.arm(false);
    let sb =
        serve(Sandbox::open(Config::default(), Options::default(), store.clone()).unwrap()).await;
    let admin = sb.admin().await;
    let app = sb
        .aria_call(
            Method::POST,
            "/groups/applications",
            &admin,
            Some(json!({"name": "shop"})),
        )
        .await
        .json();
    let app = format!(
        "/groups/applications/{}",
        app["entity_id"].as_str().unwrap()
    );
    let body = json!({"name": "web", "group_membership_criteria": by_group("web-tier")});
    let tier = sb
        .aria_call(Method::POST, &format!("{app}/tiers"), &admin, Some(body))
        .await
        .json();
    let path = format!("{app}/tiers/{}", tier["entity_id"].as_str().unwrap());
    let apps_before = store.inner.load("aria.applications").unwrap();
    // The application's row (last changed, by whom) could be written, the tier's cannot.
    store.arm(true);
    sb.advance(60);
    let member = sb.aria_token("member@local", "member").await;
    let change = json!({"name": "frontend", "group_membership_criteria": by_group("app-tier")});
    assert_aria_error(
        &sb.aria_call(Method::PUT, &path, &member, Some(change))
            .await,
        500,
    );
    store.arm(false);
    assert_eq!(
        sb.aria_call(Method::GET, &path, &admin, None).await.json()["name"],
        "web"
    );
    assert_eq!(store.inner.load("aria.applications").unwrap(), apps_before);
    let read = sb.aria_call(Method::GET, &app, &admin, None).await.json();
    assert_eq!(read["last_modified_by"], "admin@local", "{read:#}");
}

#[tokio::test]
async fn an_application_with_its_tiers_is_made_whole_or_not_at_all() {
    use crate::transactions::FailsOn;
    use appliance_sandbox::{Options, Sandbox};
    let store = FailsOn::new("aria.tiers");
    store.arm(false);
    let sb =
        serve(Sandbox::open(Config::default(), Options::default(), store.clone()).unwrap()).await;
    let admin = sb.admin().await;
    sb.collect_vcenter(&admin, "10.20.0.10").await;
    let count = || async {
        let list = sb
            .aria_call(Method::GET, "/groups/applications", &admin, None)
            .await
            .json();
        list["results"].as_array().unwrap().len()
    };
    let tier = |name: &str, group: &str| json!({"name": name, "group_membership_criteria": by_group(group)});
    // As VMware's SDK posts it: a trailing slash, enable_intent true.
    let body = json!({"name": "shop", "enable_intent": true, "tiers": [tier("web", "web-tier"), tier("db", "db-tier")]});
    let made = sb
        .aria_call(
            Method::POST,
            "/groups/applications/full/",
            &admin,
            Some(body),
        )
        .await;
    assert_eq!(made.status, 201, "{}", made.text);
    let id = made.json()["entity_id"].as_str().unwrap().to_string();
    let tiers = sb
        .aria_call(
            Method::GET,
            &format!("/groups/applications/{id}/tiers"),
            &admin,
            None,
        )
        .await
        .json();
    let tiers = tiers["results"].as_array().unwrap();
    assert_eq!(tiers.len(), 2);
    assert!(tiers.iter().all(|t| !member_ids(t).is_empty()));
    // A refused tier, a taken name, an auditor, a store that cannot save the tiers: nothing.
    let bad = json!({"name": "other", "tiers": [tier("web", "web-tier"), {"name": "x", "group_membership_criteria": []}]});
    assert_aria_error(
        &sb.aria_call(Method::POST, "/groups/applications/full", &admin, Some(bad))
            .await,
        400,
    );
    let taken = json!({"name": "SHOP", "tiers": []});
    assert_aria_error(
        &sb.aria_call(
            Method::POST,
            "/groups/applications/full",
            &admin,
            Some(taken),
        )
        .await,
        409,
    );
    let auditor = sb.aria_token("auditor@local", "auditor").await;
    let fine = json!({"name": "other", "tiers": [tier("web", "web-tier")]});
    let refused = sb
        .aria_call(
            Method::POST,
            "/groups/applications/full",
            &auditor,
            Some(fine.clone()),
        )
        .await;
    assert_aria_error(&refused, 403);
    store.arm(true);
    assert_aria_error(
        &sb.aria_call(
            Method::POST,
            "/groups/applications/full",
            &admin,
            Some(fine),
        )
        .await,
        500,
    );
    store.arm(false);
    assert_eq!(count().await, 1);
}
