//! The Identity Manager endpoints over HTTP.

use crate::common;

use common::*;

#[tokio::test]
async fn discovery_names_the_issuer_token_endpoint_and_key_set() {
    let sb = start().await;
    let doc = sb
        .send(sb.http.get(format!(
            "{}/SAAS/auth/.well-known/openid-configuration",
            sb.base
        )))
        .await
        .json();
    // The issuer is what the tokens carry; the endpoints are where this document was read, so
    // that a client can follow them.
    assert_eq!(doc["issuer"], "https://identity.domain.com/SAAS/auth");
    assert_eq!(
        doc["token_endpoint"],
        format!("{}/SAAS/auth/oauthtoken", sb.base).as_str()
    );
    assert!(doc["jwks_uri"]
        .as_str()
        .unwrap()
        .ends_with("/SAAS/API/1.0/REST/auth/token?attribute=publicKey&format=jwks"));
}

#[tokio::test]
async fn the_public_key_is_an_rsa_jwk_and_other_formats_are_refused() {
    let sb = start().await;
    let url = format!("{}/SAAS/API/1.0/REST/auth/token", sb.base);
    let jwks = sb
        .send(
            sb.http
                .get(&url)
                .query(&[("attribute", "publicKey"), ("format", "jwks")]),
        )
        .await
        .json();
    let key = &jwks["keys"][0];
    assert_eq!(key["kty"], "RSA");
    assert_eq!(key["alg"], "RS256");
    assert_eq!(key["e"], "AQAB");
    assert!(key["n"].as_str().unwrap().len() > 300, "a 2048-bit modulus");
    for bad in [("format", "pem"), ("attribute", "privateKey")] {
        let mut q = vec![("attribute", "publicKey"), ("format", "jwks")];
        q.retain(|(k, _)| *k != bad.0);
        q.push(bad);
        let a = sb.send(sb.http.get(&url).query(&q)).await;
        assert_eq!(a.status, 400, "{bad:?}");
        assert_eq!(a.json()["error"], "invalid_request");
    }
}

#[tokio::test]
async fn the_token_endpoint_refuses_what_it_should() {
    let sb = start().await;
    let admin = sb.admin().await;
    sb.configure_vidm(&admin).await;
    let url = format!("{}/SAAS/auth/oauthtoken", sb.base);
    let grant = |q: Vec<(&'static str, &'static str)>| sb.http.post(&url).query(&q);
    let a = sb
        .send(grant(vec![
            ("grant_type", "client_credentials"),
            ("client_id", "g9xUFRr84K_pwd_grant"),
        ]))
        .await;
    assert_eq!(
        (a.status, a.json()["error"].clone()),
        (400, "unsupported_grant_type".into())
    );
    let a = sb
        .send(grant(vec![
            ("grant_type", "password"),
            ("client_id", "g9xUFRr84K_pwd_grant"),
        ]))
        .await;
    assert_eq!(
        (a.status, a.json()["error"].clone()),
        (400, "invalid_request".into())
    );
    let a = sb
        .send(grant(vec![
            ("grant_type", "magic"),
            ("client_id", "g9xUFRr84K_pwd_grant"),
        ]))
        .await;
    assert_eq!(a.status, 400);
    let a = sb
        .send(grant(vec![("client_id", "g9xUFRr84K_pwd_grant")]))
        .await;
    assert_eq!(a.status, 400, "grant_type is required");
    // The confidential service client cannot use the public password flow.
    let a = sb
        .send(grant(vec![
            ("grant_type", "password"),
            ("client_id", "operations_for_networks_client"),
            ("username", "testuser"),
            ("password", "vidm-password"),
        ]))
        .await;
    assert_eq!(
        (a.status, a.json()["error"].clone()),
        (401, "invalid_client".into())
    );
    let a = sb
        .send(grant(vec![
            ("grant_type", "password"),
            ("client_id", "g9xUFRr84K_pwd_grant"),
            ("username", "testuser"),
            ("password", "vidm-password"),
            ("domain", "other.com"),
        ]))
        .await;
    assert_eq!(
        (a.status, a.json()["error"].clone()),
        (400, "invalid_grant".into())
    );
}
