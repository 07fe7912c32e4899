//! State survives a restart on the same store; a SIGKILL loses no acknowledged write.

use crate::common;

use std::process::{Child, Command};
use std::sync::Arc;

use appliance_sandbox::config::Config;
use appliance_sandbox::store::{MemoryStore, SqliteStore, StateStore};
use appliance_sandbox::{Options, Sandbox};
use common::*;
use reqwest::Method;
use serde_json::{json, Value};

fn temp_db(name: &str) -> std::path::PathBuf {
    let p = std::env::temp_dir().join(format!("sandbox-{name}-{}.db", std::process::id()));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", p.display()));
    }
    p
}

/// Builds state, "restarts" on the same store, and checks it is all there.
async fn survives_restart(store: impl Fn() -> Arc<dyn StateStore>) {
    let first = serve(Sandbox::open(Config::default(), Options::default(), store()).unwrap()).await;
    let admin = first.admin().await;
    first.configure_vidm(&admin).await;
    let user = json!({"username": "testuser1", "domain": "vidmlabs.com", "role": "ADMIN"});
    assert_eq!(
        first
            .aria_call(Method::POST, "/settings/users/vidm", &admin, Some(user))
            .await
            .status,
        201
    );
    let group = json!({"group_name": "testgroup1", "domain": "vidmlabs.com", "role": "MEMBER"});
    first
        .aria_call(
            Method::POST,
            "/settings/user-groups/vidm",
            &admin,
            Some(group),
        )
        .await;
    let omivv = first.omivv_token_in_context("administrator").await;
    let profile = json!({"name": "Kept", "repoType": "DRIVER", "protocolType": "NFS",
                         "uri": "h:/exports/drivers.xml"});
    let created = first
        .send(
            first
                .http
                .post(first.omivv("/Services/PluginProfileService/RepositoryProfiles"))
                .bearer_auth(&omivv)
                .json(&profile),
        )
        .await;
    assert_eq!(created.status, 200, "{}", created.text);
    let cancel = first
        .send(
            first
                .http
                .put(first.omivv("/Services/UpdateService/Jobs/1001/Cancel"))
                .bearer_auth(&omivv),
        )
        .await;
    assert_eq!(cancel.status, 200, "{}", cancel.text);
    for _ in 0..2 {
        first.omivv_login_as("admin", "bad").await;
    }
    let jwt = first
        .vidm_password_grant("g9xUFRr84K_pwd_grant", "testuser1", "vidm-password")
        .await
        .json()["access_token"]
        .as_str()
        .unwrap()
        .to_string();
    drop(first);

    let second =
        serve(Sandbox::open(Config::default(), Options::default(), store()).unwrap()).await;
    // Tokens issued before the restart still work, the settings and mappings are there.
    let users = second
        .aria_call(Method::GET, "/settings/users?type=vidm", &admin, None)
        .await;
    assert_eq!(users.status, 200, "{}", users.text);
    assert_eq!(users.json()["results"][0]["id"], "testuser1@vidmlabs.com");
    let groups = second
        .aria_call(Method::GET, "/settings/user-groups?type=vidm", &admin, None)
        .await
        .json();
    assert_eq!(groups["total_count"], 1);
    assert_eq!(
        second
            .aria_call(Method::GET, "/settings/vidm", &admin, None)
            .await
            .json()["enable"],
        true
    );
    assert_eq!(
        second
            .omivv_get("/Services/ConsoleService/Consoles", &omivv)
            .await
            .status,
        200
    );
    // OMIVV's objects, and the session's operational context, are kept (not seeded again).
    let profile = second
        .omivv_get(
            "/Services/PluginProfileService/RepositoryProfiles/1010",
            &omivv,
        )
        .await;
    assert_eq!(profile.json()["name"], "Kept", "{}", profile.text);
    let job = second
        .omivv_get("/Services/UpdateService/Jobs/1001", &omivv)
        .await;
    assert_eq!(job.json()["data"]["state"], "CANCELLED", "{}", job.text);
    // vIDM tokens still verify, and the password-grant client is still registered.
    assert_eq!(second.vidm_login(&jwt).await.status, 200);
    assert_eq!(
        second
            .vidm_password_grant("g9xUFRr84K_pwd_grant", "testuser1", "vidm-password")
            .await
            .status,
        200
    );
    // The lockout counter too: one more failure locks the account.
    second.omivv_login_as("admin", "bad").await;
    assert_omivv_error(
        &second.omivv_login_as("admin", "admin123").await,
        401,
        "locked",
    );
}

#[tokio::test]
async fn memory_store_keeps_state_across_a_rebuild() {
    let store: Arc<dyn StateStore> = MemoryStore::new();
    survives_restart(|| store.clone()).await;
}

#[tokio::test]
async fn sqlite_store_keeps_state_across_a_reopen() {
    let path = temp_db("reopen");
    survives_restart(|| {
        Arc::new(SqliteStore::open(&path, &appliance_sandbox::state::SCHEMA).unwrap())
    })
    .await;
}

fn spawn(db: &std::path::Path) -> (Child, String) {
    common::spawn_binary(
        &["--no-rate-limits", "--db", db.to_str().unwrap()],
        "warn",
        false,
    )
}

#[test]
fn a_database_from_a_newer_version_is_refused() {
    let path = temp_db("newer");
    drop(SqliteStore::open(&path, &appliance_sandbox::state::SCHEMA).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute(
        "UPDATE meta SET value = '7' WHERE key = 'schema_version'",
        [],
    )
    .unwrap();
    drop(conn);
    let out = Command::new(env!("CARGO_BIN_EXE_appliance-sandbox"))
        .args(["--listen", "127.0.0.1:0", "--db"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("newer appliance-sandbox") && err.contains("schema version 7"),
        "{err}"
    );
}

/// A file that is not this sandbox's database is refused with exit code 2 and left untouched:
/// before, a zero-byte file or dropped tables started an empty sandbox over the user's state.
#[test]
fn a_database_that_is_not_ours_is_refused_and_left_as_it_is() {
    let sound = temp_db("sound");
    drop(SqliteStore::open(&sound, &appliance_sandbox::state::SCHEMA).unwrap());
    let mut cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty", Vec::new(), "meta and rows tables are missing"),
        (
            "text",
            b"not a database at all, just text\n".repeat(200),
            "not a readable SQLite",
        ),
    ];
    let dropped = temp_db("dropped");
    std::fs::copy(&sound, &dropped).unwrap();
    rusqlite::Connection::open(&dropped)
        .unwrap()
        .execute_batch("DROP TABLE rows")
        .unwrap();
    cases.push((
        "dropped",
        std::fs::read(&dropped).unwrap(),
        "meta and rows tables are missing",
    ));
    rusqlite::Connection::open(&dropped)
        .unwrap()
        .execute_batch("CREATE TABLE rows (x); DELETE FROM meta")
        .unwrap();
    cases.push((
        "unversioned",
        std::fs::read(&dropped).unwrap(),
        "no schema version",
    ));
    let mut torn = std::fs::read(&sound).unwrap();
    assert!(torn.len() >= 8192, "{}", torn.len());
    torn[4096..4196].fill(0xA5);
    cases.push(("torn", torn, ""));
    for (name, bytes, why) in cases {
        let path = temp_db(name);
        std::fs::write(&path, &bytes).unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_appliance-sandbox"))
            .args(["--listen", "127.0.0.1:0", "--db"])
            .arg(&path)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {err}");
        assert!(
            err.contains(why) && err.contains("left as it is"),
            "{name}: {err}"
        );
        assert_eq!(std::fs::read(&path).unwrap(), bytes, "{name} was changed");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkill_loses_no_acknowledged_write() {
    let path = temp_db("sigkill");
    let (mut child, base) = spawn(&path);
    let http = reqwest::Client::new();
    let login = http
        .post(format!("{base}/api/ni/auth/token"))
        .json(&json!({"username": "admin@local", "password": "admin", "domain": {"domain_type": "LOCAL", "value": "local"}}))
        .send()
        .await
        .unwrap()
        .json::<Value>()
        .await
        .unwrap();
    let token = login["token"].as_str().unwrap().to_string();
    let auth = format!("NetworkInsight {token}");
    let cfg = json!({"vidm_appliance": "identity.domain.com", "client_id": "operations_for_networks_client",
                     "client_secret": "operations_for_networks_secret", "enable": true});
    let r = http
        .post(format!("{base}/api/ni/settings/vidm"))
        .header("Authorization", &auth)
        .json(&cfg)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);

    // Four writers add users as fast as they can; each remembers what was acknowledged.
    let writers: Vec<_> = (0..4)
        .map(|w| {
            let (http, base, auth) = (http.clone(), base.clone(), auth.clone());
            tokio::spawn(async move {
                let mut acked = Vec::new();
                for i in 0.. {
                    let body = json!({"username": format!("w{w}-{i}"), "domain": "vidmlabs.com", "role": "MEMBER"});
                    match http.post(format!("{base}/api/ni/settings/users/vidm")).header("Authorization", &auth).json(&body).send().await {
                        Ok(r) if r.status() == 201 => acked.push(format!("w{w}-{i}@vidmlabs.com")),
                        Ok(r) => panic!("unexpected {}", r.status()),
                        Err(_) => break, // the server is gone
                    }
                }
                acked
            })
        })
        .collect();
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let mut acked = Vec::new();
    for w in writers {
        acked.extend(w.await.unwrap());
    }
    assert!(
        acked.len() > 5,
        "the writers got going ({} writes)",
        acked.len()
    );
    eprintln!("{} writes acknowledged before the SIGKILL", acked.len());

    let (mut child, base) = spawn(&path);
    // Every stored user, page by page.
    let mut stored: Vec<Value> = Vec::new();
    let mut cursor = String::new();
    let total = loop {
        let page = http
            .get(format!(
                "{base}/api/ni/settings/users?type=vidm&size=1000&cursor={cursor}"
            ))
            .header("Authorization", &auth)
            .send()
            .await
            .unwrap()
            .json::<Value>()
            .await
            .unwrap();
        stored.extend(page["results"].as_array().unwrap().iter().cloned());
        match page["cursor"].as_str() {
            Some(c) => cursor = c.to_string(),
            None => break page["total_count"].as_u64().unwrap() as usize,
        }
    };
    let ids: std::collections::HashSet<&str> =
        stored.iter().map(|u| u["id"].as_str().unwrap()).collect();
    let missing: Vec<&String> = acked
        .iter()
        .filter(|id| !ids.contains(id.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "acknowledged but lost after SIGKILL: {missing:?}"
    );
    // At most the writes in flight at the kill (one per writer) may exist without an answer.
    assert!(
        stored.len() <= acked.len() + 4,
        "{} stored, {} acknowledged",
        stored.len(),
        acked.len()
    );
    assert_eq!(total, stored.len());
    child.kill().unwrap();
    child.wait().unwrap();
}

/// `NetworkInsight <token>` of a fresh admin@local login.
async fn admin_auth(http: &reqwest::Client, base: &str) -> String {
    let login = http
        .post(format!("{base}/api/ni/auth/token"))
        .json(&json!({"username": "admin@local", "password": "admin", "domain": {"domain_type": "LOCAL", "value": "local"}}))
        .send()
        .await
        .unwrap()
        .json::<Value>()
        .await
        .unwrap();
    format!("NetworkInsight {}", login["token"].as_str().unwrap())
}

/// Whether Aria has vIDM configured, and whether the Identity Manager knows the password-grant
/// client that configuring it registers: the two halves of one transaction.
async fn vidm_halves(http: &reqwest::Client, base: &str, auth: &str) -> (bool, bool) {
    let settings = http
        .get(format!("{base}/api/ni/settings/vidm"))
        .header("Authorization", auth)
        .send()
        .await
        .unwrap()
        .status();
    let grant = http
        .post(format!(
            "{base}/SAAS/auth/oauthtoken?grant_type=password&client_id=g9xUFRr84K_pwd_grant\
             &username=testuser&password=vidm-password"
        ))
        .send()
        .await
        .unwrap()
        .status();
    assert!(settings == 200 || settings == 404, "{settings}");
    assert!(grant == 200 || grant == 401, "{grant}");
    (settings == 200, grant == 200)
}

/// A writer configures and deletes vIDM (each a change to Aria's settings and to the Identity
/// Manager's clients) as fast as it can; after a SIGKILL at a random point, the restarted
/// sandbox holds both halves of the last committed change or neither. Storage that saved each
/// component on its own fails this about as often as the kill lands between the two saves.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkill_never_splits_a_transaction() {
    let path = temp_db("split");
    for round in 0..3 {
        let (mut child, base) = spawn(&path);
        let http = reqwest::Client::new();
        let auth = admin_auth(&http, &base).await;
        let (configured, registered) = vidm_halves(&http, &base, &auth).await;
        assert_eq!(configured, registered, "round {round}: split after restart");
        let cfg = json!({"vidm_appliance": "identity.domain.com", "client_id": "operations_for_networks_client",
                         "client_secret": "operations_for_networks_secret", "enable": true});
        let writer = {
            let (http, base, auth) = (http.clone(), base.clone(), auth.clone());
            tokio::spawn(async move {
                let mut changes = 0;
                loop {
                    let sent = if changes % 2 == 0 {
                        http.post(format!("{base}/api/ni/settings/vidm")).json(&cfg)
                    } else {
                        http.delete(format!("{base}/api/ni/settings/vidm"))
                    };
                    match sent.header("Authorization", &auth).send().await {
                        Ok(r)
                            if r.status().is_success()
                                || r.status() == 409
                                || r.status() == 404 =>
                        {
                            changes += 1
                        }
                        Ok(r) => panic!("unexpected {}", r.status()),
                        Err(_) => break changes,
                    }
                }
            })
        };
        tokio::time::sleep(std::time::Duration::from_millis(400 + 150 * round)).await;
        child.kill().unwrap();
        child.wait().unwrap();
        assert!(writer.await.unwrap() > 2, "the writer got going");
    }
    let (mut child, base) = spawn(&path);
    let http = reqwest::Client::new();
    let auth = admin_auth(&http, &base).await;
    let (configured, registered) = vidm_halves(&http, &base, &auth).await;
    assert_eq!(configured, registered, "split after the last restart");
    child.kill().unwrap();
    child.wait().unwrap();
}
