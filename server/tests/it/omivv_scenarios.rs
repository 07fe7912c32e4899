//! OMIVV's settings and the states a test asks for: alarms with Dell's `eventPostType: null`,
//! host health, drift and warranty through the control API and the clock, repository profiles
//! and licenses (no share password kept, duplicates refused), and reset.

use crate::common;

use appliance_sandbox::app::Options;
use common::*;
use reqwest::Method;
use serde_json::{json, Value};

const WARRANTY: &str = "/InventoryService/Hosts/host-4/Warranty";

async fn sandbox() -> TestSandbox {
    let options = Options {
        no_rate_limits: true,
        ..Default::default()
    };
    start_with(Default::default(), options).await
}

#[tokio::test]
async fn alarms_keep_the_event_level_when_dells_script_sends_null() {
    let sb = sandbox().await;
    let token = sb.omivv_token_in_context("administrator").await;
    let path = "/ConsoleService/AlarmsAndEvents";
    let fresh = sb.omivv_call(Method::GET, path, &token, None).await.json();
    assert_eq!(
        fresh,
        json!({"alarmStatus": false, "mprAlarmStatus": false, "eventPostType": "CRITICAL_AND_WARNING_EVENTS"})
    );
    let set = json!({"alarmStatus": true, "mprAlarmStatus": false, "eventPostType": "ALL_EVENTS"});
    assert_eq!(
        sb.omivv_call(Method::PUT, path, &token, Some(set))
            .await
            .status,
        200
    );
    let null = json!({"alarmStatus": false, "mprAlarmStatus": true, "eventPostType": null});
    let a = sb.omivv_call(Method::PUT, path, &token, Some(null)).await;
    assert_eq!(
        a.json(),
        json!({"alarmStatus": false, "mprAlarmStatus": true, "eventPostType": "ALL_EVENTS"})
    );
    // Null only where the spec allows it; an unknown level is refused and changes nothing.
    let a = sb
        .omivv_call(
            Method::PUT,
            path,
            &token,
            Some(json!({"alarmStatus": null, "mprAlarmStatus": true})),
        )
        .await;
    assert_omivv_error(&a, 400, "alarmStatus");
    let a = sb
        .omivv_call(
            Method::PUT,
            path,
            &token,
            Some(json!({"alarmStatus": true, "mprAlarmStatus": true, "eventPostType": "SOME"})),
        )
        .await;
    assert_omivv_error(&a, 400, "eventPostType");
    assert_eq!(
        sb.omivv_call(Method::GET, path, &token, None).await.json()["alarmStatus"],
        false
    );
    // Settings are per vCenter: the other console still has the defaults.
    let body = json!({"consoleId": "0b6f4a9e-2d1c-4f57-8a3e-5c7d9e1f2a40", "consoleUserCredential":
        {"username": "administrator", "domain": "vsphere.local", "password": "VMware1!"}});
    let set = sb
        .omivv_call(
            Method::POST,
            "/ConsoleService/OperationalContext",
            &token,
            Some(body),
        )
        .await;
    assert_eq!(set.status, 204, "{}", set.text);
    assert_eq!(
        sb.omivv_call(Method::GET, path, &token, None).await.json(),
        fresh
    );
}

#[tokio::test]
async fn health_drift_and_warranty_follow_the_control_api_and_the_clock() {
    let sb = sandbox().await;
    let token = sb.omivv_token_in_context("administrator").await;
    let health = sb
        .omivv_call(
            Method::GET,
            "/InventoryService/Hosts/host-4/SubSystemHealth",
            &token,
            None,
        )
        .await
        .json();
    assert_eq!(health["overallHealth"], "HEALTHY");
    let set = sb
        .control_call(
            Method::PUT,
            "/omivv/hosts/host-4",
            json!({"health": "critical", "drift": true}),
        )
        .await;
    assert_eq!(
        set.json(),
        json!({"id": "host-4", "health": "critical", "drift": true})
    );
    let health = sb
        .omivv_call(
            Method::GET,
            "/InventoryService/Hosts/host-4/SubSystemHealth",
            &token,
            None,
        )
        .await
        .json();
    assert_eq!(health["overallHealth"], "CRITICAL");
    let failing: Vec<&Value> = health["subSystems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["rollupStatus"] != "HEALTHY")
        .collect();
    assert_eq!(failing.len(), 1, "{health}");
    let overview = sb
        .omivv_call(
            Method::GET,
            "/InventoryService/Hosts/host-4/HostOverview",
            &token,
            None,
        )
        .await
        .json();
    assert_eq!(
        (
            overview["healthStatus"].clone(),
            overview["idracIp"].clone()
        ),
        (json!("CRITICAL"), json!("10.20.2.11"))
    );

    let report = sb
        .omivv_call(
            Method::GET,
            "/DriftDetectionService/DriftReport/domain-c3",
            &token,
            None,
        )
        .await
        .json();
    assert_eq!(
        (
            report["compliant"].clone(),
            report["nonCompliantHosts"].clone()
        ),
        (json!(false), json!(1))
    );
    let drivers = sb
        .omivv_call(
            Method::GET,
            "/DriftDetectionService/DriftReport/domain-c3/DriverDriftDetails",
            &token,
            None,
        )
        .await
        .json();
    assert_eq!(drivers["hosts"][0]["hostId"], "host-4");
    // The inventory reports the driver the drift report says is installed, and a host that has
    // not drifted has the baseline's.
    let qedentv = |host: &'static str| {
        let (sb, token) = (&sb, &token);
        async move {
            let inventory = sb
                .omivv_call(
                    Method::GET,
                    &format!("/InventoryService/Hosts/{host}/FirmwareInventory"),
                    token,
                    None,
                )
                .await
                .json();
            let c = inventory["components"].as_array().unwrap().iter();
            c.filter(|c| c["name"].as_str().unwrap().contains("qedentv"))
                .map(|c| c["version"].clone())
                .next()
                .unwrap()
        }
    };
    let drift = &drivers["hosts"][0]["drifts"][0];
    assert_eq!(drift["driverName"], "qedentv");
    assert_ne!(drift["currentVersion"], drift["baselineVersion"]);
    assert_eq!(qedentv("host-4").await, drift["currentVersion"]);
    assert_eq!(qedentv("host-5").await, drift["baselineVersion"]);
    let other = sb
        .omivv_call(
            Method::GET,
            "/DriftDetectionService/DriftReport/domain-c6/ConfigurationDriftDetails",
            &token,
            None,
        )
        .await
        .json();
    assert_eq!(other["hosts"], json!([]));
    let unknown = sb
        .control_call(Method::PUT, "/omivv/hosts/host-999", json!({"drift": true}))
        .await;
    assert_eq!(unknown.status, 404, "{}", unknown.text);

    let before = sb
        .omivv_call(Method::GET, WARRANTY, &token, None)
        .await
        .json();
    assert_eq!(before["overallStatus"], "NORMAL", "{before}");
    let days = before["daysRemaining"].as_i64().unwrap();
    // Sessions last an hour: each step logs in again.
    sb.advance((days as u64 - 10) * 86_400);
    let token = sb.omivv_token_in_context("administrator").await;
    assert_eq!(
        sb.omivv_call(Method::GET, WARRANTY, &token, None)
            .await
            .json()["overallStatus"],
        "WARNING"
    );
    sb.advance(20 * 86_400);
    let token = sb.omivv_token_in_context("administrator").await;
    let after = sb
        .omivv_call(Method::GET, WARRANTY, &token, None)
        .await
        .json();
    assert_eq!(
        (
            after["overallStatus"].clone(),
            after["daysRemaining"].clone()
        ),
        (json!("EXPIRED"), json!(0))
    );

    // Reset puts the host back as configured.
    sb.sandbox.reset().await.unwrap();
    let token = sb.omivv_token_in_context("administrator").await;
    let health = sb
        .omivv_call(
            Method::GET,
            "/InventoryService/Hosts/host-4/SubSystemHealth",
            &token,
            None,
        )
        .await
        .json();
    assert_eq!(health["overallHealth"], "HEALTHY");
}

#[tokio::test]
async fn repository_profiles_and_licenses_keep_no_share_password_and_refuse_duplicates() {
    let sb = sandbox().await;
    let token = sb.omivv_token_in_context("administrator").await;
    let path = "/PluginProfileService/RepositoryProfiles";
    let dell = json!({"name": "LocalOnelineCatalog4", "description": "d", "globalDefault": "true",
        "repoType": "FIRMWARE", "protocolType": "CIFS",
        "uri": "\\\\xx.xx.xx.xx\\Sharelocation\\CatalogfileName.xml",
        "credential": {"username": "ABC", "domain": "", "password": "Secret-XYZ"}});
    let created = sb
        .omivv_call(Method::POST, path, &token, Some(dell.clone()))
        .await;
    assert_eq!(created.status, 200, "{}", created.text);
    assert_eq!(created.json()["id"], "1010");
    assert_eq!(created.json()["globalDefault"], true);
    let dup = sb
        .omivv_call(Method::POST, path, &token, Some(dell.clone()))
        .await;
    assert_omivv_error(&dup, 400, "already exists");
    let list = sb.omivv_call(Method::GET, path, &token, None).await;
    assert!(!list.text.contains("Secret-XYZ"), "{}", list.text);
    // One global default per repository type.
    let profiles = list.json();
    let defaults: Vec<&str> = profiles
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["globalDefault"] == true)
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(defaults, ["1010"]);
    for (body, says) in [
        (
            json!({"name": "X", "repoType": "FIRMWARE", "protocolType": "CIFS", "uri": "//host/share/c.xml",
                "credential": {"username": "u", "domain": "", "password": "p"}}),
            "uri",
        ),
        (
            json!({"name": "X", "repoType": "FIRMWARE", "protocolType": "CIFS", "uri": "\\\\h\\s\\c.xml"}),
            "credential",
        ),
        (
            json!({"name": "X", "repoType": "BIOS", "protocolType": "NFS", "uri": "h:/c.xml"}),
            "repoType",
        ),
    ] {
        let a = sb.omivv_call(Method::POST, path, &token, Some(body)).await;
        assert_omivv_error(&a, 400, says);
    }
    let modify = json!({"name": "Mine", "protocolType": "HTTPS", "uri": "https://h/c.xml"});
    let dell_default = sb
        .omivv_call(Method::PUT, &format!("{path}/1001"), &token, Some(modify))
        .await;
    assert_omivv_error(&dell_default, 400, "cannot be modified");

    let upload = json!({"sharetype": "CIFS", "path": "\\\\10.0.0.5\\licenses\\omivv.xml",
        "credential": {"username": "u", "domain": "CORP", "password": "Secret-XYZ"}});
    let first = sb
        .omivv_call(
            Method::POST,
            "/LicenseService/Licenses",
            &token,
            Some(upload.clone()),
        )
        .await;
    assert_eq!(first.status, 200, "{}", first.text);
    assert_eq!(first.json()["licenseType"], "Perpetual");
    let again = sb
        .omivv_call(
            Method::POST,
            "/LicenseService/Licenses",
            &token,
            Some(upload),
        )
        .await;
    assert_omivv_error(&again, 400, "already imported");
    let not_xml = json!({"sharetype": "NFS", "path": "h:/licenses/omivv.txt",
        "credential": {"username": "", "domain": "", "password": ""}});
    let a = sb
        .omivv_call(
            Method::POST,
            "/LicenseService/Licenses",
            &token,
            Some(not_xml),
        )
        .await;
    assert_omivv_error(&a, 400, ".xml");
    let licenses = sb
        .omivv_call(Method::GET, "/LicenseService/Licenses", &token, None)
        .await;
    let all = licenses.json();
    let types: Vec<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["licenseType"].as_str().unwrap())
        .collect();
    assert_eq!(types, ["Evaluation", "Perpetual"]);
    assert!(!licenses.text.contains("Secret-XYZ"));

    // Reset: Dell's two profiles and the evaluation license again.
    sb.sandbox.reset().await.unwrap();
    let token = sb.omivv_token_in_context("administrator").await;
    let list = sb.omivv_call(Method::GET, path, &token, None).await.json();
    assert_eq!(list.as_array().unwrap().len(), 2);
}
