//! Consoles and the operational context, and the generated client on Dell's sample flow.

use super::*;

#[tokio::test]
async fn consoles_and_the_operational_context() {
    let sb = start().await;
    let token = sb.omivv_token().await;
    let list = sb.omivv_get(CONSOLES, &token).await.json();
    let id = list[0]["id"].as_str().unwrap().to_string();
    assert_eq!(list.as_array().unwrap().len(), 2);
    // What Dell's scripts read from each console (ERRATA E20).
    for c in list.as_array().unwrap() {
        for field in ["id", "href", "objectType", "hostname", "ip"] {
            assert!(c[field].is_string(), "{field} in {c}");
        }
    }
    assert_eq!(list[0]["ip"], "10.20.0.10");
    let one = sb.omivv_get(&format!("{CONSOLES}/{id}"), &token).await;
    assert_eq!(one.json()["id"], id.as_str());
    assert_eq!(
        list[0]["href"],
        format!("{}{CONSOLES}/{id}", sb.omivv("")).as_str()
    );
    assert_omivv_error(
        &sb.omivv_get(&format!("{CONSOLES}/nope"), &token).await,
        404,
        "nope",
    );

    let ctx = |user: &str, password: &str, console: &str| {
        json!({"consoleId": console, "consoleUserCredential":
               {"username": user, "domain": "vsphere.local", "password": password}})
    };
    let post = |body| {
        sb.http
            .post(sb.omivv(CONTEXT))
            .bearer_auth(&token)
            .json(&body)
    };
    let a = sb.send(post(ctx("administrator", "VMware1!", &id))).await;
    assert_eq!(a.status, 204, "{}", a.text);
    assert!(a.text.is_empty());
    // The session now holds that context.
    let sid = session_id(&token);
    assert_eq!(sb.sandbox.omivv.context_of(&sid).await, Some(id.clone()));
    assert_omivv_error(
        &sb.send(post(ctx("administrator", "wrong", &id))).await,
        403,
        "vCenter",
    );
    assert_omivv_error(
        &sb.send(post(ctx("administrator", "VMware1!", "other")))
            .await,
        404,
        "other",
    );
    // No token, no context.
    let anon = sb
        .send(
            sb.http
                .post(sb.omivv(CONTEXT))
                .json(&ctx("administrator", "VMware1!", &id)),
        )
        .await;
    assert_eq!(anon.status, 401);
}

#[tokio::test]
async fn the_generated_client_follows_dells_sample_flow() {
    use appliance_client::omivv::{types, Client};
    let sb = start().await;
    let anon = Client::new(&format!("{}/Spectre/api/rest/v1", sb.base));
    let login = anon
        .login()
        .body(types::LoginRequest {
            api_user_credential: types::Credential {
                username: "admin".into(),
                domain: String::new(),
                password: "admin123".into(),
            },
        })
        .send()
        .await
        .unwrap()
        .into_inner();
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        "authorization",
        format!("Bearer {}", login.access_token).parse().unwrap(),
    );
    let http = reqwest::Client::builder()
        .default_headers(headers)
        .build()
        .unwrap();
    let client = Client::new_with_client(&format!("{}/Spectre/api/rest/v1", sb.base), http);
    let consoles = client.list_consoles().send().await.unwrap().into_inner();
    let ctx = client
        .set_operational_context()
        .body(types::OperationalContextRequest {
            console_id: consoles[0].id.clone(),
            console_user_credential: types::Credential {
                username: "administrator".into(),
                domain: "vsphere.local".into(),
                password: "VMware1!".into(),
            },
        })
        .send()
        .await
        .unwrap();
    assert_eq!(ctx.status().as_u16(), 204);
    let off = client.logoff().send().await.unwrap();
    assert_eq!(off.status().as_u16(), 200);
    // The generated client surfaces OMIVV's error body, typed.
    match client.list_consoles().send().await {
        Err(appliance_client::omivv::Error::ErrorResponse(e)) => {
            assert_eq!(e.status().as_u16(), 401);
            assert_eq!(e.into_inner().error_code, "INVALID_TOKEN");
        }
        other => panic!("expected a 401 error response, got {other:?}"),
    }
}

#[tokio::test]
async fn a_new_operational_context_replaces_the_old_one() {
    // The default world has two vCenters, both registered.
    let sb = start().await;
    let token = sb.omivv_token().await;
    let sid = session_id(&token);
    for id in [
        "6f1c3c1e-4a38-4c1b-9a0e-2f4f0c1d9b11",
        "0b6f4a9e-2d1c-4f57-8a3e-5c7d9e1f2a40",
    ] {
        let body = json!({"consoleId": id, "consoleUserCredential":
                          {"username": "administrator", "domain": "vsphere.local", "password": "VMware1!"}});
        let a = sb
            .send(
                sb.http
                    .post(sb.omivv(CONTEXT))
                    .bearer_auth(&token)
                    .json(&body),
            )
            .await;
        assert_eq!(a.status, 204);
        assert_eq!(sb.sandbox.omivv.context_of(&sid).await.as_deref(), Some(id));
    }
    assert_eq!(
        sb.omivv_get(CONSOLES, &token)
            .await
            .json()
            .as_array()
            .unwrap()
            .len(),
        2
    );
    // Another session has no context of its own yet.
    let other = sb.omivv_token().await;
    assert_eq!(sb.sandbox.omivv.context_of(&session_id(&other)).await, None);
}
