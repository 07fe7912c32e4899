//! The guide's "Sequence of API for firmware update", end to end: the cluster and its health,
//! the repository's bundles and packages, a firmware report, an update job that runs on the
//! sandbox clock and changes what OMIVV and OMEVV report.

use super::*;
use reqwest::Method;
use serde_json::Value;

async fn get(sb: &TestSandbox, token: &str, path: &str) -> Value {
    let a = sb.omivv_call(Method::GET, path, token, None).await;
    assert_eq!(a.status, 200, "{path}: {}", a.text);
    a.json()
}

#[tokio::test]
async fn the_guides_firmware_update_sequence_end_to_end() {
    let sb = start_with(
        Default::default(),
        Options {
            no_rate_limits: true,
            ..Default::default()
        },
    )
    .await;
    sb.control_call(Method::PUT, "/omivv/hosts/host-4", json!({"drift": true}))
        .await;
    let token = sb.omivv_token_in_context("administrator").await;
    // 5, 6: the cluster of the context's vCenter, and its health.
    let cluster = get(&sb, &token, "/ConsoleService/Clusters/domain-c3").await;
    assert_eq!(cluster["hosts"].as_array().unwrap().len(), 2);
    let health = get(&sb, &token, "/ConsoleService/Clusters/domain-c3/Details").await;
    assert_eq!(health["healthStatus"], "HEALTHY");
    // 9-11: the repository's bundle for the hosts' model, and its packages.
    let repos = get(&sb, &token, "/PluginProfileService/RepositoryProfiles").await;
    let repo = repos[0]["id"].as_str().unwrap().to_string();
    let data = get(
        &sb,
        &token,
        &format!("/RepositoryManagementService/RepositoryData?repoProfileID={repo}"),
    )
    .await;
    let bundle = data["bundles"][0].clone();
    assert_eq!(bundle["model"], "PowerEdge R740");
    let qedentv = data["components"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"].as_str().unwrap().contains("qedentv"))
        .unwrap()
        .clone();
    assert_eq!(qedentv["vendorVersion"], "3.40.3.0");
    // 12: the cluster's report: host-4 runs the old driver.
    let body = json!({"reportType": "CLUSTER", "clusterID": "domain-c3",
                      "bundleAssociation": [{"systemId": bundle["systemId"], "bundleId": bundle["bundleID"]}]});
    let report = sb
        .omivv_call(Method::POST, "/UpdateService/FWReport", &token, Some(body))
        .await;
    assert_eq!(report.status, 200, "{}", report.text);
    let report = report.json();
    let host4 = report["clusterReport"]["hostReports"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["host"]["id"] == "host-4")
        .unwrap()
        .clone();
    let upgrade: Vec<String> = host4["applicableComponents"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["updateAction"] == "UPGRADE")
        .map(|c| c["packageId"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(upgrade.len(), 2, "{host4}");
    // 13: the job, on host-4, for those packages.
    let job = json!({"jobname": "fw-host-4", "jobdesc": "from the guide", "updateType": "FIRMWARE", "updateTargetType": "HOST",
                     "schedule": {"runLater": false, "runNow": true}, "firmwareRepoProfileID": repo, "rebootOptions": "SAFEREBOOT",
                     "preCheck": true, "firmwareUpdateTargets": [{"hostId": "host-4", "bundleId": bundle["bundleID"], "packageIDs": upgrade}],
                     "jobSpecificCustomConfiguration": {"exitMaintenanceMode": true, "enterMaintenanceModetimeout": 60}});
    let made = sb
        .omivv_call(
            Method::POST,
            "/UpdateService/Jobs",
            &token,
            Some(job.clone()),
        )
        .await;
    assert_eq!(made.status, 202, "{}", made.text);
    let made = made.json();
    assert_eq!(
        (made["objectType"].as_str(), made["status"].as_str()),
        (Some("Job"), Some("Running"))
    );
    // 15: it completes after a minute, and the host runs the catalog's versions, for both products.
    sb.advance(60);
    let done = get(
        &sb,
        &token,
        &format!("/UpdateService/Jobs/{}", made["id"].as_str().unwrap()),
    )
    .await;
    assert_eq!(done["data"]["state"], "COMPLETED", "{done}");
    let inventory = get(
        &sb,
        &token,
        "/InventoryService/Hosts/host-4/FirmwareInventory",
    )
    .await;
    assert!(
        inventory.to_string().contains("\"version\":\"3.40.3.0\""),
        "{inventory}"
    );
    let drivers = get(
        &sb,
        &token,
        "/DriftDetectionService/DriftReport/domain-c3/DriverDriftDetails",
    )
    .await;
    assert_eq!(drivers["hosts"], json!([]));
    let omevv = sb
        .send(
            sb.http
                .get(sb.omevv(
                    "/Consoles/c3f79ba6-3240-53d1-870c-9011162e01ab/ManagedHosts/1004/Firmware",
                ))
                .basic_auth("administrator@vsphere.local", Some("VMware1!")),
        )
        .await
        .json();
    assert!(
        omevv
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["version"] != "3.11.16.0"),
        "{omevv}"
    );
    // The same packages again are already up to date: that job fails, as the guide says.
    let again = sb
        .omivv_call(Method::POST, "/UpdateService/Jobs", &token, Some(job))
        .await
        .json();
    sb.advance(60);
    let failed = get(
        &sb,
        &token,
        &format!("/UpdateService/Jobs/{}", again["id"].as_str().unwrap()),
    )
    .await;
    assert_eq!(failed["data"]["state"], "FAILED");
    // Bad input is a 400 that makes no job.
    let before = get(&sb, &token, "/UpdateService/Jobs")
        .await
        .as_array()
        .unwrap()
        .len();
    let bad = json!({"jobname": "x", "updateType": "FIRMWARE", "updateTargetType": "HOST", "schedule": {"runNow": true},
                     "firmwareRepoProfileID": repo, "firmwareUpdateTargets": [{"hostId": "host-4", "packageIDs": ["9999"]}]});
    assert_eq!(
        sb.omivv_call(Method::POST, "/UpdateService/Jobs", &token, Some(bad))
            .await
            .status,
        400
    );
    assert_eq!(
        get(&sb, &token, "/UpdateService/Jobs")
            .await
            .as_array()
            .unwrap()
            .len(),
        before
    );
}

#[tokio::test]
async fn a_running_update_job_can_be_cancelled_and_then_changes_nothing() {
    let sb = start_with(
        Default::default(),
        Options {
            no_rate_limits: true,
            ..Default::default()
        },
    )
    .await;
    sb.control_call(Method::PUT, "/omivv/hosts/host-4", json!({"drift": true}))
        .await;
    let token = sb.omivv_token_in_context("administrator").await;
    let repos = get(&sb, &token, "/PluginProfileService/RepositoryProfiles").await;
    let repo = repos[0]["id"].as_str().unwrap().to_string();
    let job = json!({"jobname": "fw-host-4", "updateType": "FIRMWARE", "updateTargetType": "HOST",
                     "schedule": {"runLater": false, "runNow": true}, "firmwareRepoProfileID": repo,
                     "firmwareUpdateTargets": [{"hostId": "host-4", "packageIDs": ["7006"]}]});
    let made = sb
        .omivv_call(Method::POST, "/UpdateService/Jobs", &token, Some(job))
        .await;
    assert_eq!(made.status, 202, "{}", made.text);
    let id = made.json()["id"].as_str().unwrap().to_string();
    sb.advance(30);
    assert_eq!(
        get(&sb, &token, &format!("/UpdateService/Jobs/{id}")).await["data"]["state"],
        "RUNNING"
    );
    let cancel = sb
        .omivv_call(
            Method::PUT,
            &format!("/UpdateService/Jobs/{id}/Cancel"),
            &token,
            None,
        )
        .await;
    assert_eq!(cancel.status, 200, "{}", cancel.text);
    assert_eq!(cancel.json()["data"]["state"], "CANCELLED");
    // Past its end it is still cancelled, and the host still runs the old driver.
    sb.advance(120);
    assert_eq!(
        get(&sb, &token, &format!("/UpdateService/Jobs/{id}")).await["data"]["state"],
        "CANCELLED"
    );
    let inventory = get(
        &sb,
        &token,
        "/InventoryService/Hosts/host-4/FirmwareInventory",
    )
    .await;
    assert!(
        inventory.to_string().contains("\"version\":\"3.11.16.0\""),
        "{inventory}"
    );
    let again = sb
        .omivv_call(
            Method::PUT,
            &format!("/UpdateService/Jobs/{id}/Cancel"),
            &token,
            None,
        )
        .await;
    assert_eq!(again.status, 400, "{}", again.text);
    let deleted = sb
        .omivv_call(
            Method::DELETE,
            &format!("/UpdateService/Jobs/{id}"),
            &token,
            None,
        )
        .await;
    assert_eq!((deleted.status, deleted.text.as_str()), (200, "Deleted"));
}
