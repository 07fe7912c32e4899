//! Intents: added at the SDK's path (with its trailing slash), read, replaced, enabled and
//! disabled, removed; a bad intent, a taken name or an auditor changes nothing.

use crate::common::*;
use reqwest::Method;
use serde_json::{json, Value};

fn mtu(name: &str) -> Value {
    json!({"name": name, "alertType": "Intent", "intentTypeId": "MtuMismatch",
           "paramValues": [{"id": "CheckMgmtInterface", "values": "true", "valueType": "BOOLEAN"}],
           "filterRules": {"filterType": "INCLUSION", "rules": [{"membership": {"membershipType": "QUERY_TYPE", "objectType": 515, "query": "switch"}}]},
           "selected_scope": "All", "severity": "Warning",
           "notificationSettings": [{"type": "EMAIL", "frequency": "DAILY", "enabled": true, "receivers": ["netops@example.com"],
                                     "schedule": [{"type": "PERIODIC", "periodInMS": 86400000, "startTimestamp": 0}]}]})
}

#[tokio::test]
async fn intents_are_kept_replaced_switched_and_removed() {
    let sb = start().await;
    let admin = sb.admin().await;
    let made = sb
        .aria_call(
            Method::POST,
            "/alert-configs/intents/",
            &admin,
            Some(mtu("mtu")),
        )
        .await;
    assert_eq!(made.status, 201, "{}", made.text);
    let made = made.json();
    assert_eq!(made["enabled"], true, "enabled unless said otherwise");
    let id = made["entity_id"].as_str().unwrap().to_string();
    let path = format!("/alert-configs/intents/{id}");
    let read = sb.aria_call(Method::GET, &path, &admin, None).await.json();
    assert_eq!(read, made);
    assert_eq!(
        read["notificationSettings"][0]["schedule"][0]["periodInMS"],
        86_400_000
    );
    // Replaced whole: what the new body leaves out is gone.
    let mut body = json!({"name": "duplex", "alertType": "Intent", "intentTypeId": "DuplexMismatch", "severity": "Critical", "enabled": false});
    let replaced = sb
        .aria_call(Method::PUT, &path, &admin, Some(body.clone()))
        .await;
    assert_eq!(replaced.status, 200, "{}", replaced.text);
    let replaced = replaced.json();
    assert_eq!(replaced["name"], "duplex");
    assert!(
        replaced.get("paramValues").is_none_or(|p| p == &json!([])),
        "{replaced}"
    );
    assert_eq!(replaced["entity_id"], id.as_str());
    for (action, on) in [("enable", true), ("disable", false), ("enable", true)] {
        let a = sb
            .aria_call(Method::POST, &format!("{path}/{action}"), &admin, None)
            .await;
        assert_eq!(a.status, 200, "{}", a.text);
        assert_eq!(a.json()["enabled"], on);
    }
    // Names are unique, in any case; an intent may keep its own.
    let other = sb
        .aria_call(
            Method::POST,
            "/alert-configs/intents",
            &admin,
            Some(mtu("MTU")),
        )
        .await;
    assert_eq!(other.status, 201);
    body["name"] = json!("Mtu");
    assert_aria_error(
        &sb.aria_call(Method::PUT, &path, &admin, Some(body.clone()))
            .await,
        409,
    );
    body["name"] = json!("duplex");
    assert_eq!(
        sb.aria_call(Method::PUT, &path, &admin, Some(body))
            .await
            .status,
        200
    );
    assert_eq!(
        sb.aria_call(Method::DELETE, &path, &admin, None)
            .await
            .status,
        200
    );
    assert_aria_error(&sb.aria_call(Method::GET, &path, &admin, None).await, 404);
    assert_aria_error(
        &sb.aria_call(Method::POST, &format!("{path}/enable"), &admin, None)
            .await,
        404,
    );
}

#[tokio::test]
async fn bad_intents_a_taken_name_and_auditors_change_nothing() {
    let sb = start().await;
    let admin = sb.admin().await;
    let kept = sb
        .aria_call(
            Method::POST,
            "/alert-configs/intents",
            &admin,
            Some(mtu("kept")),
        )
        .await
        .json();
    let mut bad = Vec::new();
    for field in ["name", "alertType", "intentTypeId", "severity"] {
        let mut b = mtu("new");
        b.as_object_mut().unwrap().remove(field);
        bad.push(b);
    }
    let mut b = mtu("new");
    b["alertType"] = json!("SdwanIntent");
    bad.push(b);
    let mut b = mtu("new");
    b["notificationSettings"][0]["schedule"][0] = json!({"type": "PERIODIC"});
    bad.push(b);
    for body in bad {
        let a = sb
            .aria_call(
                Method::POST,
                "/alert-configs/intents",
                &admin,
                Some(body.clone()),
            )
            .await;
        assert_aria_error(&a, 400);
    }
    assert_aria_error(
        &sb.aria_call(
            Method::POST,
            "/alert-configs/intents",
            &admin,
            Some(mtu("KEPT")),
        )
        .await,
        409,
    );
    let auditor = sb.aria_token("auditor@local", "auditor").await;
    assert_aria_error(
        &sb.aria_call(
            Method::POST,
            "/alert-configs/intents",
            &auditor,
            Some(mtu("new")),
        )
        .await,
        403,
    );
    let path = format!(
        "/alert-configs/intents/{}",
        kept["entity_id"].as_str().unwrap()
    );
    assert_aria_error(
        &sb.aria_call(Method::POST, &format!("{path}/disable"), &auditor, None)
            .await,
        403,
    );
    assert_aria_error(
        &sb.aria_call(Method::DELETE, &path, &auditor, None).await,
        403,
    );
    // The auditor may read it, unchanged.
    assert_eq!(
        sb.aria_call(Method::GET, &path, &auditor, None)
            .await
            .json(),
        kept
    );
}
