//! The control API: clock, reset, journal and faults, over HTTP.

use crate::common;

use std::time::{Duration, Instant};

use appliance_sandbox::Options;
use common::*;
use reqwest::Method;
use serde_json::json;

impl TestSandbox {
    fn control(&self, path: &str) -> String {
        format!("{}/sandbox/v1{path}", self.base)
    }
    async fn advance_over_http(&self, seconds: i64) -> Answer {
        self.send(
            self.http
                .post(self.control("/clock/advance"))
                .json(&json!({"seconds": seconds})),
        )
        .await
    }
}

#[tokio::test]
async fn health_and_clock() {
    let sb = start().await;
    let h = sb.send(sb.http.get(sb.control("/health"))).await.json();
    assert_eq!(h["status"], "ok");
    let before = sb.send(sb.http.get(sb.control("/clock"))).await.json();
    assert_eq!(before["offset_ms"], 0);
    let after = sb.advance_over_http(90).await.json();
    assert_eq!(after["offset_ms"], 90_000);
    assert!(after["now_ms"].as_i64().unwrap() - before["now_ms"].as_i64().unwrap() >= 90_000);
    assert!(after["now"].as_str().unwrap().ends_with('Z'));
    let back = sb.advance_over_http(-5).await;
    assert_eq!(back.status, 400);
    assert!(back.json()["message"].as_str().unwrap().contains("forward"));
    let bad = sb
        .send(
            sb.http
                .post(sb.control("/clock/advance"))
                .json(&json!({"seconds": "soon"})),
        )
        .await;
    assert_eq!(bad.status, 400);
    assert!(bad.json()["message"].as_str().unwrap().contains("seconds"));
}

#[tokio::test]
async fn advancing_the_clock_expires_omivv_tokens_and_ends_lockouts() {
    let sb = start().await;
    let token = sb.omivv_token().await;
    for _ in 0..3 {
        sb.omivv_login_as("admin", "bad").await;
    }
    let consoles = "/Services/ConsoleService/Consoles";
    assert_omivv_error(&sb.omivv_get(consoles, &token).await, 401, "locked");
    sb.advance_over_http(61).await;
    assert_eq!(sb.omivv_get(consoles, &token).await.status, 200);
    sb.advance_over_http(3600).await;
    assert_omivv_error(
        &sb.omivv_get(consoles, &token).await,
        401,
        "Token is already expired",
    );
}

#[tokio::test]
async fn advancing_the_clock_expires_aria_and_vidm_tokens() {
    let sb = start().await;
    let admin = sb.admin().await;
    sb.configure_vidm(&admin).await;
    let user = json!({"username": "testuser", "domain": "vidmlabs.com", "role": "MEMBER"});
    sb.aria_call(Method::POST, "/settings/users/vidm", &admin, Some(user))
        .await;
    let jwt = sb
        .vidm_password_grant("g9xUFRr84K_pwd_grant", "testuser", "vidm-password")
        .await
        .json()["access_token"]
        .as_str()
        .unwrap()
        .to_string();
    sb.advance_over_http(3 * 3600 + 1).await;
    assert_aria_error(&sb.vidm_login(&jwt).await, 401);
    sb.advance_over_http(2 * 3600).await;
    assert_aria_error(
        &sb.aria_call(Method::GET, "/info/version", &admin, None)
            .await,
        401,
    );
}

#[tokio::test]
async fn reset_returns_to_the_configured_start() {
    let sb = start().await;
    let admin = sb.admin().await;
    sb.configure_vidm(&admin).await;
    sb.advance_over_http(100).await;
    let r = sb.send(sb.http.post(sb.control("/reset"))).await;
    assert_eq!(r.status, 204);
    assert_aria_error(
        &sb.aria_call(Method::GET, "/info/version", &admin, None)
            .await,
        401,
    );
    let admin = sb.admin().await;
    assert_aria_error(
        &sb.aria_call(Method::GET, "/settings/vidm", &admin, None)
            .await,
        404,
    );
    assert_eq!(
        sb.send(sb.http.get(sb.control("/clock"))).await.json()["offset_ms"],
        0
    );
    // The password-grant client went with the vIDM configuration.
    assert_eq!(
        sb.vidm_password_grant("g9xUFRr84K_pwd_grant", "testuser", "vidm-password")
            .await
            .status,
        401
    );
    // The journal only holds what came after the reset.
    let j = sb.send(sb.http.get(sb.control("/journal"))).await.json();
    assert!(j["entries"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["path"] != "/api/ni/settings/vidm" || e["method"] == "GET"));
}

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

/// With `--control-token`, control calls need it (compared in full), `/health` stays open for
/// health checks, and a refused call changes nothing.
#[tokio::test]
async fn a_control_token_guards_every_control_call_but_health() {
    let sb = start_with(
        Default::default(),
        Options {
            control_token: Some("ctl-4f9a".into()),
            ..Default::default()
        },
    )
    .await;
    let before = sb
        .send(sb.http.get(sb.control("/clock")).bearer_auth("ctl-4f9a"))
        .await;
    assert_eq!(before.status, 200);
    for auth in [None, Some("ctl-4f9"), Some("ctl-4f9ab"), Some("CTL-4F9A")] {
        let mut req = sb
            .http
            .post(sb.control("/clock/advance"))
            .json(&json!({"seconds": 60}));
        if let Some(t) = auth {
            req = req.bearer_auth(t);
        }
        let a = sb.send(req).await;
        assert_eq!(a.status, 401, "{auth:?}");
        assert!(a.json()["message"]
            .as_str()
            .unwrap()
            .contains("control token"));
        assert_eq!(
            sb.send(sb.http.get(sb.control("/journal"))).await.status,
            401
        );
    }
    let after = sb
        .send(sb.http.get(sb.control("/clock")).bearer_auth("ctl-4f9a"))
        .await;
    assert_eq!(before.json()["offset_ms"], after.json()["offset_ms"]);
    assert_eq!(
        sb.send(sb.http.get(sb.control("/health"))).await.status,
        200
    );
    let advanced = sb
        .send(
            sb.http
                .post(sb.control("/clock/advance"))
                .bearer_auth("ctl-4f9a")
                .json(&json!({"seconds": 60})),
        )
        .await;
    assert_eq!(advanced.status, 200);
}

/// A misspelt field is refused, naming it, and changes nothing: before, `{"secs": 5}` answered
/// 200 and left the clock where it was.
#[tokio::test]
async fn control_bodies_with_unknown_fields_are_refused() {
    let sb = start().await;
    let before = sb.send(sb.http.get(sb.control("/clock"))).await.json()["offset_ms"].clone();
    for (path, body) in [
        ("/clock/advance", json!({"secs": 5})),
        (
            "/faults",
            json!({"method": "GET", "path": "/api/ni/*", "kind": "status", "status": 500, "times": 2}),
        ),
        (
            "/omivv/jobs",
            json!({"kind": "firmware_update", "nmae": "x"}),
        ),
    ] {
        let a = sb.send(sb.http.post(sb.control(path)).json(&body)).await;
        assert_eq!(a.status, 400, "{path}: {}", a.text);
        let field = body
            .as_object()
            .unwrap()
            .keys()
            .find(|k| ["secs", "times", "nmae"].contains(&k.as_str()))
            .unwrap();
        assert!(
            a.json()["message"]
                .as_str()
                .unwrap()
                .contains(field.as_str()),
            "{path}: {}",
            a.text
        );
    }
    let a = sb
        .send(
            sb.http
                .put(sb.control("/omivv/hosts/host-4"))
                .json(&json!({"helth": "critical"})),
        )
        .await;
    assert_eq!(a.status, 400, "{}", a.text);
    assert!(a.text.contains("helth"), "{}", a.text);
    assert_eq!(
        sb.send(sb.http.get(sb.control("/clock"))).await.json()["offset_ms"],
        before
    );
    let faults = sb.send(sb.http.get(sb.control("/faults"))).await.json();
    assert_eq!(faults, json!([]));
}

/// `/`: JSON for tools, HTML for a browser; the base URLs as the client reached the sandbox.
#[tokio::test]
async fn the_landing_page_says_where_everything_is() {
    let sb = start().await;
    let about = sb.send(sb.http.get(format!("{}/", sb.base))).await;
    assert_eq!(about.status, 200);
    let j = about.json();
    assert_eq!(
        j["apis"][0]["base_url"],
        format!("{}/Spectre/api/rest/v1", sb.base)
    );
    assert_eq!(
        j["apis"][1]["base_url"],
        format!("{}/omevv/GatewayService/v1", sb.base)
    );
    assert_eq!(
        j["apis"][2]["base_url"],
        format!(
            "{}/omevv/GatewayService/v1/vsphere-lcm/hw-support/v1",
            sb.base
        )
    );
    assert_eq!(j["apis"][3]["base_url"], format!("{}/api/ni", sb.base));
    assert_eq!(j["apis"][3]["accounts"], "admin@local / admin");
    assert_eq!(j["control_api"], format!("{}/sandbox/v1", sb.base));
    sb.advance(3600);
    let later = sb.send(sb.http.get(format!("{}/", sb.base))).await.json();
    assert!(
        later["clock"]["offset_ms"].as_i64().unwrap() >= 3_600_000,
        "{later}"
    );
    let html = sb
        .send(
            sb.http
                .get(format!("{}/", sb.base))
                .header("Accept", "text/html,*/*"),
        )
        .await;
    assert!(html.headers["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    assert!(
        html.text.contains("/api/ni</code>") && html.text.contains("/docs/"),
        "{}",
        html.text
    );
    let none = start_with(
        Default::default(),
        Options {
            no_control: true,
            ..Default::default()
        },
    )
    .await;
    assert_eq!(
        none.send(none.http.get(format!("{}/", none.base)))
            .await
            .status,
        404
    );
}
