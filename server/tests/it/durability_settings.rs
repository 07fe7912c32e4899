//! This stop's settings (web proxies E116, IP tags v2 E117, search-based alerts E118, boards
//! E119) survive a reopen of the SQLite file, and the file never holds a proxy's password.

use std::sync::Arc;

use appliance_sandbox::config::Config;
use appliance_sandbox::store::SqliteStore;
use appliance_sandbox::{Options, Sandbox};
use reqwest::Method;
use serde_json::json;

use crate::common::*;

#[tokio::test]
async fn new_settings_survive_a_reopen_and_no_password_is_written() {
    let path = std::env::temp_dir().join(format!("sandbox-settings-{}.db", std::process::id()));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let open = || {
        let store = Arc::new(SqliteStore::open(&path, &appliance_sandbox::state::SCHEMA).unwrap());
        Sandbox::open(Config::default(), Options::default(), store).unwrap()
    };
    let first = serve(open()).await;
    let admin = first.admin().await;
    let proxy = json!({"nick_name": "squid", "target_ip": "10.0.0.50", "target_port": 3128,
                       "proxy_type": "HTTP", "use_credentials": true, "user_name": "u",
                       "password": "Never-In-The-File-1!"});
    let r = (first.aria_call(Method::POST, "/settings/proxy-servers", &admin, Some(proxy))).await;
    assert_eq!(r.status, 201, "{}", r.text);
    let alert = json!({"alert_name": "a", "search_criteria": "vms", "severity": "Info"});
    let path_alerts = "/settings/alerts/search-based-alerts";
    assert_eq!(
        first
            .aria_call(Method::POST, path_alerts, &admin, Some(alert))
            .await
            .status,
        201
    );
    let board = json!({"name": "kept"});
    let b = (first.aria_call(Method::POST, "/custom-dashboards", &admin, Some(board))).await;
    let b = b.json()["id"].as_str().unwrap().to_string();
    let pin = json!({"query": "flows"});
    let pins = format!("/custom-dashboards/{b}/pins");
    assert_eq!(
        first
            .aria_call(Method::POST, &pins, &admin, Some(pin))
            .await
            .status,
        201
    );
    let tag = json!({"tag_id": "EAST_WEST", "entries": [{"parent": {"subnet": "10.9.0.0/16"}}]});
    let add = "/settings/ip-tags/v2/EAST_WEST/add";
    assert_eq!(
        first
            .aria_call(Method::POST, add, &admin, Some(tag))
            .await
            .status,
        200
    );
    drop(first);

    let second = serve(open()).await;
    let proxies = (second.aria_call(Method::GET, "/settings/proxy-servers", &admin, None)).await;
    assert_eq!(
        proxies.json()["results"][0]["nick_name"],
        "squid",
        "{}",
        proxies.text
    );
    let alerts = second
        .aria_call(Method::GET, path_alerts, &admin, None)
        .await
        .json();
    assert_eq!(alerts["total_count"], 1);
    let board = (second.aria_call(Method::GET, &format!("/pinboards/{b}"), &admin, None)).await;
    assert_eq!(board.json()["pins"][0]["query"], "flows", "{}", board.text);
    let tag = (second.aria_call(Method::GET, "/settings/ip-tags/v2/EAST_WEST", &admin, None)).await;
    assert_eq!(
        tag.json()["entries"][0]["parent"]["subnet"],
        "10.9.0.0/16",
        "{}",
        tag.text
    );
    drop(second);
    let files: Vec<Vec<u8>> = (["", "-wal"].iter())
        .map(|suffix| std::fs::read(format!("{}{suffix}", path.display())).unwrap_or_default())
        .collect();
    let holds = |needle: &[u8]| {
        files
            .iter()
            .any(|f| f.windows(needle.len()).any(|w| w == needle))
    };
    // The scan finds what is stored in clear, and not the password.
    assert!(holds(b"10.9.0.0/16"), "the scan reads the files");
    assert!(
        !holds(b"Never-In-The-File-1!"),
        "the proxy's password is in the database file"
    );
}
