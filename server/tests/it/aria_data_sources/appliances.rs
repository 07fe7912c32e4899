//! The other appliances (E107): each data-source type that is not a vCenter, NSX-T, cloud,
//! container, VMC, Check Point or switch type finds a world device of its type at its address
//! (a ServiceNow instance by its id, a VeloCloud orchestrator by its URL) and logs in with its
//! credentials, or says why not; before, every one was healthy wherever it pointed.

use super::*;
use appliance_sandbox::world::appliances::default_appliances;

async fn status(sb: &TestSandbox, admin: &str, id: &str) -> (String, String) {
    let h = sb.data_source_health(admin, id).await;
    let message = h["health"]["health_details"][0]["message"]
        .as_str()
        .unwrap_or("");
    let status = h["health"]["health_status"].as_str().unwrap().to_string();
    (status, message.to_string())
}

#[tokio::test]
async fn each_appliance_is_collected_only_at_its_address_with_its_credentials() {
    let sb = start().await;
    let admin = sb.admin().await;
    let proxy = collector(&sb, &admin).await;
    let vcenter = add_vcenter(&sb, &admin, &proxy, "10.20.0.10").await;
    let nsxt = sb.collect_nsxt(&admin, "10.20.0.40").await;
    let mut added = Vec::new();
    for device in default_appliances() {
        let kind = device.kind.as_str();
        let credentials =
            |password: &str| json!({"username": device.username, "password": password});
        let mut body = json!({"proxy_id": proxy, "nickname": device.name, "credentials": credentials("wrong")});
        match kind {
            "servicenow-instances" => {
                body["instance_id"] = json!(device.instance_id);
                body["is_graph_config_customized"] = json!(false);
            }
            "velocloud" => body["url"] = json!(device.url),
            _ => body["ip"] = json!(device.ip),
        }
        match kind {
            "nsxv-managers" => {
                body["vcenter_id"] = json!(vcenter);
                body["central_cli_enabled"] = json!(false);
            }
            "pks" => body["manager_id"] = json!(nsxt),
            "loginsight" => body["authentication_provider"] = json!("Local"),
            _ => {}
        }
        let path = format!("/data-sources/{kind}");
        let a = sb.aria_call(Method::POST, &path, &admin, Some(body)).await;
        assert_eq!(a.status, 201, "{kind}: {}", a.text);
        let id = a.json()["entity_id"].as_str().unwrap().to_string();
        added.push((format!("{path}/{id}"), id, credentials(&device.password)));
    }
    // Nothing of its type at a Panorama's address but a Panorama.
    let nowhere = json!({"ip": "10.20.0.81", "proxy_id": proxy, "nickname": "f5 at panorama",
        "credentials": {"username": "admin", "password": "Panorama1!"}});
    let a = sb
        .aria_call(
            Method::POST,
            "/data-sources/f5-bigip",
            &admin,
            Some(nowhere),
        )
        .await;
    assert_eq!(a.status, 201, "{}", a.text);
    let nowhere = a.json()["entity_id"].as_str().unwrap().to_string();
    sb.advance(130);
    let (health, says) = status(&sb, &admin, &nowhere).await;
    assert_eq!(health, "UNHEALTHY");
    assert!(says.contains("Unable to connect"), "{says}");
    for (path, id, right) in added {
        let (health, says) = status(&sb, &admin, &id).await;
        assert_eq!(health, "UNHEALTHY", "{path}");
        assert!(says.contains("Authentication failed"), "{path}: {says}");
        let fix = json!({"nickname": "fixed", "proxy_id": proxy, "credentials": right});
        let a = sb.aria_call(Method::PUT, &path, &admin, Some(fix)).await;
        assert_eq!(a.status, 200, "{path}: {}", a.text);
        assert_eq!(status(&sb, &admin, &id).await.0, "HEALTHY", "{path}");
    }
}
