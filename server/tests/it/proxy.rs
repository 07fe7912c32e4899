//! `appliance-sandbox proxy` in front of a sandbox (answers unchanged, nothing to report) and in
//! front of an upstream that departs from the specs on purpose (exactly those departures).

use std::sync::Arc;

use crate::common::*;
use appliance_sandbox::proxy::Proxy;
use axum::routing::get;
use reqwest::Method;
use serde_json::{json, Value};

/// A proxy to `upstream`, served in this process; answers its base URL and the proxy.
pub(crate) async fn proxy_to(upstream: &str) -> (String, Arc<Proxy>) {
    serve(Proxy::new(upstream, false).unwrap()).await
}

/// A proxy to `upstream` recording cassettes into `dir`, served in this process; answers its
/// base URL.
pub(crate) async fn recording_proxy_to(upstream: &str, dir: &std::path::Path) -> String {
    let proxy = Proxy::new(upstream, false).unwrap();
    serve(proxy.recording_into(dir.to_path_buf()).unwrap())
        .await
        .0
}

async fn serve(proxy: Proxy) -> (String, Arc<Proxy>) {
    let proxy = Arc::new(proxy);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = proxy.clone().router();
    tokio::spawn(async move { axum::serve(listener, app).await });
    (format!("http://{addr}"), proxy)
}

async fn text(
    http: &reqwest::Client,
    method: Method,
    url: &str,
    auth: Option<&str>,
) -> (u16, String) {
    let mut req = http.request(method, url);
    if let Some(a) = auth {
        req = req.header("authorization", a);
    }
    let r = req.send().await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

#[tokio::test]
async fn in_front_of_a_sandbox_answers_are_unchanged_and_nothing_diverges() {
    let sb = start().await;
    let (proxy_base, proxy) = proxy_to(&sb.base).await;
    let token = sb.omivv_token().await;
    let bearer = format!("Bearer {token}");
    let basic = "Basic YWRtaW5pc3RyYXRvckB2c3BoZXJlLmxvY2FsOlZNd2FyZTEh";
    let ome = "Basic YWRtaW46T21lQWRtaW4xIQ==";
    let calls = [
        (
            "/Spectre/api/rest/v1/Services/ConsoleService/Consoles",
            bearer.as_str(),
        ),
        ("/omevv/GatewayService/v1/Consoles", ome),
        (
            "/omevv/GatewayService/v1/Consoles/c3f79ba6-3240-53d1-870c-9011162e01ab/ManagedHosts",
            basic,
        ),
        ("/omevv/GatewayService/v1/RepositoryProfiles", basic),
        // A refusal is an answer like any other: its status and body are documented too.
        (
            "/omevv/GatewayService/v1/RepositoryProfiles",
            "Basic bm9ib2R5Om5vdA==",
        ),
    ];
    for (path, auth) in calls {
        let direct = text(
            &sb.http,
            Method::GET,
            &format!("{}{path}", sb.base),
            Some(auth),
        )
        .await;
        let proxied = text(
            &sb.http,
            Method::GET,
            &format!("{proxy_base}{path}"),
            Some(auth),
        )
        .await;
        assert_eq!(direct, proxied, "{path}");
    }
    // A login with a body, through the proxy.
    let login = sb
        .http
        .post(format!("{proxy_base}/Spectre/api/rest/v1/Services/AuthenticationService/login"))
        .json(&json!({"apiUserCredential": {"username": "admin", "domain": "", "password": "admin123"}}))
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), 200);

    let report: Value = sb
        .http
        .get(format!("{proxy_base}/_proxy/report"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(report["divergences"], 0, "{report:#}");
    let calls: u64 = report["operations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["calls"].as_u64().unwrap())
        .sum();
    assert_eq!(calls, 6, "{report:#}");
    assert!(proxy.report.markdown().contains("0 divergence(s) seen"));
}

/// An upstream that departs from the specs: a console list of the wrong shape (a missing field,
/// a wrong type, an extra field), an undocumented status, and an operation no spec has.
async fn divergent_upstream() -> String {
    let app = axum::Router::new()
        .route(
            "/Spectre/api/rest/v1/Services/ConsoleService/Consoles",
            get(|| async {
                axum::Json(
                    json!([{"id": 7, "href": "h", "objectType": "Console", "hostname": "vc", "surprise": 1}]),
                )
            }),
        )
        .route(
            "/omevv/GatewayService/v1/RepositoryProfiles",
            get(|| async {
                (
                    axum::http::StatusCode::IM_A_TEAPOT,
                    axum::Json(json!({"errorCode": "1", "message": "m"})),
                )
            }),
        )
        .route("/nowhere", get(|| async { "nothing" }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    format!("http://{addr}")
}

#[tokio::test]
async fn an_upstream_that_departs_from_the_specs_is_reported_exactly() {
    let upstream = divergent_upstream().await;
    let (proxy_base, proxy) = proxy_to(&upstream).await;
    let http = reqwest::Client::new();
    let consoles = text(
        &http,
        Method::GET,
        &format!("{proxy_base}/Spectre/api/rest/v1/Services/ConsoleService/Consoles"),
        None,
    )
    .await;
    // Forwarded unchanged, whatever it is.
    assert_eq!(
        consoles.1,
        r#"[{"hostname":"vc","href":"h","id":7,"objectType":"Console","surprise":1}]"#
    );
    text(
        &http,
        Method::GET,
        &format!("{proxy_base}/omevv/GatewayService/v1/RepositoryProfiles"),
        None,
    )
    .await;
    text(&http, Method::GET, &format!("{proxy_base}/nowhere"), None).await;

    proxy.settled().await;
    let report = proxy.report.json();
    let divergences: Vec<(String, String, String)> = report["operations"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|o| {
            let op = o["operation"].as_str().unwrap().to_string();
            o["divergences"].as_array().unwrap().iter().map(move |d| {
                (
                    op.clone(),
                    d["place"].as_str().unwrap().to_string(),
                    d["pointer"].as_str().unwrap().to_string(),
                )
            })
        })
        .collect();
    assert_eq!(
        divergences,
        [
            (
                "get_repository_profiles".to_string(),
                "response.status".to_string(),
                String::new()
            ),
            (
                "list_consoles".to_string(),
                "response.body".to_string(),
                "/0".to_string()
            ),
            (
                "list_consoles".to_string(),
                "response.body".to_string(),
                "/0/id".to_string()
            ),
            (
                "list_consoles".to_string(),
                "response.body".to_string(),
                "/0/surprise".to_string()
            ),
        ],
        "{report:#}"
    );
    assert_eq!(
        report["undocumented_operations"],
        json!([{"request": "GET /nowhere", "calls": 1}])
    );
    assert_eq!(report["divergences"], 5);
    // The number is masked, the missing field named.
    let md = proxy.report.markdown();
    assert!(md.contains("\"ip\" is a required property"), "{md}");
}

/// A fresh directory for a recording.
pub(crate) fn recording_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("sandbox-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[tokio::test]
async fn a_recorded_session_replays_the_same_answers_and_no_secret_is_written() {
    let sb = start().await;
    let dir = recording_dir("cassettes");
    let proxy_base = recording_proxy_to(&sb.base, &dir).await;

    // An OMIVV session (login, context, jobs) and an Aria one, through the proxy.
    let session = |base: String| async move {
        let http = reqwest::Client::new();
        let mut seen = Vec::new();
        let login = http
            .post(format!("{base}/Spectre/api/rest/v1/Services/AuthenticationService/login"))
            .json(&json!({"apiUserCredential": {"username": "admin", "domain": "", "password": "admin123"}}))
            .send()
            .await
            .unwrap();
        seen.push((login.status().as_u16(), login.text().await.unwrap()));
        let token: Value = serde_json::from_str(&seen[0].1).unwrap();
        let token = token["accessToken"].as_str().unwrap().to_string();
        let context = http
            .post(format!(
                "{base}/Spectre/api/rest/v1/Services/ConsoleService/OperationalContext"
            ))
            .bearer_auth(&token)
            .json(&json!({"consoleId": FIRST_CONSOLE, "consoleUserCredential":
                {"username": "administrator", "domain": "vsphere.local", "password": "VMware1!"}}))
            .send()
            .await
            .unwrap();
        seen.push((context.status().as_u16(), context.text().await.unwrap()));
        for path in [
            "/Services/UpdateService/Jobs",
            "/Services/UpdateService/Jobs/1001",
        ] {
            let r = http
                .get(format!("{base}/Spectre/api/rest/v1{path}"))
                .bearer_auth(&token)
                .send()
                .await
                .unwrap();
            seen.push((r.status().as_u16(), r.text().await.unwrap()));
        }
        let aria = http
            .post(format!("{base}/api/ni/auth/token"))
            .json(&json!({"username": "admin@local", "password": "admin", "domain": {"domain_type": "LOCAL", "value": "local"}}))
            .send()
            .await
            .unwrap();
        seen.push((aria.status().as_u16(), aria.text().await.unwrap()));
        (seen, token)
    };
    let (recorded, token) = session(proxy_base.clone()).await;
    assert!(
        recorded.iter().all(|(s, _)| (200..300).contains(s)),
        "{recorded:?}"
    );

    // No password or token the session used is in any cassette.
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert_eq!(files.len(), 5);
    let aria_token: Value = serde_json::from_str(&recorded[4].1).unwrap();
    let secrets = [
        "admin123",
        "VMware1!",
        "\"password\": \"admin\"",
        token.as_str(),
        aria_token["token"].as_str().unwrap(),
    ];
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        for s in secrets {
            assert!(!text.contains(s), "{} holds {s}", f.display());
        }
    }
    // The same token is masked the same way wherever it appears.
    let login: Value = serde_json::from_str(&std::fs::read_to_string(&files[0]).unwrap()).unwrap();
    let masked = login["response"]["body"]["accessToken"]
        .as_str()
        .unwrap()
        .to_string();
    let jobs: Value = serde_json::from_str(&std::fs::read_to_string(&files[2]).unwrap()).unwrap();
    assert_eq!(
        jobs["request"]["headers"]["authorization"],
        format!("Bearer {masked}")
    );

    // Replayed: the same answers (tokens masked), and a clear 404 for what was not recorded.
    let replay = Arc::new(appliance_sandbox::proxy::replay::Replay::load(&dir).unwrap());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let replay_base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, replay.router()).await });
    let (replayed, replayed_token) = session(replay_base.clone()).await;
    assert_eq!(replayed_token, masked);
    for (i, (a, b)) in recorded.iter().zip(&replayed).enumerate() {
        assert_eq!(a.0, b.0, "exchange {i}");
        if i == 2 || i == 3 {
            let (a, b): (Value, Value) = (
                serde_json::from_str(&a.1).unwrap(),
                serde_json::from_str(&b.1).unwrap(),
            );
            assert_eq!(a, b, "exchange {i}");
        }
    }
    let missing = text(
        &reqwest::Client::new(),
        Method::GET,
        &format!("{replay_base}/Spectre/api/rest/v1/Services/UpdateService/Jobs/9999"),
        None,
    )
    .await;
    assert_eq!(missing.0, 404);
    let body: Value = serde_json::from_str(&missing.1).unwrap();
    assert!(body["errorCode"].is_string(), "{body}");
    assert!(
        body["message"].as_str().unwrap().contains("000004.json"),
        "{body}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn one_proxy_fronts_several_appliances_by_path() {
    let sb = start().await;
    let other = divergent_upstream().await;
    let proxy =
        Arc::new(Proxy::fronting(&[format!("/Spectre={other}"), sb.base.clone()], false).unwrap());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, proxy.router()).await });
    let http = reqwest::Client::new();
    // OMIVV's paths go to the one upstream, OMEVV's to the sandbox.
    let omivv = text(
        &http,
        Method::GET,
        &format!("{base}/Spectre/api/rest/v1/Services/ConsoleService/Consoles"),
        None,
    )
    .await;
    assert!(omivv.1.contains("surprise"), "{omivv:?}");
    let omevv = text(
        &http,
        Method::GET,
        &format!("{base}/omevv/GatewayService/v1/Consoles"),
        Some("Basic YWRtaW46T21lQWRtaW4xIQ=="),
    )
    .await;
    assert_eq!(omevv.0, 200, "{omevv:?}");
    assert!(omevv.1.contains("vcenter01.example.com"), "{omevv:?}");
    assert!(Proxy::fronting(&["/api=ftp://x".into()], false).is_err());
    assert!(Proxy::fronting(&["/a=http://x".into(), "/a=http://y".into()], false).is_err());
}
