//! Logins, tokens, lockout, logoff and session limits.

use super::*;

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
