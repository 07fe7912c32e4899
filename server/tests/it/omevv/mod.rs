//! OMEVV's gateway API: Basic credentials on every call (an OME user for the console list, a
//! user of the vCenter the request names otherwise), errors with string `errorCode`s, the
//! profiles and jobs on the sandbox clock, and the hardware it shares with OMIVV.

mod consoles;
mod firmware;
mod hardware;
mod jobs;
mod management;
mod ome;
mod profiles;
mod settings;
mod vlcm;

use crate::common;

use appliance_sandbox::app::Options;
use common::*;
use reqwest::Method;
use serde_json::Value;

/// vcenter01's and vcenter02's console uuids (name-based: the same in every sandbox).
pub const VC1: &str = "c3f79ba6-3240-53d1-870c-9011162e01ab";
pub const VC2: &str = "70acda70-e090-5bf3-b2e6-ac046a460fe8";
pub const HEADER: &str = "x_omivv-api-vcenter-identifier";

pub async fn sandbox() -> TestSandbox {
    let options = Options {
        no_rate_limits: true,
        ..Default::default()
    };
    start_with(Default::default(), options).await
}

/// A call as vcenter01's administrator, with the header naming vcenter01.
pub async fn call(sb: &TestSandbox, method: Method, path: &str, body: Option<Value>) -> Answer {
    call_as(
        sb,
        method,
        path,
        "administrator@vsphere.local",
        "VMware1!",
        Some(VC1),
        body,
    )
    .await
}

pub async fn call_as(
    sb: &TestSandbox,
    method: Method,
    path: &str,
    user: &str,
    password: &str,
    vcenter: Option<&str>,
    body: Option<Value>,
) -> Answer {
    let mut req = sb
        .http
        .request(method, sb.omevv(path))
        .basic_auth(user, Some(password));
    if let Some(uuid) = vcenter {
        req = req.header(HEADER, uuid);
    }
    if let Some(b) = body {
        req = req.json(&b);
    }
    sb.send(req).await
}

/// An OMEVV error: the status, and a body whose `errorCode` is this string.
pub fn assert_omevv_error(a: &Answer, status: u16, code: &str) {
    assert_eq!(a.status, status, "{}", a.text);
    let body = a.json();
    assert_eq!(body["errorCode"], code, "{}", a.text);
    assert!(
        body["message"].as_str().is_some_and(|m| !m.is_empty()),
        "{}",
        a.text
    );
}

#[tokio::test]
async fn consoles_are_for_ome_users_and_the_rest_for_users_of_the_named_vcenter() {
    let sb = sandbox().await;
    let consoles = call_as(
        &sb,
        Method::GET,
        "/Consoles",
        "admin",
        "OmeAdmin1!",
        None,
        None,
    )
    .await;
    assert_eq!(consoles.status, 200, "{}", consoles.text);
    let consoles = consoles.json();
    let addresses: Vec<&str> = consoles
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["consoleAddress"].as_str().unwrap())
        .collect();
    assert_eq!(
        addresses,
        ["vcenter01.example.com", "vcenter02.example.com"]
    );
    assert_eq!(consoles[0]["uuid"], VC1);
    // vcenter01 has a vLCM cluster, vcenter02 none.
    assert_eq!(
        consoles[0]["registeredExtensions"],
        serde_json::json!(["WEBCLIENT_PHA", "VLCM"])
    );
    assert_eq!(
        consoles[1]["registeredExtensions"],
        serde_json::json!(["WEBCLIENT_PHA"])
    );

    // A vCenter user is not an OME user, nor the reverse; every refusal is JSON with a string code.
    let vc_on_consoles = call(&sb, Method::GET, "/Consoles", None).await;
    assert_omevv_error(&vc_on_consoles, 401, "10401");
    let ome_on_clusters = call_as(
        &sb,
        Method::GET,
        &format!("/Consoles/{VC1}/Clusters"),
        "admin",
        "OmeAdmin1!",
        Some(VC1),
        None,
    )
    .await;
    assert_omevv_error(&ome_on_clusters, 401, "10401");
    let none = sb.send(sb.http.get(sb.omevv("/RepositoryProfiles"))).await;
    assert_omevv_error(&none, 401, "10401");
    let wrong = call_as(
        &sb,
        Method::GET,
        "/RepositoryProfiles",
        "administrator@vsphere.local",
        "nope",
        Some(VC1),
        None,
    )
    .await;
    assert_omevv_error(&wrong, 401, "10401");

    // vcenter01's administrator is nobody on vcenter02 (path and header).
    let other = call(&sb, Method::GET, &format!("/Consoles/{VC2}/Clusters"), None).await;
    assert_omevv_error(&other, 401, "10401");
    // A user in `domain\user` form and another case is the same vCenter user.
    let clusters = call_as(
        &sb,
        Method::GET,
        &format!("/Consoles/{VC1}/Clusters"),
        "VSPHERE.LOCAL\\Administrator",
        "VMware1!",
        Some(VC1),
        None,
    )
    .await;
    assert_eq!(clusters.status, 200, "{}", clusters.text);
    let clusters = clusters.json();
    let names: Vec<&str> = clusters
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Cluster-01", "Cluster-02"]);

    // An unregistered vCenter is 12027, as Dell's info modules test it (and skip).
    let unknown = "0b0b0b0b-0000-4000-8000-000000000000";
    let by_path = call_as(
        &sb,
        Method::GET,
        &format!("/Consoles/{unknown}/BaselineProfiles"),
        "administrator@vsphere.local",
        "VMware1!",
        None,
        None,
    )
    .await;
    assert_omevv_error(&by_path, 404, "12027");
    // The header (with its underscores) reaches the API: naming an unknown vCenter is refused.
    let by_header = call_as(
        &sb,
        Method::GET,
        "/RepositoryProfiles",
        "administrator@vsphere.local",
        "VMware1!",
        Some(unknown),
        None,
    )
    .await;
    assert_omevv_error(&by_header, 404, "12027");
    let unknown_route = call(&sb, Method::GET, "/NoSuchThing", None).await;
    assert_omevv_error(&unknown_route, 404, "10404");
}

#[tokio::test]
async fn clusters_groups_and_hosts_come_from_the_world() {
    let sb = sandbox().await;
    let groups = call(
        &sb,
        Method::POST,
        &format!("/Consoles/{VC1}/Groups/getGroupsForClusters"),
        Some(serde_json::json!({"clustIds": ["domain-c6", "domain-c999", "domain-c3"]})),
    )
    .await;
    assert_eq!(groups.status, 200, "{}", groups.text);
    // In the order asked, unknown ones left out.
    let ids: Vec<i64> = groups
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["groupId"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [1006, 1003]);
    let hosts = call(
        &sb,
        Method::GET,
        &format!("/Consoles/{VC1}/Groups/1003/ManagedHosts"),
        None,
    )
    .await;
    let hosts = hosts.json();
    let tags: Vec<&str> = hosts
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["serviceTag"].as_str().unwrap())
        .collect();
    assert_eq!(tags, ["7XK2QH2", "8YL3RJ3"]);
    assert_eq!(hosts[0]["clusterName"], "Cluster-01");
    assert_eq!(hosts[0]["healthStatus"], "HEALTHY");
    // The hardware's health is the one OMIVV's control route sets.
    let set = sb
        .control_call(
            Method::PUT,
            "/omivv/hosts/host-5",
            serde_json::json!({"health": "warning"}),
        )
        .await;
    assert_eq!(set.status, 200, "{}", set.text);
    let one = call(
        &sb,
        Method::GET,
        &format!("/Consoles/{VC1}/ManagedHosts?serviceTag=8YL3RJ3"),
        None,
    )
    .await;
    assert_eq!(one.json()[0]["healthStatus"], "WARNING", "{}", one.text);
    // The standalone host is in its datacenter's group, with no cluster.
    let all = call(
        &sb,
        Method::GET,
        &format!("/Consoles/{VC1}/ManagedHosts"),
        None,
    )
    .await
    .json();
    let standalone = all
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["serviceTag"] == "1AN5TL5")
        .unwrap();
    assert!(standalone.get("clusterName").is_none(), "{standalone}");
    assert_eq!(standalone["omevvpGroupId"], 1002);
    let missing = call(
        &sb,
        Method::GET,
        &format!("/Consoles/{VC1}/Groups/4242/ManagedHosts"),
        None,
    )
    .await;
    assert_omevv_error(&missing, 404, "10404");
}

#[tokio::test]
async fn groups_and_hosts_as_dells_firmware_update_scripts_read_them() {
    let sb = sandbox().await;
    let c = format!("/Consoles/{VC1}");
    // DCHostFirmwareUpdate.py: the host's group, then the group's type and entity.
    let host = call(&sb, Method::GET, &format!("{c}/ManagedHosts/1008"), None)
        .await
        .json();
    assert_eq!(
        (host["serviceTag"].as_str(), host["omevvpGroupId"].as_i64()),
        (Some("1AN5TL5"), Some(1002))
    );
    let dc = call(&sb, Method::GET, &format!("{c}/Groups/1002"), None)
        .await
        .json();
    assert_eq!(dc["groupType"], "DATACENTER_NONCLUSTER");
    assert_eq!(dc["consoleEntityId"], "datacenter-2");
    // vSphereHostFirmwareUpdate.py: a cluster group, and its cluster is not vSAN.
    let cluster = call(&sb, Method::GET, &format!("{c}/Groups/1003"), None)
        .await
        .json();
    assert_eq!(
        (
            cluster["groupType"].as_str(),
            cluster["consoleEntityId"].as_str()
        ),
        (Some("CLUSTER"), Some("domain-c3"))
    );
    let found = call(
        &sb,
        Method::GET,
        &format!("{c}/Clusters?entityid=domain-c3"),
        None,
    )
    .await
    .json();
    assert_eq!(found[0]["vsanEnabled"], false, "{found}");

    let all = call(&sb, Method::GET, &format!("{c}/Groups"), None)
        .await
        .json();
    let ids: Vec<i64> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["groupId"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [1003, 1006, 1002]);
    let clusters = call(
        &sb,
        Method::GET,
        &format!("{c}/Groups?group_type=CLUSTER"),
        None,
    )
    .await
    .json();
    assert_eq!(clusters.as_array().unwrap().len(), 2);
    let devices = call(&sb, Method::GET, &format!("{c}/Groups/1003/Devices"), None)
        .await
        .json();
    assert_eq!(
        devices,
        serde_json::json!([{"id": 1004, "deviceType": "Host"}, {"id": 1005, "deviceType": "Host"}])
    );
    let count = call(
        &sb,
        Method::GET,
        &format!("{c}/ManagedHostsCount?gid=1003"),
        None,
    )
    .await
    .json();
    assert_eq!(
        count,
        serde_json::json!({"console": "vcenter01.example.com", "count": 2})
    );
    assert_omevv_error(
        &call(&sb, Method::GET, &format!("{c}/ManagedHosts/1009"), None).await,
        404,
        "10404",
    );

    // The group's firmware, one row per host and component, paged.
    let page = call(
        &sb,
        Method::GET,
        &format!("{c}/Groups/1003/FirmwareInventoryDetails?skip=0&top=5"),
        None,
    )
    .await
    .json();
    assert_eq!(page["pagingInfo"]["totalInstances"], 12, "{page}");
    assert_eq!(page["pagingInfo"]["next"], "?skip=5&top=5");
    let rows = page["groupFirmwareInventoryDeviceModel"]
        .as_array()
        .unwrap();
    assert_eq!(rows.len(), 5);
    assert_eq!(rows[0]["host"], "esxi-01.example.com");
    assert_eq!(rows[0]["firmware"]["deviceDescription"], "BIOS");
    let last = call(
        &sb,
        Method::GET,
        &format!("{c}/Groups/1003/FirmwareInventoryDetails?skip=10&top=5"),
        None,
    )
    .await
    .json();
    assert_eq!(
        last["groupFirmwareInventoryDeviceModel"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert!(last["pagingInfo"].get("next").is_none(), "{last}");
}
