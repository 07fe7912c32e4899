//! The appliance's licences (E110): keys of the catalogue install and remove licences, which
//! expire on the sandbox clock and decide which data-source types can be added or enabled.

use crate::common::*;
use std::sync::Arc;

use appliance_sandbox::config::Config;
use appliance_sandbox::store::{SqliteStore, StateStore};
use appliance_sandbox::{Options, Sandbox};
use reqwest::Method;
use serde_json::{json, Value};

const LICENSING: &str = "/settings/licensing";
const ENTERPRISE: &str = "NIENT-SANDB-OX000-00000-00001";
const ADVANCED: &str = "NIADV-SANDB-OX000-00000-00002";
const EXPIRED: &str = "NIEXP-SANDB-OX000-00000-00003";
const CORE: &str = "NICOR-SANDB-OX000-00000-00004";

async fn call(sb: &TestSandbox, token: &str, method: Method, op: &str, key: &str) -> Answer {
    let path = format!("{LICENSING}/{op}");
    let body = json!({"licenseKey": key});
    sb.aria_call(method, &path, token, Some(body)).await
}

async fn licenses(sb: &TestSandbox, token: &str) -> Value {
    let a = sb.aria_call(Method::GET, LICENSING, token, None).await;
    assert_eq!(a.status, 200, "{}", a.text);
    a.json()["result"].clone()
}

fn keys(result: &Value) -> Vec<&str> {
    let list = result["licenses"].as_array().expect("licenses");
    list.iter()
        .map(|l| l["licenseKey"].as_str().unwrap())
        .collect()
}

async fn add_aws(sb: &TestSandbox, admin: &str) -> Answer {
    let nodes = sb
        .aria_call(Method::GET, "/infra/nodes", admin, None)
        .await
        .json();
    let body = json!({"proxy_id": nodes["results"][0]["id"], "nickname": "aws",
                      "credentials": TestSandbox::aws_credentials()});
    sb.aria_call(
        Method::POST,
        "/data-sources/aws-accounts",
        admin,
        Some(body),
    )
    .await
}

#[tokio::test]
async fn keys_validate_activate_and_deactivate() {
    let sb = start().await;
    let admin = sb.admin().await;
    let member = sb.aria_token("member@local", "member").await;
    // What is installed at first, and what the collected estate uses.
    let first = licenses(&sb, &member).await;
    assert_eq!(keys(&first), [ENTERPRISE]);
    assert_eq!(first["numOfValidEnterpriseLicense"], 1);
    assert_eq!(first["enterprise"], true);
    assert_eq!(first["usedSockets"], 0);
    sb.collect_vcenter(&admin, "10.20.0.10").await;
    let used = licenses(&sb, &member).await;
    // vcenter01's four hosts, two sockets of 16 cores each.
    assert_eq!(
        (used["usedSockets"].clone(), used["usedCores"].clone()),
        (json!(8), json!(128))
    );

    // Validation changes nothing; only administrators.
    assert_aria_error(
        &call(&sb, &member, Method::POST, "validate", ADVANCED).await,
        403,
    );
    let v = call(&sb, &admin, Method::POST, "validate", ADVANCED).await;
    assert_eq!(v.status, 200, "{}", v.text);
    assert_eq!(v.json()["result"]["edition"], "ADVANCED");
    assert_eq!(v.json()["result"]["expired"], false);
    let v = call(&sb, &admin, Method::POST, "validate", EXPIRED).await;
    assert_eq!(v.json()["result"]["expired"], true);
    for bad in ["AAAAA-BBBBB-CCCCC-DDDDD-EEEEE", "not-a-key"] {
        assert_aria_error(&call(&sb, &admin, Method::POST, "validate", bad).await, 400);
    }
    assert_eq!(keys(&licenses(&sb, &admin).await), [ENTERPRISE]);

    // Activation: an expired licence or one already installed is refused.
    assert_aria_error(
        &call(&sb, &admin, Method::POST, "activate", EXPIRED).await,
        400,
    );
    assert_aria_error(
        &call(&sb, &admin, Method::POST, "activate", ENTERPRISE).await,
        400,
    );
    let a = call(&sb, &admin, Method::POST, "activate", ADVANCED).await;
    assert_eq!(a.status, 200, "{}", a.text);
    let current = &a.json()["result"]["currentLicenses"];
    assert_eq!(current["toRetain"][0]["licenseKey"], ENTERPRISE);
    assert_eq!(current["toRemove"], json!([]));
    assert_eq!(keys(&licenses(&sb, &admin).await), [ENTERPRISE, ADVANCED]);

    // Advanced alone does not cover AWS; nothing at all covers nothing.
    let gone = call(&sb, &admin, Method::DELETE, "deactivate", ENTERPRISE).await;
    assert_eq!(gone.status, 204, "{}", gone.text);
    let refused = add_aws(&sb, &admin).await;
    assert_aria_error(&refused, 400);
    assert!(refused.text.contains("do not cover"), "{}", refused.text);
    sb.collect_vcenter(&admin, "10.20.0.20").await;
    let gone = call(&sb, &admin, Method::DELETE, "deactivate", ADVANCED).await;
    assert_eq!(gone.status, 204, "{}", gone.text);
    assert_aria_error(
        &call(&sb, &admin, Method::DELETE, "deactivate", ADVANCED).await,
        404,
    );
    let none = licenses(&sb, &admin).await;
    assert_eq!(
        (none["numOfValidLicense"].clone(), keys(&none).len()),
        (json!(0), 0)
    );
    let refused = add_aws(&sb, &admin).await;
    assert!(
        refused.text.contains("No valid license"),
        "{}",
        refused.text
    );
    // Back with Enterprise, AWS can be added.
    call(&sb, &admin, Method::POST, "activate", ENTERPRISE).await;
    let added = add_aws(&sb, &admin).await;
    assert_eq!(added.status, 201, "{}", added.text);
    // Disabled under Enterprise, it cannot be enabled again under Advanced alone.
    let id = added.json()["entity_id"].as_str().unwrap().to_string();
    let path = format!("/data-sources/aws-accounts/{id}");
    let off = sb
        .aria_call(Method::POST, &format!("{path}/disable"), &admin, None)
        .await;
    assert_eq!(off.status, 200, "{}", off.text);
    call(&sb, &admin, Method::POST, "activate", ADVANCED).await;
    call(&sb, &admin, Method::DELETE, "deactivate", ENTERPRISE).await;
    let on = sb
        .aria_call(Method::POST, &format!("{path}/enable"), &admin, None)
        .await;
    assert_aria_error(&on, 400);
    assert!(on.text.contains("do not cover"), "{}", on.text);
    // Deactivating a key that is no licence at all is a 404, as for one not installed.
    assert_aria_error(
        &call(&sb, &admin, Method::DELETE, "deactivate", "not-a-key").await,
        404,
    );
}

#[tokio::test]
async fn a_core_licence_replaces_socket_licences_and_licences_expire() {
    // The core licence's last day a year from the sandbox's start (the default never expires).
    let mut config = Config::default();
    let today = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
        / 86_400;
    let last = appliance_sandbox::clock::date_of_days(today + 365);
    config.aria.licenses[3].expires = Some(last);
    let sb = start_with(config, Options::default()).await;
    let admin = sb.admin().await;
    let a = call(&sb, &admin, Method::POST, "activate", CORE).await;
    assert_eq!(a.status, 200, "{}", a.text);
    let current = &a.json()["result"]["currentLicenses"];
    assert_eq!(current["toRemove"][0]["licenseKey"], ENTERPRISE);
    let result = licenses(&sb, &admin).await;
    assert_eq!(keys(&result), [CORE]);
    assert_eq!(result["coreLicensePresent"], true);
    assert_eq!(result["coreCapacity"], 512);
    // Past its last day, nothing is valid.
    let end = (today + 366) * 86_400;
    assert_eq!(result["expireDate"], end);
    let now = sb.sandbox.clock.now_secs();
    sb.advance((end - now) as u64);
    let admin = sb.admin().await;
    let expired = licenses(&sb, &admin).await;
    assert_eq!(expired["licenses"][0]["expired"], true);
    assert_eq!(expired["numOfValidLicense"], 0);
    let refused = add_aws(&sb, &admin).await;
    assert!(
        refused.text.contains("No valid license"),
        "{}",
        refused.text
    );
}

#[tokio::test]
async fn activations_survive_a_restart() {
    let path = std::env::temp_dir().join(format!("sandbox-licences-{}.db", std::process::id()));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let open = || {
        let store: Arc<dyn StateStore> =
            Arc::new(SqliteStore::open(&path, &appliance_sandbox::state::SCHEMA).unwrap());
        Sandbox::open(Config::default(), Options::default(), store).unwrap()
    };
    let first = serve(open()).await;
    let admin = first.admin().await;
    call(&first, &admin, Method::POST, "activate", ADVANCED).await;
    call(&first, &admin, Method::DELETE, "deactivate", ENTERPRISE).await;
    drop(first);
    let second = serve(open()).await;
    let admin = second.admin().await;
    assert_eq!(keys(&licenses(&second, &admin).await), [ADVANCED]);
}
