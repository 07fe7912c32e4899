//! Every data-source type through its seven operations, and bad adds.

use super::*;

#[tokio::test]
async fn every_type_answers_its_seven_operations() {
    let sb = start().await;
    let admin = sb.admin().await;
    let proxy = collector(&sb, &admin).await;
    let vcenter = add_vcenter(&sb, &admin, &proxy, "10.20.0.10").await;
    for (n, kind) in KINDS.iter().enumerate() {
        let base = format!("/data-sources/{}", kind.segment);
        let ip = format!("10.30.{n}.1");
        let before = sb.aria_call(Method::GET, &base, &admin, None).await.json()["total_count"]
            .as_i64()
            .unwrap();

        let added = sb
            .aria_call(
                Method::POST,
                &base,
                &admin,
                Some(add_body(kind, &ip, &proxy, &vcenter)),
            )
            .await;
        assert_eq!(added.status, 201, "{}: {}", kind.segment, added.text);
        let added = added.json();
        let id = added["entity_id"].as_str().unwrap().to_string();
        assert!(id.starts_with(&format!("18230:{}:", kind.code)), "{id}");
        assert_eq!(added["entity_type"], kind.entity_type);
        assert_eq!(added["ip"], ip.as_str());
        if let Some(secret) = kind.secret {
            assert_eq!(
                at(&added, secret),
                "",
                "{}: the secret is never answered",
                kind.segment
            );
        }
        assert!(
            !added.to_string().contains("MyPassword") && !added.to_string().contains("LongString")
        );

        let list = sb.aria_call(Method::GET, &base, &admin, None).await.json();
        assert_eq!(list["total_count"].as_i64().unwrap(), before + 1);
        assert!(list["results"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["entity_id"] == id.as_str() && r["entity_type"] == kind.entity_type));

        // The SDK percent-encodes the colons of an id.
        let one = format!("{base}/{}", id.replace(':', "%3A"));
        let got = sb.aria_call(Method::GET, &one, &admin, None).await;
        assert_eq!(got.status, 200, "{}", got.text);
        assert_eq!(got.json(), added);

        let twice = sb
            .aria_call(
                Method::POST,
                &base,
                &admin,
                Some(add_body(kind, &ip, &proxy, &vcenter)),
            )
            .await;
        assert_aria_error(&twice, 400);

        // The whole model back, edited, as update_datasource.py sends it; "" keeps the secret.
        let mut edited = added.clone();
        edited["nickname"] = json!("renamed");
        edited["notes"] = json!("updated");
        let put = sb
            .aria_call(Method::PUT, &one, &admin, Some(edited.clone()))
            .await;
        assert_eq!(put.status, 200, "{}: {}", kind.segment, put.text);
        assert_eq!(
            put.json(),
            edited,
            "{}: the full model comes back",
            kind.segment
        );
        let mut moved = edited.clone();
        moved["ip"] = json!("10.99.99.99");
        assert_aria_error(
            &sb.aria_call(Method::PUT, &one, &admin, Some(moved)).await,
            400,
        );
        assert_eq!(
            sb.aria_call(Method::GET, &one, &admin, None).await.json(),
            edited
        );

        // Only what the 1.1.8 reference requires, as PowerValidatedSolutions sends it (E50):
        // every field left out keeps its stored value.
        let mut partial = json!({"nickname": "partly", "proxy_id": proxy});
        if kind.secret == Some("credentials.password") {
            partial["credentials"] = at(&added, "credentials").clone();
            partial["credentials"]["password"] = json!("NewPassword");
        }
        let put = sb.aria_call(Method::PUT, &one, &admin, Some(partial)).await;
        assert_eq!(put.status, 200, "{}: {}", kind.segment, put.text);
        edited["nickname"] = json!("partly");
        assert_eq!(put.json(), edited, "{}: the rest is kept", kind.segment);
        assert!(!put.text.contains("NewPassword"));
        let no_nickname = json!({"proxy_id": proxy, "notes": "x"});
        assert_aria_error(
            &sb.aria_call(Method::PUT, &one, &admin, Some(no_nickname))
                .await,
            400,
        );
        assert_eq!(
            sb.aria_call(Method::GET, &one, &admin, None).await.json(),
            edited
        );

        for verb in ["disable", "disable", "enable"] {
            let a = sb
                .aria_call(Method::POST, &format!("{one}/{verb}"), &admin, None)
                .await;
            assert_eq!(a.status, 200, "{verb}: {}", a.text);
            assert!(a.text.is_empty());
        }
        assert_eq!(
            sb.aria_call(Method::GET, &one, &admin, None).await.json()["enabled"],
            true
        );

        // Another type's path does not find it.
        let other = if n == 0 { "cisco-switches" } else { "vcenters" };
        let wrong = sb
            .aria_call(
                Method::GET,
                &format!("/data-sources/{other}/{id}"),
                &admin,
                None,
            )
            .await;
        assert_aria_error(&wrong, 404);

        let member = sb.aria_token("member@local", "member").await;
        assert_aria_error(&sb.aria_call(Method::GET, &base, &member, None).await, 403);
        assert_aria_error(
            &sb.aria_call(Method::DELETE, &one, &member, None).await,
            403,
        );

        let del = sb.aria_call(Method::DELETE, &one, &admin, None).await;
        assert_eq!(del.status, 204, "{}", del.text);
        assert_aria_error(&sb.aria_call(Method::GET, &one, &admin, None).await, 404);
        assert_aria_error(&sb.aria_call(Method::DELETE, &one, &admin, None).await, 404);
        assert_aria_error(
            &sb.aria_call(Method::POST, &format!("{one}/enable"), &admin, None)
                .await,
            404,
        );
        // The address is free again.
        let again = sb
            .aria_call(
                Method::POST,
                &base,
                &admin,
                Some(add_body(kind, &ip, &proxy, &vcenter)),
            )
            .await;
        assert_eq!(again.status, 201, "{}", again.text);
    }
}

#[tokio::test]
async fn a_bad_add_is_a_400_that_adds_nothing() {
    let sb = start().await;
    let admin = sb.admin().await;
    let proxy = collector(&sb, &admin).await;
    let cases: Vec<(&str, Value)> = vec![
        (
            "vcenters",
            json!({"ip": "10.0.0.1", "proxy_id": "18230:901:1", "nickname": "x", "credentials": {"username": "a", "password": "b"}}),
        ),
        (
            "vcenters",
            json!({"proxy_id": proxy, "nickname": "x", "credentials": {"username": "a", "password": "b"}}),
        ),
        (
            "vcenters",
            json!({"ip": "not-an-ip", "proxy_id": proxy, "nickname": "x", "credentials": {"username": "a", "password": "b"}}),
        ),
        (
            "vcenters",
            json!({"ip": "10.0.0.1", "proxy_id": proxy, "nickname": "x"}),
        ),
        (
            "vcenters",
            json!({"ip": "10.0.0.1", "proxy_id": proxy, "nickname": "x", "credentials": {"username": "a"}}),
        ),
        (
            "vcenters",
            json!({"ip": "10.0.0.1", "nickname": "x", "credentials": {"username": "a", "password": "b"}}),
        ),
        (
            "nsxv-managers",
            json!({"ip": "10.0.0.2", "proxy_id": proxy, "nickname": "x", "credentials": {"username": "a", "password": "b"}}),
        ),
        (
            "nsxv-managers",
            json!({"ip": "10.0.0.2", "proxy_id": proxy, "nickname": "x", "credentials": {"username": "a", "password": "b"}, "vcenter_id": "18230:902:1"}),
        ),
        (
            "vmc-nsxmanagers",
            json!({"ip": "10.0.0.3", "proxy_id": proxy, "nickname": "x", "vcenter_id": "18230:902:1", "csp_refresh_token": "t"}),
        ),
        (
            "vmc-nsxmanagers",
            json!({"ip": "10.0.0.3", "proxy_id": proxy, "nickname": "x"}),
        ),
        (
            "nsxt-managers",
            json!({"ip": "10.0.0.4", "proxy_id": proxy, "nickname": "x", "cred_type": "CERTIFICATE"}),
        ),
        (
            "cisco-switches",
            json!({"ip": "10.0.0.5", "proxy_id": proxy, "nickname": "x", "credentials": {"username": "a", "password": "b"}, "switch_type": "NEXUS_42K"}),
        ),
        (
            "generic-switches",
            json!({"ip": "10.0.0.6", "proxy_id": proxy, "nickname": ""}),
        ),
    ];
    for (segment, body) in cases {
        let a = sb
            .aria_call(
                Method::POST,
                &format!("/data-sources/{segment}"),
                &admin,
                Some(body.clone()),
            )
            .await;
        assert_aria_error(&a, 400);
        let health = sb
            .aria_call(Method::GET, "/data-sources/health", &admin, None)
            .await
            .json();
        assert_eq!(health["total_count"], 0, "{segment} {body}: {}", a.text);
    }
}
