//! What vIDM clients rely on, and typed errors and example bodies.

use super::*;

#[tokio::test]
async fn vidm_answers_at_the_sandboxs_own_address_with_basic_client_auth() {
    let sb = start().await;
    let admin = sb.admin().await;
    let own = sb.base.trim_start_matches("http://").to_string();
    let port = own.rsplit_once(':').unwrap().1.to_string();
    // Addresses nothing answers at are refused; the sandbox's own are accepted, with or
    // without scheme, under any loopback name.
    for (address, status) in [
        ("nowhere.example.com".to_string(), 400),
        (
            format!("localhost:{}", port.parse::<u16>().unwrap() + 1),
            400,
        ),
        (format!("https://localhost:{port}"), 201),
        (format!("http://{own}/"), 200),
        (own.clone(), 200),
    ] {
        let body = json!({"vidm_appliance": address, "client_id": "operations_for_networks_client",
                          "client_secret": "operations_for_networks_secret", "enable": "true"});
        let method = if status == 201 {
            Method::POST
        } else {
            Method::PUT
        };
        let a = sb
            .aria_call(method, "/settings/vidm", &admin, Some(body))
            .await;
        if status == 400 {
            assert_aria_error(&a, 400);
        } else {
            assert_eq!(a.status, status, "{address}: {}", a.text);
        }
    }
    // A script reads the address back and sends the password grant there, authenticating the
    // client with HTTP Basic as VMware recommends.
    let ids = sb
        .send(sb.http.get(sb.aria("/auth/vidm/client-id")))
        .await
        .json();
    assert_eq!(ids["vidm_appliance"], own.as_str());
    let client = ids["client_id"].as_str().unwrap();
    let grant = |basic: Option<&str>, query_client: Option<&str>| {
        let mut q = vec![
            ("grant_type", "password"),
            ("username", "testuser"),
            ("password", "vidm-password"),
        ];
        if let Some(c) = query_client {
            q.push(("client_id", c));
        }
        let mut req = sb
            .http
            .post(format!(
                "http://{}/SAAS/auth/oauthtoken",
                ids["vidm_appliance"].as_str().unwrap()
            ))
            .query(&q);
        if let Some(id) = basic {
            req = req.basic_auth(id, Some(""));
        }
        sb.send(req)
    };
    let token = grant(Some(client), None).await;
    assert_eq!(token.status, 200, "{}", token.text);
    assert_eq!(grant(Some(client), Some(client)).await.status, 200);
    assert_eq!(grant(Some("someone-else"), Some(client)).await.status, 400);
    assert_eq!(grant(None, None).await.status, 400);
    assert_eq!(grant(Some("unknown"), None).await.status, 401);
    // The token is good for Aria once the user is mapped.
    let body = json!({"username": "testuser", "domain": "vidmlabs.com", "role": "MEMBER"});
    sb.aria_call(Method::POST, "/settings/users/vidm", &admin, Some(body))
        .await;
    let vidm_token = token.json()["access_token"].as_str().unwrap().to_string();
    assert_eq!(sb.vidm_login(&vidm_token).await.status, 200);
}

#[tokio::test]
async fn the_vidm_root_certificate_is_answered_where_vidm_answers() {
    let sb = start().await;
    let admin = sb.admin().await;
    let own = sb.base.clone();
    for url in ["https://identity.domain.com", own.as_str()] {
        let a = sb
            .aria_req(Method::GET, "/settings/vidm/certificate", &admin)
            .query(&[("url", url)]);
        let a = sb.send(a).await;
        assert_eq!(a.status, 200, "{url}: {}", a.text);
        let pem = a.json()["vidm_root_certificate"]
            .as_str()
            .unwrap()
            .to_string();
        assert!(pem.starts_with("-----BEGIN CERTIFICATE-----"), "{pem}");
        // It is what `rootCA_certificate` takes.
        let body = json!({"vidm_appliance": "identity.domain.com", "client_id": "operations_for_networks_client",
                          "client_secret": "operations_for_networks_secret", "rootCA_certificate": pem});
        let method = if url == own {
            Method::PUT
        } else {
            Method::POST
        };
        let configured = sb
            .aria_call(method, "/settings/vidm", &admin, Some(body))
            .await;
        assert_eq!(
            configured.json()["certificate_validation_enabled"],
            true,
            "{}",
            configured.text
        );
    }
    let nowhere = sb
        .aria_req(Method::GET, "/settings/vidm/certificate", &admin)
        .query(&[("url", "https://nowhere.example.com")]);
    assert_aria_error(&sb.send(nowhere).await, 400);
    let not_pem = json!({"vidm_appliance": "identity.domain.com", "client_id": "operations_for_networks_client",
                         "client_secret": "operations_for_networks_secret", "rootCA_certificate": "hello"});
    assert_aria_error(
        &sb.aria_call(Method::PUT, "/settings/vidm", &admin, Some(not_pem))
            .await,
        400,
    );
}

#[tokio::test]
async fn an_error_answered_with_no_body_is_still_a_typed_error_with_its_status() {
    use appliance_client::aria_networks as aria;
    let sb = start().await;
    let admin = sb.admin().await;
    let fault = json!({"method": "GET", "path": "/api/ni/info/version", "kind": "empty", "status": 401, "count": 2});
    let added = sb
        .send(
            sb.http
                .post(format!("{}/sandbox/v1/faults", sb.base))
                .json(&fault),
        )
        .await;
    assert_eq!(added.status, 201, "{}", added.text);
    // On the wire: the status and nothing else.
    let raw = sb
        .aria_call(Method::GET, "/info/version", &admin, None)
        .await;
    assert_eq!((raw.status, raw.text.as_str()), (401, ""));
    // Through the generated client: `ErrorResponse` with the status, not an opaque payload error.
    let client = aria::Client::new_with_client(
        &sb.aria(""),
        reqwest::Client::builder()
            .default_headers(
                [(
                    reqwest::header::AUTHORIZATION,
                    format!("NetworkInsight {admin}").parse().unwrap(),
                )]
                .into_iter()
                .collect(),
            )
            .build()
            .unwrap(),
    );
    match client.get_api_version().send().await {
        Err(aria::Error::ErrorResponse(e)) => {
            assert_eq!(e.status().as_u16(), 401);
            assert_eq!(e.code, 401);
            assert!(e.message.contains("empty body"), "{}", e.message);
        }
        other => panic!("{other:?}"),
    }
    // The fault is used up: the same call succeeds.
    assert_eq!(
        client.get_api_version().send().await.unwrap().api_version,
        "6.12.0"
    );
}

/// Bodies quoted in the vendors' definitions, through the reader every generated handler uses
/// and the generated types.
#[test]
fn the_vendors_example_bodies_parse_as_the_generated_types() {
    use appliance_client::aria_networks::types;
    use appliance_sandbox::stub::parse_json;
    // The 1.1.8 reference's login example (LOCAL, no value).
    let login: types::LoginRequest = parse_json(
        br#"{"username": "admin@local", "password": "admin", "domain": {"domain_type": "LOCAL"}}"#,
        &[],
    )
    .unwrap()
    .unwrap();
    assert_eq!(login.domain.value, None);
    // The guide's vIDM configuration, `enable` as a string.
    let vidm: types::VidmConfigRequest = parse_json(
        br#"{"vidm_appliance": "identity.domain.com", "rootCA_certificate": "", "client_id": "c",
             "client_secret": "s", "sha_thumbprint": "", "enable": "true"}"#,
        &[],
    )
    .unwrap()
    .unwrap();
    assert_eq!(vidm.enable, Some(true));
    // 6.12 models: UserUpdateRequest, LoginBannerObject, and a user of a type (CSP) the sandbox
    // never creates.
    let _: types::UserPasswordUpdate =
        parse_json(br#"{"username": "admin@local", "new_password": "x"}"#, &[])
            .unwrap()
            .unwrap();
    let _: types::LoginBanner = parse_json(
        br#"{"is_enabled": true, "login_message_banner": "m", "user_consent_title": "t", "user_consent_description": "d"}"#,
        &[],
    )
    .unwrap()
    .unwrap();
    let csp: types::User = serde_json::from_value(json!({"user_type": "CSP", "id": "a@vmware.com",
        "role": "ADMIN", "username": "a", "domain": "vmware.com"}))
    .unwrap();
    assert_eq!(csp.user_type, types::UserType::Csp);
}
