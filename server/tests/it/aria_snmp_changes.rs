//! Changes to SNMP trap profiles and user-defined events (E115): a profile replaced with its
//! secret kept, a test trap described, events' traps moved, the engine id, events changed and
//! turned off and on.

use crate::common::*;
use reqwest::Method;
use serde_json::{json, Value};

const PROFILES: &str = "/settings/snmp/profiles";
const EVENTS: &str = "/settings/events/user-defined-events";

async fn profile(sb: &TestSandbox, admin: &str, name: &str) -> String {
    let body = json!({"nick_name": name, "target_ip": "10.1.1.2", "target_port": 162,
                      "snmp_version": "v2c", "snmp_v2c": {"community_string": "public"}});
    let a = sb
        .aria_call(Method::POST, PROFILES, admin, Some(body))
        .await;
    assert_eq!(a.status, 201, "{}", a.text);
    a.json()["entity_id"].as_str().unwrap().to_string()
}

fn event(name: &str, traps: &[&str]) -> Value {
    json!({"event_name": name, "severity": "CRITICAL",
           "search_criteria": "vms where security_groups.name = 'web-tier'",
           "generate_event_criteria": "ZERO_SEARCH_RESULTS", "snmp_trap_entity_ids": traps})
}

#[tokio::test]
async fn profiles_change_keep_their_secret_and_hand_their_events_on() {
    let sb = start().await;
    let admin = sb.admin().await;
    let (a, b) = (
        profile(&sb, &admin, "a").await,
        profile(&sb, &admin, "b").await,
    );
    // A change without the community keeps it; the answer never shows it.
    let path = format!("{PROFILES}/{a}");
    let change = json!({"nick_name": "a2", "target_ip": "10.1.1.3", "target_port": 1162,
                        "snmp_version": "v2c"});
    let r = sb.aria_call(Method::PUT, &path, &admin, Some(change)).await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json()["snmp_v2c"]["community_string"], "");
    let got = sb.aria_call(Method::GET, &path, &admin, None).await.json();
    assert_eq!(
        (got["nick_name"].clone(), got["target_port"].clone()),
        (json!("a2"), json!(1162))
    );
    // A v3 profile needs its user.
    let v3 = json!({"nick_name": "a3", "target_ip": "10.1.1.3", "target_port": 162, "snmp_version": "v3"});
    assert_aria_error(
        &sb.aria_call(Method::PUT, &path, &admin, Some(v3)).await,
        400,
    );
    // A v3 profile keeps no v2c community its body also carried: a later change to v2c
    // without one has none to keep.
    let both = json!({"nick_name": "a3", "target_ip": "10.1.1.3", "target_port": 162,
                      "snmp_version": "v3", "snmp_v2c": {"community_string": "stray"},
                      "snmp_v3": {"username": "u", "authentication_type": "NO_AUTH"}});
    let r = sb
        .aria_call(Method::PUT, &path, &admin, Some(both.clone()))
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let v2c = json!({"nick_name": "a4", "target_ip": "10.1.1.3", "target_port": 162,
                     "snmp_version": "v2c"});
    assert_aria_error(
        &sb.aria_call(Method::PUT, &path, &admin, Some(v2c.clone()))
            .await,
        400,
    );
    // The same when added so.
    let mut added = both.clone();
    added["nick_name"] = json!("a5");
    let r = sb
        .aria_call(Method::POST, PROFILES, &admin, Some(added))
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let other = format!("{PROFILES}/{}", r.json()["entity_id"].as_str().unwrap());
    assert_aria_error(
        &sb.aria_call(Method::PUT, &other, &admin, Some(v2c)).await,
        400,
    );
    assert_eq!(
        sb.aria_call(Method::DELETE, &other, &admin, None)
            .await
            .status,
        204
    );
    let unknown = json!({"nick_name": "x", "target_ip": "10.1.1.3", "target_port": 162,
                         "snmp_version": "v2c", "snmp_v2c": {"community_string": "c"}});
    let missing = format!("{PROFILES}/snmp-nosuchprofile");
    assert_aria_error(
        &sb.aria_call(Method::PUT, &missing, &admin, Some(unknown.clone()))
            .await,
        404,
    );
    // A test trap is described, not sent.
    let test = format!("{PROFILES}/send-test-trap");
    let r = sb
        .aria_call(Method::POST, &test, &admin, Some(unknown))
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert!(
        r.json()["message"]
            .as_str()
            .unwrap()
            .contains("10.1.1.3:162"),
        "{}",
        r.text
    );

    // Events' traps move from a to b; then a can go.
    let e = sb
        .aria_call(
            Method::POST,
            EVENTS,
            &admin,
            Some(event("no web vms", &[&a])),
        )
        .await;
    assert_eq!(e.status, 201, "{}", e.text);
    let id = e.json()["entity_id"].as_str().unwrap().to_string();
    assert_aria_error(
        &sb.aria_call(Method::DELETE, &path, &admin, None).await,
        400,
    );
    let migrate = format!("{path}/migrate-events");
    for bad in [
        json!({"snmp_profiles": []}),
        json!({"snmp_profiles": [a.clone()]}),
        json!({"snmp_profiles": [b.clone(), "snmp-nosuchprofile"]}),
    ] {
        assert_aria_error(
            &sb.aria_call(Method::POST, &migrate, &admin, Some(bad))
                .await,
            400,
        );
    }
    let r = sb
        .aria_call(
            Method::POST,
            &migrate,
            &admin,
            Some(json!({"snmp_profiles": [b.clone()]})),
        )
        .await;
    assert_eq!(r.status, 204, "{}", r.text);
    let moved = sb
        .aria_call(Method::GET, &format!("{EVENTS}/{id}"), &admin, None)
        .await
        .json();
    assert_eq!(moved["snmp_trap_entity_ids"], json!([b]));
    assert_eq!(
        sb.aria_call(Method::DELETE, &path, &admin, None)
            .await
            .status,
        204
    );

    // The engine id.
    let engine = "/settings/snmp/engine-id";
    let first = sb.aria_call(Method::GET, engine, &admin, None).await.json();
    assert!(
        first["engine_id"].as_str().unwrap().starts_with("80001adc"),
        "{first}"
    );
    for bad in ["80001", "80001adc0", "xyz0123456", ""] {
        let r = sb
            .aria_call(Method::PUT, engine, &admin, Some(json!({"engine_id": bad})))
            .await;
        assert_aria_error(&r, 400);
    }
    let r = sb
        .aria_call(
            Method::PUT,
            engine,
            &admin,
            Some(json!({"engine_id": "80001ADC030102030405"})),
        )
        .await;
    assert_eq!(r.json()["engine_id"], "80001adc030102030405");
    assert_eq!(
        sb.aria_call(Method::GET, engine, &admin, None).await.json(),
        r.json()
    );
}

#[tokio::test]
async fn events_change_and_turn_off_and_on() {
    let sb = start().await;
    let admin = sb.admin().await;
    let first = sb
        .aria_call(Method::POST, EVENTS, &admin, Some(event("first", &[])))
        .await
        .json();
    sb.aria_call(Method::POST, EVENTS, &admin, Some(event("second", &[])))
        .await;
    let path = format!("{EVENTS}/{}", first["entity_id"].as_str().unwrap());
    let off = sb
        .aria_call(Method::POST, &format!("{path}/disable"), &admin, None)
        .await;
    assert_eq!(off.json()["active"], false);
    // Another event's name is taken; its own is not; `active` stays as it was.
    assert_aria_error(
        &sb.aria_call(Method::PUT, &path, &admin, Some(event("Second", &[])))
            .await,
        400,
    );
    let mut changed = event("first", &[]);
    changed["severity"] = json!("WARNING");
    let r = sb
        .aria_call(Method::PUT, &path, &admin, Some(changed))
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(
        (r.json()["severity"].clone(), r.json()["active"].clone()),
        (json!("Warning"), json!(false))
    );
    assert_aria_error(
        &sb.aria_call(
            Method::PUT,
            &path,
            &admin,
            Some(event("first", &["snmp-none"])),
        )
        .await,
        400,
    );
    let on = sb
        .aria_call(Method::POST, &format!("{path}/enable"), &admin, None)
        .await;
    assert_eq!(on.json()["active"], true);
    let gone = format!("{EVENTS}/nosuch");
    assert_aria_error(
        &sb.aria_call(Method::POST, &format!("{gone}/enable"), &admin, None)
            .await,
        404,
    );
}
