//! A `--db` file written by the previous schema opens in this build with its state: its rows are
//! brought up to the current schema once, in one transaction. `fixtures/schema-v2.db` was written
//! through the API by the last build of schema 2 (`fixtures/make-schema-v2.sh` says how).

use crate::common;

use std::sync::Arc;

use appliance_sandbox::config::Config;
use appliance_sandbox::state::SCHEMA;
use appliance_sandbox::store::SqliteStore;
use appliance_sandbox::{Options, Sandbox};
use common::*;
use reqwest::Method;
use serde_json::json;

/// A copy of the fixture, so that the committed file is never changed.
fn schema_2_copy(name: &str) -> std::path::PathBuf {
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/it/fixtures/schema-v2.db"
    );
    let path = std::env::temp_dir().join(format!("sandbox-{name}-{}.db", std::process::id()));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    std::fs::copy(fixture, &path).unwrap();
    path
}

fn schema_version(path: &std::path::Path) -> String {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row(
        "SELECT value FROM meta WHERE key = 'schema_version'",
        [],
        |r| r.get(0),
    )
    .unwrap()
}

#[tokio::test]
async fn a_schema_2_database_opens_with_its_state() {
    let path = schema_2_copy("schema2");
    assert_eq!(schema_version(&path), "2");
    let store = SqliteStore::open(&path, &SCHEMA).unwrap();
    assert_eq!(schema_version(&path), SCHEMA.version.to_string());
    let sandbox =
        serve(Sandbox::open(Config::default(), Options::default(), Arc::new(store)).unwrap()).await;
    let admin = sandbox.admin().await;
    let get = |path: &'static str| sandbox.aria_call(Method::GET, path, &admin, None);

    let user = get("/settings/users/testuser1@vidmlabs.com").await;
    assert_eq!(user.status, 200, "{}", user.text);
    assert_eq!(
        user.json(),
        json!({"id": "testuser1@vidmlabs.com", "username": "testuser1", "domain": "vidmlabs.com",
               "display_name": "Test User One", "role": "ADMIN", "user_type": "VIDM"})
    );
    let users = get("/settings/users?type=vidm").await.json();
    assert_eq!(users["total_count"], 2, "{users}");
    assert_eq!(users["results"][1]["role"], "AUDITOR");
    let group = get("/settings/user-groups/testgroup1@vidmlabs.com").await;
    assert_eq!(
        group.json(),
        json!({"id": "testgroup1@vidmlabs.com", "group_name": "testgroup1",
               "domain": "vidmlabs.com", "role": "MEMBER", "group_type": "VIDM"})
    );
    assert_eq!(get("/settings/vidm").await.json()["enable"], true);
    assert_eq!(
        get("/settings/loginBanner").await.json()["login_message_banner"],
        "Authorised use only"
    );
    let tag = get("/settings/ip-tags/INTERNET").await.json();
    assert_eq!(tag["subnets"], json!(["203.0.113.0/24"]), "{tag}");
    let apps = get("/groups/applications").await.json();
    assert_eq!(apps["total_count"], 1, "{apps}");

    // The migrated rows are written back: a change to a migrated user is kept as usual.
    let update = json!({"username": "testuser2", "domain": "vidmlabs.com", "role": "MEMBER"});
    let a = sandbox
        .aria_call(Method::PUT, "/settings/users/vidm", &admin, Some(update))
        .await;
    assert_eq!(a.status, 200, "{}", a.text);
}

#[test]
fn a_failed_migration_leaves_the_file_at_its_version() {
    let path = schema_2_copy("schema2-corrupt");
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute(
        // Rows are migrated in key order: OMIVV's come after Aria's users, which are rewritten
        // first and must be put back.
        "UPDATE rows SET value = 'not json' WHERE tbl = 'omivv.keys'",
        [],
    )
    .unwrap();
    drop(conn);
    let err = SqliteStore::open(&path, &SCHEMA).err().unwrap().to_string();
    assert!(err.contains("omivv.keys"), "{err}");
    assert_eq!(schema_version(&path), "2");
    let conn = rusqlite::Connection::open(&path).unwrap();
    let user: String = conn
        .query_row(
            "SELECT value FROM rows WHERE tbl = 'aria.users' AND key = 'testuser1@vidmlabs.com'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        user.contains("user_type"),
        "rewritten although the migration failed: {user}"
    );
}

/// The rows this build did not migrate keep schema 2's spelling: what the sandbox stores for a
/// tier's criteria and the login banner is, field for field, the JSON it was posted (a change
/// of their own types that changed this would need a migration).
#[tokio::test]
async fn rows_kept_from_schema_2_are_spelt_as_before() {
    let path = schema_2_copy("spelling");
    let store = SqliteStore::open(&path, &SCHEMA).unwrap();
    let sandbox =
        serve(Sandbox::open(Config::default(), Options::default(), Arc::new(store)).unwrap()).await;
    let admin = sandbox.admin().await;
    let criteria = json!([
        {"membership_type": "IPAddressMembershipCriteria",
         "ip_address_membership_criteria": {"ip_addresses": ["192.168.1.3"]}},
        {"membership_type": "SearchMembershipCriteria",
         "search_membership_criteria": {"entity_type": "VirtualMachine", "filter": "name = 'web-01'"}}
    ]);
    let apps = sandbox
        .aria_call(Method::GET, "/groups/applications", &admin, None)
        .await
        .json();
    let app = apps["results"][0]["entity_id"]
        .as_str()
        .unwrap()
        .to_string();
    let tier = sandbox
        .aria_call(
            Method::POST,
            &format!("/groups/applications/{app}/tiers"),
            &admin,
            Some(json!({"name": "web", "group_membership_criteria": criteria})),
        )
        .await;
    assert_eq!(tier.status, 201, "{}", tier.text);
    let stored = |table: &str| -> serde_json::Value {
        let conn = rusqlite::Connection::open(&path).unwrap();
        let text: String = conn
            .query_row("SELECT value FROM rows WHERE tbl = ?1", [table], |r| {
                r.get(0)
            })
            .unwrap();
        serde_json::from_str(&text).unwrap()
    };
    assert_eq!(stored("aria.tiers")["criteria"], criteria);
    assert_eq!(
        stored("aria.banner"),
        json!({"is_enabled": true, "login_message_banner": "Authorised use only",
               "user_consent_description": "I agree", "user_consent_title": "Consent"})
    );
}
