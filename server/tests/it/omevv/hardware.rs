//! What a managed host is made of and how it is: from its model, service tag, the hardware
//! state the control API sets, and the sandbox clock.

use super::*;
use serde_json::json;

#[tokio::test]
async fn a_hosts_hardware_reports_its_health_and_warranty() {
    let sb = sandbox().await;
    let h = |path: &str| format!("/Consoles/{VC1}/ManagedHosts/{path}");
    let health = call(&sb, Method::GET, &h("1005/SubSystemHealth"), None)
        .await
        .json();
    let rollups: Vec<&str> = health["subSystemHealth"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["rollupStatus"].as_str().unwrap())
        .collect();
    assert!(rollups.iter().all(|r| *r == "HEALTHY"), "{health}");
    let psus = call(&sb, Method::GET, &h("1005/PowerSupplies"), None)
        .await
        .json();
    assert_eq!(psus[1]["state"], "Present");

    sb.control_call(
        Method::PUT,
        "/omivv/hosts/host-5",
        json!({"health": "critical"}),
    )
    .await;
    let health = call(&sb, Method::GET, &h("1005/SubSystemHealth"), None)
        .await
        .json();
    let psu = health["subSystemHealth"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["subSystem"] == "POWER_SUPPLY")
        .unwrap()
        .clone();
    assert_eq!(psu["rollupStatus"], "CRITICAL");
    assert_eq!(psu["faultList"][0]["fqdd"], "PSU.Slot.2");
    let psus = call(&sb, Method::GET, &h("1005/PowerSupplies"), None)
        .await
        .json();
    assert_eq!(
        (psus[1]["state"].as_str(), psus[1]["outputWatts"].as_i64()),
        (Some("Failed"), Some(0))
    );
    let sensors = call(&sb, Method::GET, &h("1005/SensorHealth"), None)
        .await
        .json();
    assert!(
        sensors
            .to_string()
            .contains("\"componentHealth\":\"CRITICAL\""),
        "{sensors}"
    );
    let summary = call(&sb, Method::POST, &h("HealthSummary"), None)
        .await
        .json();
    assert_eq!(
        summary,
        json!({"HEALTHY": 3, "WARNING": 0, "CRITICAL": 1, "UNKNOWN": 0})
    );
    let overview = call(&sb, Method::GET, &h("1005/HostOverview"), None)
        .await
        .json();
    assert_eq!(
        (
            overview["healthStatus"].as_str(),
            overview["biosVersion"].as_str()
        ),
        (Some("CRITICAL"), Some("2.19.1"))
    );

    // Every host has its own addresses; the iDRAC is the world's.
    let a = call(&sb, Method::GET, &h("1004/idrac"), None).await.json();
    let b = call(&sb, Method::GET, &h("1005/idrac"), None).await.json();
    assert_eq!(a["ipAddress"], "10.20.2.11");
    assert_ne!(a["macAddress"], b["macAddress"]);
    assert_eq!(
        call(&sb, Method::GET, &h("1004/Processors"), None)
            .await
            .json()
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert_eq!(
        call(&sb, Method::GET, &h("1004/Memory"), None).await.json()["numSlotsUsed"],
        12
    );
    let count = call(
        &sb,
        Method::GET,
        &format!("/Consoles/{VC1}/Groups/1003/HardwareResourceCount"),
        None,
    )
    .await
    .json();
    assert_eq!(count["cpuCount"], 4);

    // Warranty on the sandbox clock: three years ending 2028-12-31 (the world's default).
    let w = call(&sb, Method::GET, &h("1004/Warranty"), None)
        .await
        .json();
    assert_eq!(
        w[0]["warrantyDetails"][1]["endDate"],
        "2028-12-31T23:59:59Z"
    );
    let now = sb.sandbox.clock.now_ms() / 1000;
    let end = 1_861_919_999; // 2028-12-31T23:59:59Z
    sb.advance((end - now) as u64 - 10 * 86_400);
    let w = call(&sb, Method::GET, &h("1004/Warranty"), None)
        .await
        .json();
    assert_eq!(w[0]["overallStatus"], "WARNING", "{w}");
    sb.advance(20 * 86_400);
    let all = call(&sb, Method::POST, &h("WarrantyInformation"), None)
        .await
        .json();
    assert_eq!(all, json!({"NORMAL": 0, "WARNING": 0, "EXPIRED": 4}));
    let page = call(
        &sb,
        Method::GET,
        &format!("/Consoles/{VC1}/Groups/1003/WarrantyInformation?top=1"),
        None,
    )
    .await
    .json();
    assert_eq!(page["warrantyData"].as_array().unwrap().len(), 1);
    assert_eq!(page["pagingInfo"]["totalInstances"], 2);
    assert_omevv_error(
        &call(&sb, Method::GET, &h("1099/Memory"), None).await,
        404,
        "10404",
    );
}

#[tokio::test]
async fn storage_slots_and_a_groups_collections() {
    let sb = sandbox().await;
    let h = |path: &str| format!("/Consoles/{VC1}/ManagedHosts/1004/{path}");
    sb.control_call(Method::PUT, "/omivv/hosts/host-4", json!({"drift": true}))
        .await;
    let controllers = call(&sb, Method::GET, &h("Controllers"), None).await.json();
    assert_eq!(controllers[0]["firmwareVersion"], "51.16.0-4076");
    assert_eq!(controllers[0]["virtualDisks"][0]["layout"], "RAID-1");
    let disks = call(&sb, Method::GET, &h("PhysicalDisks"), None)
        .await
        .json();
    assert_eq!(disks[0]["serialNumber"], "7XK2QH2SSD0");
    assert_eq!(disks[0]["hotSpareType"], "None");
    assert_eq!(
        call(&sb, Method::GET, &h("Enclosures"), None).await.json()[0]["slotCount"],
        8
    );
    assert_eq!(
        call(&sb, Method::GET, &h("PCISlots"), None)
            .await
            .json()
            .as_array()
            .unwrap()
            .len(),
        3
    );

    let g = |path: &str| format!("/Consoles/{VC1}/Groups/1003/{path}");
    let hw = call(&sb, Method::GET, &g("HardwareDetails?top=1"), None)
        .await
        .json();
    assert_eq!(hw["pagingInfo"]["totalInstances"], 2);
    assert_eq!(
        hw["groupHardwareInventoryDeviceModel"][0]["serviceTag"],
        "7XK2QH2"
    );
    assert_eq!(
        hw["groupHardwareInventoryDeviceModel"][0]["processors"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    let st = call(&sb, Method::GET, &g("StorageDetails"), None)
        .await
        .json();
    assert_eq!(
        st["groupStorageInventoryDeviceModel"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    let pw = call(&sb, Method::GET, &g("PowerMonitoring"), None)
        .await
        .json();
    assert_eq!(pw["groupPowerResponseList"].as_array().unwrap().len(), 2);

    // Compliance per group, from the hosts' drift: host-4 runs an old urgent driver.
    let summary = call(
        &sb,
        Method::POST,
        &format!("/Consoles/{VC1}/getGroupComplianceSummary"),
        Some(json!({"targetGroupIds": [1003, 1006]})),
    )
    .await
    .json();
    assert_eq!(summary[0]["status"], "NonCompliant");
    assert_eq!(
        (
            summary[0]["countCriticalDevices"].as_i64(),
            summary[0]["countNormalDevices"].as_i64()
        ),
        (Some(1), Some(1))
    );
    assert_eq!(summary[1]["status"], "Compliant");
    let missing = call(
        &sb,
        Method::POST,
        &format!("/Consoles/{VC1}/getGroupComplianceSummary"),
        Some(json!({"targetGroupIds": [4242]})),
    )
    .await;
    assert_omevv_error(&missing, 404, "10404");
    let devices = call(
        &sb,
        Method::GET,
        &format!("/Consoles/{VC1}/Hosts?consoleEntityId=domain-c6"),
        None,
    )
    .await
    .json();
    assert_eq!(devices, json!([{"id": 1007, "deviceType": "Host"}]));
}
