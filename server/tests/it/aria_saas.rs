//! The SaaS deployment (E121): Cloud Services API tokens exchanged for access tokens, taken in
//! `csp-auth-token` under `/ni/api/ni` (and `/api/ni`), with the token's role; on premises the
//! header opens nothing.

use crate::common::*;
use appliance_sandbox::aria_networks::deployment::Deployment;
use appliance_sandbox::config::Config;
use appliance_sandbox::Options;
use serde_json::{json, Value};

const EXCHANGE: &str = "/csp/gateway/am/api/auth/api-tokens/authorize";

async fn saas() -> TestSandbox {
    let mut config = Config::default();
    config.aria.deployment = Deployment::Saas;
    start_with(config, Options::default()).await
}

/// PowervRNI's form body `api_token=...`.
async fn exchange(sb: &TestSandbox, api_token: &str) -> Answer {
    let req = sb
        .http
        .post(format!("{}{EXCHANGE}", sb.base))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("api_token={}", api_token));
    sb.send(req).await
}

async fn access_token(sb: &TestSandbox, api_token: &str) -> String {
    let a = exchange(sb, api_token).await;
    assert_eq!(a.status, 200, "{}", a.text);
    a.json()["access_token"].as_str().unwrap().to_string()
}

async fn get(sb: &TestSandbox, path: &str, header: (&str, &str)) -> Answer {
    let req = sb
        .http
        .get(format!("{}{path}", sb.base))
        .header(header.0, header.1);
    sb.send(req).await
}

fn assert_csp_error(a: &Answer, status: u16) {
    assert_eq!(a.status, status, "{}", a.text);
    let body: Value = a.json();
    assert_eq!(body["statusCode"], status, "{}", a.text);
    assert!(body["message"].as_str().is_some_and(|m| !m.is_empty()));
}

#[tokio::test]
async fn api_tokens_are_exchanged_in_every_form_the_clients_send() {
    let sb = saas().await;
    let a = exchange(&sb, "sandbox-csp-admin").await;
    assert_eq!(a.status, 200, "{}", a.text);
    let body = a.json();
    assert_eq!(body["token_type"], "bearer");
    assert_eq!(body["expires_in"], 1799);
    // VMware's SDK example: the query string, no body.
    let q = (sb.http.post(format!(
        "{}{EXCHANGE}?refresh_token=sandbox-csp-member",
        sb.base
    )))
    .header("content-type", "application/x-www-form-urlencoded");
    assert_eq!(sb.send(q).await.status, 200);
    // The documented form field.
    let f = (sb.http.post(format!("{}{EXCHANGE}", sb.base)))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("refresh_token={}", "sandbox-csp-auditor"));
    assert_eq!(sb.send(f).await.status, 200);

    assert_csp_error(&exchange(&sb, "not-a-token").await, 400);
    assert_csp_error(
        &sb.send(sb.http.post(format!("{}{EXCHANGE}", sb.base)))
            .await,
        400,
    );
    let two = (sb.http.post(format!(
        "{}{EXCHANGE}?refresh_token=sandbox-csp-admin",
        sb.base
    )))
    .header("content-type", "application/x-www-form-urlencoded")
    .body(format!("api_token={}", "sandbox-csp-member"));
    assert_csp_error(&sb.send(two).await, 400);
}

#[tokio::test]
async fn the_saas_api_takes_csp_auth_token_with_its_role_and_lifetime() {
    let sb = saas().await;
    let admin = access_token(&sb, "sandbox-csp-admin").await;
    let member = access_token(&sb, "sandbox-csp-member").await;
    for base in ["/ni/api/ni", "/api/ni"] {
        let v = get(
            &sb,
            &format!("{base}/info/version"),
            ("csp-auth-token", &admin),
        )
        .await;
        assert_eq!(v.status, 200, "{}", v.text);
    }
    let users = "/ni/api/ni/settings/users/all";
    assert_eq!(
        get(&sb, users, ("csp-auth-token", &admin)).await.status,
        200
    );
    assert_aria_error(&get(&sb, users, ("csp-auth-token", &member)).await, 403);
    // An access token is not a NetworkInsight token, nor the other way round.
    let as_ni = format!("NetworkInsight {admin}");
    assert_aria_error(&get(&sb, users, ("authorization", &as_ni)).await, 401);
    let local = sb.admin().await;
    assert_aria_error(&get(&sb, users, ("csp-auth-token", &local)).await, 401);
    assert_aria_error(
        &get(&sb, "/ni/api/ni/settings/users", ("x-none", "")).await,
        401,
    );

    // The exchange is a login in the audit log.
    let log = sb
        .aria_call(
            reqwest::Method::POST,
            "/logs/audit",
            &local,
            Some(json!({"user_name": "admin@cloud.example"})),
        )
        .await;
    assert_eq!(
        log.json()["results"][0]["operation"],
        "LOGIN",
        "{}",
        log.text
    );

    // Thirty minutes later the access token is no longer taken.
    sb.advance(1801);
    assert_aria_error(&get(&sb, users, ("csp-auth-token", &admin)).await, 401);
}

#[tokio::test]
async fn on_premises_the_cloud_header_opens_nothing() {
    let sb = start().await;
    // No access token is issued on premises, and none is taken.
    assert_csp_error(&exchange(&sb, "sandbox-csp-admin").await, 400);
    let token = sb.admin().await;
    let a = get(&sb, "/api/ni/info/version", ("csp-auth-token", &token)).await;
    assert_aria_error(&a, 401);
    assert!(a.text.contains("NetworkInsight"), "{}", a.text);
    assert_eq!(
        get(&sb, "/ni/api/ni/info/version", ("csp-auth-token", &token))
            .await
            .status,
        404
    );
}
