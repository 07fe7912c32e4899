//! The proxy reads a list parameter as its key repeated (`metrics=A&metrics=B`), as VMware's SDK
//! sends one: a good list conforms, a bad item is a divergence at its place in the list.

use crate::common::*;
use crate::proxy::proxy_to;
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn a_repeated_key_is_one_list() {
    let sb = start().await;
    let admin = sb.admin().await;
    let app = sb
        .aria_call(
            Method::POST,
            "/groups/applications",
            &admin,
            Some(json!({"name": "shop"})),
        )
        .await
        .json();
    let id = app["entity_id"].as_str().unwrap();
    let (base, proxy) = proxy_to(&sb.base).await;
    let http = reqwest::Client::new();
    let get = |q: &str| {
        let url = format!("{base}/api/ni/groups/applications/{id}/flow-metrics?{q}");
        http.get(url)
            .header("authorization", format!("NetworkInsight {admin}"))
            .send()
    };
    let good = get("metrics=INCOMING_VOLUME&metrics=OUTGOING_VOLUME")
        .await
        .unwrap();
    assert_eq!(good.status(), 200);
    proxy.settled().await;
    assert_eq!(
        proxy.report.divergence_count(),
        0,
        "{:#}",
        proxy.report.json()
    );
    let bad = get("metrics=INCOMING_VOLUME&metrics=BYTES").await.unwrap();
    assert_eq!(bad.status(), 400);
    proxy.settled().await;
    let report = proxy.report.json();
    assert_eq!(proxy.report.divergence_count(), 1, "{report:#}");
    let op = report["operations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o.to_string().contains("request.query.metrics"))
        .unwrap_or_else(|| panic!("{report:#}"));
    assert!(op.to_string().contains("\"/1\""), "{op:#}");
}
