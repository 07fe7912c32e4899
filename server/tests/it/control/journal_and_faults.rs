//! The control API's journal and faults, over HTTP.

use crate::common;

use std::time::{Duration, Instant};

use appliance_sandbox::Options;
use common::*;
use reqwest::Method;
use serde_json::json;

/// The vIDM reads `pass%77ord` as `password`; the journal judges names the same way, and keeps
/// nothing of credentials in headers or URLs.
#[tokio::test]
async fn the_journal_masks_encoded_secret_names_headers_and_url_credentials() {
    let sb = start().await;
    let admin = sb.admin().await;
    sb.configure_vidm(&admin).await;
    sb.send(sb.http.delete(sb.control("/journal"))).await;
    for name in ["pass%77ord", "%70assword"] {
        let url = format!(
            "{}/SAAS/auth/oauthtoken?grant_type=password&client_id=g9xUFRr84K_pwd_grant\
             &username=testuser&{name}=vidm-password",
            sb.base
        );
        assert_eq!(sb.send(sb.http.post(url)).await.status, 200, "{name}");
    }
    let token = "eyJhbGciOiJSUzI1NiJ9.e30.c2ln";
    sb.send(
        sb.http
            .get(sb.aria("/info/version"))
            .header("Authorization", format!("{token} x"))
            .header("Cookie", format!("HZN={token}"))
            .header("csp-auth-token", token)
            .header("x-vmware-token", token)
            .query(&[("url", "https://u:hunter2@h/x"), ("API_Key", "k3y-value")]),
    )
    .await;
    let all = sb.send(sb.http.get(sb.control("/journal"))).await;
    for secret in ["vidm-password", "eyJhbGciOi", "hunter2", "k3y-value"] {
        assert!(!all.text.contains(secret), "{secret} in {}", all.text);
    }
    let j = all.json();
    assert_eq!(j["entries"][2]["headers"]["authorization"], "***");
    assert_eq!(j["entries"][2]["query"], "url=***&API_Key=***");
}

#[tokio::test]
async fn the_journal_records_requests_with_secrets_masked() {
    let sb = start().await;
    let admin = sb.admin().await;
    sb.aria_call(Method::GET, "/info/version", &admin, None)
        .await;
    sb.vidm_password_grant("nobody", "testuser", "vidm-password")
        .await;
    let all = sb.send(sb.http.get(sb.control("/journal"))).await;
    assert!(!all.text.contains("vidm-password"), "{}", all.text);
    assert!(!all.text.contains(&admin), "{}", all.text);
    let j = all.json();
    assert_eq!(j["total"], 3);
    let e = &j["entries"];
    assert_eq!(e[0]["method"], "POST");
    assert_eq!(e[0]["path"], "/api/ni/auth/token");
    assert_eq!(e[0]["status"], 200);
    assert_eq!(e[1]["headers"]["authorization"], "NetworkInsight ***");
    assert_eq!(
        e[2]["query"],
        "grant_type=password&client_id=nobody&username=testuser&password=***"
    );
    assert_eq!(e[2]["status"], 401);
    assert!(e[0]["id"].as_i64() < e[1]["id"].as_i64());

    let filtered = sb
        .send(
            sb.http
                .get(sb.control("/journal"))
                .query(&[("path", "/api/ni/info"), ("method", "get")]),
        )
        .await
        .json();
    assert_eq!(filtered["total"], 1);
    assert_eq!(filtered["entries"][0]["path"], "/api/ni/info/version");

    assert_eq!(
        sb.send(sb.http.delete(sb.control("/journal"))).await.status,
        204
    );
    assert_eq!(
        sb.send(sb.http.get(sb.control("/journal"))).await.json()["total"],
        0
    );
}

#[tokio::test]
async fn an_injected_429_then_a_successful_retry() {
    use appliance_client::sandbox::{types, Client};
    let sb = start().await;
    let admin = sb.admin().await;
    let control = Client::new(&format!("{}/sandbox/v1", sb.base));
    let rule = control
        .add_fault()
        .body(types::FaultRequest {
            method: "GET".into(),
            path: "/api/ni/info/version".into(),
            kind: types::FaultKind::Status,
            status: Some(429),
            latency_ms: None,
            count: Some(1),
        })
        .send()
        .await
        .unwrap()
        .into_inner();
    assert_eq!(rule.remaining, 1);

    let first = sb
        .aria_call(Method::GET, "/info/version", &admin, None)
        .await;
    assert_aria_error(&first, 429);
    assert_eq!(first.headers["retry-after"], "1");
    let retry = sb
        .aria_call(Method::GET, "/info/version", &admin, None)
        .await;
    assert_eq!(retry.status, 200);
    assert_eq!(retry.json()["api_version"], "6.12.0");
    assert!(
        control
            .list_faults()
            .send()
            .await
            .unwrap()
            .into_inner()
            .is_empty(),
        "used up"
    );

    let journal = control
        .list_journal()
        .path("/api/ni/info")
        .send()
        .await
        .unwrap()
        .into_inner();
    assert_eq!(journal.entries.len(), 2);
    assert_eq!(journal.entries[0].fault.as_deref(), Some(rule.id.as_str()));
    assert_eq!(journal.entries[1].fault, None);
}

#[tokio::test]
async fn faults_match_method_and_path_prefix_and_answer_in_the_apis_shape() {
    let sb = start().await;
    let add = |body: serde_json::Value| sb.http.post(sb.control("/faults")).json(&body);
    let r = sb.send(add(json!({"method": "*", "path": "/Spectre/*", "kind": "status", "status": 503, "count": 2}))).await;
    assert_eq!(r.status, 201, "{}", r.text);
    let a = sb.omivv_login_as("admin", "admin123").await;
    assert_omivv_error(&a, 503, "Injected fault");
    assert_eq!(sb.omivv_login_as("admin", "admin123").await.status, 503);
    assert_eq!(sb.omivv_login_as("admin", "admin123").await.status, 200);

    // A rule for another method does not fire.
    sb.send(add(
        json!({"method": "DELETE", "path": "/api/ni/auth/token", "kind": "status", "status": 500}),
    ))
    .await;
    assert_eq!(sb.aria_login_as("admin@local", "admin").await.status, 200);
    let rules = sb.send(sb.http.get(sb.control("/faults"))).await.json();
    assert_eq!(rules.as_array().unwrap().len(), 1);
    let id = rules[0]["id"].as_str().unwrap();
    assert_eq!(
        sb.send(sb.http.delete(sb.control(&format!("/faults/{id}"))))
            .await
            .status,
        204
    );
    assert_eq!(
        sb.send(sb.http.delete(sb.control(&format!("/faults/{id}"))))
            .await
            .status,
        404
    );

    for bad in [
        json!({"method": "GET", "path": "/x", "kind": "status"}),
        json!({"method": "GET", "path": "/x", "kind": "status", "status": 200}),
        json!({"method": "GET", "path": "/x", "kind": "latency", "latency_ms": 999999}),
        json!({"method": "GET", "path": "x", "kind": "close"}),
        json!({"method": "GET", "path": "/x", "kind": "explode"}),
        json!({"method": "GET", "path": "/x", "kind": "close", "count": 0}),
    ] {
        let a = sb.send(add(bad.clone())).await;
        assert_eq!(a.status, 400, "{bad}: {}", a.text);
        assert!(a.json()["message"].is_string());
    }
}

#[tokio::test]
async fn latency_and_closed_connections() {
    let sb = start().await;
    let add = |body: serde_json::Value| sb.http.post(sb.control("/faults")).json(&body);
    sb.send(add(json!({"method": "GET", "path": "/SAAS/auth/.well-known/openid-configuration", "kind": "latency", "latency_ms": 300}))).await;
    let url = format!("{}/SAAS/auth/.well-known/openid-configuration", sb.base);
    let t = Instant::now();
    assert_eq!(sb.send(sb.http.get(&url)).await.status, 200);
    assert!(t.elapsed() >= Duration::from_millis(300));

    sb.send(add(json!({"method": "GET", "path": "/SAAS/auth/.well-known/openid-configuration", "kind": "close"}))).await;
    let broken = match sb.http.get(&url).send().await {
        Err(_) => true,
        Ok(resp) => resp.bytes().await.is_err(),
    };
    assert!(broken, "the injected close must break the response");
    assert_eq!(sb.send(sb.http.get(&url)).await.status, 200);
}

#[tokio::test]
async fn no_control_hides_the_control_api() {
    let sb = start_with(
        Default::default(),
        Options {
            no_control: true,
            ..Default::default()
        },
    )
    .await;
    let a = sb.send(sb.http.get(sb.control("/health"))).await;
    assert_eq!(a.status, 404);
}

#[tokio::test]
async fn serves_the_docs_site_when_built_and_says_how_to_build_it_when_not() {
    let dir = std::env::temp_dir().join(format!("sandbox-docs-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("assets")).unwrap();
    std::fs::write(dir.join("index.html"), "<h1>docs</h1>").unwrap();
    std::fs::write(dir.join("assets/site.css"), "body{}").unwrap();
    let sb = start_with(
        Default::default(),
        Options {
            docs_dir: Some(dir.clone()),
            ..Default::default()
        },
    )
    .await;
    let no_redirects = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let r = no_redirects
        .get(format!("{}/docs", sb.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 308);
    assert_eq!(r.headers()["location"], "/docs/");
    assert_eq!(
        sb.send(sb.http.get(format!("{}/docs/", sb.base)))
            .await
            .text,
        "<h1>docs</h1>"
    );
    assert_eq!(
        sb.send(sb.http.get(format!("{}/docs/assets/site.css", sb.base)))
            .await
            .status,
        200
    );
    // Docs requests are not appliance traffic: the journal leaves them out.
    assert_eq!(
        sb.send(sb.http.get(sb.control("/journal"))).await.json()["total"],
        0
    );

    let bare = start_with(
        Default::default(),
        Options {
            docs_dir: Some(dir.join("nope")),
            ..Default::default()
        },
    )
    .await;
    let a = bare
        .send(bare.http.get(format!("{}/docs/", bare.base)))
        .await;
    assert_eq!(a.status, 404);
    assert!(a.json()["message"]
        .as_str()
        .unwrap()
        .contains("cargo xtask docs"));
    std::fs::remove_dir_all(dir).unwrap();
}

#[tokio::test]
async fn fault_rules_are_capped_and_never_aim_at_the_control_api() {
    let sb = start().await;
    let add = |path: &str| {
        sb.http
            .post(sb.control("/faults"))
            .json(&json!({"method": "*", "path": path, "kind": "status", "status": 503}))
    };
    for path in ["/sandbox/v1/clock", "/sandbox/v1/*", "/sandbox*", "/s*"] {
        let a = sb.send(add(path)).await;
        assert_eq!(a.status, 400, "{path}: {}", a.text);
        assert!(
            a.json()["message"]
                .as_str()
                .unwrap()
                .contains("control API"),
            "{}",
            a.text
        );
    }
    for i in 0..appliance_sandbox::control::MAX_RULES {
        let a = sb.send(add(&format!("/api/ni/no-such-path-{i}"))).await;
        assert_eq!(a.status, 201, "{}", a.text);
    }
    let over = sb.send(add("/api/ni/one-too-many")).await;
    assert_eq!(over.status, 400, "{}", over.text);
    assert!(over.text.contains("at most 100"), "{}", over.text);
    let rules = sb.send(sb.http.get(sb.control("/faults"))).await.json();
    assert_eq!(
        rules.as_array().unwrap().len(),
        appliance_sandbox::control::MAX_RULES
    );
    // "/*" reaches the appliances' APIs, so it is a rule like any other once there is room.
    let id = rules[0]["id"].as_str().unwrap();
    let deleted = sb
        .send(sb.http.delete(sb.control(&format!("/faults/{id}"))))
        .await;
    assert_eq!(deleted.status, 204);
    assert_eq!(sb.send(add("/*")).await.status, 201);
}
