//! OMIVV's services behind the operational context: every operation answers its success, 403
//! without a context, 404 for an unknown id and 400 for a bad body (one table, not a test
//! each), jobs on the sandbox clock, context scoping and read-only vCenter accounts.

use crate::common;

use appliance_sandbox::app::Options;
use common::*;
use reqwest::Method;
use serde_json::{json, Value};

async fn sandbox() -> TestSandbox {
    let options = Options {
        no_rate_limits: true,
        ..Default::default()
    };
    start_with(Default::default(), options).await
}

/// (method, path with `{id}` for the object's id, the id of an existing object, a valid body).
fn operations() -> Vec<(Method, &'static str, &'static str, Option<Value>)> {
    let repo = json!({"name": "Catalog-A", "repoType": "FIRMWARE", "protocolType": "NFS",
                      "uri": "10.0.0.5:/exports/catalog.xml"});
    let modify = json!({"name": "Catalog-B", "protocolType": "HTTP",
                        "uri": "http://repo.example.com/catalog.xml"});
    let alarms =
        json!({"alarmStatus": true, "mprAlarmStatus": true, "eventPostType": "ALL_EVENTS"});
    let license = json!({"sharetype": "NFS", "path": "10.0.0.5:/licenses/omivv.xml",
                         "credential": {"username": "", "domain": "", "password": ""}});
    vec![
        (Method::GET, "/ConsoleService/AlarmsAndEvents", "", None),
        (
            Method::PUT,
            "/ConsoleService/AlarmsAndEvents",
            "",
            Some(alarms),
        ),
        (
            Method::GET,
            "/InventoryService/Hosts/{id}/HostOverview",
            "host-4",
            None,
        ),
        (
            Method::GET,
            "/InventoryService/Hosts/{id}/SubSystemHealth",
            "host-4",
            None,
        ),
        (
            Method::GET,
            "/InventoryService/Hosts/{id}/FirmwareInventory",
            "host-4",
            None,
        ),
        (
            Method::GET,
            "/InventoryService/Hosts/{id}/Warranty",
            "host-4",
            None,
        ),
        (Method::GET, "/UpdateService/Jobs", "", None),
        (Method::GET, "/UpdateService/Jobs/{id}", "1001", None),
        (Method::PUT, "/UpdateService/Jobs/{id}/Cancel", "1001", None),
        (Method::DELETE, "/UpdateService/Jobs/{id}", "1002", None),
        (Method::GET, "/DriftDetectionService/Jobs", "", None),
        (
            Method::GET,
            "/DriftDetectionService/Jobs/{id}",
            "1003",
            None,
        ),
        (
            Method::GET,
            "/DriftDetectionService/Jobs/{id}/Details",
            "1003",
            None,
        ),
        (Method::GET, "/DriftDetectionService/DriftReport", "", None),
        (
            Method::GET,
            "/DriftDetectionService/DriftReport/{id}",
            "domain-c3",
            None,
        ),
        (
            Method::GET,
            "/DriftDetectionService/DriftReport/{id}/ConfigurationDriftDetails",
            "domain-c3",
            None,
        ),
        (
            Method::GET,
            "/DriftDetectionService/DriftReport/{id}/DriverDriftDetails",
            "domain-c3",
            None,
        ),
        (
            Method::GET,
            "/PluginProfileService/ClusterProfiles",
            "",
            None,
        ),
        (
            Method::GET,
            "/PluginProfileService/ClusterProfiles/{id}",
            "2001",
            None,
        ),
        (
            Method::GET,
            "/PluginProfileService/RepositoryProfiles",
            "",
            None,
        ),
        (
            Method::POST,
            "/PluginProfileService/RepositoryProfiles",
            "",
            Some(repo),
        ),
        (
            Method::GET,
            "/PluginProfileService/RepositoryProfiles/{id}",
            "1001",
            None,
        ),
        (
            Method::PUT,
            "/PluginProfileService/RepositoryProfiles/{id}",
            "1010",
            Some(modify),
        ),
        (Method::GET, "/LicenseService/Licenses", "", None),
        (Method::POST, "/LicenseService/Licenses", "", Some(license)),
        (Method::GET, "/LicenseService/Licenses/{id}", "1", None),
    ]
}

#[tokio::test]
async fn every_operation_succeeds_in_context_and_refuses_without_it_unknown_ids_and_bad_bodies() {
    let sb = sandbox().await;
    let full = sb.omivv_token_in_context("administrator").await;
    let none = sb.omivv_token().await;
    let ops = operations();
    assert_eq!(ops.len(), 26);
    for (method, template, id, body) in ops {
        let path = template.replace("{id}", id);
        let name = format!("{method} {path}");
        let licenses = path.starts_with("/LicenseService");
        // Without a context: licenses belong to the appliance, the rest to a vCenter.
        let a = sb
            .omivv_call(method.clone(), &path, &none, body.clone())
            .await;
        if licenses {
            // The appliance's own: this was the successful call.
            assert_eq!(a.status, 200, "{name} without context: {}", a.text);
        } else {
            assert_omivv_error(&a, 400, "Operational Context not set");
            assert_eq!(a.json()["errorCode"], "OPERATIONAL_CONTEXT_REQUIRED");
        }
        if template.contains("{id}") {
            let missing = template.replace("{id}", "no-such-id");
            let body = body.clone();
            let a = sb.omivv_call(method.clone(), &missing, &full, body).await;
            assert_eq!(a.status, 404, "{method} {missing}: {}", a.text);
            assert!(a.json()["errorCode"].is_string(), "{}", a.text);
        }
        if body.is_some() {
            let bad = json!({"name": 7});
            let a = sb.omivv_call(method.clone(), &path, &full, Some(bad)).await;
            assert_eq!(a.status, 400, "{name} with a bad body: {}", a.text);
            assert_eq!(a.json()["errorCode"], "INVALID_PARAMETERS", "{}", a.text);
        }
        if licenses {
            continue;
        }
        let a = sb.omivv_call(method.clone(), &path, &full, body).await;
        assert_eq!(a.status, 200, "{name}: {}", a.text);
        // A deleted job answers the text `Deleted` (E77); everything else JSON.
        assert!(a.text == "Deleted" || a.json().is_object() || a.json().is_array());
    }
}

#[tokio::test]
async fn jobs_move_through_their_states_on_the_sandbox_clock() {
    let sb = sandbox().await;
    let token = sb.omivv_token_in_context("administrator").await;
    let add = |outcome: &str| {
        json!({"kind": "firmware_update", "name": "Nightly", "console_id": FIRST_CONSOLE,
               "cluster_id": "domain-c3", "starts_in_seconds": 60, "duration_seconds": 600,
               "outcome": outcome})
    };
    let ok = sb
        .control_call(Method::POST, "/omivv/jobs", add("completed"))
        .await;
    assert_eq!(ok.status, 201, "{}", ok.text);
    let bad = sb
        .control_call(Method::POST, "/omivv/jobs", add("failed"))
        .await;
    let (ok, bad) = (
        ok.json()["id"].as_str().unwrap().to_string(),
        bad.json()["id"].clone(),
    );
    let bad = bad.as_str().unwrap();
    let job = |id: String| {
        let (sb, token) = (&sb, &token);
        async move {
            let a = sb
                .omivv_call(
                    Method::GET,
                    &format!("/UpdateService/Jobs/{id}"),
                    token,
                    None,
                )
                .await;
            assert_eq!(a.status, 200, "{}", a.text);
            a.json()["data"].clone()
        }
    };
    // Offsets at the edge of i64 are a 400, not an overflow.
    let mut far = add("completed");
    far["starts_in_seconds"] = json!(i64::MIN);
    let refused = sb.control_call(Method::POST, "/omivv/jobs", far).await;
    assert_eq!(refused.status, 400, "{}", refused.text);
    let data = job(ok.clone()).await;
    assert_eq!(data["state"], "SCHEDULED");
    assert_eq!(data["jobname"], "Nightly");
    assert_eq!(data["clusterName"], "Cluster-01");
    assert!(data.get("startTime").is_none(), "{data}");
    // A job that has not started cannot be deleted.
    let del = sb
        .omivv_call(
            Method::DELETE,
            &format!("/UpdateService/Jobs/{ok}"),
            &token,
            None,
        )
        .await;
    assert_omivv_error(&del, 400, "SCHEDULED");
    assert_eq!(del.json()["errorCode"], "INVALID_JOB_STATE");

    sb.advance(60 + 300);
    let data = job(ok.clone()).await;
    assert_eq!(
        (data["state"].clone(), data["progress"].clone()),
        (json!("RUNNING"), json!(50))
    );
    sb.advance(300);
    assert_eq!(job(ok.clone()).await["state"], "COMPLETED");
    assert_eq!(job(bad.to_string()).await["state"], "FAILED");
    assert_eq!(job(ok.clone()).await["progress"], 100);
    let del = sb
        .omivv_call(
            Method::DELETE,
            &format!("/UpdateService/Jobs/{bad}"),
            &token,
            None,
        )
        .await;
    assert_eq!((del.status, del.text.as_str()), (200, "Deleted"));
    let gone = sb
        .omivv_call(
            Method::GET,
            &format!("/UpdateService/Jobs/{bad}"),
            &token,
            None,
        )
        .await;
    assert_omivv_error(&gone, 404, bad);

    // The seeded job scheduled for tomorrow: cancelled, then deletable; a second cancel is refused.
    let cancel = sb
        .omivv_call(Method::PUT, "/UpdateService/Jobs/1001/Cancel", &token, None)
        .await;
    assert_eq!(cancel.status, 200, "{}", cancel.text);
    assert_eq!(cancel.json()["data"]["state"], "CANCELLED");
    assert!(cancel.json()["data"]["endTime"].is_string());
    let again = sb
        .omivv_call(Method::PUT, "/UpdateService/Jobs/1001/Cancel", &token, None)
        .await;
    assert_omivv_error(&again, 400, "CANCELLED");
    let del = sb
        .omivv_call(Method::DELETE, "/UpdateService/Jobs/1001", &token, None)
        .await;
    assert_eq!(del.status, 200, "{}", del.text);
}

#[tokio::test]
async fn the_context_scopes_hosts_jobs_profiles_and_reports_to_its_vcenter() {
    let sb = sandbox().await;
    let token = sb.omivv_token_in_context("administrator").await;
    // host-11 and domain-c10 belong to vcenter02.
    for path in [
        "/InventoryService/Hosts/host-11/HostOverview",
        "/DriftDetectionService/DriftReport/domain-c10",
        "/DriftDetectionService/Jobs/1004",
    ] {
        let a = sb.omivv_call(Method::GET, path, &token, None).await;
        assert_eq!(a.status, 404, "{path}: {}", a.text);
    }
    let jobs = sb
        .omivv_call(Method::GET, "/DriftDetectionService/Jobs", &token, None)
        .await
        .json();
    let names: Vec<&str> = jobs
        .as_array()
        .unwrap()
        .iter()
        .map(|j| j["data"]["jobname"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["DriftDetection-vcenter01"]);
    let reports = sb
        .omivv_call(
            Method::GET,
            "/DriftDetectionService/DriftReport",
            &token,
            None,
        )
        .await
        .json();
    let ids: Vec<&str> = reports
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["domain-c3", "domain-c6"]);
    // Hrefs are absolute, at the address called, and end with the cluster's id.
    let href = reports[0]["href"].as_str().unwrap();
    assert!(
        href.starts_with(&sb.base) && href.ends_with("/DriftReport/domain-c3"),
        "{href}"
    );
    let details = sb
        .send(
            sb.http
                .get(format!("{href}/ConfigurationDriftDetails"))
                .bearer_auth(&token),
        )
        .await;
    assert_eq!(details.status, 200, "{}", details.text);
}

#[tokio::test]
async fn a_read_only_vcenter_account_reads_but_cannot_change() {
    let sb = sandbox().await;
    let token = sb.omivv_token_in_context("readonly").await;
    let get = sb
        .omivv_call(Method::GET, "/ConsoleService/AlarmsAndEvents", &token, None)
        .await;
    assert_eq!(get.status, 200, "{}", get.text);
    for (method, path) in [
        (Method::PUT, "/ConsoleService/AlarmsAndEvents"),
        (Method::PUT, "/UpdateService/Jobs/1001/Cancel"),
        (Method::DELETE, "/UpdateService/Jobs/1002"),
        (Method::POST, "/PluginProfileService/RepositoryProfiles"),
    ] {
        let a = sb
            .omivv_call(method.clone(), path, &token, Some(json!({})))
            .await;
        assert_omivv_error(&a, 403, "may not change");
        assert_eq!(a.json()["errorCode"], "INSUFFICIENT_VCENTER_PRIVILEGES");
    }
    // Nothing changed.
    let admin = sb.omivv_token_in_context("administrator").await;
    let job = sb
        .omivv_call(Method::GET, "/UpdateService/Jobs/1001", &admin, None)
        .await;
    assert_eq!(job.json()["data"]["state"], "SCHEDULED");
}
