//! Which hosts OMEVV manages: unmanage, manage and discovery jobs on the clock, what an
//! unmanaged host drops out of, and the update jobs' cancel, delete, rerun and counts.

use super::*;
use serde_json::json;

async fn ids(sb: &TestSandbox, path: &str) -> Vec<i64> {
    let all = call(sb, Method::GET, path, None).await.json();
    all.as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_i64().unwrap())
        .collect()
}

#[tokio::test]
async fn unmanaged_hosts_leave_the_lists_and_discovery_brings_them_back() {
    let sb = sandbox().await;
    let c = format!("/Consoles/{VC1}");
    let hosts = format!("{c}/ManagedHosts");
    let job = call(
        &sb,
        Method::POST,
        &format!("{c}/Hosts/UnManage"),
        Some(json!({"hostIDs": [1004, 1005], "jobName": "out", "jobDescription": null})),
    )
    .await;
    assert_eq!(job.status, 202, "{}", job.text);
    let job_path = format!("{c}/DiscoveryJobs/{}", job.text.trim());
    // One host per second: the first is out after one, both after two.
    assert_eq!(ids(&sb, &hosts).await, [1004, 1005, 1007, 1008]);
    sb.advance(1);
    assert_eq!(ids(&sb, &hosts).await, [1005, 1007, 1008]);
    sb.advance(1);
    assert_eq!(ids(&sb, &hosts).await, [1007, 1008]);
    let done = call(&sb, Method::GET, &job_path, None).await.json();
    assert_eq!(
        (done["state"].as_str(), done["jobType"].as_str()),
        (Some("COMPLETED"), Some("DiscoveryJob"))
    );

    // Out of the group's drift report and the update targets; COMPLIANT in the compliance list.
    let report = call(
        &sb,
        Method::GET,
        &format!("{c}/Groups/1003/FirmwareDriftReport"),
        None,
    )
    .await
    .json();
    assert_eq!(report["hostComplianceReports"], json!([]));
    let update = json!({"firmware": {"targets": [{"id": 1004, "firmwarecomponents": ["VMW:qedentv"]}]},
                        "jobName": "x", "schedule": {"runNow": true}});
    assert_omevv_error(
        &call(
            &sb,
            Method::POST,
            &format!("{c}/Groups/1003/Update"),
            Some(update),
        )
        .await,
        400,
        "10400",
    );
    let compliance = call(&sb, Method::GET, &format!("{c}/Compliance"), None)
        .await
        .json();
    let state_of = |id: i64| {
        compliance
            .as_array()
            .unwrap()
            .iter()
            .find(|h| h["hostid"] == id)
            .unwrap()["state"]
            .clone()
    };
    assert_eq!(
        (state_of(1004), state_of(1007)),
        (json!("COMPLIANT"), json!("MANAGED"))
    );
    let summary = call(&sb, Method::GET, &format!("{c}/ComplianceSummary"), None)
        .await
        .json();
    assert_eq!(summary["hostStatus_COMPLIANT"], 2);

    // Discovering Cluster-01 with iDRAC credentials manages both again.
    let no_creds = json!({"jobName": "d", "hostDiscoveryGroups": [{"consoleEntityIDs": ["domain-c3"], "useGlobalCredentials": false}]});
    assert_omevv_error(
        &call(
            &sb,
            Method::POST,
            &format!("{c}/Hosts/Discover"),
            Some(no_creds),
        )
        .await,
        400,
        "10400",
    );
    let unknown = json!({"jobName": "d", "hostDiscoveryGroups": [{"consoleEntityIDs": ["domain-c99"], "useGlobalCredentials": true}]});
    assert_omevv_error(
        &call(
            &sb,
            Method::POST,
            &format!("{c}/Hosts/Discover"),
            Some(unknown),
        )
        .await,
        400,
        "10400",
    );
    let discover = json!({"jobName": "discover", "jobDescription": null, "hostDiscoveryGroups": [
        {"consoleEntityIDs": ["domain-c3"], "userName": "root", "passWord": "calvin", "useGlobalCredentials": false}]});
    let d = call(
        &sb,
        Method::POST,
        &format!("{c}/Hosts/Discover"),
        Some(discover),
    )
    .await;
    assert_eq!(d.status, 202, "{}", d.text);
    sb.advance(2);
    assert_eq!(ids(&sb, &hosts).await, [1004, 1005, 1007, 1008]);
    let jobs = call(&sb, Method::GET, &format!("{c}/DiscoveryJobs"), None)
        .await
        .json();
    assert_eq!(jobs.as_array().unwrap().len(), 2);
    let summary = call(
        &sb,
        Method::POST,
        &format!("{c}/DiscoveryJobs/JobsSummary"),
        None,
    )
    .await
    .json();
    assert_eq!(
        summary,
        json!([{"jobType": "DiscoveryJob", "totalJobs": 2, "scheduledJobs": 0, "inProgressJobs": 0,
                                "failureJobs": 0, "completedJobs": 2, "cancelledJobs": 0}])
    );
    // Deleting a finished job hides it; the hosts stay as it left them.
    let deleted = call(
        &sb,
        Method::DELETE,
        &format!("{c}/DiscoveryJobs/{}", d.text.trim()),
        None,
    )
    .await;
    assert_eq!(deleted.status, 200, "{}", deleted.text);
    assert!(deleted.json().is_string());
    assert_eq!(ids(&sb, &hosts).await, [1004, 1005, 1007, 1008]);
    assert_omevv_error(
        &call(
            &sb,
            Method::GET,
            &format!("{c}/DiscoveryJobs/{}", d.text.trim()),
            None,
        )
        .await,
        404,
        "10404",
    );
    // A host whose group has an update pending cannot be unmanaged.
    let run = json!({"firmware": {"targets": [{"id": 1007, "firmwarecomponents": ["VMW:qedentv"]}]},
                     "jobName": "u", "schedule": {"runNow": true}});
    assert_eq!(
        call(
            &sb,
            Method::POST,
            &format!("{c}/Groups/1006/Update"),
            Some(run)
        )
        .await
        .status,
        202
    );
    let busy = json!({"hostIDs": [1007], "jobName": "out2"});
    assert_omevv_error(
        &call(
            &sb,
            Method::POST,
            &format!("{c}/Hosts/UnManage"),
            Some(busy),
        )
        .await,
        400,
        "10400",
    );
}

#[tokio::test]
async fn update_jobs_cancel_delete_rerun_and_count() {
    let sb = sandbox().await;
    let c = format!("/Consoles/{VC1}");
    let control = sb
        .control_call(Method::PUT, "/omivv/hosts/host-7", json!({"drift": true}))
        .await;
    assert_eq!(control.status, 200);
    let at = appliance_sandbox::clock::rfc3339(sb.sandbox.clock.now_ms() + 600_000);
    let later = json!({"firmware": {"targets": [{"id": 1007, "firmwarecomponents": ["VMW:qedentv"]}]},
                       "jobName": "later", "schedule": {"runNow": false, "dateTime": at}});
    let id = call(
        &sb,
        Method::POST,
        &format!("{c}/Groups/1006/Update"),
        Some(later),
    )
    .await
    .text;
    let job = format!("{c}/UpdateJobs/{}", id.trim());
    // Only a scheduled job can be cancelled, only a finished one deleted.
    assert_omevv_error(&call(&sb, Method::DELETE, &job, None).await, 400, "10400");
    let cancelled = call(&sb, Method::POST, &format!("{job}/cancel"), None).await;
    assert_eq!(cancelled.status, 200, "{}", cancelled.text);
    assert_omevv_error(
        &call(&sb, Method::POST, &format!("{job}/cancel"), None).await,
        400,
        "10400",
    );
    sb.advance(700);
    assert_eq!(
        call(&sb, Method::GET, &job, None).await.json()["state"],
        "CANCELLED"
    );
    assert_eq!(
        qed(&sb).await,
        "3.11.16.0",
        "a cancelled job changes nothing"
    );
    // Running it again makes a new job, running now; it completes and updates.
    let rerun = call(&sb, Method::POST, &format!("{job}/rerun"), None).await;
    assert_eq!(rerun.status, 202, "{}", rerun.text);
    assert_ne!(rerun.text.trim(), id.trim());
    sb.advance(2);
    assert_eq!(qed(&sb).await, "3.40.3.0");
    let summary = call(
        &sb,
        Method::POST,
        &format!("{c}/UpdateJobs/JobsSummary"),
        None,
    )
    .await
    .json();
    assert_eq!(summary[0]["jobType"], "FWUpdate");
    assert_eq!(
        (
            summary[0]["cancelledJobs"].as_i64(),
            summary[0]["completedJobs"].as_i64()
        ),
        (Some(1), Some(1))
    );
    // Deleting the completed job hides it and keeps what it did.
    let done = format!("{c}/UpdateJobs/{}", rerun.text.trim());
    assert_eq!(call(&sb, Method::DELETE, &done, None).await.status, 200);
    assert_omevv_error(&call(&sb, Method::GET, &done, None).await, 404, "10404");
    assert_eq!(qed(&sb).await, "3.40.3.0");
}

/// The qedentv version host-7 (1007) runs.
async fn qed(sb: &TestSandbox) -> Value {
    let path = format!("/Consoles/{VC1}/ManagedHosts/1007/Firmware");
    let fw = call(sb, Method::GET, &path, None).await.json();
    fw.as_array()
        .unwrap()
        .iter()
        .find(|f| f["instanceId"] == "VMW:qedentv")
        .unwrap()["version"]
        .clone()
}
