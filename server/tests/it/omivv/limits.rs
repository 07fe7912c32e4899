//! Rate limits, requests in flight, bad input.

use super::*;

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
