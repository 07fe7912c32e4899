//! appliance_client::omivv::Session against the sandbox.

use super::*;

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
            assert_eq!(e.status().as_u16(), 400);
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
