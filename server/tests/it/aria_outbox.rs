//! What Aria would have sent (E122): syslog test lines and SNMP test traps, recorded with where
//! and how, read through the control API; a refused test records nothing.

use crate::common::*;
use reqwest::Method;
use serde_json::{json, Value};

async fn outbox(sb: &TestSandbox, query: &str) -> Vec<Value> {
    let url = format!("{}/sandbox/v1/aria/outbox{query}", sb.base);
    let a = sb.send(sb.http.get(url)).await;
    assert_eq!(a.status, 200, "{}", a.text);
    a.json()["messages"].as_array().unwrap().clone()
}

#[tokio::test]
async fn test_logs_and_traps_are_recorded_not_sent() {
    let sb = start().await;
    let admin = sb.admin().await;
    let server = json!({"ip_or_fqdn": "10.0.0.20", "port": 515, "protocol": "UDP"});
    let add = (sb.aria_call(
        Method::POST,
        "/settings/syslog",
        &admin,
        Some(server.clone()),
    ))
    .await;
    assert_eq!(add.status, 201, "{}", add.text);
    // Refused (forwarding is off): nothing recorded.
    let test = "/settings/syslog/send-test-log";
    let refused = (sb.aria_call(Method::POST, test, &admin, Some(server.clone()))).await;
    assert_aria_error(&refused, 400);
    assert!(outbox(&sb, "").await.is_empty());
    let on = json!({"enabled": true});
    let r = (sb.aria_call(Method::PATCH, "/settings/syslog/status", &admin, Some(on))).await;
    assert_eq!(r.status, 200, "{}", r.text);
    let sent = sb.aria_call(Method::POST, test, &admin, Some(server)).await;
    assert_eq!(sent.status, 200, "{}", sent.text);

    let trap = json!({"nick_name": "t", "target_ip": "10.1.1.3", "target_port": 162,
                      "snmp_version": "v2c", "snmp_v2c": {"community_string": "s3cret-community"}});
    let path = "/settings/snmp/profiles/send-test-trap";
    let r = sb.aria_call(Method::POST, path, &admin, Some(trap)).await;
    assert_eq!(r.status, 200, "{}", r.text);

    let all = outbox(&sb, "").await;
    assert_eq!(all.len(), 2, "{all:?}");
    assert_eq!(all[0]["kind"], "syslog");
    assert_eq!(all[0]["destination"], "10.0.0.20:515");
    assert_eq!(all[0]["protocol"], "UDP");
    let line = all[0]["message"].as_str().unwrap();
    assert!(line.starts_with("<13>1 "), "{line}");
    assert!(sent.json()["message"].as_str().unwrap().ends_with(line));
    assert_eq!(all[0]["timestamp"], sb.sandbox.clock.now_secs());
    assert_eq!(all[1]["kind"], "snmp");
    assert_eq!(all[1]["destination"], "10.1.1.3:162");
    assert!(!all[1].to_string().contains("s3cret"), "{}", all[1]);
    let traps = outbox(&sb, "?kind=SNMP").await;
    assert_eq!(traps.len(), 1);
    assert_eq!(traps[0]["kind"], "snmp");

    // A reset forgets them.
    let reset = sb.control_call(Method::POST, "/reset", json!({})).await;
    assert!(reset.status < 300, "{}", reset.text);
    assert!(outbox(&sb, "").await.is_empty());
}
