//! Syslog forwarding (E114): servers stored and checked, sources mapped to them, forwarding
//! turned on and off, and a test log that answers the line it would send.

use crate::common::*;
use reqwest::Method;
use serde_json::json;

const SYSLOG: &str = "/settings/syslog";

#[tokio::test]
async fn servers_mappings_status_and_a_test_log() {
    let sb = start().await;
    let admin = sb.admin().await;
    let member = sb.aria_token("member@local", "member").await;
    let server = json!({"ip_or_fqdn": "10.0.0.20", "nick_name": "siem"});
    assert_aria_error(
        &sb.aria_call(Method::POST, SYSLOG, &member, Some(server.clone()))
            .await,
        403,
    );
    let a = sb
        .aria_call(Method::POST, SYSLOG, &admin, Some(server.clone()))
        .await;
    assert_eq!(a.status, 201, "{}", a.text);
    // UDP on 514 when absent.
    assert_eq!(
        (a.json()["port"].clone(), a.json()["protocol"].clone()),
        (json!(514), json!("UDP"))
    );
    assert_aria_error(
        &sb.aria_call(Method::POST, SYSLOG, &admin, Some(server))
            .await,
        400,
    );
    for bad in [
        json!({"ip_or_fqdn": "not a host!"}),
        json!({"ip_or_fqdn": "10.0.0.21", "protocol": "TCP"}),
        json!({"ip_or_fqdn": "10.0.0.21", "port": 70000}),
        json!({"ip_or_fqdn": "10.0.0.21", "collector_id": "no-such-node"}),
    ] {
        assert_aria_error(
            &sb.aria_call(Method::POST, SYSLOG, &admin, Some(bad)).await,
            400,
        );
    }
    let b = json!({"ip_or_fqdn": "Logs.Example.com", "port": 1514});
    assert_eq!(
        sb.aria_call(Method::POST, SYSLOG, &admin, Some(b))
            .await
            .status,
        201
    );
    let list = sb.aria_call(Method::GET, SYSLOG, &admin, None).await.json();
    assert_eq!(list["data"][1]["ip_or_fqdn"], "logs.example.com");
    // A change keeps the path's server.
    let path = format!("{SYSLOG}/10.0.0.20");
    let moved = json!({"ip_or_fqdn": "10.0.0.99", "port": 515});
    assert_aria_error(
        &sb.aria_call(Method::PUT, &path, &admin, Some(moved)).await,
        400,
    );
    let changed = json!({"ip_or_fqdn": "10.0.0.20", "port": 515});
    let a = sb
        .aria_call(Method::PUT, &path, &admin, Some(changed))
        .await;
    assert_eq!(a.json()["port"], 515);

    // Mappings: all entries or none.
    let mapping = format!("{SYSLOG}/mapping");
    let half_bad = json!([{"syslog_source": "platform", "syslog_ip": "10.0.0.20"},
                          {"syslog_source": "niEvents", "syslog_ip": "10.9.9.9"}]);
    assert_aria_error(
        &sb.aria_call(Method::POST, &mapping, &admin, Some(half_bad))
            .await,
        400,
    );
    assert_eq!(
        sb.aria_call(Method::GET, &mapping, &admin, None)
            .await
            .json()["data"],
        json!([])
    );
    let nodes = sb
        .aria_call(Method::GET, "/infra/nodes", &admin, None)
        .await
        .json();
    let collector = nodes["results"][1]["id"].clone();
    let both = json!([{"syslog_source": "platform", "syslog_ip": "10.0.0.20"},
                      {"syslog_source": "collector", "collector_id": collector, "syslog_ip": "logs.example.com"}]);
    let a = sb
        .aria_call(Method::POST, &mapping, &admin, Some(both))
        .await;
    assert_eq!(a.status, 200, "{}", a.text);
    assert_eq!(a.json()["data"].as_array().unwrap().len(), 2);
    // Unmapping, and a removed server takes its mappings with it.
    let unmap = json!([{"syslog_source": "platform"}]);
    let a = sb
        .aria_call(Method::POST, &mapping, &admin, Some(unmap))
        .await;
    assert_eq!(a.json()["data"].as_array().unwrap().len(), 1);
    let gone = sb
        .aria_call(
            Method::DELETE,
            &format!("{SYSLOG}/logs.example.com"),
            &admin,
            None,
        )
        .await;
    assert_eq!(gone.status, 204);
    assert_eq!(
        sb.aria_call(Method::GET, &mapping, &admin, None)
            .await
            .json()["data"],
        json!([])
    );

    // A test log needs forwarding on and a configured server.
    let test = format!("{SYSLOG}/send-test-log");
    let target = json!({"ip_or_fqdn": "10.0.0.20", "port": 515, "protocol": "UDP"});
    assert_aria_error(
        &sb.aria_call(Method::POST, &test, &admin, Some(target.clone()))
            .await,
        400,
    );
    let status = format!("{SYSLOG}/status");
    assert_eq!(
        sb.aria_call(Method::GET, &status, &admin, None)
            .await
            .json()["enabled"],
        false
    );
    let on = sb
        .aria_call(
            Method::PATCH,
            &status,
            &admin,
            Some(json!({"enabled": true})),
        )
        .await;
    assert_eq!(on.status, 200, "{}", on.text);
    assert_eq!(on.json()["change_time"], sb.sandbox.clock.now_secs() * 1000);
    let a = sb
        .aria_call(Method::POST, &test, &admin, Some(target))
        .await;
    assert_eq!(a.status, 200, "{}", a.text);
    let message = a.json()["message"].as_str().unwrap().to_string();
    assert!(
        message.contains("10.0.0.20:515") && message.contains("<13>1 "),
        "{message}"
    );
    let unknown = json!({"ip_or_fqdn": "10.0.0.77"});
    assert_aria_error(
        &sb.aria_call(Method::POST, &test, &admin, Some(unknown))
            .await,
        400,
    );
    // A name that is no host names no server.
    let odd = format!("{SYSLOG}/not%20a%20host");
    assert_aria_error(&sb.aria_call(Method::DELETE, &odd, &admin, None).await, 404);
}
