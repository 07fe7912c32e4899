//! Registering vCenters with OMEVV, as Dell's registerVcenter.py and unregisterVcenters.py do
//! it (an OpenManage Enterprise user), and the account OMEVV keeps for each.

use super::*;
use serde_json::json;

async fn ome(sb: &TestSandbox, method: Method, path: &str, body: Option<Value>) -> Answer {
    call_as(sb, method, path, "admin", "OmeAdmin1!", None, body).await
}

async fn addresses(sb: &TestSandbox) -> Vec<String> {
    let all = ome(sb, Method::GET, "/Consoles", None).await.json();
    all.as_array()
        .unwrap()
        .iter()
        .map(|c| c["consoleAddress"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn unregistering_and_registering_a_vcenter() {
    let sb = sandbox().await;
    // unregisterVcenters.py: remove every extension.
    let path = format!("/Consoles/{VC2}/removeExtensions");
    let vc_user = call(
        &sb,
        Method::POST,
        &path,
        Some(json!({"extensions": ["WEBCLIENT_PHA"]})),
    )
    .await;
    assert_omevv_error(&vc_user, 401, "10401");
    let left = ome(
        &sb,
        Method::POST,
        &path,
        Some(json!({"extensions": ["WEBCLIENT_PHA", "VLCM"]})),
    )
    .await;
    assert_eq!(left.status, 200, "{}", left.text);
    assert_eq!(addresses(&sb).await, ["vcenter01.example.com"]);
    // Its uuid is now unknown to every call.
    let gone = call_as(
        &sb,
        Method::GET,
        &format!("/Consoles/{VC2}/ManagedHosts"),
        "administrator@vsphere.local",
        "VMware1!",
        Some(VC2),
        None,
    )
    .await;
    assert_omevv_error(&gone, 404, "12027");

    // registerVcenter.py: 201 with the console; the same uuid as before.
    let register = |password: &str, address: &str| {
        json!({"extensions": ["WEBCLIENT_PHA"],
        "credential": {"username": "administrator@vsphere.local", "password": password},
        "consoleAddress": address, "description": null})
    };
    let wrong = ome(
        &sb,
        Method::POST,
        "/Consoles",
        Some(register("nope", "vcenter02.example.com")),
    )
    .await;
    assert_omevv_error(&wrong, 400, "10400");
    let read_only = json!({"extensions": ["WEBCLIENT_PHA"], "credential": {"username": "readonly@vsphere.local", "password": "VMware1!"},
                           "consoleAddress": "10.20.0.20"});
    assert_omevv_error(
        &ome(&sb, Method::POST, "/Consoles", Some(read_only)).await,
        400,
        "10400",
    );
    let nowhere = ome(
        &sb,
        Method::POST,
        "/Consoles",
        Some(register("VMware1!", "vcenter99.example.com")),
    )
    .await;
    assert_omevv_error(&nowhere, 400, "10400");
    assert_eq!(
        addresses(&sb).await,
        ["vcenter01.example.com"],
        "refused registrations changed nothing"
    );
    let made = ome(
        &sb,
        Method::POST,
        "/Consoles",
        Some(register("VMware1!", "VCENTER02.example.com")),
    )
    .await;
    assert_eq!(made.status, 201, "{}", made.text);
    assert_eq!(made.json()["uuid"], VC2);
    assert_eq!(
        made.json()["registeredExtensions"],
        json!(["WEBCLIENT_PHA"])
    );
    let again = ome(
        &sb,
        Method::POST,
        "/Consoles",
        Some(register("VMware1!", "10.20.0.20")),
    )
    .await;
    assert_omevv_error(&again, 400, "10400");
    let back = call_as(
        &sb,
        Method::GET,
        &format!("/Consoles/{VC2}/ManagedHosts"),
        "administrator@vsphere.local",
        "VMware1!",
        Some(VC2),
        None,
    )
    .await;
    assert_eq!(back.status, 200, "{}", back.text);
    let added = ome(
        &sb,
        Method::POST,
        &format!("/Consoles/{VC2}/addExtensions"),
        Some(json!({"extensions": ["VLCM"]})),
    )
    .await;
    assert_eq!(
        added.json()["registeredExtensions"],
        json!(["WEBCLIENT_PHA", "VLCM"])
    );
}

#[tokio::test]
async fn the_vcenter_account_is_kept_and_its_password_never_answered() {
    let sb = sandbox().await;
    let path = format!("/Consoles/{VC1}/Credential");
    let got = ome(&sb, Method::GET, &path, None).await.json();
    assert_eq!(
        got,
        json!({"username": "administrator@vsphere.local", "password": ""})
    );
    let read_only = ome(
        &sb,
        Method::PUT,
        &path,
        Some(json!({"username": "readonly@vsphere.local", "password": "VMware1!"})),
    )
    .await;
    assert_omevv_error(&read_only, 400, "10400");
    let other = ome(
        &sb,
        Method::PUT,
        &path,
        Some(json!({"username": "VSPHERE.LOCAL\\administrator", "password": "VMware1!"})),
    )
    .await;
    assert_eq!(other.status, 200, "{}", other.text);
    let got = ome(&sb, Method::GET, &path, None).await;
    assert_eq!(got.json()["username"], "VSPHERE.LOCAL\\administrator");
    assert!(!got.text.contains("VMware1!"), "{}", got.text);
    let refreshed = ome(
        &sb,
        Method::POST,
        &format!("/Consoles/{VC1}/RefreshCertificate"),
        None,
    )
    .await;
    assert_eq!((refreshed.status, refreshed.text.trim()), (200, "true"));

    // The tree, flat, as the Python client asks for it.
    let tree = call(
        &sb,
        Method::GET,
        &format!("/Consoles/{VC1}/Hierarchy?showInvisibleNodes=true&showHosts=true"),
        None,
    )
    .await
    .json();
    let nodes: Vec<(&str, &str)> = tree
        .as_array()
        .unwrap()
        .iter()
        .map(|n| (n["entityId"].as_str().unwrap(), n["type"].as_str().unwrap()))
        .collect();
    assert_eq!(
        nodes[..4],
        [
            ("group-d1", "ConsoleRoot"),
            ("datacenter-2", "ConsoleDatacenter"),
            ("domain-c3", "ConsoleCluster"),
            ("host-4", "ConsoleHost")
        ]
    );
    assert_eq!(nodes.len(), 1 + 1 + 2 + 4);
    let no_hosts = call(
        &sb,
        Method::GET,
        &format!("/Consoles/{VC1}/Hierarchy?showHosts=false"),
        None,
    )
    .await
    .json();
    assert_eq!(no_hosts.as_array().unwrap().len(), 4);
}
