//! appliance_client::aria_networks::Session against the sandbox.

use super::*;

#[tokio::test]
async fn aria_sessions_local_and_vidm_and_paging() {
    let sb = start().await;
    let base = format!("{}/api/ni", sb.base);
    let admin = aria::Session::login_local(&base, "admin@local", "admin", Default::default())
        .await
        .unwrap();
    assert!(admin.expiry_ms() > sb.sandbox.clock.now_ms());
    let cfg: aria::types::VidmConfigRequest = serde_json::from_value(json!({
        "vidm_appliance": "identity.domain.com", "client_id": "operations_for_networks_client",
        "client_secret": "operations_for_networks_secret", "enable": true}))
    .unwrap();
    admin
        .client()
        .create_vidm_config()
        .body(cfg)
        .send()
        .await
        .unwrap();
    for i in 0..250 {
        let u = aria::types::VidmUserRequest {
            username: format!("user{i:03}"),
            domain: "vidmlabs.com".into(),
            display_name: None,
            role: if i == 7 {
                aria::types::Role::Admin
            } else {
                aria::types::Role::Member
            },
        };
        admin.client().add_vidm_user().body(u).send().await.unwrap();
    }
    let users = admin.all_users("vidm").await.unwrap();
    assert_eq!(users.len(), 250);
    let mut ids: Vec<_> = users.iter().map(|u| u.id.clone()).collect();
    ids.dedup();
    assert_eq!(ids.len(), 250, "no page repeated");
    assert!(admin.all_user_groups("VIDM").await.unwrap().is_empty());

    // vIDM sign-on in one call, through the sandbox's Identity Manager. user007 is not in the
    // directory, so map a directory user first.
    let t = aria::types::VidmUserRequest {
        username: "testuser".into(),
        domain: "vidmlabs.com".into(),
        display_name: None,
        role: aria::types::Role::Member,
    };
    admin.client().add_vidm_user().body(t).send().await.unwrap();
    let sso = aria::Session::login_vidm(
        &base,
        &sb.base,
        "testuser",
        "vidm-password",
        Default::default(),
    )
    .await
    .unwrap();
    let v = sso
        .client()
        .get_api_version()
        .send()
        .await
        .unwrap()
        .into_inner();
    assert_eq!(v.api_version, "6.12.0");
    let denied =
        aria::Session::login_vidm(&base, &sb.base, "testuser", "wrong", Default::default()).await;
    assert!(
        matches!(denied, Err(aria::VidmLoginError::IdentityManager(_))),
        "{:?}",
        denied.err()
    );
    sso.logout().await.unwrap();
    admin.logout().await.unwrap();
}

#[tokio::test]
async fn aria_session_finds_data_sources_by_address_and_uploads_a_zip() {
    let sb = start().await;
    let base = sb.aria("");
    let s = aria::Session::login_local(&base, "admin@local", "admin", Default::default())
        .await
        .unwrap();
    let proxy = s
        .node_id_by_ip("10.20.3.11")
        .await
        .unwrap()
        .expect("the collector");
    assert_eq!(s.node_id_by_ip("192.0.2.1").await.unwrap(), None);
    let add = |ip: Option<&str>, fqdn: Option<&str>| aria::types::GenericSwitchDataSourceRequest {
        ip: ip.map(Into::into),
        fqdn: fqdn.map(Into::into),
        proxy_id: proxy.clone(),
        nickname: "edge".into(),
        enabled: true,
        notes: None,
        tags: Vec::new(),
        enable_ds_associated_tags: None,
    };
    let first = s
        .client()
        .add_generic_switch()
        .body(add(Some("10.70.0.1"), None))
        .send()
        .await
        .unwrap()
        .into_inner();
    let second = s
        .client()
        .add_generic_switch()
        .body(add(None, Some("Router.Example.com")))
        .send()
        .await
        .unwrap()
        .into_inner();
    let kind = aria::DataSourceKind::GenericSwitches;
    let found = s
        .find_data_source(kind, "10.70.0.1")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found.entity_id, first.entity_id);
    let found = s
        .find_data_source(kind, "router.example.com")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found.entity_id, second.entity_id);
    assert_eq!(found.model["entity_type"], "UANIDataSource");
    assert!(s
        .find_data_source(kind, "10.70.0.9")
        .await
        .unwrap()
        .is_none());
    assert!(s
        .find_data_source(aria::DataSourceKind::Vcenters, "10.70.0.1")
        .await
        .unwrap()
        .is_none());

    let zip = [b"PK\x05\x06".as_slice(), &[0u8; 18]].concat();
    s.upload_generic_switch_data(&first.entity_id, "device.zip", zip)
        .await
        .unwrap();
    match s
        .upload_generic_switch_data(&first.entity_id, "notes.txt", b"hello".to_vec())
        .await
    {
        Err(aria::Error::ErrorResponse(e)) => {
            assert_eq!(e.status().as_u16(), 400);
            assert!(e.message.contains("zip"), "{}", e.message);
        }
        other => panic!("expected a 400, got {other:?}"),
    }

    // Any paged list, through the generic helper.
    let all = s
        .page_through(|cursor| {
            let client = s.client();
            async move {
                let mut call = client.list_all_users().size(1);
                if let Some(c) = cursor {
                    call = call.cursor(c);
                }
                let page = call.send().await?.into_inner();
                Ok((page.results, page.cursor, page.total_count))
            }
        })
        .await
        .unwrap();
    assert_eq!(
        all.len(),
        3,
        "the three configured local users, one page each"
    );
}

#[tokio::test]
async fn aria_session_streams_a_search_and_fetches_in_chunks() {
    use futures::TryStreamExt;
    let sb = start().await;
    let base = sb.aria("");
    let s = aria::Session::login_local(&base, "admin@local", "admin", Default::default())
        .await
        .unwrap();
    let proxy = s.node_id_by_ip("10.20.3.11").await.unwrap().unwrap();
    s.client()
        .add_vcenter_datasource()
        .body(
            aria::types::VCenterDataSourceRequest::builder()
                .ip(Some("10.20.0.10".into()))
                .proxy_id(proxy)
                .nickname("vc")
                .credentials(Some(aria::types::PasswordCredentials {
                    username: "administrator@vsphere.local".into(),
                    password: Some("VMware1!".into()),
                })),
        )
        .send()
        .await
        .unwrap();
    let request = |size: i32| aria::types::SearchRequest {
        entity_type: Some(aria::types::AllEntityType::VirtualMachine),
        filter: Some("vcenter_manager.name = '10.20.0.10'".into()),
        sort_by: None,
        size: Some(size),
        cursor: None,
        time_range: None,
    };
    let streamed: Vec<_> = s.search_stream(request(4)).try_collect().await.unwrap();
    let whole = s
        .client()
        .search_entities()
        .body(request(1000))
        .send()
        .await
        .unwrap()
        .into_inner();
    assert!(streamed.len() > 4, "more than one page: {}", streamed.len());
    let ids = |v: &[aria::types::EntityIdWithTime]| {
        v.iter().map(|h| h.entity_id.clone()).collect::<Vec<_>>()
    };
    assert_eq!(ids(&streamed), ids(&whole.results));

    // 1500 ids: more than one call takes; the session splits them.
    let mut many = aria::fetch_ids(&streamed);
    while many.len() < 1500 {
        many.extend(aria::fetch_ids(&streamed));
    }
    many.truncate(1500);
    let fetched = s.fetch_entities(&many).await.unwrap();
    assert_eq!(fetched.len(), 1500);
    assert_eq!(fetched[0].entity_id, many[0].entity_id);
    assert_eq!(fetched[0].entity["entity_type"], "VirtualMachine");
    let one_call = s
        .client()
        .entities_fetch_post()
        .body(aria::types::FetchRequest { entity_ids: many })
        .send()
        .await;
    assert!(matches!(one_call, Err(aria::Error::ErrorResponse(e)) if e.status().as_u16() == 400));
}
