//! SNMP trap profiles and user-defined events.

use super::*;

#[tokio::test]
async fn trap_profiles_and_events_refer_to_each_other() {
    let sb = start().await;
    let admin = sb.admin().await;
    let mut ids = Vec::new();
    for n in 0..4 {
        let a = sb
            .aria_call(Method::POST, "/settings/snmp/profiles", &admin, Some(json!({"nick_name": format!("p{n}"), "target_ip": format!("10.1.1.{n}"), "target_port": 162, "snmp_version": "v2c", "snmp_v2c": {"community_string": "public"}})))
            .await;
        assert_eq!(a.status, 201, "{}", a.text);
        let p = a.json();
        let id = p["entity_id"].as_str().unwrap().to_string();
        assert!(id.len() == 17 && id.starts_with("snmp-"), "{id}");
        assert_eq!(p["snmp_v2c"]["community_string"], "");
        ids.push(id);
    }
    let fifth = json!({"nick_name": "p5", "target_ip": "10.1.1.5", "target_port": 162, "snmp_version": "v2c", "snmp_v2c": {"community_string": "x"}});
    assert_aria_error(
        &sb.aria_call(Method::POST, "/settings/snmp/profiles", &admin, Some(fifth))
            .await,
        400,
    );
    let list = sb
        .aria_call(Method::GET, "/settings/snmp/profiles", &admin, None)
        .await
        .json();
    let listed: Vec<&str> = list["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["entity_id"].as_str().unwrap())
        .collect();
    assert_eq!(listed, ids, "in the order added");
    let one = sb
        .aria_call(
            Method::GET,
            &format!("/settings/snmp/profiles/{}", ids[1]),
            &admin,
            None,
        )
        .await;
    assert_eq!(one.status, 200, "{}", one.text);
    assert_eq!(one.json(), list["results"][1]);

    let event = json!({"event_name": "Test1_0", "is_problem": false, "severity": "INFO", "search_criteria": "vm where Power State = 'POWEREDOFF'", "generate_event_criteria": "SEARCH_RESULT_CHANGE", "email_frequency": "IMMEDIATELY", "daily_at_utc": "10:15", "email_ids": ["xyz@example.com"], "snmp_trap_entity_ids": [ids[0]], "active": true});
    let mut unknown = event.clone();
    unknown["snmp_trap_entity_ids"] = json!(["snmp-000000000000"]);
    assert_aria_error(
        &sb.aria_call(
            Method::POST,
            "/settings/events/user-defined-events",
            &admin,
            Some(unknown),
        )
        .await,
        400,
    );
    let mut bad_time = event.clone();
    bad_time["daily_at_utc"] = json!("25:00");
    assert_aria_error(
        &sb.aria_call(
            Method::POST,
            "/settings/events/user-defined-events",
            &admin,
            Some(bad_time),
        )
        .await,
        400,
    );
    let mut bad_severity = event.clone();
    bad_severity["severity"] = json!("URGENT");
    assert_aria_error(
        &sb.aria_call(
            Method::POST,
            "/settings/events/user-defined-events",
            &admin,
            Some(bad_severity),
        )
        .await,
        400,
    );

    let created = sb
        .aria_call(
            Method::POST,
            "/settings/events/user-defined-events",
            &admin,
            Some(event.clone()),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.text);
    let created = created.json();
    assert_eq!(created["severity"], "Info");
    assert_eq!(created["active"], true);
    let id = created["entity_id"].as_str().unwrap().to_string();
    let mut renamed = event.clone();
    renamed["event_name"] = json!("TEST1_0");
    assert_aria_error(
        &sb.aria_call(
            Method::POST,
            "/settings/events/user-defined-events",
            &admin,
            Some(renamed),
        )
        .await,
        400,
    );
    let one = format!(
        "/settings/events/user-defined-events/{}",
        id.replace(':', "%3A")
    );
    assert_eq!(
        sb.aria_call(Method::GET, &one, &admin, None).await.json(),
        created
    );
    let list = sb
        .aria_call(
            Method::GET,
            "/settings/events/user-defined-events",
            &admin,
            None,
        )
        .await
        .json();
    assert_eq!(list["total_count"], 1);

    let used = format!("/settings/snmp/profiles/{}", ids[0]);
    assert_aria_error(
        &sb.aria_call(Method::DELETE, &used, &admin, None).await,
        400,
    );
    let member = sb.aria_token("member@local", "member").await;
    assert_aria_error(&sb.aria_call(Method::GET, &one, &member, None).await, 403);
    assert_eq!(
        sb.aria_call(Method::DELETE, &one, &admin, None)
            .await
            .status,
        204
    );
    assert_aria_error(&sb.aria_call(Method::GET, &one, &admin, None).await, 404);
    assert_eq!(
        sb.aria_call(Method::DELETE, &used, &admin, None)
            .await
            .status,
        204
    );
    assert_aria_error(&sb.aria_call(Method::GET, &used, &admin, None).await, 404);
}
