//! vSphere Lifecycle Manager's hardware support manager API as OMEVV serves it: packages from
//! the repository profiles, tasks on the clock that read, scan, stage and update the hosts of
//! vLCM clusters, and the firmware both Dell products then report.

use super::*;
use serde_json::json;

const GUID: &str = "VCenter-Instance-GUID";

async fn hsm(sb: &TestSandbox, method: Method, path: &str, body: Option<Value>) -> Answer {
    let mut req = sb
        .http
        .request(method, sb.vlcm(path))
        .basic_auth("administrator@vsphere.local", Some("VMware1!"))
        .header(GUID, VC1);
    if let Some(b) = body {
        req = req.json(&b);
    }
    sb.send(req).await
}

fn assert_hsm_error(a: &Answer, status: u16) {
    assert_eq!(a.status, status, "{}", a.text);
    let body = a.json();
    assert_eq!(body["responseType"], "BASE_ERROR_RESPONSE", "{}", a.text);
    assert!(body["messages"][0].as_str().is_some_and(|m| !m.is_empty()));
}

fn target(action: &str) -> Value {
    json!({"action": action, "targetPackage": "Dell Default Catalog", "targetPackageVersion": "24.10.00",
           "targetImage": {"baseImageVersion": "7.0.3-0.105.22348816", "swComponents": {}}})
}

fn task(answer: Answer) -> String {
    assert_eq!(answer.status, 202, "{}", answer.text);
    answer.json()["task"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn a_scan_finds_the_drift_and_a_pre_image_update_removes_it_for_both_products() {
    let sb = sandbox().await;
    // Only Cluster-01 is vLCM-managed.
    let hosts = hsm(&sb, Method::GET, "/hosts", None).await;
    assert_eq!(hosts.json(), json!(["host-4", "host-5"]), "{}", hosts.text);
    let packages = hsm(&sb, Method::GET, "/packages?release=7.0.3", None)
        .await
        .json();
    assert_eq!(packages[0]["name"], "Dell Default Catalog");
    assert_eq!(
        hsm(&sb, Method::GET, "/packages?release=6.5.0", None)
            .await
            .json(),
        json!([])
    );
    assert_hsm_error(&hsm(&sb, Method::GET, "/packages/Nope", None).await, 404);

    let drift = sb
        .control_call(Method::PUT, "/omivv/hosts/host-4", json!({"drift": true}))
        .await;
    assert_eq!(drift.status, 200, "{}", drift.text);
    let mut scan = target("SCAN");
    scan["targetHosts"] = json!(["host-4", "host-5"]);
    let id = task(hsm(&sb, Method::POST, "/hosts", Some(scan.clone())).await);
    let running = hsm(&sb, Method::GET, &format!("/tasks/{id}"), None)
        .await
        .json();
    assert_eq!(
        (&running["status"], &running["progress"]),
        (&json!("RUNNING"), &json!(0))
    );
    // A host with a task running takes no other (409), and nothing is made.
    assert_hsm_error(&hsm(&sb, Method::POST, "/hosts", Some(scan)).await, 409);
    assert_eq!(
        hsm(&sb, Method::GET, "/tasks", None).await.json(),
        json!([id])
    );

    sb.advance(2);
    let done = hsm(&sb, Method::GET, &format!("/tasks/{id}"), None)
        .await
        .json();
    assert_eq!(done["status"], "SUCCEEDED", "{done}");
    let host4 = &done["complianceScanMap"]["host-4"];
    assert_eq!(host4["fwCompliance"], "NON-COMPLIANT");
    let deviations: Vec<(&str, &str)> = host4["deviations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["currentVersion"].as_str().unwrap(),
                d["targetVersion"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        deviations,
        [("4303A15", "4303A19"), ("3.11.16.0", "3.40.3.0")]
    );
    assert_eq!(
        done["complianceScanMap"]["host-5"]["fwCompliance"],
        "COMPLIANT"
    );

    // The pre-image update brings host-4 to the catalog; OMEVV's drift report then agrees.
    let update = hsm(
        &sb,
        Method::PUT,
        "/hosts/host-4",
        Some(target("PRE_IMAGE_UPDATE")),
    )
    .await;
    let update = task(update);
    let in_mm = call(
        &sb,
        Method::GET,
        &format!("/Consoles/{VC1}/ManagedHosts?maintenanceMode=INSIDE_MAINTENANCEMODE"),
        None,
    )
    .await;
    assert!(
        in_mm.text.contains("1004"),
        "in maintenance mode meanwhile: {}",
        in_mm.text
    );
    sb.advance(1);
    let updated = hsm(&sb, Method::GET, &format!("/tasks/{update}"), None)
        .await
        .json();
    assert_eq!(updated["status"], "SUCCEEDED", "{updated}");
    let report = call(
        &sb,
        Method::GET,
        &format!("/Consoles/{VC1}/Groups/1003/ManagedHosts/1004/FirmwareDriftReport"),
        None,
    )
    .await
    .json();
    assert_eq!(report["complianceStatus"], "Compliant", "{report}");
    let inventory = task(hsm(&sb, Method::GET, "/hosts/host-4", None).await);
    sb.advance(1);
    let read = hsm(&sb, Method::GET, &format!("/tasks/{inventory}"), None)
        .await
        .json();
    let qedentv = read["hostInventoryList"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["systemComponent"]["id"] == "VMW:qedentv")
        .unwrap()
        .clone();
    assert_eq!(qedentv["firmwareVersion"], "3.40.3.0");
}

#[tokio::test]
async fn bad_requests_are_refused_in_vlcms_shape_and_change_nothing() {
    let sb = sandbox().await;
    // host-7 is in Cluster-02, which vLCM does not manage; host-99 does not exist.
    assert_hsm_error(
        &hsm(
            &sb,
            Method::PUT,
            "/hosts/host-7",
            Some(target("STAGE_UPDATE")),
        )
        .await,
        400,
    );
    assert_hsm_error(
        &hsm(
            &sb,
            Method::PUT,
            "/hosts/host-99",
            Some(target("STAGE_UPDATE")),
        )
        .await,
        404,
    );
    let mut unknown = target("STAGE_UPDATE");
    unknown["targetPackageVersion"] = json!("1.0");
    assert_hsm_error(
        &hsm(&sb, Method::PUT, "/hosts/host-4", Some(unknown)).await,
        400,
    );
    assert_hsm_error(
        &hsm(
            &sb,
            Method::PUT,
            "/hosts/host-4",
            Some(json!({"action": "FLASH"})),
        )
        .await,
        400,
    );
    assert_eq!(
        hsm(&sb, Method::GET, "/tasks", None).await.json(),
        json!([])
    );
    // Credentials: none; a vCenter uuid that is not registered.
    let none = sb.send(sb.http.get(sb.vlcm("/tasks"))).await;
    assert_hsm_error(&none, 401);
    let other = sb
        .send(
            sb.http
                .get(sb.vlcm("/tasks"))
                .basic_auth("administrator@vsphere.local", Some("VMware1!"))
                .header(GUID, "00000000-0000-0000-0000-000000000000"),
        )
        .await;
    assert_hsm_error(&other, 404);
    assert_hsm_error(&hsm(&sb, Method::GET, "/nothing-here", None).await, 404);

    // A critical host fails its pre-check; a staged package shows in the next scan; a running
    // task can be cancelled once, and a finished one not.
    let critical = sb
        .control_call(
            Method::PUT,
            "/omivv/hosts/host-5",
            json!({"health": "critical"}),
        )
        .await;
    assert_eq!(critical.status, 200);
    let check = task(
        hsm(
            &sb,
            Method::PUT,
            "/hosts/host-5",
            Some(target("UPDATE_PRE_CHECK")),
        )
        .await,
    );
    let stage = task(
        hsm(
            &sb,
            Method::PUT,
            "/hosts/host-4",
            Some(target("STAGE_UPDATE")),
        )
        .await,
    );
    sb.advance(1);
    assert_eq!(
        hsm(&sb, Method::GET, &format!("/tasks/{check}"), None)
            .await
            .json()["status"],
        "FAILED"
    );
    assert_eq!(
        hsm(&sb, Method::GET, &format!("/tasks/{stage}"), None)
            .await
            .json()["status"],
        "SUCCEEDED"
    );
    assert_hsm_error(
        &hsm(&sb, Method::DELETE, &format!("/tasks/{stage}"), None).await,
        400,
    );
    let mut scan = target("SCAN");
    scan["targetHosts"] = json!(["host-4"]);
    let scanned = task(hsm(&sb, Method::POST, "/hosts", Some(scan)).await);
    let cancelled = hsm(&sb, Method::DELETE, &format!("/tasks/{scanned}"), None).await;
    assert_eq!(cancelled.status, 200, "{}", cancelled.text);
    assert_eq!(
        hsm(&sb, Method::GET, &format!("/tasks/{scanned}"), None)
            .await
            .json()["status"],
        "CANCELED"
    );
    let mut scan = target("SCAN");
    scan["targetHosts"] = json!(["host-4"]);
    let again = task(hsm(&sb, Method::POST, "/hosts", Some(scan)).await);
    sb.advance(1);
    let result = hsm(&sb, Method::GET, &format!("/tasks/{again}"), None)
        .await
        .json();
    assert_eq!(
        result["complianceScanMap"]["host-4"]["fwStageStatus"], "STAGED",
        "{result}"
    );
}
