//! Single sign-on through VMware Identity Manager: its settings, token exchange and group mapping.

use super::*;

/// vIDM configured, `testuser1` mapped as ADMIN, and an Identity Manager access token for them
/// (with the Aria admin token the setup used).
async fn mapped_vidm_admin(sb: &TestSandbox) -> (String, String) {
    let admin = sb.admin().await;
    sb.configure_vidm(&admin).await;
    let user = json!({"username": "testuser1", "domain": "vidmlabs.com", "role": "ADMIN"});
    sb.aria_call(Method::POST, "/settings/users/vidm", &admin, Some(user))
        .await;
    let jwt = sb
        .vidm_password_grant("g9xUFRr84K_pwd_grant", "testuser1", "vidm-password")
        .await
        .json()["access_token"]
        .as_str()
        .unwrap()
        .to_string();
    (admin, jwt)
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
    // Before vIDM is configured: 412, and the password-grant client does not exist yet.
    assert_aria_error(&sb.vidm_login("x.y.z").await, 412);
    assert_eq!(
        sb.vidm_password_grant("g9xUFRr84K_pwd_grant", "testuser", "vidm-password")
            .await
            .status,
        401
    );
    let (_, good) = mapped_vidm_admin(&sb).await;
    let jwt = |a: Answer| a.json()["access_token"].as_str().unwrap().to_string();

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

/// Signed with the Identity Manager's own key and unexpired, yet refused: the exchange checks
/// the issuer, the audience and the client the token was issued to, one claim at a time.
#[tokio::test]
async fn vidm_tokens_with_a_wrong_issuer_audience_or_client_are_refused() {
    use base64::Engine;
    let sb = start().await;
    let (_, good) = mapped_vidm_admin(&sb).await;
    let payload = good.split('.').nth(1).unwrap();
    let claims: appliance_sandbox::vidm::AccessClaims = serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(payload)
            .unwrap(),
    )
    .unwrap();
    // The re-signed token as issued is accepted: only the changed claim can refuse the others.
    let resigned = sb.sandbox.idm.sign(&claims);
    assert_eq!(sb.vidm_login(&resigned).await.status, 200);
    type Change = fn(&mut appliance_sandbox::vidm::AccessClaims);
    let forged: [(&str, Change); 3] = [
        ("iss", |c| {
            c.iss = "https://evil.example.com/SAAS/auth".into()
        }),
        ("aud", |c| c.aud.push_str("/other")),
        ("cid", |c| c.cid = "someone_elses_client".into()),
    ];
    for (claim, change) in forged {
        let mut wrong = claims.clone();
        change(&mut wrong);
        let token = sb.sandbox.idm.sign(&wrong);
        let answer = sb.vidm_login(&token).await;
        assert_eq!(answer.status, 401, "{claim}");
        assert_aria_error(&answer, 401);
    }
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
async fn deleting_vidm_removes_mapped_users_groups_and_their_tokens() {
    let sb = start().await;
    let (admin, jwt) = mapped_vidm_admin(&sb).await;
    let g = json!({"group_name": "testgroup1", "domain": "vidmlabs.com", "role": "MEMBER"});
    sb.aria_call(Method::POST, "/settings/user-groups/vidm", &admin, Some(g))
        .await;
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
