//! Collection on the clock, SNMP settings, uploads, and durability without secrets.

use super::*;

#[tokio::test]
async fn collection_follows_the_sandbox_clock() {
    let sb = start().await;
    let admin = sb.admin().await;
    let proxy = collector(&sb, &admin).await;
    let id = add_vcenter(&sb, &admin, &proxy, "10.20.0.10").await;
    let h = sb.data_source_health(&admin, &id).await;
    assert_eq!(h["entity_id"], id.as_str());
    assert_eq!(h["health"]["health_status"], "HEALTHY_WITH_WARNINGS");
    assert!(h.get("last_activity_timestamp").is_none());
    assert!(
        h.get("credentials").is_none(),
        "the health list repeats only the base fields"
    );
    // The clock also runs with the wall clock: ten seconds of margin either side of each
    // boundary keep a loaded machine from crossing one early.
    sb.advance(110);
    assert_eq!(
        sb.data_source_health(&admin, &id).await["health"]["health_status"],
        "HEALTHY_WITH_WARNINGS"
    );
    sb.advance(10);
    let h = sb.data_source_health(&admin, &id).await;
    assert_eq!(h["health"]["health_status"], "HEALTHY");
    let first = h["last_activity_timestamp"].as_i64().unwrap();
    sb.advance(580);
    assert_eq!(
        sb.data_source_health(&admin, &id).await["last_activity_timestamp"],
        first
    );
    sb.advance(20);
    assert_eq!(
        sb.data_source_health(&admin, &id).await["last_activity_timestamp"],
        first + 600
    );

    let disable = format!("/data-sources/vcenters/{id}/disable");
    assert_eq!(
        sb.aria_call(Method::POST, &disable, &admin, None)
            .await
            .status,
        200
    );
    let h = sb.data_source_health(&admin, &id).await;
    assert_eq!(h["enabled"], false);
    assert_eq!(h["health"]["health_status"], "HEALTHY_WITH_WARNINGS");
    assert!(h["health"]["health_details"][0]["message"]
        .as_str()
        .unwrap()
        .contains("disabled"));
}

#[tokio::test]
async fn snmp_settings_keep_their_secrets() {
    let sb = start().await;
    let admin = sb.admin().await;
    let proxy = collector(&sb, &admin).await;
    for kind in [&KINDS[4], &KINDS[6]] {
        let base = format!("/data-sources/{}", kind.segment);
        let added = sb
            .aria_call(
                Method::POST,
                &base,
                &admin,
                Some(add_body(kind, "10.40.0.1", &proxy, "")),
            )
            .await
            .json();
        let snmp = format!(
            "{base}/{}/snmp-config",
            added["entity_id"].as_str().unwrap()
        );
        assert_eq!(
            sb.aria_call(Method::GET, &snmp, &admin, None).await.json(),
            json!({"snmp_enabled": false})
        );

        let v2c = json!({"snmp_enabled": true, "snmp_version": "v2c", "config_snmp_2c": {"community_string": "public"}});
        let put = sb.aria_call(Method::PUT, &snmp, &admin, Some(v2c)).await;
        assert_eq!(put.status, 200, "{}", put.text);
        assert_eq!(put.json()["config_snmp_2c"]["community_string"], "");
        // What GET answered, sent back: the stored community string stays.
        let answered = sb.aria_call(Method::GET, &snmp, &admin, None).await.json();
        assert_eq!(
            sb.aria_call(Method::PUT, &snmp, &admin, Some(answered.clone()))
                .await
                .status,
            200
        );

        // A new version needs its own secrets.
        let v3 = json!({"snmp_enabled": true, "snmp_version": "v3", "config_snmp_3": {"username": "u", "authentication_type": "SHA", "privacy_type": "NO_PRIV"}});
        assert_aria_error(
            &sb.aria_call(Method::PUT, &snmp, &admin, Some(v3)).await,
            400,
        );
        let no_user = json!({"snmp_enabled": true, "snmp_version": "v3", "config_snmp_3": {"authentication_type": "NO_AUTH"}});
        assert_aria_error(
            &sb.aria_call(Method::PUT, &snmp, &admin, Some(no_user))
                .await,
            400,
        );
        assert_eq!(
            sb.aria_call(Method::GET, &snmp, &admin, None).await.json(),
            answered,
            "a refused change changes nothing"
        );
        let v3 = json!({"snmp_enabled": true, "snmp_version": "v3", "config_snmp_3": {"username": "u", "authentication_type": "SHA", "authentication_password": "secret1", "privacy_type": "AES128", "privacy_password": "secret2"}});
        let put = sb.aria_call(Method::PUT, &snmp, &admin, Some(v3)).await;
        assert_eq!(put.status, 200, "{}", put.text);
        assert!(!put.text.contains("secret"), "{}", put.text);
        // Back to v2c without a community string: the v2c one was dropped with the version.
        let back = json!({"snmp_enabled": true, "snmp_version": "v2c", "config_snmp_2c": {"community_string": ""}});
        assert_aria_error(
            &sb.aria_call(Method::PUT, &snmp, &admin, Some(back)).await,
            400,
        );
    }
    // A vCenter has no SNMP settings: there is no such route.
    let vc = add_vcenter(&sb, &admin, &proxy, "10.40.0.9").await;
    let a = sb
        .aria_call(
            Method::GET,
            &format!("/data-sources/vcenters/{vc}/snmp-config"),
            &admin,
            None,
        )
        .await;
    assert_eq!(a.status, 404);
}

#[tokio::test]
async fn a_generic_switch_takes_a_zip_upload() {
    let sb = start().await;
    let admin = sb.admin().await;
    let proxy = collector(&sb, &admin).await;
    let added = sb
        .aria_call(
            Method::POST,
            "/data-sources/generic-switches",
            &admin,
            Some(add_body(&KINDS[7], "10.50.0.1", &proxy, "")),
        )
        .await
        .json();
    let id = added["entity_id"].as_str().unwrap().replace(':', "%3A");
    let upload = |part: &str, bytes: &[u8], id: &str| {
        let (content_type, body) = multipart(part, bytes);
        sb.aria_req(
            Method::PUT,
            &format!("/data-sources/generic-switches/{id}/data"),
            &admin,
        )
        .header("content-type", content_type)
        .body(body)
    };
    // An empty zip archive: the end-of-central-directory record alone.
    let zip = [b"PK\x05\x06".as_slice(), &[0u8; 18]].concat();
    let ok = sb.send(upload("file", &zip, &id)).await;
    assert_eq!(ok.status, 200, "{}", ok.text);
    assert!(ok.text.is_empty());
    assert_aria_error(&sb.send(upload("file", b"name,ip\n", &id)).await, 400);
    assert_aria_error(&sb.send(upload("data", &zip, &id)).await, 400);
    assert_aria_error(&sb.send(upload("file", &zip, "18230:909:1")).await, 404);
    let json_body = sb
        .aria_req(
            Method::PUT,
            &format!("/data-sources/generic-switches/{id}/data"),
            &admin,
        )
        .json(&json!({"file": "x"}));
    assert_aria_error(&sb.send(json_body).await, 400);
}

#[tokio::test]
async fn data_sources_survive_a_reopen_without_their_secrets_in_the_file() {
    let path = std::env::temp_dir().join(format!("aria-ds-{}.db", std::process::id()));
    let _ = std::fs::remove_file(&path);
    let open = || {
        Sandbox::open(
            Config::default(),
            Options::default(),
            Arc::new(SqliteStore::open(&path, &appliance_sandbox::state::SCHEMA).unwrap()),
        )
        .unwrap()
    };
    let id = {
        let sb = serve(open()).await;
        let admin = sb.admin().await;
        let proxy = collector(&sb, &admin).await;
        let mut body = add_body(&KINDS[0], "10.60.0.1", &proxy, "");
        body["credentials"]["password"] = json!("NeverOnDisk-7f3a");
        let a = sb
            .aria_call(Method::POST, "/data-sources/vcenters", &admin, Some(body))
            .await;
        assert_eq!(a.status, 201, "{}", a.text);
        a.json()["entity_id"].as_str().unwrap().to_string()
    };
    let sb = serve(open()).await;
    let admin = sb.admin().await;
    let got = sb
        .aria_call(
            Method::GET,
            &format!("/data-sources/vcenters/{id}"),
            &admin,
            None,
        )
        .await;
    assert_eq!(got.status, 200, "{}", got.text);
    drop(sb);
    let mut bytes = std::fs::read(&path).unwrap();
    bytes.extend(std::fs::read(format!("{}-wal", path.display())).unwrap_or_default());
    assert!(
        !bytes.windows(16).any(|w| w == b"NeverOnDisk-7f3a"),
        "the password is stored only as a digest"
    );
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}

/// `collect-now` polls at once (E55), at the first eight types' own paths as at the device
/// path; a disabled source is a 400 and a type without it a 404.
#[tokio::test]
async fn collect_now_polls_at_once() {
    let sb = start().await;
    let admin = sb.admin().await;
    let proxy = collector(&sb, &admin).await;
    let vcenter = add_vcenter(&sb, &admin, &proxy, "10.20.0.10").await;
    let mut ids = Vec::new();
    // The default world's switches (E105).
    for (segment, ip, password) in [
        ("cisco-switches", "10.70.0.10", "Cisco123!"),
        ("arista-switches", "10.70.0.20", "Arista123!"),
    ] {
        let body = json!({"ip": ip, "proxy_id": proxy, "nickname": segment,
                          "credentials": {"username": "admin", "password": password}});
        let a = sb
            .aria_call(
                Method::POST,
                &format!("/data-sources/{segment}"),
                &admin,
                Some(body),
            )
            .await;
        assert_eq!(a.status, 201, "{}", a.text);
        ids.push((segment, a.json()["entity_id"].as_str().unwrap().to_string()));
    }
    sb.advance(30);
    let health = |id: String| {
        let sb = &sb;
        let admin = admin.clone();
        async move {
            let all = sb
                .aria_call(Method::GET, "/data-sources/health", &admin, None)
                .await
                .json();
            all["results"]
                .as_array()
                .unwrap()
                .iter()
                .find(|h| h["entity_id"] == id.as_str())
                .cloned()
                .unwrap()
        }
    };
    for (segment, id) in &ids {
        assert_eq!(
            health(id.clone()).await["health"]["health_status"],
            "HEALTHY_WITH_WARNINGS"
        );
        let path = format!("/data-sources/{segment}/{id}/collect-now");
        let a = sb.aria_call(Method::POST, &path, &admin, None).await;
        assert_eq!(a.status, 200, "{segment}: {}", a.text);
        assert!(a.text.is_empty());
        let h = health(id.clone()).await;
        assert_eq!(h["health"]["health_status"], "HEALTHY", "{h}");
        let polled = h["last_activity_timestamp"].as_i64().unwrap();
        assert!((polled - sb.sandbox.clock.now_secs()).abs() <= 2, "{h}");

        sb.aria_call(
            Method::POST,
            &format!("/data-sources/{segment}/{id}/disable"),
            &admin,
            None,
        )
        .await;
        assert_aria_error(&sb.aria_call(Method::POST, &path, &admin, None).await, 400);
    }
    for path in [
        format!("/data-sources/vcenters/{vcenter}/collect-now"),
        format!("/data-sources/toasters/{vcenter}/collect-now"),
        "/data-sources/arista-switches/18230:910:1/collect-now".to_string(),
    ] {
        assert_aria_error(&sb.aria_call(Method::POST, &path, &admin, None).await, 404);
    }
}
