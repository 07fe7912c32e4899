//! Aria Operations for Networks (and its vIDM sign-on) over HTTP.

use crate::common;

use common::*;
use reqwest::Method;
use serde_json::{json, Value};

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
    assert_eq!(v.json(), json!({"api_version": "1.1.8"}));
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
async fn vidm_settings_lifecycle_never_returns_the_secret() {
    let sb = start().await;
    let admin = sb.admin().await;
    assert_aria_error(
        &sb.aria_call(Method::GET, "/settings/vidm", &admin, None)
            .await,
        404,
    );
    assert_aria_error(
        &sb.aria_call(Method::POST, "/settings/vidm/enable", &admin, None)
            .await,
        404,
    );
    assert_aria_error(
        &sb.send(sb.http.get(sb.aria("/auth/vidm/client-id"))).await,
        403,
    );

    let created = sb.configure_vidm(&admin).await;
    assert_eq!(created.status, 201, "{}", created.text);
    assert_eq!(
        created.json(),
        json!({"vidm_appliance": "identity.domain.com", "client_id": "operations_for_networks_client",
               "enable": true, "certificate_validation_enabled": false})
    );
    assert!(!created.text.contains("secret"));
    assert_aria_error(&sb.configure_vidm(&admin).await, 409);

    let got = sb
        .aria_call(Method::GET, "/settings/vidm", &admin, None)
        .await;
    assert_eq!(got.json()["enable"], true);
    assert!(!got.text.contains("operations_for_networks_secret"));

    let cid = sb.send(sb.http.get(sb.aria("/auth/vidm/client-id"))).await;
    assert_eq!(
        cid.json(),
        json!({"vidm_appliance": "identity.domain.com", "client_id": "g9xUFRr84K_pwd_grant"})
    );

    assert_eq!(
        sb.aria_call(Method::POST, "/settings/vidm/disable", &admin, None)
            .await
            .status,
        204
    );
    assert_eq!(
        sb.aria_call(Method::GET, "/settings/vidm", &admin, None)
            .await
            .json()["enable"],
        false
    );
    assert_aria_error(
        &sb.send(sb.http.get(sb.aria("/auth/vidm/client-id"))).await,
        403,
    );
    assert_eq!(
        sb.aria_call(Method::POST, "/settings/vidm/enable", &admin, None)
            .await
            .status,
        204
    );

    let update = json!({"vidm_appliance": "identity.domain.com", "client_id": "operations_for_networks_client",
                        "client_secret": "operations_for_networks_secret", "sha_thumbprint": "AB:CD", "enable": true});
    let up = sb
        .aria_call(Method::PUT, "/settings/vidm", &admin, Some(update))
        .await;
    assert_eq!(up.status, 200, "{}", up.text);
    assert_eq!(up.json()["certificate_validation_enabled"], true);

    // A wrong secret or an unknown appliance is refused and changes nothing.
    let bad = json!({"vidm_appliance": "identity.domain.com", "client_id": "operations_for_networks_client",
                     "client_secret": "wrong", "enable": false});
    assert_aria_error(
        &sb.aria_call(Method::PUT, "/settings/vidm", &admin, Some(bad))
            .await,
        400,
    );
    let elsewhere = json!({"vidm_appliance": "other.example.com", "client_id": "operations_for_networks_client",
                           "client_secret": "operations_for_networks_secret"});
    assert_aria_error(
        &sb.aria_call(Method::PUT, "/settings/vidm", &admin, Some(elsewhere))
            .await,
        400,
    );
    assert_eq!(
        sb.aria_call(Method::GET, "/settings/vidm", &admin, None)
            .await
            .json()["enable"],
        true
    );

    assert_eq!(
        sb.aria_call(Method::DELETE, "/settings/vidm", &admin, None)
            .await
            .status,
        204
    );
    assert_aria_error(
        &sb.aria_call(Method::DELETE, "/settings/vidm", &admin, None)
            .await,
        404,
    );
}

/// Decodes a JWT's payload without verifying it (the test verifies separately).
fn claims(jwt: &str) -> Value {
    use base64::Engine;
    let payload = jwt.split('.').nth(1).unwrap();
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload)
        .unwrap();
    serde_json::from_slice(&bytes).unwrap()
}

#[tokio::test]
async fn vidm_single_sign_on_end_to_end() {
    let sb = start().await;
    let admin = sb.admin().await;
    assert_eq!(sb.configure_vidm(&admin).await.status, 201);
    let user = json!({"username": "testuser", "domain": "vidmlabs.com", "display_name": "test user", "role": "MEMBER"});
    assert_eq!(
        sb.aria_call(Method::POST, "/settings/users/vidm", &admin, Some(user))
            .await
            .status,
        201
    );

    let client_id = sb
        .send(sb.http.get(sb.aria("/auth/vidm/client-id")))
        .await
        .json()["client_id"]
        .as_str()
        .unwrap()
        .to_string();
    let grant = sb
        .vidm_password_grant(&client_id, "testuser", "vidm-password")
        .await;
    assert_eq!(grant.status, 200, "{}", grant.text);
    let grant = grant.json();
    assert_eq!(grant["token_type"], "Bearer");
    assert_eq!(grant["expires_in"], 10800);
    let jwt = grant["access_token"].as_str().unwrap();

    // The token carries the claims the real Identity Manager puts in, and verifies with the JWKS.
    let c = claims(jwt);
    for k in [
        "jti",
        "prn",
        "domain",
        "user_id",
        "auth_time",
        "iss",
        "aud",
        "ctx",
        "scp",
        "idp",
        "eml",
        "cid",
        "did",
        "wid",
        "exp",
        "iat",
        "sub",
        "prn_type",
    ] {
        assert!(c.get(k).is_some(), "claim {k} missing in {c}");
    }
    assert_eq!(c["cid"], client_id.as_str());
    assert_eq!(c["iss"], "https://identity.domain.com/SAAS/auth");
    assert_eq!(c["aud"], "https://identity.domain.com/SAAS/auth/oauthtoken");
    assert_eq!(c["domain"], "vidmlabs.com");
    assert!(c["prn"].as_str().unwrap().starts_with("testuser@"));
    assert_eq!(
        c["exp"].as_i64().unwrap() - c["iat"].as_i64().unwrap(),
        10800
    );
    let jwks = sb
        .send(sb.http.get(format!(
            "{}/SAAS/API/1.0/REST/auth/token?attribute=publicKey&format=jwks",
            sb.base
        )))
        .await
        .json();
    let key = &jwks["keys"][0];
    let decoding = jsonwebtoken::DecodingKey::from_rsa_components(
        key["n"].as_str().unwrap(),
        key["e"].as_str().unwrap(),
    )
    .unwrap();
    let mut validation = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::RS256);
    validation.set_audience(&["https://identity.domain.com/SAAS/auth/oauthtoken"]);
    validation.set_issuer(&["https://identity.domain.com/SAAS/auth"]);
    jsonwebtoken::decode::<Value>(jwt, &decoding, &validation)
        .expect("verifies with the published key");

    let login = sb.vidm_login(jwt).await;
    assert_eq!(login.status, 200, "{}", login.text);
    let token = login.json()["token"].as_str().unwrap().to_string();
    assert_eq!(
        sb.aria_call(Method::GET, "/info/version", &token, None)
            .await
            .status,
        200
    );
    // MEMBER role: no admin calls.
    assert_aria_error(
        &sb.aria_call(Method::GET, "/settings/vidm", &token, None)
            .await,
        403,
    );
}

#[tokio::test]
async fn vidm_tokens_are_checked() {
    let sb = start().await;
    let admin = sb.admin().await;
    // Before vIDM is configured: 412, and the password-grant client does not exist yet.
    assert_aria_error(&sb.vidm_login("x.y.z").await, 412);
    assert_eq!(
        sb.vidm_password_grant("g9xUFRr84K_pwd_grant", "testuser", "vidm-password")
            .await
            .status,
        401
    );
    sb.configure_vidm(&admin).await;
    let user = json!({"username": "testuser1", "domain": "vidmlabs.com", "role": "ADMIN"});
    sb.aria_call(Method::POST, "/settings/users/vidm", &admin, Some(user))
        .await;

    let jwt = |a: Answer| a.json()["access_token"].as_str().unwrap().to_string();
    let good = jwt(sb
        .vidm_password_grant("g9xUFRr84K_pwd_grant", "testuser1", "vidm-password")
        .await);

    // Tampered payload: signature no longer matches.
    let mut parts: Vec<String> = good.split('.').map(String::from).collect();
    parts[1] = parts[1].chars().rev().collect();
    assert_aria_error(&sb.vidm_login(&parts.join(".")).await, 401);
    assert_aria_error(&sb.vidm_login("garbage").await, 401);
    // Wrong password, wrong client at the Identity Manager.
    let bad = sb
        .vidm_password_grant("g9xUFRr84K_pwd_grant", "testuser1", "nope")
        .await;
    assert_eq!(bad.status, 400);
    assert_eq!(bad.json()["error"], "invalid_grant");
    let unknown = sb
        .vidm_password_grant("someone_else", "testuser1", "vidm-password")
        .await;
    assert_eq!(unknown.status, 401);
    assert_eq!(unknown.json()["error"], "invalid_client");

    // A mapped user who is valid: ADMIN role granted.
    let t = sb.vidm_login(&good).await.json()["token"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        sb.aria_call(Method::GET, "/settings/vidm", &t, None)
            .await
            .status,
        200
    );

    // An unmapped directory user: 404.
    let unmapped = jwt(sb
        .vidm_password_grant("g9xUFRr84K_pwd_grant", "testuser", "vidm-password")
        .await);
    assert_aria_error(&sb.vidm_login(&unmapped).await, 404);

    // Expiry follows the sandbox clock.
    sb.advance(10_801);
    assert_aria_error(&sb.vidm_login(&good).await, 401);

    // Disabled vIDM: 412.
    let admin = sb.admin().await;
    sb.aria_call(Method::POST, "/settings/vidm/disable", &admin, None)
        .await;
    let fresh = jwt(sb
        .vidm_password_grant("g9xUFRr84K_pwd_grant", "testuser1", "vidm-password")
        .await);
    assert_aria_error(&sb.vidm_login(&fresh).await, 412);
}

#[tokio::test]
async fn group_mapping_grants_the_groups_role() {
    let sb = start().await;
    let admin = sb.admin().await;
    sb.configure_vidm(&admin).await;
    let group = json!({"group_name": "testgroup1", "domain": "vidmlabs.com", "role": "MEMBER"});
    let g = sb
        .aria_call(
            Method::POST,
            "/settings/user-groups/vidm",
            &admin,
            Some(group),
        )
        .await;
    assert_eq!(g.status, 201, "{}", g.text);

    let jwt = sb
        .vidm_password_grant("g9xUFRr84K_pwd_grant", "testuser2", "vidm-password")
        .await
        .json()["access_token"]
        .as_str()
        .unwrap()
        .to_string();
    let t = sb.vidm_login(&jwt).await.json()["token"]
        .as_str()
        .unwrap()
        .to_string();
    assert_aria_error(
        &sb.aria_call(Method::GET, "/settings/vidm", &t, None).await,
        403,
    );

    // Promote the group: the next sign-on is an admin.
    let promote = json!({"group_name": "testgroup1", "domain": "vidmlabs.com", "role": "ADMIN"});
    let up = sb
        .aria_call(
            Method::PUT,
            "/settings/user-groups/vidm",
            &admin,
            Some(promote),
        )
        .await;
    assert_eq!(up.json()["role"], "ADMIN");
    let t = sb.vidm_login(&jwt).await.json()["token"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        sb.aria_call(Method::GET, "/settings/vidm", &t, None)
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn users_crud_with_url_encoded_ids() {
    let sb = start().await;
    let admin = sb.admin().await;
    let add = json!({"username": "testuser1", "domain": "system domain", "display_name": "test user1", "role": "MEMBER"});
    // Without vIDM there is nothing to map users from.
    assert_aria_error(
        &sb.aria_call(
            Method::POST,
            "/settings/users/vidm",
            &admin,
            Some(add.clone()),
        )
        .await,
        400,
    );
    sb.configure_vidm(&admin).await;
    let a = sb
        .aria_call(
            Method::POST,
            "/settings/users/vidm",
            &admin,
            Some(add.clone()),
        )
        .await;
    assert_eq!(a.status, 201, "{}", a.text);
    assert_eq!(
        a.json(),
        json!({"user_type": "VIDM", "id": "testuser1@system domain", "role": "MEMBER",
               "username": "testuser1", "domain": "system domain", "display_name": "test user1"})
    );
    assert_aria_error(
        &sb.aria_call(Method::POST, "/settings/users/vidm", &admin, Some(add))
            .await,
        409,
    );

    let got = sb
        .aria_call(
            Method::GET,
            "/settings/users/testuser1@system%20domain",
            &admin,
            None,
        )
        .await;
    assert_eq!(got.status, 200, "{}", got.text);
    assert_eq!(got.json()["id"], "testuser1@system domain");

    let promote = json!({"username": "testuser1", "domain": "system domain", "role": "AUDITOR"});
    let up = sb
        .aria_call(Method::PUT, "/settings/users/vidm", &admin, Some(promote))
        .await;
    assert_eq!(up.json()["role"], "AUDITOR");
    assert_eq!(up.json()["display_name"], "test user1");
    let ghost = json!({"username": "ghost", "domain": "vidmlabs.com", "role": "ADMIN"});
    assert_aria_error(
        &sb.aria_call(Method::PUT, "/settings/users/vidm", &admin, Some(ghost))
            .await,
        404,
    );

    assert_eq!(
        sb.aria_call(
            Method::DELETE,
            "/settings/users/testuser1@system%20domain",
            &admin,
            None
        )
        .await
        .status,
        204
    );
    assert_aria_error(
        &sb.aria_call(
            Method::GET,
            "/settings/users/testuser1@system%20domain",
            &admin,
            None,
        )
        .await,
        404,
    );
    assert_aria_error(
        &sb.aria_call(
            Method::DELETE,
            "/settings/users/testuser1@system%20domain",
            &admin,
            None,
        )
        .await,
        404,
    );
    // Local users cannot be deleted.
    assert_aria_error(
        &sb.aria_call(Method::DELETE, "/settings/users/member@local", &admin, None)
            .await,
        400,
    );
}

#[tokio::test]
async fn groups_crud() {
    let sb = start().await;
    let admin = sb.admin().await;
    sb.configure_vidm(&admin).await;
    let add = json!({"group_name": "sysadmins", "domain": "system domain", "role": "ADMIN"});
    assert_eq!(
        sb.aria_call(
            Method::POST,
            "/settings/user-groups/vidm",
            &admin,
            Some(add.clone())
        )
        .await
        .status,
        201
    );
    assert_aria_error(
        &sb.aria_call(
            Method::POST,
            "/settings/user-groups/vidm",
            &admin,
            Some(add),
        )
        .await,
        409,
    );
    let got = sb
        .aria_call(
            Method::GET,
            "/settings/user-groups/sysadmins@system%20domain",
            &admin,
            None,
        )
        .await;
    assert_eq!(
        got.json(),
        json!({"group_type": "VIDM", "id": "sysadmins@system domain", "group_name": "sysadmins",
               "domain": "system domain", "role": "ADMIN"})
    );
    let missing = json!({"group_name": "nope", "domain": "vidmlabs.com", "role": "ADMIN"});
    assert_aria_error(
        &sb.aria_call(
            Method::PUT,
            "/settings/user-groups/vidm",
            &admin,
            Some(missing),
        )
        .await,
        404,
    );
    assert_eq!(
        sb.aria_call(
            Method::DELETE,
            "/settings/user-groups/sysadmins@system%20domain",
            &admin,
            None
        )
        .await
        .status,
        204
    );
    assert_aria_error(
        &sb.aria_call(
            Method::GET,
            "/settings/user-groups/sysadmins@system%20domain",
            &admin,
            None,
        )
        .await,
        404,
    );
}

#[tokio::test]
async fn paging_with_base64_offset_cursors() {
    let sb = start().await;
    let admin = sb.admin().await;
    sb.configure_vidm(&admin).await;
    for i in 0..25 {
        let u =
            json!({"username": format!("user{i:02}"), "domain": "vidmlabs.com", "role": "MEMBER"});
        assert_eq!(
            sb.aria_call(Method::POST, "/settings/users/vidm", &admin, Some(u))
                .await
                .status,
            201
        );
    }
    let first = sb
        .aria_call(Method::GET, "/settings/users?type=vidm", &admin, None)
        .await
        .json();
    assert_eq!(
        first["results"].as_array().unwrap().len(),
        10,
        "size defaults to 10"
    );
    assert_eq!(first["total_count"], 25);
    assert_eq!(first["cursor"], "MTA=", "base64 of the next offset, 10");

    // Walk the pages as PowervRNI does, and check nothing is missed or repeated.
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            None => "/settings/users?type=vidm&size=7".to_string(),
            Some(c) => format!("/settings/users?type=vidm&size=7&cursor={}", urlencode(c)),
        };
        let page = sb.aria_call(Method::GET, &path, &admin, None).await.json();
        assert_eq!(page["total_count"], 25);
        for u in page["results"].as_array().unwrap() {
            seen.push(u["id"].as_str().unwrap().to_string());
        }
        match page.get("cursor").and_then(Value::as_str) {
            Some(c) => cursor = Some(c.to_string()),
            None => break,
        }
    }
    let mut sorted = seen.clone();
    sorted.dedup();
    assert_eq!(seen.len(), 25);
    assert_eq!(sorted.len(), 25);

    let two = sb
        .aria_call(
            Method::GET,
            "/settings/users?type=vidm&size=2",
            &admin,
            None,
        )
        .await
        .json();
    assert_eq!(two["cursor"], "Mg==", "the guide's cursor for offset 2");

    for bad in [
        "type=vidm&cursor=%25%25%25",
        "type=vidm&cursor=bm90YW51bWJlcg==",
        "type=vidm&cursor=OTk5",
        "type=vidm&size=0",
        "type=vidm&size=abc",
        "type=vidmx",
        "type=users",
        "type=other",
        "size=5",
    ] {
        assert_aria_error(
            &sb.aria_call(Method::GET, &format!("/settings/users?{bad}"), &admin, None)
                .await,
            400,
        );
    }
    let local = sb
        .aria_call(Method::GET, "/settings/users?type=local", &admin, None)
        .await
        .json();
    assert_eq!(local["total_count"], 3);
    assert_eq!(local["results"][0]["user_type"], "LOCAL");
    let groups = sb
        .aria_call(Method::GET, "/settings/user-groups?type=ldap", &admin, None)
        .await
        .json();
    assert_eq!(groups, json!({"results": [], "total_count": 0}));
}

fn urlencode(s: &str) -> String {
    s.replace('=', "%3D")
        .replace('+', "%2B")
        .replace('/', "%2F")
}

#[tokio::test]
async fn deleting_vidm_removes_mapped_users_groups_and_their_tokens() {
    let sb = start().await;
    let admin = sb.admin().await;
    sb.configure_vidm(&admin).await;
    let u = json!({"username": "testuser1", "domain": "vidmlabs.com", "role": "ADMIN"});
    sb.aria_call(Method::POST, "/settings/users/vidm", &admin, Some(u))
        .await;
    let g = json!({"group_name": "testgroup1", "domain": "vidmlabs.com", "role": "MEMBER"});
    sb.aria_call(Method::POST, "/settings/user-groups/vidm", &admin, Some(g))
        .await;
    let jwt = sb
        .vidm_password_grant("g9xUFRr84K_pwd_grant", "testuser1", "vidm-password")
        .await
        .json()["access_token"]
        .as_str()
        .unwrap()
        .to_string();
    let sso = sb.vidm_login(&jwt).await.json()["token"]
        .as_str()
        .unwrap()
        .to_string();

    assert_eq!(
        sb.aria_call(Method::DELETE, "/settings/vidm", &admin, None)
            .await
            .status,
        204
    );
    let users = sb
        .aria_call(Method::GET, "/settings/users?type=vidm", &admin, None)
        .await
        .json();
    assert_eq!(users["total_count"], 0);
    let groups = sb
        .aria_call(Method::GET, "/settings/user-groups?type=vidm", &admin, None)
        .await
        .json();
    assert_eq!(groups["total_count"], 0);
    assert_aria_error(
        &sb.aria_call(Method::GET, "/info/version", &sso, None).await,
        401,
    );
    // The local admin is untouched.
    assert_eq!(
        sb.aria_call(Method::GET, "/info/version", &admin, None)
            .await
            .status,
        200
    );
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
