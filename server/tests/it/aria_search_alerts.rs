//! Search-based alerts (E118): a search the appliance runs, names unique in any case, SNMP
//! receivers that exist (and keep their profile from going), enabled on and off.

use crate::common::*;
use reqwest::Method;
use serde_json::{json, Value};

const ALERTS: &str = "/settings/alerts/search-based-alerts";

fn alert(name: &str, query: &str) -> Value {
    json!({"alert_name": name, "search_criteria": query, "severity": "Critical",
           "notification_settings": [{"type": "EMAIL", "frequency": "IMMEDIATE", "receivers": ["ops@example.com"]}]})
}

#[tokio::test]
async fn search_based_alerts_keep_a_search_the_appliance_runs() {
    let sb = start().await;
    let admin = sb.admin().await;
    let r = (sb.aria_call(
        Method::POST,
        ALERTS,
        &admin,
        Some(alert("big vms", "vms where cpu_count > 6")),
    ))
    .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let created = r.json();
    assert_eq!(
        (
            created["enabled"].clone(),
            created["alert_type"].clone(),
            created["generate_alert_criteria"].clone()
        ),
        (json!(true), json!("PROBLEM"), json!("SEARCH_RESULT_CHANGE"))
    );
    let id = created["entity_id"].as_str().unwrap().to_string();
    // Refused, nothing added: a taken name, a search that does not parse or names no
    // property, an intent, a daily e-mail without its time, an unknown SNMP profile.
    let mut daily = alert("d", "vms");
    daily["notification_settings"][0]["frequency"] = json!("DAILY");
    let mut snmp = alert("s", "vms");
    snmp["notification_settings"] = json!([{"type": "SNMP", "receivers": ["snmp-nosuchprofile"]}]);
    let mut intent = alert("i", "vms");
    intent["alert_type"] = json!("INTENT");
    for body in [
        alert("BIG VMS", "vms"),
        alert("x", "vms where"),
        alert("y", "vms where no_such_property = 1"),
        intent,
        daily,
        snmp,
    ] {
        let r = sb.aria_call(Method::POST, ALERTS, &admin, Some(body)).await;
        assert_aria_error(&r, 400);
    }
    // An unknown id is a 404 whatever the body.
    let missing = format!("{ALERTS}/18230:1903:1");
    let r = (sb.aria_call(Method::PUT, &missing, &admin, Some(alert("z", "vms where")))).await;
    assert_aria_error(&r, 404);
    let list = sb.aria_call(Method::GET, ALERTS, &admin, None).await.json();
    assert_eq!(list["total_count"], 1);

    // An SNMP profile an alert sends to stays until the alert lets go of it.
    let profile = json!({"nick_name": "p", "target_ip": "10.1.1.2", "target_port": 162,
                         "snmp_version": "v2c", "snmp_v2c": {"community_string": "public"}});
    let p = (sb.aria_call(
        Method::POST,
        "/settings/snmp/profiles",
        &admin,
        Some(profile),
    ))
    .await;
    let p = p.json()["entity_id"].as_str().unwrap().to_string();
    let mut change = alert("big vms", "vms where cpu_count >= 8");
    change["notification_settings"] = json!([{"type": "SNMP", "receivers": [p]}]);
    let path = format!("{ALERTS}/{id}");
    let r = sb.aria_call(Method::PUT, &path, &admin, Some(change)).await;
    assert_eq!(r.status, 200, "{}", r.text);
    let profile_path = format!("/settings/snmp/profiles/{p}");
    assert_aria_error(
        &sb.aria_call(Method::DELETE, &profile_path, &admin, None)
            .await,
        400,
    );

    // Off and on; a member reads and cannot change.
    let off = (sb.aria_call(Method::POST, &format!("{path}/disable"), &admin, None)).await;
    assert_eq!(off.json()["enabled"], false, "{}", off.text);
    let got = sb.aria_call(Method::GET, &path, &admin, None).await.json();
    assert_eq!(
        (got["enabled"].clone(), got["search_criteria"].clone()),
        (json!(false), json!("vms where cpu_count >= 8"))
    );
    let on = (sb.aria_call(Method::POST, &format!("{path}/enable"), &admin, None)).await;
    assert_eq!(on.json()["enabled"], true);
    let member = sb.aria_token("member@local", "member").await;
    assert_eq!(
        sb.aria_call(Method::GET, &path, &member, None).await.status,
        200
    );
    assert_aria_error(
        &sb.aria_call(Method::DELETE, &path, &member, None).await,
        403,
    );

    assert_eq!(
        sb.aria_call(Method::DELETE, &path, &admin, None)
            .await
            .status,
        204
    );
    assert_aria_error(&sb.aria_call(Method::GET, &path, &admin, None).await, 404);
    assert_eq!(
        sb.aria_call(Method::DELETE, &profile_path, &admin, None)
            .await
            .status,
        204
    );
}
