//! `[[aria.applications]]`: applications the appliance holds from the start, checked as `POST`
//! checks them, put in once per state (a stored state keeps what its users made of them).

use std::sync::Arc;

use crate::common::*;
use appliance_sandbox::config::Config;
use appliance_sandbox::store::{SqliteStore, StateStore};
use appliance_sandbox::{Options, Sandbox};
use reqwest::Method;

const SEED: &str = r#"
[[aria.applications]]
name = "shop"
[[aria.applications.tiers]]
name = "web"
group_membership_criteria = [{ membership_type = "SearchMembershipCriteria", search_membership_criteria = { entity_type = "BaseVirtualMachine", filter = "security_groups.name = 'web-tier'" } }]
"#;

async fn names(sb: &TestSandbox) -> Vec<String> {
    let admin = sb.admin().await;
    let list = sb
        .aria_call(Method::GET, "/groups/applications?size=100", &admin, None)
        .await
        .json();
    list["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["entity_name"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn a_configured_application_is_there_with_its_tier_and_members() {
    let sb = start_with(Config::from_toml(SEED).unwrap(), Options::default()).await;
    let admin = sb.admin().await;
    sb.collect_vcenter(&admin, "10.20.0.10").await;
    assert_eq!(names(&sb).await, ["shop"]);
    let list = sb
        .aria_call(Method::GET, "/groups/applications?size=100", &admin, None)
        .await
        .json();
    let id = list["results"][0]["entity_id"].as_str().unwrap();
    let path = format!("/groups/applications/{id}/tiers");
    let tiers = sb.aria_call(Method::GET, &path, &admin, None).await.json();
    assert_eq!(tiers["results"][0]["name"], "web");
    let members = tiers["results"][0]["member_list"]["vms"]
        .as_array()
        .unwrap();
    assert!(!members.is_empty(), "{tiers:#}");
}

#[test]
fn a_configured_tier_that_post_would_refuse_stops_the_start() {
    let text = SEED.replace("security_groups.name = 'web-tier'", "no_such_field = 1");
    let config = Config::from_toml(&text);
    let message = match config {
        Err(e) => e.to_string(),
        Ok(c) => {
            let store: Arc<dyn StateStore> =
                Arc::new(appliance_sandbox::store::MemoryStore::default());
            match Sandbox::open(c, Options::default(), store) {
                Err(e) => e.to_string(),
                Ok(_) => String::from("started"),
            }
        }
    };
    assert!(message.contains("aria.applications[0] (shop)"), "{message}");
}

#[tokio::test]
async fn a_stored_state_keeps_a_deleted_seed_deleted() {
    let path = std::env::temp_dir().join(format!("sandbox-seeds-{}.db", std::process::id()));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let open = || {
        let store: Arc<dyn StateStore> =
            Arc::new(SqliteStore::open(&path, &appliance_sandbox::state::SCHEMA).unwrap());
        Sandbox::open(Config::from_toml(SEED).unwrap(), Options::default(), store).unwrap()
    };
    let first = serve(open()).await;
    let admin = first.admin().await;
    let list = first
        .aria_call(Method::GET, "/groups/applications?size=100", &admin, None)
        .await
        .json();
    let id = list["results"][0]["entity_id"].as_str().unwrap();
    let gone = first
        .aria_call(
            Method::DELETE,
            &format!("/groups/applications/{id}"),
            &admin,
            None,
        )
        .await;
    assert_eq!(gone.status, 204, "{}", gone.text);
    drop(first);
    let second = serve(open()).await;
    assert!(names(&second).await.is_empty());
}
