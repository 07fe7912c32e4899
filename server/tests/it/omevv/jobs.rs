//! Compliance jobs (check, check with inventory, fix) on the clock, what a job's run says host by
//! host, changing a scheduled update job, a host's hardware log, and the proactive HA severity
//! overrides.

use super::*;
use appliance_sandbox::config::Config;
use serde_json::json;

const QEDENTV: &str = "VMW:qedentv";

/// esxi-02 (OMEVV host 1005) does not send SNMP traps to OMEVV.
async fn snmp_sandbox() -> TestSandbox {
    let mut config = Config::default();
    config.omevv.snmp_unconfigured = vec!["esxi-02.example.com".into()];
    let options = Options {
        no_rate_limits: true,
        ..Default::default()
    };
    start_with(config, options).await
}

fn entry(list: &Value, id: i64) -> Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|h| h["hostid"] == id)
        .unwrap()
        .clone()
}

fn messages(details: &Value) -> Vec<String> {
    details
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["message"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn compliance_jobs_check_then_fix_the_snmp_destination_host_by_host() {
    let sb = snmp_sandbox().await;
    let c = format!("/Consoles/{VC1}");
    let compliance = call(&sb, Method::GET, &format!("{c}/Compliance"), None)
        .await
        .json();
    let esxi02 = entry(&compliance, 1005);
    assert_eq!(
        (&esxi02["snmpTrapStatus"], &esxi02["state"]),
        (&json!("UNCONFIGURED"), &json!("MANAGEDWITHOUTALERTS"))
    );
    assert_eq!(entry(&compliance, 1004)["state"], "MANAGED");
    let summary = call(&sb, Method::GET, &format!("{c}/ComplianceSummary"), None)
        .await
        .json();
    assert_eq!(
        summary["hostStatus_NONCOMPLIANT"]["snmpStatus_UNCONFIGURED"],
        1
    );
    assert_eq!(summary["snmpStatus_CONFIGURED"], 3);

    // Bad input: an unknown host, an empty name; nothing is made.
    for bad in [
        json!({"jobName": "check", "hostIds": [9999]}),
        json!({"jobName": " ", "hostIds": [1004]}),
        json!({"jobName": "check", "hostIds": []}),
    ] {
        let a = call(
            &sb,
            Method::POST,
            &format!("{c}/Hosts/RunCompliance"),
            Some(bad),
        )
        .await;
        assert_omevv_error(&a, 400, "10400");
    }
    let jobs = call(&sb, Method::GET, &format!("{c}/DiscoveryJobs"), None)
        .await
        .json();
    assert_eq!(jobs, json!([]));

    let check = call(
        &sb,
        Method::POST,
        &format!("{c}/Hosts/RunComplianceWithInventory"),
        Some(json!({"jobName": "check", "hostIds": [1004, 1005]})),
    )
    .await;
    assert_eq!(check.status, 202, "{}", check.text);
    let id: i64 = check.text.trim().parse().unwrap();
    let details = format!("{c}/DiscoveryJobs/{id}/ExecutionHistories/{id}/ExecutionHistoryDetails");
    let first = call(&sb, Method::GET, &details, None).await.json();
    assert_eq!(
        messages(&first),
        ["esxi-01.example.com (7XK2QH2): inventory collected; checking compliance"]
    );
    sb.advance(2);
    let job = call(&sb, Method::GET, &format!("{c}/DiscoveryJobs/{id}"), None)
        .await
        .json();
    assert_eq!(
        (
            &job["jobType"],
            &job["state"],
            &job["lastExecutionHistory"]["historyId"]
        ),
        (&json!("DiscoveryJob"), &json!("COMPLETED"), &json!(id))
    );
    let all = messages(&call(&sb, Method::GET, &details, None).await.json());
    assert_eq!(all.len(), 4, "{all:?}");
    assert_eq!(all[1], "esxi-01.example.com (7XK2QH2): compliant");
    assert!(
        all[3].starts_with("esxi-02.example.com (8YL3RJ3): not compliant"),
        "{all:?}"
    );
    let wrong_run = call(
        &sb,
        Method::GET,
        &format!(
            "{c}/DiscoveryJobs/{id}/ExecutionHistories/{}/ExecutionHistoryDetails",
            id + 1
        ),
        None,
    )
    .await;
    assert_omevv_error(&wrong_run, 404, "10404");

    // Fixing without hosts fixes the one that is not compliant; then there is nothing to fix.
    let fix = call(
        &sb,
        Method::POST,
        &format!("{c}/FixCompliance"),
        Some(json!({})),
    )
    .await;
    assert_eq!(fix.status, 202, "{}", fix.text);
    let fix_id: i64 = fix.text.trim().parse().unwrap();
    let job = call(
        &sb,
        Method::GET,
        &format!("{c}/DiscoveryJobs/{fix_id}"),
        None,
    )
    .await
    .json();
    assert_eq!(job["jobTargets"][0]["targetId"], "1005", "{job}");
    assert_eq!(
        entry(
            &call(&sb, Method::GET, &format!("{c}/Compliance"), None)
                .await
                .json(),
            1005
        )["state"],
        "MANAGEDWITHOUTALERTS",
        "not before its turn has ended"
    );
    sb.advance(1);
    let after = call(&sb, Method::GET, &format!("{c}/Compliance"), None)
        .await
        .json();
    assert_eq!(
        (
            &entry(&after, 1005)["snmpTrapStatus"],
            &entry(&after, 1005)["state"]
        ),
        (&json!("CONFIGURED"), &json!("MANAGED"))
    );
    let again = call(
        &sb,
        Method::POST,
        &format!("{c}/FixCompliance"),
        Some(json!({"jobName": "again"})),
    )
    .await;
    assert_omevv_error(&again, 400, "10400");
    let fixed =
        format!("{c}/DiscoveryJobs/{fix_id}/ExecutionHistories/{fix_id}/ExecutionHistoryDetails");
    let said = messages(&call(&sb, Method::GET, &fixed, None).await.json());
    assert!(
        said[1].ends_with("OMEVV configured as the iDRAC's SNMP trap destination; compliant"),
        "{said:?}"
    );

    // The host's hardware log has it, newest first.
    let log = call(
        &sb,
        Method::GET,
        &format!("{c}/ManagedHosts/1005/HardwareLogs"),
        None,
    )
    .await
    .json();
    assert_eq!(
        log["logMessages"][0]["description"],
        "OMEVV was set as an SNMP trap destination"
    );
    assert_eq!(log["pagingInfo"]["totalInstances"], 3, "{log}");
}

#[tokio::test]
async fn a_scheduled_update_job_can_be_changed_until_it_starts_and_its_run_is_told_host_by_host() {
    let sb = sandbox().await;
    let c = format!("/Consoles/{VC1}");
    let at = appliance_sandbox::clock::rfc3339(sb.sandbox.clock.now_ms() + 3_600_000);
    let made = call(
        &sb,
        Method::POST,
        &format!("{c}/Groups/1003/Update"),
        Some(
            json!({"firmware": {"targets": [{"id": 1004, "firmwarecomponents": [QEDENTV]}]},
                    "jobName": "tonight", "schedule": {"runNow": false, "dateTime": at}}),
        ),
    )
    .await;
    assert_eq!(made.status, 202, "{}", made.text);
    let id: i64 = made.text.trim().parse().unwrap();
    let job = format!("{c}/UpdateJobs/{id}");
    let details = format!("{job}/ExecutionHistories/{id}/ExecutionHistoryDetails");
    // Not started: no run yet.
    assert_omevv_error(&call(&sb, Method::GET, &details, None).await, 404, "10404");

    // Bad changes are refused whole.
    for bad in [
        json!({"modifyJob": "ModifyUpdateJob", "jobName": "renamed", "schedule": {"runNow": false, "dateTime": "2020-01-01T00:00:00Z"}}),
        json!({"modifyJob": "Other"}),
        json!({"jobName": ""}),
    ] {
        let a = call(&sb, Method::PUT, &job, Some(bad)).await;
        assert_omevv_error(&a, 400, "10400");
    }
    assert_eq!(
        call(&sb, Method::GET, &job, None).await.json()["jobName"],
        "tonight"
    );

    let changed = call(
        &sb,
        Method::PUT,
        &job,
        Some(
            json!({"modifyJob": "ModifyUpdateJob", "jobName": "now", "schedule": {"runNow": true}}),
        ),
    )
    .await;
    assert_eq!(changed.status, 200, "{}", changed.text);
    let running = call(&sb, Method::GET, &job, None).await.json();
    assert_eq!(
        (&running["jobName"], &running["state"], &running["schedule"]),
        (&json!("now"), &json!("RUNNING"), &json!({"runNow": true}))
    );
    let started = messages(&call(&sb, Method::GET, &details, None).await.json());
    assert_eq!(
        started,
        ["esxi-01.example.com (7XK2QH2): entered maintenance mode; updating VMW:qedentv"]
    );
    // Running: no longer editable.
    let late = call(&sb, Method::PUT, &job, Some(json!({"jobName": "late"}))).await;
    assert_omevv_error(&late, 400, "10400");

    sb.advance(2);
    let done = messages(&call(&sb, Method::GET, &details, None).await.json());
    assert_eq!(done.len(), 3, "{done:?}");
    assert_eq!(done[2], "Job completed successfully");
    let log = call(
        &sb,
        Method::GET,
        &format!("{c}/ManagedHosts/1004/HardwareLogs?top=1"),
        None,
    )
    .await
    .json();
    assert_eq!(
        log["logMessages"][0]["description"],
        "Firmware updated: VMW:qedentv"
    );
    assert_eq!(log["pagingInfo"]["next"], "?skip=1&top=1");
    assert_eq!(log["logMessages"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn a_hosts_failed_power_supply_is_in_its_hardware_log() {
    let sb = sandbox().await;
    let path = format!("/Consoles/{VC1}/ManagedHosts/1007/HardwareLogs");
    let before = call(&sb, Method::GET, &path, None).await.json();
    assert_eq!(before["pagingInfo"]["totalInstances"], 1);
    sb.advance(60);
    let set = sb
        .control_call(
            Method::PUT,
            "/omivv/hosts/host-7",
            json!({"health": "critical"}),
        )
        .await;
    assert_eq!(set.status, 200, "{}", set.text);
    let after = call(&sb, Method::GET, &path, None).await.json();
    let newest = &after["logMessages"][0];
    assert_eq!(newest["severity"], "Critical");
    assert_eq!(
        newest["timestamp"],
        appliance_sandbox::clock::rfc3339(sb.sandbox.clock.now_ms())
    );
    let bad = call(&sb, Method::GET, &format!("{path}?top=0"), None).await;
    assert_omevv_error(&bad, 400, "10400");
}

#[tokio::test]
async fn severity_overrides_change_all_together_or_not_at_all() {
    let sb = sandbox().await;
    let path = "/Settings/OverrideSeverity";
    let list = call(&sb, Method::GET, path, None).await.json();
    assert_eq!(list.as_array().unwrap().len(), 7);
    assert_eq!(list[1]["component"], "Power Supply");
    assert_eq!(list[1]["overrideSeverity"], list[1]["defaultSeverity"]);

    let half_bad = json!([{"id": 2, "overrideSeverity": "SEVERELY_DEGRADED"}, {"id": 99, "overrideSeverity": "INFO"}]);
    assert_omevv_error(
        &call(&sb, Method::PUT, path, Some(half_bad)).await,
        400,
        "10400",
    );
    let bad_value = json!([{"id": 2, "overrideSeverity": "LOUD"}]);
    assert_omevv_error(
        &call(&sb, Method::PUT, path, Some(bad_value)).await,
        400,
        "10400",
    );
    assert_eq!(
        call(&sb, Method::GET, path, None).await.json(),
        list,
        "nothing changed"
    );

    let set = call(
        &sb,
        Method::PUT,
        path,
        Some(json!([{"id": 2, "overrideSeverity": "SEVERELY_DEGRADED"}])),
    )
    .await;
    assert_eq!(set.status, 200, "{}", set.text);
    let now = call(&sb, Method::GET, path, None).await.json();
    assert_eq!(
        (&now[1]["overrideSeverity"], &now[1]["defaultSeverity"]),
        (&json!("SEVERELY_DEGRADED"), &json!("MODERATELY_DEGRADED"))
    );
}
