//! `appliance-sandbox proxy` in front of a sandbox (answers unchanged, nothing to report) and in
//! front of an upstream that departs from the specs on purpose (exactly those departures).

use std::sync::Arc;

use crate::common::*;
use appliance_sandbox::proxy::Proxy;
use axum::routing::get;
use reqwest::Method;
use serde_json::{json, Value};

/// A proxy to `upstream`, served in this process; answers its base URL and the proxy.
async fn proxy_to(upstream: &str) -> (String, Arc<Proxy>) {
    let proxy = Arc::new(Proxy::new(upstream, false).unwrap());
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

/// An upstream that departs from the specs: a console list of the wrong shape, an undocumented
/// status, and an operation no spec has.
async fn divergent_upstream() -> String {
    let app = axum::Router::new()
        .route(
            "/Spectre/api/rest/v1/Services/ConsoleService/Consoles",
            get(|| async {
                axum::Json(
                    json!([{"id": 7, "href": "h", "objectType": "Console", "hostname": "vc"}]),
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
        r#"[{"hostname":"vc","href":"h","id":7,"objectType":"Console"}]"#
    );
    text(
        &http,
        Method::GET,
        &format!("{proxy_base}/omevv/GatewayService/v1/RepositoryProfiles"),
        None,
    )
    .await;
    text(&http, Method::GET, &format!("{proxy_base}/nowhere"), None).await;

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
        ],
        "{report:#}"
    );
    assert_eq!(
        report["undocumented_operations"],
        json!([{"request": "GET /nowhere", "calls": 1}])
    );
    assert_eq!(report["divergences"], 4);
    // The number is masked, the missing field named.
    let md = proxy.report.markdown();
    assert!(md.contains("\"ip\" is a required property"), "{md}");
}
