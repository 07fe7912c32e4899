//! The audit log (E120): logins, logouts and changes recorded with who, from where and when,
//! in the change's own transaction; searched by filter, time and page.

use crate::common::*;
use crate::transactions::FailsOn;
use appliance_sandbox::config::Config;
use appliance_sandbox::store::StateStore;
use appliance_sandbox::{Options, Sandbox};
use reqwest::Method;
use serde_json::{json, Value};

const PROXIES: &str = "/settings/proxy-servers";

fn proxy(nick: &str) -> Value {
    json!({"nick_name": nick, "target_ip": "10.0.0.50", "target_port": 3128, "proxy_type": "HTTP",
           "auth_type": "Basic", "use_credentials": false})
}

async fn audit(sb: &TestSandbox, token: &str, filter: Value) -> Value {
    let a = sb
        .aria_call(Method::POST, "/logs/audit", token, Some(filter))
        .await;
    assert_eq!(a.status, 200, "{}", a.text);
    a.json()
}

/// (operation, entity_type, entity_id, response, user) of each record, newest first.
fn records(page: &Value) -> Vec<(String, String, String, String, String)> {
    let s = |v: &Value| v.as_str().unwrap_or_default().to_string();
    (page["results"].as_array().unwrap().iter())
        .map(|r| {
            (
                s(&r["operation"]),
                s(&r["entity_type"]),
                s(&r["entity_id"]),
                s(&r["response"]),
                s(&r["user_name"]),
            )
        })
        .collect()
}

#[tokio::test]
async fn logins_changes_and_logouts_are_recorded_with_who_and_when() {
    let sb = start().await;
    assert_eq!(sb.aria_login_as("admin@local", "wrong").await.status, 401);
    let admin = sb.admin().await;
    let add = sb
        .aria_call(Method::POST, PROXIES, &admin, Some(proxy("squid")))
        .await;
    assert_eq!(add.status, 201, "{}", add.text);
    let id = add.json()["proxy_id"].as_str().unwrap().to_string();
    // Reads and refused changes record nothing.
    sb.aria_call(Method::GET, PROXIES, &admin, None).await;
    let refused = (sb.aria_call(Method::POST, PROXIES, &admin, Some(proxy("SQUID")))).await;
    assert_aria_error(&refused, 400);
    let path = format!("{PROXIES}/{id}");
    let put = sb
        .aria_call(Method::PUT, &path, &admin, Some(proxy("squid-2")))
        .await;
    assert_eq!(put.status, 204, "{}", put.text);
    assert_eq!(
        sb.aria_call(Method::DELETE, &path, &admin, None)
            .await
            .status,
        204
    );
    let member = sb.aria_token("member@local", "member").await;
    assert_eq!(
        sb.aria_call(Method::DELETE, "/auth/token", &member, None)
            .await
            .status,
        204
    );

    let auditor = sb.aria_token("auditor@local", "auditor").await;
    let all = audit(&sb, &auditor, json!({"size": 100})).await;
    let op = |o: &str, t: &str, e: &str, r: &str, u: &str| {
        (
            o.to_string(),
            t.to_string(),
            e.to_string(),
            r.to_string(),
            u.to_string(),
        )
    };
    assert_eq!(
        records(&all),
        [
            op("LOGIN", "USER", "auditor@local", "SUCCESS", "auditor@local"),
            op("LOGOUT", "USER", "member@local", "SUCCESS", "member@local"),
            op("LOGIN", "USER", "member@local", "SUCCESS", "member@local"),
            op("DELETE", "WEB_PROXY", &id, "SUCCESS", "admin@local"),
            op("UPDATE", "WEB_PROXY", &id, "SUCCESS", "admin@local"),
            op("CREATE", "WEB_PROXY", "", "SUCCESS", "admin@local"),
            op("LOGIN", "USER", "admin@local", "SUCCESS", "admin@local"),
            op("LOGIN", "USER", "admin@local", "FAILURE", "admin@local"),
        ]
    );
    assert_eq!(all["total_count"], 8);
    let put_record = &all["results"][4];
    assert_eq!(put_record["value"], "update_web_proxy");
    assert_eq!(put_record["ip_address"], "127.0.0.1");
    let now = sb.sandbox.clock.now_secs();
    assert!(
        (now - put_record["timestamp"].as_i64().unwrap()).abs() <= 2,
        "{put_record}"
    );
    assert_eq!(all["end_time"], json!(now));

    // A member may not read the log, whatever the body; an administrator may.
    let member = sb.aria_token("member@local", "member").await;
    for body in [json!({}), json!({"size": "many"})] {
        let r = sb
            .aria_call(Method::POST, "/logs/audit", &member, Some(body))
            .await;
        assert_aria_error(&r, 403);
    }
    audit(&sb, &admin, json!({})).await;
}

#[tokio::test]
async fn pages_do_not_shift_when_records_are_written_between_them() {
    let sb = start().await;
    let admin = sb.admin().await;
    for n in ["a", "b", "c"] {
        let r = (sb.aria_call(Method::POST, PROXIES, &admin, Some(proxy(n)))).await;
        assert_eq!(r.status, 201, "{}", r.text);
    }
    let first = audit(&sb, &admin, json!({"size": 2})).await;
    assert_eq!(first["total_count"], 4);
    // A login and a change between the pages.
    let r = (sb.aria_call(Method::POST, PROXIES, &admin, Some(proxy("d")))).await;
    assert_eq!(r.status, 201, "{}", r.text);
    let cursor = first["cursor"].as_str().unwrap();
    let second = audit(&sb, &admin, json!({"size": 2, "cursor": cursor})).await;
    assert_eq!(second["total_count"], 4);
    let mut seen = records(&first);
    seen.extend(records(&second));
    assert_eq!(seen.len(), 4);
    assert_eq!(seen[3].0, "LOGIN", "{seen:?}");
    assert_eq!(
        seen.iter().filter(|r| r.0 == "CREATE").count(),
        3,
        "{seen:?}"
    );
    // A new search sees the new record.
    assert_eq!(audit(&sb, &admin, json!({})).await["total_count"], 5);
}

#[tokio::test]
async fn refused_logins_are_recorded_with_a_bounded_name() {
    let sb = start().await;
    let long = "x".repeat(5000);
    assert_eq!(sb.aria_login_as(&long, "nope").await.status, 401);
    let admin = sb.admin().await;
    let failed = audit(&sb, &admin, json!({"response": "FAILURE"})).await;
    let name = failed["results"][0]["user_name"].as_str().unwrap();
    assert_eq!(name.chars().count(), 256);
}

#[tokio::test]
async fn the_log_is_searched_by_filter_time_and_page() {
    let sb = start().await;
    let admin = sb.admin().await;
    for n in ["a", "b", "c"] {
        let r = sb
            .aria_call(Method::POST, PROXIES, &admin, Some(proxy(n)))
            .await;
        assert_eq!(r.status, 201, "{}", r.text);
    }
    // PowervRNI's body: `username`, `operation`, `size`; matches ignore case.
    let creates = audit(
        &sb,
        &admin,
        json!({"username": "ADMIN@local", "operation": "create", "size": 2}),
    )
    .await;
    assert_eq!(creates["total_count"], 3);
    assert_eq!(creates["results"].as_array().unwrap().len(), 2);
    let cursor = creates["cursor"].as_str().unwrap();
    let rest = audit(
        &sb,
        &admin,
        json!({"user_name": "admin@local", "operation": "CREATE", "size": 2, "cursor": cursor}),
    )
    .await;
    assert_eq!(rest["results"].as_array().unwrap().len(), 1);
    assert!(rest.get("cursor").is_none_or(Value::is_null), "{rest}");
    assert_eq!(
        audit(&sb, &admin, json!({"entity_type": "USER"})).await["total_count"],
        1
    );

    // A window before every record finds none and answers the window asked for.
    let now = sb.sandbox.clock.now_secs();
    let before = json!({"time_range": {"start_time": now - 7200, "end_time": now - 3600}});
    let none = audit(&sb, &admin, before).await;
    assert_eq!(none["total_count"], 0);
    assert_eq!(none["start_time"], now - 7200);
    let window = json!({"time_range": {"start_time": now - 60, "end_time": now + 60}});
    assert_eq!(audit(&sb, &admin, window).await["total_count"], 4);

    for bad in [
        json!({"time_range": {"start_time": now, "end_time": now - 1}}),
        json!({"user_name": "admin@local", "username": "member@local"}),
        json!({"size": 0}),
        json!({"size": 1001}),
        json!({"cursor": "%%"}),
    ] {
        let r = (sb.aria_call(Method::POST, "/logs/audit", &admin, Some(bad))).await;
        assert_aria_error(&r, 400);
    }
}

#[tokio::test]
async fn a_change_and_its_record_commit_together_or_not_at_all() {
    let store = FailsOn::new("aria.audit_log");
    let sb =
        serve(Sandbox::open(Config::default(), Options::default(), store.clone()).unwrap()).await;
    store.arm(false);
    let admin = sb.admin().await;
    store.arm(true);
    // The record cannot be saved: the proxy is not added either.
    let r = sb
        .aria_call(Method::POST, PROXIES, &admin, Some(proxy("squid")))
        .await;
    assert_aria_error(&r, 500);
    let list = sb
        .aria_call(Method::GET, PROXIES, &admin, None)
        .await
        .json();
    assert_eq!(list["results"].as_array().unwrap().len(), 0, "{list}");
    assert!(store.inner.load("aria.web_proxies").unwrap().is_empty());
    store.arm(false);
    let r = sb
        .aria_call(Method::POST, PROXIES, &admin, Some(proxy("squid")))
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let creates = audit(&sb, &admin, json!({"operation": "CREATE"})).await;
    assert_eq!(creates["total_count"], 1);
}
