//! The client's sessions (login, token on every call, paging, polite retries) against the sandbox.

use crate::common;

use std::time::Duration;

use appliance_client::{aria_networks as aria, omivv, RetryPolicy, SessionOptions};
use common::*;
use serde_json::json;

fn quick_retries(max_attempts: u32) -> SessionOptions {
    SessionOptions {
        retry: RetryPolicy {
            max_attempts,
            max_wait: Duration::from_secs(2),
            default_wait: Duration::from_millis(10),
        },
        ..Default::default()
    }
}

#[tokio::test]
async fn omivv_session_walks_the_inventory_and_waits_for_a_job_on_the_sandbox_clock() {
    let sb = start().await;
    let base = format!("{}/Spectre/api/rest/v1", sb.base);
    let session = omivv::Session::login(&base, "admin", "", "admin123", Default::default())
        .await
        .unwrap();
    let console = session.console_by_ip("10.20.0.10").await.unwrap().unwrap();
    assert!(session.console_by_ip("10.9.9.9").await.unwrap().is_none());
    let tree = session.tree(&console.id).await.unwrap();
    assert_eq!(tree.datacenters[0].clusters.len(), 2);
    let host = session
        .host_by_service_tag(&console.id, "1an5tl5")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (host.id.as_str(), host.cluster_id.as_deref()),
        ("host-8", None)
    );

    // Jobs need the operational context; without it the typed error says so.
    let refused = session.jobs(omivv::JobKind::Update).await.unwrap_err();
    match refused {
        omivv::Error::ErrorResponse(e) => {
            assert_eq!(e.status().as_u16(), 403);
            assert_eq!(e.error_code, "OPERATIONAL_CONTEXT_REQUIRED");
        }
        other => panic!("{other:?}"),
    }
    session
        .set_operational_context(&console.id, "administrator", "vsphere.local", "VMware1!")
        .await
        .unwrap();
    // A job due in a minute, lasting ten (sessions live an hour on the same clock).
    let added = sb
        .control_call(
            reqwest::Method::POST,
            "/omivv/jobs",
            json!({"kind": "firmware_update", "name": "Soon", "console_id": console.id,
                   "starts_in_seconds": 60, "duration_seconds": 600}),
        )
        .await;
    let jobs = session.jobs(omivv::JobKind::Update).await.unwrap();
    let scheduled = jobs.iter().find(|j| j.id == added.json()["id"]).unwrap();
    assert_eq!(scheduled.data.state, omivv::types::JobState::Scheduled);
    let quick = Duration::from_millis(20);
    let done = [omivv::types::JobState::Completed];
    let waited = session
        .wait_for_job(
            omivv::JobKind::Update,
            &scheduled.id,
            &done,
            Duration::from_millis(100),
            quick,
        )
        .await;
    assert!(
        matches!(waited, Err(omivv::WaitError::TimedOut(_))),
        "{waited:?}"
    );
    // Move the sandbox clock while the client waits.
    let waiting = session.wait_for_job(
        omivv::JobKind::Update,
        &scheduled.id,
        &done,
        Duration::from_secs(10),
        quick,
    );
    let advance = async {
        tokio::time::sleep(Duration::from_millis(50)).await;
        sb.advance(60 + 600);
    };
    let (job, ()) = tokio::join!(waiting, advance);
    assert_eq!(job.unwrap().data.progress, 100);
    // A finished job cannot be cancelled.
    match session.cancel_update_job(&scheduled.id).await {
        Err(omivv::Error::ErrorResponse(e)) => assert_eq!(e.error_code, "INVALID_JOB_STATE"),
        other => panic!("{other:?}"),
    }
    session.logoff().await.unwrap();
}

#[tokio::test]
async fn omivv_session_logs_in_authorizes_and_logs_off() {
    let sb = start().await;
    let base = format!("{}/Spectre/api/rest/v1", sb.base);
    let session = omivv::Session::login(&base, "admin", "", "admin123", Default::default())
        .await
        .unwrap();
    assert!(session.expires_at().ends_with('Z'));
    let consoles = session.consoles().await.unwrap();
    let r = session
        .set_operational_context(
            &consoles[0].id,
            "administrator",
            "vsphere.local",
            "VMware1!",
        )
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 204);
    let token_header = sb
        .send(sb.http.get(format!(
            "{}/sandbox/v1/journal?path=/Spectre/api/rest/v1/Services/ConsoleService",
            sb.base
        )))
        .await
        .json();
    assert_eq!(
        token_header["entries"][0]["headers"]["authorization"],
        "Bearer ***"
    );
    session.logoff().await.unwrap();

    let wrong = omivv::Session::login(&base, "admin", "", "nope", Default::default()).await;
    match wrong {
        Err(omivv::Error::ErrorResponse(e)) => assert_eq!(e.status().as_u16(), 401),
        Err(e) => panic!("expected a 401, got {e:?}"),
        Ok(_) => panic!("expected a 401"),
    }
}

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
    assert_eq!(v.api_version, "1.1.8");
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
async fn sessions_retry_after_429_and_give_up_when_told_to() {
    let sb = start().await;
    let base = format!("{}/api/ni", sb.base);
    let session = aria::Session::login_local(&base, "admin@local", "admin", quick_retries(3))
        .await
        .unwrap();
    let fault = |count: u32| {
        sb.http.post(format!("{}/sandbox/v1/faults", sb.base)).json(&json!({
            "method": "GET", "path": "/api/ni/settings/users", "kind": "status", "status": 429, "count": count}))
    };
    sb.send(fault(2)).await;
    let users = session.all_users("local").await.unwrap();
    assert_eq!(users.len(), 3, "answered after two polite retries");
    let journal = sb
        .send(sb.http.get(format!(
            "{}/sandbox/v1/journal?path=/api/ni/settings/users",
            sb.base
        )))
        .await
        .json();
    let statuses: Vec<_> = journal["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["status"].clone())
        .collect();
    assert_eq!(statuses, [json!(429), json!(429), json!(200)]);

    sb.send(fault(5)).await;
    match session.all_users("local").await {
        Err(aria::Error::ErrorResponse(e)) => assert_eq!(e.status().as_u16(), 429),
        other => panic!("expected to give up with the 429, got {other:?}"),
    }
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
