//! The collectors' data-encryption certificate (E109): a rotation runs on the sandbox clock,
//! one at a time, administrators only, and renews the certificate when it succeeds.

use crate::common::*;
use reqwest::Method;
use serde_json::json;

const DETAILS: &str = "/customers/collector/data-encryption-cert/details";
const STATUS: &str = "/customers/collector/data-encryption-cert/update/status";
const UPDATE: &str = "/customers/collector/data-encryption-cert/update";

#[tokio::test]
async fn a_rotation_moves_on_the_clock_and_renews_the_certificate() {
    let sb = start().await;
    let admin = sb.admin().await;
    let member = sb.aria_token("member@local", "member").await;
    let details = sb
        .aria_call(Method::GET, DETAILS, &member, None)
        .await
        .json();
    assert_eq!(
        details,
        json!({"customerId": 18230, "lifetime": "365 days", "remainingValidity": "365 days"})
    );
    assert_aria_error(&sb.aria_call(Method::GET, STATUS, &admin, None).await, 404);
    assert_aria_error(
        &sb.aria_call(Method::POST, UPDATE, &member, None).await,
        403,
    );
    let started = sb.sandbox.clock.now_secs();
    let a = sb.aria_call(Method::POST, UPDATE, &admin, None).await;
    assert_eq!(a.status, 200, "{}", a.text);
    assert_eq!(
        a.json(),
        json!({"customerId": 18230, "status": "SUBMITTED", "failedCollectorIds": []})
    );
    // One at a time.
    assert_aria_error(&sb.aria_call(Method::POST, UPDATE, &admin, None).await, 400);
    sb.advance(10);
    assert_eq!(status(&sb, &member).await, "IN_PROGRESS");
    // Not renewed before it is done.
    let details = sb
        .aria_call(Method::GET, DETAILS, &member, None)
        .await
        .json();
    assert!(details.get("lastUpdatedAt").is_none(), "{details}");
    sb.advance(110);
    assert_eq!(status(&sb, &member).await, "SUCCESS");
    // Two days on (tokens live five hours: a new login).
    sb.advance(2 * 86_400);
    let admin = sb.admin().await;
    let details = sb
        .aria_call(Method::GET, DETAILS, &admin, None)
        .await
        .json();
    assert_eq!(details["lastUpdatedAt"], started);
    assert_eq!(details["lastUpdatedBy"], "admin@local");
    assert_eq!(details["remainingValidity"], "363 days");
    // Done, another may start; while it runs, the certificate is still the first's.
    let a = sb.aria_call(Method::POST, UPDATE, &admin, None).await;
    assert_eq!(a.status, 200, "{}", a.text);
    let during = sb
        .aria_call(Method::GET, DETAILS, &admin, None)
        .await
        .json();
    assert_eq!(during["lastUpdatedAt"], started);
    assert_eq!(during["remainingValidity"], "363 days");
}

async fn status(sb: &TestSandbox, token: &str) -> serde_json::Value {
    let a = sb.aria_call(Method::GET, STATUS, token, None).await;
    assert_eq!(a.status, 200, "{}", a.text);
    a.json()["status"].clone()
}
