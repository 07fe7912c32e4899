//! OMEVV's settings, kept per vCenter or for the appliance, and its log of what was done.

use super::*;
use serde_json::json;

#[tokio::test]
async fn settings_are_kept_and_checked() {
    let sb = sandbox().await;
    let events = format!("/Consoles/{VC1}/EventSettings");
    let fresh = json!({"eventEnabled": true, "alarmEnabled": false, "mprAlarmEnabled": false});
    assert_eq!(call(&sb, Method::GET, &events, None).await.json(), fresh);
    let set = call(
        &sb,
        Method::PUT,
        &events,
        Some(json!({"eventEnabled": false, "alarmEnabled": false, "mprAlarmEnabled": true})),
    )
    .await;
    assert_eq!(set.status, 200, "{}", set.text);
    let restored = call(&sb, Method::POST, &format!("{events}/RestoreAlarms"), None).await;
    assert_eq!(restored.status, 202, "{}", restored.text);
    assert_eq!(
        call(&sb, Method::GET, &events, None).await.json(),
        json!({"eventEnabled": false, "alarmEnabled": true, "mprAlarmEnabled": true})
    );
    // vcenter02 keeps its own.
    let other = call_as(
        &sb,
        Method::GET,
        &format!("/Consoles/{VC2}/EventSettings"),
        "administrator@vsphere.local",
        "VMware1!",
        Some(VC2),
        None,
    )
    .await;
    assert_eq!(other.json(), fresh);
    // A missing setting is a 400, in OMEVV's shape.
    assert_omevv_error(
        &call(
            &sb,
            Method::PUT,
            &events,
            Some(json!({"eventEnabled": true})),
        )
        .await,
        400,
        "10400",
    );

    let refused = call(
        &sb,
        Method::PUT,
        "/ExtendedMonitoring",
        Some(json!({"SNMPTrapMonitoringEnabled": true})),
    )
    .await;
    assert_omevv_error(&refused, 400, "10400");
    let on = call(
        &sb,
        Method::PUT,
        "/ExtendedMonitoring",
        Some(json!({"extendedMonitoringEnabled": true, "SNMPTrapMonitoringEnabled": true})),
    )
    .await;
    assert_eq!(
        on.json(),
        json!({"extendedMonitoringEnabled": true, "SNMPTrapMonitoringEnabled": true})
    );
    let fw = call(
        &sb,
        Method::PUT,
        "/FirmwareUpdateSettings",
        Some(json!({"resetiDRAC": true, "cleariDRACJobs": false})),
    )
    .await;
    assert_eq!(fw.status, 200, "{}", fw.text);
    assert_eq!(
        call(&sb, Method::GET, "/FirmwareUpdateSettings", None)
            .await
            .json(),
        json!({"resetiDRAC": true, "cleariDRACJobs": false})
    );
}

#[tokio::test]
async fn the_log_says_what_was_done_and_when() {
    let sb = sandbox().await;
    let repo = json!({"profileName": "Lab", "protocolType": "HTTP", "sharePath": "http://192.0.2.1/catalog.xml"});
    assert_eq!(
        call(&sb, Method::POST, "/RepositoryProfiles", Some(repo))
            .await
            .status,
        200
    );
    sb.control_call(
        Method::PUT,
        "/omivv/hosts/host-5",
        json!({"health": "critical"}),
    )
    .await;
    let run = json!({"firmware": {"targets": [{"id": 1005, "firmwarecomponents": ["VMW:qedentv"]}]},
                     "jobName": "fw-1", "schedule": {"runNow": true}});
    assert_eq!(
        call(
            &sb,
            Method::POST,
            &format!("/Consoles/{VC1}/Groups/1003/Update"),
            Some(run)
        )
        .await
        .status,
        202
    );
    let messages = |page: &Value| -> Vec<String> {
        page["logMessages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| {
                format!(
                    "{} {}",
                    m["level"].as_str().unwrap(),
                    m["message"].as_str().unwrap()
                )
            })
            .collect()
    };
    let now = call(
        &sb,
        Method::GET,
        "/UserFacingLogs?skip=0&top=100&logLevel=ALL&sortBy=CREATEDDATE&sortOrder=ASC",
        None,
    )
    .await
    .json();
    assert_eq!(
        messages(&now),
        [
            "INFO Repository profile Lab created by administrator@vsphere.local",
            "INFO Firmware update job fw-1 created by administrator@vsphere.local",
        ]
    );
    sb.advance(2);
    let later = call(&sb, Method::GET, "/UserFacingLogs?logLevel=ERROR", None)
        .await
        .json();
    assert_eq!(
        messages(&later),
        ["ERROR Firmware update job fw-1 failed on one or more hosts"]
    );
    assert_eq!(later["logMessages"][0]["id"], 3);
    let newest = call(
        &sb,
        Method::GET,
        "/UserFacingLogs?top=1&sortOrder=DESC",
        None,
    )
    .await
    .json();
    assert_eq!(newest["logMessages"][0]["id"], 3);
    assert_eq!(newest["pagingInfo"]["next"], "?skip=1&top=1");
    let future = appliance_sandbox::clock::rfc3339(sb.sandbox.clock.now_ms() + 60_000);
    let none = call(
        &sb,
        Method::GET,
        &format!("/UserFacingLogs?startDate={future}"),
        None,
    )
    .await
    .json();
    assert_eq!(none["logMessages"], json!([]));
    assert_omevv_error(
        &call(
            &sb,
            Method::GET,
            "/UserFacingLogs?startDate=yesterday",
            None,
        )
        .await,
        400,
        "10400",
    );
}
