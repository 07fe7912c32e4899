//! OMIVV behaviour over HTTP.

use crate::common;

use appliance_sandbox::config::Config;
use appliance_sandbox::Options;
use common::*;
use serde_json::json;

const CONSOLES: &str = "/Services/ConsoleService/Consoles";
const CONTEXT: &str = "/Services/ConsoleService/OperationalContext";
const LOGOFF: &str = "/Services/AuthenticationService/logoff";

#[tokio::test]
async fn login_issues_a_bearer_jwt_for_sixty_minutes() {
    let sb = start().await;
    let a = sb.omivv_login_as("admin", "admin123").await;
    assert_eq!(a.status, 200, "{}", a.text);
    let body = a.json();
    assert_eq!(body["tokenType"], "Bearer");
    let token = body["accessToken"].as_str().unwrap();
    assert_eq!(token.split('.').count(), 3, "a JWT has three parts");
    let expires = body["expiresAt"].as_str().unwrap();
    let expected = appliance_sandbox::clock::rfc3339(sb.sandbox.clock.now_ms() + 3_600_000);
    assert_eq!(
        &expires[..16],
        &expected[..16],
        "expires 60 minutes from now"
    );

    assert_eq!(sb.omivv_get(CONSOLES, token).await.status, 200);
    sb.advance(59 * 60);
    assert_eq!(sb.omivv_get(CONSOLES, token).await.status, 200);
    sb.advance(61);
    let a = sb.omivv_get(CONSOLES, token).await;
    assert_omivv_error(&a, 401, "Token is already expired");
}

#[tokio::test]
async fn bad_tokens_are_refused() {
    let sb = start().await;
    let token = sb.omivv_token().await;
    assert_omivv_error(
        &sb.send(sb.http.get(sb.omivv(CONSOLES))).await,
        401,
        "Bearer",
    );
    // A token with a forged signature.
    let mut forged = token.clone();
    forged.pop();
    forged.push(if token.ends_with('A') { 'B' } else { 'A' });
    assert_omivv_error(&sb.omivv_get(CONSOLES, &forged).await, 401, "invalid");
    assert_omivv_error(&sb.omivv_get(CONSOLES, "not-a-jwt").await, 401, "invalid");
    // A token from another sandbox (another signing secret).
    let other = start().await;
    let foreign = other.omivv_token().await;
    assert_omivv_error(&sb.omivv_get(CONSOLES, &foreign).await, 401, "invalid");
}

#[tokio::test]
async fn read_only_profiles_and_wrong_passwords_are_refused() {
    let sb = start().await;
    assert_omivv_error(
        &sb.omivv_login_as("viewer", "viewer123").await,
        403,
        "administrator",
    );
    assert_omivv_error(
        &sb.omivv_login_as("admin", "nope").await,
        401,
        "Invalid username or password",
    );
    assert_omivv_error(
        &sb.omivv_login_as("nobody", "x").await,
        401,
        "Invalid username or password",
    );
}

#[tokio::test]
async fn three_failures_lock_the_account_and_its_tokens_for_one_minute() {
    let sb = start().await;
    let token = sb.omivv_token().await;
    for _ in 0..3 {
        assert_eq!(sb.omivv_login_as("admin", "wrong").await.status, 401);
    }
    // Locked: even the right password is refused, and so is the token issued before.
    assert_omivv_error(&sb.omivv_login_as("admin", "admin123").await, 401, "locked");
    assert_omivv_error(&sb.omivv_get(CONSOLES, &token).await, 401, "locked");
    sb.advance(30);
    assert_omivv_error(&sb.omivv_get(CONSOLES, &token).await, 401, "locked");
    sb.advance(31);
    // After the minute the same token works again, and logins too.
    assert_eq!(sb.omivv_get(CONSOLES, &token).await.status, 200);
    assert_eq!(sb.omivv_login_as("admin", "admin123").await.status, 200);
    // ...until the token's own 60 minutes are up.
    sb.advance(60 * 60);
    assert_omivv_error(
        &sb.omivv_get(CONSOLES, &token).await,
        401,
        "Token is already expired",
    );
}

#[tokio::test]
async fn failures_must_be_consecutive() {
    let sb = start().await;
    for _ in 0..2 {
        assert_eq!(sb.omivv_login_as("admin", "wrong").await.status, 401);
    }
    assert_eq!(sb.omivv_login_as("admin", "admin123").await.status, 200);
    for _ in 0..2 {
        assert_eq!(sb.omivv_login_as("admin", "wrong").await.status, 401);
    }
    assert_eq!(sb.omivv_login_as("admin", "admin123").await.status, 200);
}

#[tokio::test]
async fn logoff_invalidates_the_token() {
    let sb = start().await;
    let token = sb.omivv_token().await;
    let a = sb
        .send(sb.http.post(sb.omivv(LOGOFF)).bearer_auth(&token))
        .await;
    assert_eq!(a.status, 200);
    assert_eq!(a.text, "Logged off successfully");
    assert!(a.headers["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/plain"));
    assert_omivv_error(&sb.omivv_get(CONSOLES, &token).await, 401, "invalid");
    let again = sb
        .send(sb.http.post(sb.omivv(LOGOFF)).bearer_auth(&token))
        .await;
    assert_eq!(again.status, 401);
}

#[tokio::test]
async fn consoles_and_the_operational_context() {
    let sb = start().await;
    let token = sb.omivv_token().await;
    let list = sb.omivv_get(CONSOLES, &token).await.json();
    let id = list[0]["id"].as_str().unwrap().to_string();
    assert_eq!(list.as_array().unwrap().len(), 2);
    // What Dell's scripts read from each console (ERRATA E20).
    for c in list.as_array().unwrap() {
        for field in ["id", "href", "objectType", "hostname", "ip"] {
            assert!(c[field].is_string(), "{field} in {c}");
        }
    }
    assert_eq!(list[0]["ip"], "10.20.0.10");
    let one = sb.omivv_get(&format!("{CONSOLES}/{id}"), &token).await;
    assert_eq!(one.json()["id"], id.as_str());
    assert_eq!(
        list[0]["href"],
        format!("{}{CONSOLES}/{id}", sb.omivv("")).as_str()
    );
    assert_omivv_error(
        &sb.omivv_get(&format!("{CONSOLES}/nope"), &token).await,
        404,
        "nope",
    );

    let ctx = |user: &str, password: &str, console: &str| {
        json!({"consoleId": console, "consoleUserCredential":
               {"username": user, "domain": "vsphere.local", "password": password}})
    };
    let post = |body| {
        sb.http
            .post(sb.omivv(CONTEXT))
            .bearer_auth(&token)
            .json(&body)
    };
    let a = sb.send(post(ctx("administrator", "VMware1!", &id))).await;
    assert_eq!(a.status, 204, "{}", a.text);
    assert!(a.text.is_empty());
    // The session now holds that context.
    let sid = session_id(&token);
    assert_eq!(sb.sandbox.omivv.context_of(&sid).await, Some(id.clone()));
    assert_omivv_error(
        &sb.send(post(ctx("administrator", "wrong", &id))).await,
        403,
        "vCenter",
    );
    assert_omivv_error(
        &sb.send(post(ctx("administrator", "VMware1!", "other")))
            .await,
        404,
        "other",
    );
    // No token, no context.
    let anon = sb
        .send(
            sb.http
                .post(sb.omivv(CONTEXT))
                .json(&ctx("administrator", "VMware1!", &id)),
        )
        .await;
    assert_eq!(anon.status, 401);
}

/// The session id inside an OMIVV token (the test reads it; clients must not).
fn session_id(token: &str) -> String {
    use base64::Engine;
    let payload = token.split('.').nth(1).unwrap();
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload)
        .unwrap();
    serde_json::from_slice::<serde_json::Value>(&bytes).unwrap()["sid"]
        .as_str()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn at_most_ten_sessions() {
    let sb = start().await;
    for _ in 0..10 {
        sb.omivv_token().await;
    }
    assert_omivv_error(
        &sb.omivv_login_as("admin", "admin123").await,
        503,
        "client limit exhausted",
    );
    // Sessions that end free their slot.
    sb.advance(60 * 60 + 1);
    assert_eq!(sb.omivv_login_as("admin", "admin123").await.status, 200);
}

#[tokio::test]
async fn at_most_three_client_addresses() {
    let sb = start().await;
    let login_from = |ip: [u8; 4]| {
        let client = reqwest::Client::builder()
            .local_address(std::net::IpAddr::from(ip))
            .build()
            .unwrap();
        let body = json!({"apiUserCredential": {"username": "admin", "domain": "", "password": "admin123"}});
        let url = sb.omivv("/Services/AuthenticationService/login");
        async move {
            client
                .post(url)
                .json(&body)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    for ip in [[127, 0, 0, 1], [127, 0, 0, 2], [127, 0, 0, 3]] {
        assert_eq!(login_from(ip).await, 200);
    }
    assert_eq!(login_from([127, 0, 0, 4]).await, 503);
    // A known address may still open sessions.
    assert_eq!(login_from([127, 0, 0, 2]).await, 200);
}

#[tokio::test]
async fn a_hundred_requests_a_minute_then_429_with_retry_after() {
    let sb = start().await;
    let token = sb.omivv_token().await; // request 1
                                        // Align to the start of a window so that the count is not split across two.
    let now = sb.sandbox.clock.now_ms();
    sb.advance(((60_000 - now.rem_euclid(60_000)) / 1000 + 1) as u64);
    for i in 0..100 {
        let a = sb.omivv_get(CONSOLES, &token).await;
        assert_eq!(a.status, 200, "request {i}: {}", a.text);
    }
    let a = sb.omivv_get(CONSOLES, &token).await;
    assert_omivv_error(&a, 429, "Too many requests");
    let wait: u64 = a.headers["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
    sb.advance(wait);
    assert_eq!(sb.omivv_get(CONSOLES, &token).await.status, 200);
}

#[tokio::test]
async fn no_rate_limits_turns_429_off() {
    let sb = start_with(
        Config::default(),
        Options {
            no_rate_limits: true,
            ..Default::default()
        },
    )
    .await;
    let token = sb.omivv_token().await;
    for _ in 0..150 {
        assert_eq!(sb.omivv_get(CONSOLES, &token).await.status, 200);
    }
}

#[tokio::test]
async fn bad_input_answers_400_or_413_in_omivv_shape() {
    let sb = start().await;
    let url = sb.omivv("/Services/AuthenticationService/login");
    let raw = |body: &'static str| {
        sb.http
            .post(&url)
            .header("content-type", "application/json")
            .body(body)
    };
    assert_omivv_error(&sb.send(raw("{not json")).await, 400, "Malformed JSON");
    assert_omivv_error(&sb.send(raw("")).await, 400, "required");
    assert_omivv_error(
        &sb.send(raw(
            r#"{"apiUserCredential": {"username": 5, "domain": "", "password": "x"}}"#,
        ))
        .await,
        400,
        "apiUserCredential.username",
    );
    assert_omivv_error(
        &sb.send(raw(r#"{"apiUserCredential": {"username": "admin"}}"#))
            .await,
        400,
        "missing field",
    );
    let big = "x".repeat(300 * 1024);
    let a = sb
        .send(sb.http.post(&url).body(format!("{{\"pad\": \"{big}\"}}")))
        .await;
    assert_omivv_error(&a, 413, "too large");
    // None of it counted as a failed login.
    assert_eq!(sb.omivv_login_as("admin", "admin123").await.status, 200);
    // Unknown routes and methods answer in the same shape.
    let token = sb.omivv_token().await;
    assert_omivv_error(
        &sb.omivv_get("/Services/Nope", &token).await,
        404,
        "No such resource",
    );
    assert_omivv_error(
        &sb.send(sb.http.delete(sb.omivv(CONSOLES))).await,
        405,
        "not allowed",
    );
}

#[tokio::test]
async fn the_generated_client_follows_dells_sample_flow() {
    use appliance_client::omivv::{types, Client};
    let sb = start().await;
    let anon = Client::new(&format!("{}/Spectre/api/rest/v1", sb.base));
    let login = anon
        .login()
        .body(types::LoginRequest {
            api_user_credential: types::Credential {
                username: "admin".into(),
                domain: String::new(),
                password: "admin123".into(),
            },
        })
        .send()
        .await
        .unwrap()
        .into_inner();
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        "authorization",
        format!("Bearer {}", login.access_token).parse().unwrap(),
    );
    let http = reqwest::Client::builder()
        .default_headers(headers)
        .build()
        .unwrap();
    let client = Client::new_with_client(&format!("{}/Spectre/api/rest/v1", sb.base), http);
    let consoles = client.list_consoles().send().await.unwrap().into_inner();
    let ctx = client
        .set_operational_context()
        .body(types::OperationalContextRequest {
            console_id: consoles[0].id.clone(),
            console_user_credential: types::Credential {
                username: "administrator".into(),
                domain: "vsphere.local".into(),
                password: "VMware1!".into(),
            },
        })
        .send()
        .await
        .unwrap();
    assert_eq!(ctx.status().as_u16(), 204);
    let off = client.logoff().send().await.unwrap();
    assert_eq!(off.status().as_u16(), 200);
    // The generated client surfaces OMIVV's error body, typed.
    match client.list_consoles().send().await {
        Err(appliance_client::omivv::Error::ErrorResponse(e)) => {
            assert_eq!(e.status().as_u16(), 401);
            assert_eq!(e.into_inner().error_code, "INVALID_TOKEN");
        }
        other => panic!("expected a 401 error response, got {other:?}"),
    }
}

#[tokio::test]
async fn at_most_ten_requests_in_flight_per_session() {
    let sb = start().await;
    let token = sb.omivv_token().await;
    let other = sb.omivv_token().await;
    // Hold requests up for a while with an injected latency, then send 11 at once.
    let fault = json!({"method": "GET", "path": format!("/Spectre/api/rest/v1{CONSOLES}"),
                       "kind": "latency", "latency_ms": 400, "count": 11});
    sb.send(
        sb.http
            .post(format!("{}/sandbox/v1/faults", sb.base))
            .json(&fault),
    )
    .await;
    let calls = (0..11).map(|_| sb.omivv_get(CONSOLES, &token));
    let started = std::time::Instant::now();
    let (answers, other_session) = tokio::join!(futures::future::join_all(calls), async {
        // Another session is not affected.
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        sb.omivv_get(CONSOLES, &other).await
    });
    let limited: Vec<_> = answers.iter().filter(|a| a.status == 429).collect();
    assert_eq!(
        limited.len(),
        1,
        "{:?}",
        answers.iter().map(|a| a.status).collect::<Vec<_>>()
    );
    assert_omivv_error(limited[0], 429, "parallel");
    assert_eq!(answers.iter().filter(|a| a.status == 200).count(), 10);
    assert_eq!(other_session.status, 200);
    assert!(started.elapsed() >= std::time::Duration::from_millis(400));
    // Slots are released: the next call goes through.
    assert_eq!(sb.omivv_get(CONSOLES, &token).await.status, 200);
}

#[tokio::test]
async fn a_new_operational_context_replaces_the_old_one() {
    // The default world has two vCenters, both registered.
    let sb = start().await;
    let token = sb.omivv_token().await;
    let sid = session_id(&token);
    for id in [
        "6f1c3c1e-4a38-4c1b-9a0e-2f4f0c1d9b11",
        "0b6f4a9e-2d1c-4f57-8a3e-5c7d9e1f2a40",
    ] {
        let body = json!({"consoleId": id, "consoleUserCredential":
                          {"username": "administrator", "domain": "vsphere.local", "password": "VMware1!"}});
        let a = sb
            .send(
                sb.http
                    .post(sb.omivv(CONTEXT))
                    .bearer_auth(&token)
                    .json(&body),
            )
            .await;
        assert_eq!(a.status, 204);
        assert_eq!(sb.sandbox.omivv.context_of(&sid).await.as_deref(), Some(id));
    }
    assert_eq!(
        sb.omivv_get(CONSOLES, &token)
            .await
            .json()
            .as_array()
            .unwrap()
            .len(),
        2
    );
    // Another session has no context of its own yet.
    let other = sb.omivv_token().await;
    assert_eq!(sb.sandbox.omivv.context_of(&session_id(&other)).await, None);
}
