//! Drift reports from the hardware's firmware, and update jobs that run on the sandbox clock
//! and change it: what a drifted host runs, what an update brings, what a critical host refuses.

use super::*;
use serde_json::json;

const DIAGNOSTICS: &str = "DCIM:INSTALLED#802__Diagnostics.Embedded.1:LC.Embedded.1";
const QEDENTV: &str = "VMW:qedentv";

/// `sourceName` → (currentValue, driftStatus) of one host's report.
async fn components(sb: &TestSandbox, group: i64, host: i64) -> Vec<(String, String, String)> {
    let path = format!("/Consoles/{VC1}/Groups/{group}/ManagedHosts/{host}/FirmwareDriftReport");
    let report = call(sb, Method::GET, &path, None).await;
    assert_eq!(report.status, 200, "{}", report.text);
    let report = report.json();
    report["hostComplianceReports"][0]["componentCompliances"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["sourceName"].as_str().unwrap().to_string(),
                c["currentValue"].as_str().unwrap().to_string(),
                c["driftStatus"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn version_of<'a>(all: &'a [(String, String, String)], source: &str) -> (&'a str, &'a str) {
    let c = all.iter().find(|c| c.0 == source).unwrap();
    (&c.1, &c.2)
}

async fn drift(sb: &TestSandbox, host: &str, body: Value) {
    let a = sb
        .control_call(Method::PUT, &format!("/omivv/hosts/{host}"), body)
        .await;
    assert_eq!(a.status, 200, "{}", a.text);
}

fn update(host: i64, components: &[&str], schedule: Value) -> Value {
    json!({"firmware": {"enterMaintenanceModetimeout": 60, "drsCheck": false, "evacuateVMs": false,
                        "exitMaintenanceMode": true, "rebootOptions": "SAFEREBOOT",
                        "targets": [{"id": host, "firmwarecomponents": components}]},
           "jobName": format!("update-{host}-{}", components.len()), "jobDescription": "",
           "schedule": schedule})
}

#[tokio::test]
async fn an_update_job_runs_on_the_clock_and_brings_the_components_it_names_to_the_catalog() {
    let sb = sandbox().await;
    let clean = components(&sb, 1003, 1004).await;
    assert!(clean.iter().all(|c| c.2 == "Compliant"), "{clean:?}");
    drift(&sb, "host-4", json!({"drift": true})).await;
    let drifted = components(&sb, 1003, 1004).await;
    assert_eq!(
        version_of(&drifted, DIAGNOSTICS),
        ("4303A15", "NonCompliant")
    );
    assert_eq!(version_of(&drifted, QEDENTV), ("3.11.16.0", "NonCompliant"));
    let group = call(
        &sb,
        Method::GET,
        &format!("/Consoles/{VC1}/Groups/1003/FirmwareDriftReport"),
        None,
    )
    .await
    .json();
    assert_eq!(group["complianceStatus"], "NonCompliant");
    assert_eq!(group["hostComplianceReports"].as_array().unwrap().len(), 2);

    let can = format!("/Consoles/{VC1}/CanTriggerUpdate");
    let may = call(&sb, Method::POST, &can, Some(json!(1003))).await;
    assert_eq!((may.status, may.text.trim()), (200, "true"));
    let made = call(
        &sb,
        Method::POST,
        &format!("/Consoles/{VC1}/Groups/1003/Update"),
        Some(update(1004, &[DIAGNOSTICS], json!({"runNow": true}))),
    )
    .await;
    assert_eq!(made.status, 202, "{}", made.text);
    let job_id: i64 = made.text.trim().parse().unwrap();
    // While it runs, the group takes no other update (Dell's 20058), and nothing has changed yet.
    assert_omevv_error(
        &call(&sb, Method::POST, &can, Some(json!(1003))).await,
        400,
        "20058",
    );
    let job_path = format!("/Consoles/{VC1}/UpdateJobs/{job_id}");
    let running = call(&sb, Method::GET, &job_path, None).await.json();
    assert_eq!(running["state"], "RUNNING", "{running}");
    assert_eq!(running["lastExecutionHistory"]["statusSummary"], "RUNNING");
    assert_eq!(
        version_of(&components(&sb, 1003, 1004).await, DIAGNOSTICS).0,
        "4303A15"
    );

    sb.advance(2);
    let done = call(&sb, Method::GET, &job_path, None).await.json();
    assert_eq!(
        (
            done["state"].as_str(),
            done["lastExecutionHistory"]["statusSummary"].as_str()
        ),
        (Some("COMPLETED"), Some("SUCCESSFUL")),
        "{done}"
    );
    let after = components(&sb, 1003, 1004).await;
    // The component the job named is up to date; the one it did not name is still old.
    assert_eq!(version_of(&after, DIAGNOSTICS), ("4303A19", "Compliant"));
    assert_eq!(version_of(&after, QEDENTV), ("3.11.16.0", "NonCompliant"));
    let listed = call(
        &sb,
        Method::GET,
        &format!("/Consoles/{VC1}/UpdateJobs?jobtype=FWUpdate"),
        None,
    )
    .await
    .json();
    assert_eq!(listed[0]["jobName"], "update-1004-1");
    // The same name again is refused; the group may be updated again.
    let twice = call(
        &sb,
        Method::POST,
        &format!("/Consoles/{VC1}/Groups/1003/Update"),
        Some(update(1004, &[DIAGNOSTICS], json!({"runNow": true}))),
    )
    .await;
    assert_omevv_error(&twice, 400, "18001");
}

#[tokio::test]
async fn a_critical_host_fails_its_update_and_keeps_its_firmware() {
    let sb = sandbox().await;
    drift(&sb, "host-5", json!({"drift": true, "health": "critical"})).await;
    let made = call(
        &sb,
        Method::POST,
        &format!("/Consoles/{VC1}/Groups/1003/Update"),
        Some(update(1005, &[QEDENTV], json!({"runNow": true}))),
    )
    .await;
    let job_id: i64 = made.text.trim().parse().unwrap();
    sb.advance(5);
    let done = call(
        &sb,
        Method::GET,
        &format!("/Consoles/{VC1}/UpdateJobs/{job_id}"),
        None,
    )
    .await
    .json();
    // Dell's job states have no FAILED: a failed job is COMPLETED with a FAILED run.
    assert_eq!(done["state"], "COMPLETED");
    assert_eq!(done["lastExecutionHistory"]["statusSummary"], "FAILED");
    assert_eq!(
        version_of(&components(&sb, 1003, 1005).await, QEDENTV).0,
        "3.11.16.0"
    );
}

#[tokio::test]
async fn a_scheduled_update_waits_for_its_time_and_bad_requests_change_nothing() {
    let sb = sandbox().await;
    drift(&sb, "host-7", json!({"drift": true})).await;
    let url = format!("/Consoles/{VC1}/Groups/1006/Update");
    let at = appliance_sandbox::clock::rfc3339(sb.sandbox.clock.now_ms() + 3_600_000);
    let past = call(
        &sb,
        Method::POST,
        &url,
        Some(update(
            1007,
            &[QEDENTV],
            json!({"runNow": false, "dateTime": "2020-01-01T00:00:00Z"}),
        )),
    )
    .await;
    assert_omevv_error(&past, 400, "10400");
    let stranger = call(
        &sb,
        Method::POST,
        &url,
        Some(update(1004, &[QEDENTV], json!({"runNow": true}))),
    )
    .await;
    assert_omevv_error(&stranger, 400, "10400");
    let unknown = call(
        &sb,
        Method::POST,
        &url,
        Some(update(1007, &["DCIM:NOPE"], json!({"runNow": true}))),
    )
    .await;
    assert_omevv_error(&unknown, 400, "10400");
    let none = call(
        &sb,
        Method::GET,
        &format!("/Consoles/{VC1}/UpdateJobs"),
        None,
    )
    .await
    .json();
    assert_eq!(none, json!([]), "refused jobs left nothing");

    let made = call(
        &sb,
        Method::POST,
        &url,
        Some(update(
            1007,
            &[QEDENTV],
            json!({"runNow": false, "dateTime": at}),
        )),
    )
    .await;
    assert_eq!(made.status, 202, "{}", made.text);
    let job = format!("/Consoles/{VC1}/UpdateJobs/{}", made.text.trim());
    let scheduled = call(&sb, Method::GET, &job, None).await.json();
    assert_eq!(scheduled["state"], "SCHEDULED");
    assert_eq!(
        scheduled["schedule"],
        json!({"runNow": false, "dateTime": at})
    );
    assert_eq!(scheduled["nextRun"], at.as_str());
    sb.advance(3_600 + 2);
    assert_eq!(
        call(&sb, Method::GET, &job, None).await.json()["state"],
        "COMPLETED"
    );
    assert_eq!(
        version_of(&components(&sb, 1006, 1007).await, QEDENTV),
        ("3.40.3.0", "Compliant")
    );
    // A host asked for through another group is not found there.
    let elsewhere = call(
        &sb,
        Method::GET,
        &format!("/Consoles/{VC1}/Groups/1003/ManagedHosts/1007/FirmwareDriftReport"),
        None,
    )
    .await;
    assert_omevv_error(&elsewhere, 404, "10404");
}

/// OMIVV's firmware inventory of a host: name → version.
async fn omivv_firmware(sb: &TestSandbox, token: &str, host: &str) -> Vec<(String, String)> {
    let path = format!("/InventoryService/Hosts/{host}/FirmwareInventory");
    let a = sb.omivv_call(Method::GET, &path, token, None).await;
    assert_eq!(a.status, 200, "{}", a.text);
    a.json()["components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["name"].as_str().unwrap().to_string(),
                c["version"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn named<'a>(all: &'a [(String, String)], name: &str) -> &'a str {
    &all.iter().find(|c| c.0.contains(name)).unwrap().1
}

#[tokio::test]
async fn an_update_through_either_product_changes_what_both_report() {
    let sb = sandbox().await;
    let omivv = sb.omivv_token_in_context("administrator").await;
    drift(&sb, "host-4", json!({"drift": true})).await;
    drift(&sb, "host-7", json!({"drift": true})).await;
    // Both products see the same old driver on the drifted host.
    assert_eq!(
        named(&omivv_firmware(&sb, &omivv, "host-4").await, "qedentv"),
        "3.11.16.0"
    );
    assert_eq!(
        version_of(&components(&sb, 1003, 1004).await, QEDENTV).0,
        "3.11.16.0"
    );

    // OMEVV updates host-4's driver: OMIVV's inventory and driver drift follow.
    let made = call(
        &sb,
        Method::POST,
        &format!("/Consoles/{VC1}/Groups/1003/Update"),
        Some(update(1004, &[QEDENTV], json!({"runNow": true}))),
    )
    .await;
    assert_eq!(made.status, 202, "{}", made.text);
    sb.advance(2);
    let inventory = omivv_firmware(&sb, &omivv, "host-4").await;
    assert_eq!(named(&inventory, "qedentv"), "3.40.3.0");
    assert_eq!(
        named(&inventory, "Diagnostics"),
        "4303A15",
        "not named by the job: {inventory:?}"
    );
    let drivers = sb
        .omivv_call(
            Method::GET,
            "/DriftDetectionService/DriftReport/domain-c3/DriverDriftDetails",
            &omivv,
            None,
        )
        .await;
    assert_eq!(drivers.status, 200, "{}", drivers.text);
    assert_eq!(drivers.json()["hosts"], json!([]), "{}", drivers.text);

    // An OMIVV update job over Cluster-02 completes: OMEVV's report for host-7 follows.
    let job = json!({"kind": "firmware_update", "name": "fw", "console_id": "6f1c3c1e-4a38-4c1b-9a0e-2f4f0c1d9b11",
                     "cluster_id": "domain-c6", "duration_seconds": 60});
    let added = sb.control_call(Method::POST, "/omivv/jobs", job).await;
    assert_eq!(added.status, 201, "{}", added.text);
    assert_eq!(
        version_of(&components(&sb, 1006, 1007).await, DIAGNOSTICS).0,
        "4303A15"
    );
    sb.advance(60);
    let after = components(&sb, 1006, 1007).await;
    assert!(after.iter().all(|c| c.2 == "Compliant"), "{after:?}");
    // host-4 was not in that cluster.
    assert_eq!(
        version_of(&components(&sb, 1003, 1004).await, DIAGNOSTICS).0,
        "4303A15"
    );
}

#[tokio::test]
async fn a_host_is_in_maintenance_mode_while_its_update_runs() {
    let sb = sandbox().await;
    drift(&sb, "host-4", json!({"drift": true})).await;
    drift(&sb, "host-5", json!({"drift": true})).await;
    let firmware = call(
        &sb,
        Method::GET,
        &format!("/Consoles/{VC1}/ManagedHosts/1005/Firmware"),
        None,
    )
    .await
    .json();
    let qed = firmware
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["instanceId"] == QEDENTV)
        .unwrap()
        .clone();
    assert_eq!(
        (qed["version"].as_str(), qed["softwareType"].as_str()),
        (Some("3.11.16.0"), Some("DRVR"))
    );
    let mut body = update(1004, &[QEDENTV], json!({"runNow": true}));
    body["firmware"]["targets"] = json!([{"id": 1004, "firmwarecomponents": [QEDENTV]}, {"id": 1005, "firmwarecomponents": [QEDENTV]}]);
    let made = call(
        &sb,
        Method::POST,
        &format!("/Consoles/{VC1}/Groups/1003/Update"),
        Some(body),
    )
    .await;
    assert_eq!(made.status, 202, "{}", made.text);
    // One host after the other, two seconds each.
    assert_eq!(inside(&sb).await, [1004]);
    sb.advance(2);
    assert_eq!(inside(&sb).await, [1005]);
    sb.advance(2);
    assert_eq!(inside(&sb).await, Vec::<i64>::new());
    let outside = call(
        &sb,
        Method::GET,
        &format!("/Consoles/{VC1}/ManagedHosts?maintenanceMode=OUTSIDE_MAINTENANCEMODE"),
        None,
    )
    .await
    .json();
    assert_eq!(outside.as_array().unwrap().len(), 4);
    let job = call(
        &sb,
        Method::GET,
        &format!("/Consoles/{VC1}/UpdateJobs/{}", made.text.trim()),
        None,
    )
    .await
    .json();
    assert_eq!(
        job["jobTargets"],
        json!([{"targetId": "1004", "consoleAddress": "vcenter01.example.com", "targetType": "Host"},
                                         {"targetId": "1005", "consoleAddress": "vcenter01.example.com", "targetType": "Host"}])
    );
    let after = call(
        &sb,
        Method::GET,
        &format!("/Consoles/{VC1}/ManagedHosts/1005/Firmware"),
        None,
    )
    .await
    .json();
    assert!(
        after
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["instanceId"] == QEDENTV && f["version"] == "3.40.3.0"),
        "{after}"
    );
}

/// The ids of vcenter01's hosts in maintenance mode.
async fn inside(sb: &TestSandbox) -> Vec<i64> {
    let url = format!("/Consoles/{VC1}/ManagedHosts?maintenanceMode=INSIDE_MAINTENANCEMODE");
    let hosts = call(sb, Method::GET, &url, None).await.json();
    hosts
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_i64().unwrap())
        .collect()
}
