//! Local logins, tokens, logout, the role rule, limits and bad input.

use super::*;

#[tokio::test]
async fn local_login_answers_an_opaque_token_for_five_hours_in_milliseconds() {
    let sb = start().await;
    let before = sb.sandbox.clock.now_ms();
    let body = sb.aria_login_as("admin@local", "admin").await.json();
    let token = body["token"].as_str().unwrap();
    let expiry = body["expiry"].as_i64().unwrap();
    assert!(
        (expiry - before - 5 * 3_600_000).abs() < 5_000,
        "{expiry} vs {before}"
    );
    assert!(!token.contains('.'), "opaque, not a JWT");

    let v = sb
        .aria_call(Method::GET, "/info/version", token, None)
        .await;
    assert_eq!(v.json(), json!({"api_version": "6.12.0"}));
    sb.advance(5 * 3600 - 10);
    assert_eq!(
        sb.aria_call(Method::GET, "/info/version", token, None)
            .await
            .status,
        200
    );
    sb.advance(11);
    assert_aria_error(
        &sb.aria_call(Method::GET, "/info/version", token, None)
            .await,
        401,
    );
}

#[tokio::test]
async fn auth_header_must_be_networkinsight() {
    let sb = start().await;
    let token = sb.admin().await;
    let bearer = sb
        .send(sb.http.get(sb.aria("/info/version")).bearer_auth(&token))
        .await;
    assert_aria_error(&bearer, 401);
    assert_aria_error(&sb.send(sb.http.get(sb.aria("/info/version"))).await, 401);
    assert_aria_error(
        &sb.aria_call(Method::GET, "/info/version", "bm9wZQ==", None)
            .await,
        401,
    );
}

#[tokio::test]
async fn wrong_credentials_and_ldap_are_refused() {
    let sb = start().await;
    assert_aria_error(&sb.aria_login_as("admin@local", "nope").await, 401);
    assert_aria_error(&sb.aria_login_as("ghost@local", "admin").await, 401);
    let ldap = json!({"username": "u", "password": "p", "domain": {"domain_type": "LDAP", "value": "corp.example.com"}});
    assert_aria_error(
        &sb.send(sb.http.post(sb.aria("/auth/token")).json(&ldap))
            .await,
        401,
    );
    // `admin` with the local domain is the same user as `admin@local`.
    assert_eq!(sb.aria_login_as("admin", "admin").await.status, 200);
}

#[tokio::test]
async fn logout_deletes_the_calling_token() {
    let sb = start().await;
    let token = sb.admin().await;
    let other = sb.admin().await;
    let a = sb
        .aria_call(Method::DELETE, "/auth/token", &token, None)
        .await;
    assert_eq!(a.status, 204);
    assert_aria_error(
        &sb.aria_call(Method::GET, "/info/version", &token, None)
            .await,
        401,
    );
    assert_aria_error(
        &sb.aria_call(Method::DELETE, "/auth/token", &token, None)
            .await,
        401,
    );
    assert_eq!(
        sb.aria_call(Method::GET, "/info/version", &other, None)
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn at_most_a_hundred_live_tokens_per_user() {
    let sb = start_with(
        Default::default(),
        appliance_sandbox::Options {
            no_rate_limits: true,
            ..Default::default()
        },
    )
    .await;
    let mut first = None;
    for _ in 0..100 {
        let t = sb.aria_token("member@local", "member").await;
        first.get_or_insert(t);
    }
    assert_aria_error(&sb.aria_login_as("member@local", "member").await, 401);
    // Other users are not affected; a logout frees a slot.
    assert_eq!(sb.aria_login_as("admin@local", "admin").await.status, 200);
    let first = first.unwrap();
    assert_eq!(
        sb.aria_call(Method::DELETE, "/auth/token", &first, None)
            .await
            .status,
        204
    );
    assert_eq!(sb.aria_login_as("member@local", "member").await.status, 200);
    // Expired tokens do not count.
    sb.advance(5 * 3600 + 1);
    assert_eq!(sb.aria_login_as("member@local", "member").await.status, 200);
}

#[tokio::test]
async fn member_and_auditor_get_403_on_admin_calls() {
    let sb = start().await;
    for (user, pw) in [("member@local", "member"), ("auditor@local", "auditor")] {
        let t = sb.aria_token(user, pw).await;
        assert_eq!(
            sb.aria_call(Method::GET, "/info/version", &t, None)
                .await
                .status,
            200
        );
        for (m, path) in [
            (Method::GET, "/settings/vidm"),
            (Method::POST, "/settings/vidm/enable"),
            (Method::GET, "/settings/users?type=vidm"),
            (Method::GET, "/settings/user-groups?type=vidm"),
            (Method::GET, "/settings/users/testuser%40vidmlabs.com"),
            (
                Method::DELETE,
                "/settings/user-groups/testgroup1%40vidmlabs.com",
            ),
        ] {
            assert_aria_error(&sb.aria_call(m.clone(), path, &t, None).await, 403);
        }
        let add = json!({"username": "x", "domain": "vidmlabs.com", "role": "ADMIN"});
        assert_aria_error(
            &sb.aria_call(Method::POST, "/settings/users/vidm", &t, Some(add))
                .await,
            403,
        );
    }
}

#[tokio::test]
async fn bad_input_is_a_clear_400_or_413_and_changes_nothing() {
    let sb = start().await;
    let admin = sb.admin().await;
    sb.configure_vidm(&admin).await;
    let post = |body: String| {
        sb.aria_req(Method::POST, "/settings/users/vidm", &admin)
            .header("content-type", "application/json")
            .body(body)
    };
    for (body, needle) in [
        ("{\"username\": ".to_string(), "Malformed JSON"),
        ("[1, 2]".to_string(), "invalid type"),
        (
            json!({"username": 7, "domain": "d", "role": "ADMIN"}).to_string(),
            "username",
        ),
        (
            json!({"username": "u", "domain": "d", "role": "OWNER"}).to_string(),
            "unknown variant",
        ),
        (
            json!({"username": "u", "role": "ADMIN"}).to_string(),
            "missing field `domain`",
        ),
        (String::new(), "required"),
    ] {
        let a = sb.send(post(body.clone())).await;
        assert_aria_error(&a, 400);
        assert!(
            a.json()["message"].as_str().unwrap().contains(needle),
            "{body}: {}",
            a.text
        );
    }
    let huge = json!({"username": "u".repeat(300_000), "domain": "d", "role": "ADMIN"}).to_string();
    assert_aria_error(&sb.send(post(huge)).await, 413);
    // "true" as a string is read as Jackson reads it (ERRATA E6); "yes" is no boolean.
    let enable_as_string = json!({"vidm_appliance": "identity.domain.com", "client_id": "operations_for_networks_client",
                                  "client_secret": "operations_for_networks_secret", "enable": "yes"});
    assert_aria_error(
        &sb.aria_call(
            Method::PUT,
            "/settings/vidm",
            &admin,
            Some(enable_as_string),
        )
        .await,
        400,
    );
    let users = sb
        .aria_call(Method::GET, "/settings/users?type=vidm", &admin, None)
        .await
        .json();
    assert_eq!(users["total_count"], 0, "no rejected request changed state");
    assert_aria_error(
        &sb.aria_call(Method::GET, "/settings/nope", &admin, None)
            .await,
        404,
    );
}

#[tokio::test]
async fn concurrent_writes_lose_nothing() {
    let sb = start().await;
    let admin = sb.admin().await;
    sb.configure_vidm(&admin).await;
    let calls = (0..60).map(|i| {
        let body = json!({"username": format!("c{i}"), "domain": "vidmlabs.com", "role": "MEMBER"});
        sb.aria_call(Method::POST, "/settings/users/vidm", &admin, Some(body))
    });
    let answers = futures::future::join_all(calls).await;
    assert!(answers.iter().all(|a| a.status == 201));
    // The same user added concurrently is created once.
    let dup = (0..20).map(|_| {
        let body = json!({"username": "same", "domain": "vidmlabs.com", "role": "MEMBER"});
        sb.aria_call(Method::POST, "/settings/users/vidm", &admin, Some(body))
    });
    let answers = futures::future::join_all(dup).await;
    assert_eq!(answers.iter().filter(|a| a.status == 201).count(), 1);
    assert_eq!(answers.iter().filter(|a| a.status == 409).count(), 19);
    let users = sb
        .aria_call(
            Method::GET,
            "/settings/users?type=vidm&size=1000",
            &admin,
            None,
        )
        .await
        .json();
    assert_eq!(users["total_count"], 61);
}

#[tokio::test]
async fn bursts_get_429_with_retry_after() {
    let mut config = appliance_sandbox::config::Config::default();
    config.aria.requests_per_minute = 5;
    let sb = start_with(config, Default::default()).await;
    let now = sb.sandbox.clock.now_ms();
    sb.advance(((60_000 - now.rem_euclid(60_000)) / 1000 + 1) as u64);
    let admin = sb.admin().await;
    for _ in 0..4 {
        assert_eq!(
            sb.aria_call(Method::GET, "/info/version", &admin, None)
                .await
                .status,
            200
        );
    }
    let a = sb
        .aria_call(Method::GET, "/info/version", &admin, None)
        .await;
    assert_aria_error(&a, 429);
    assert!(a.headers.contains_key("retry-after"));
}

#[tokio::test]
async fn null_is_not_an_absent_field() {
    let sb = start().await;
    let admin = sb.admin().await;
    sb.configure_vidm(&admin).await;
    let body = json!({"username": "u", "domain": "d", "display_name": null, "role": "MEMBER"});
    let a = sb
        .aria_call(Method::POST, "/settings/users/vidm", &admin, Some(body))
        .await;
    assert_aria_error(&a, 400);
    assert!(
        a.json()["message"]
            .as_str()
            .unwrap()
            .contains("display_name: null is not allowed"),
        "{}",
        a.text
    );
}
