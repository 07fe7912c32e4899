//! The control API: clock, reset, the landing page, the docs site and the control token, over
//! HTTP; the journal and faults in `journal_and_faults`.

mod journal_and_faults;

use crate::common;

use appliance_sandbox::Options;
use common::*;
use reqwest::Method;
use serde_json::json;

impl TestSandbox {
    pub(super) fn control(&self, path: &str) -> String {
        format!("{}/sandbox/v1{path}", self.base)
    }
    pub(super) async fn advance_over_http(&self, seconds: i64) -> Answer {
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
