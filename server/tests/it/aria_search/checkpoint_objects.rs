//! The world's Check Point management server (E104): a firewall manager, visible while a Check
//! Point firewall data source at its address with its credentials collects it, and read by
//! VMware's SDK as the type its `entity_type` names.

use super::vsphere_objects::{fetch, list_all};
use super::*;

#[tokio::test]
async fn a_checkpoint_server_is_a_firewall_manager_while_collected() {
    let (sb, token) = collecting().await;
    let refused = sb.collect_checkpoint(&token, "10.20.0.70", "wrong").await;
    let nowhere = sb
        .collect_checkpoint(&token, "10.20.0.71", "CheckPoint1!")
        .await;
    sb.advance(120);
    let health = sb.data_source_health(&token, &refused).await.to_string();
    assert!(health.contains("refused the credentials"), "{health}");
    let health = sb.data_source_health(&token, &nowhere).await.to_string();
    assert!(health.contains("Unable to connect"), "{health}");
    assert_eq!(total(&sb, &token, "firewall-managers").await, 0);
    let path = format!("/data-sources/checkpoint-firewalls/{refused}");
    let proxy = sb.aria_call(Method::GET, &path, &token, None).await.json()["proxy_id"].clone();
    let fix = json!({"nickname": "cp", "proxy_id": proxy,
        "credentials": {"username": "admin", "password": "CheckPoint1!"}});
    let a = sb.aria_call(Method::PUT, &path, &token, Some(fix)).await;
    assert_eq!(a.status, 200, "{}", a.text);
    let ids = list_all(&sb, &token, "firewall-managers").await;
    assert_eq!(ids.len(), 1);
    let one = fetch(&sb, &token, "/entities/fetch", &ids).await;
    let manager = &one["results"][0]["entity"];
    // VMware's SDK reads a BaseFirewallManager as the class its entity_type names.
    assert_eq!(manager["entity_type"], "CheckpointManager");
    assert_eq!(manager["version"], "R81.20");
    assert_eq!(manager["ip_address"]["ip_address"], "10.20.0.70");
    // PowervRNI's Get-vRNICheckPointManagers -Name searches the type by name.
    let found = search_all(&sb, &token, "CheckpointManager", "name = 'cp-mgmt01'").await;
    assert_eq!(found, ids);
    let base = json!({"entity_type": "BaseFirewallManager", "filter": "version = 'R81.20'"});
    let a = sb
        .aria_call(Method::POST, "/search", &token, Some(base))
        .await;
    assert_eq!(a.json()["total_count"], 1, "{}", a.text);
    assert_eq!(
        ql_hits(
            &sb,
            &token,
            "count of firewall managers where ip_address.ip_address = '10.20.0.70'"
        )
        .await,
        1
    );
}
