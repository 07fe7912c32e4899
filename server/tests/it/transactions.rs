//! A request's changes commit together or not at all, across appliances; oversized bodies get
//! their 413 in the API's shape, after authentication, on HTTP and HTTPS.

use crate::common;

use std::sync::Arc;

use appliance_sandbox::config::Config;
use appliance_sandbox::store::{Change, MemoryStore, StateStore, StoreError};
use appliance_sandbox::{Options, Sandbox};
use common::*;
use reqwest::Method;
use serde_json::{json, Value};

/// Refuses any commit that touches `table`, as a full disk would refuse the second half of a
/// change stored in two places.
pub(crate) struct FailsOn {
    table: &'static str,
    pub(crate) inner: Arc<MemoryStore>,
    armed: std::sync::atomic::AtomicBool,
}

impl FailsOn {
    pub(crate) fn new(table: &'static str) -> Arc<Self> {
        Arc::new(Self {
            table,
            inner: MemoryStore::new(),
            armed: true.into(),
        })
    }

    pub(crate) fn arm(&self, on: bool) {
        self.armed.store(on, std::sync::atomic::Ordering::SeqCst);
    }
}

impl StateStore for FailsOn {
    fn load(&self, table: &str) -> Result<Vec<(String, String)>, StoreError> {
        self.inner.load(table)
    }
    fn commit(&self, changes: &[Change]) -> Result<(), StoreError> {
        let touches = changes.iter().any(|c| match c {
            Change::Put { table, .. } | Change::Delete { table, .. } => *table == self.table,
        });
        if touches && self.armed.load(std::sync::atomic::Ordering::SeqCst) {
            return Err(StoreError::Other("disk full".into()));
        }
        self.inner.commit(changes)
    }
    fn durable(&self) -> bool {
        true
    }
}

#[tokio::test]
async fn configuring_vidm_leaves_no_trace_when_its_second_half_cannot_be_saved() {
    let store = FailsOn::new("vidm.clients");
    let sb =
        serve(Sandbox::open(Config::default(), Options::default(), store.clone()).unwrap()).await;
    let admin = sb.admin().await;
    let answer = sb.configure_vidm(&admin).await;
    assert_aria_error(&answer, 500);
    // Aria's half is not visible, nor stored, and the Identity Manager has no client.
    let get = sb
        .aria_call(Method::GET, "/settings/vidm", &admin, None)
        .await;
    assert_eq!(get.status, 404, "{}", get.text);
    assert!(store.inner.load("aria.vidm").unwrap().is_empty());
    let grant = sb
        .vidm_password_grant("g9xUFRr84K_pwd_grant", "testuser", "vidm-password")
        .await;
    assert_eq!(grant.status, 401, "{}", grant.text);
    assert!(grant.text.contains("invalid_client"), "{}", grant.text);
    // The same request succeeds once the store accepts it: nothing was left half-done.
    let ok =
        serve(Sandbox::open(Config::default(), Options::default(), store.inner.clone()).unwrap())
            .await;
    let admin = ok.admin().await;
    assert_eq!(ok.configure_vidm(&admin).await.status, 201);
}

#[tokio::test]
async fn deleting_a_user_and_its_tokens_is_one_change() {
    let store = FailsOn::new("aria.tokens");
    store.arm(false);
    let sb =
        serve(Sandbox::open(Config::default(), Options::default(), store.clone()).unwrap()).await;
    let admin = sb.admin().await;
    sb.configure_vidm(&admin).await;
    let user = json!({"username": "testuser", "domain": "vidmlabs.com", "role": "MEMBER"});
    let added = sb
        .aria_call(Method::POST, "/settings/users/vidm", &admin, Some(user))
        .await;
    assert_eq!(added.status, 201, "{}", added.text);
    let grant = sb
        .vidm_password_grant("g9xUFRr84K_pwd_grant", "testuser", "vidm-password")
        .await
        .json();
    let login = sb.vidm_login(grant["access_token"].as_str().unwrap()).await;
    assert_eq!(login.status, 200, "{}", login.text);
    let token = login.json()["token"].as_str().unwrap().to_string();

    // The user row could be deleted, its token cannot: the whole delete fails.
    store.arm(true);
    let id = "/settings/users/testuser@vidmlabs.com";
    assert_aria_error(&sb.aria_call(Method::DELETE, id, &admin, None).await, 500);
    store.arm(false);
    assert_eq!(
        sb.aria_call(Method::GET, id, &admin, None).await.status,
        200
    );
    assert!(store
        .inner
        .load("aria.users")
        .unwrap()
        .iter()
        .any(|(k, _)| k == "testuser@vidmlabs.com"));
    assert_eq!(
        sb.aria_call(Method::GET, "/info/version", &token, None)
            .await
            .status,
        200
    );
    // And once the store works, the delete takes both.
    assert_eq!(
        sb.aria_call(Method::DELETE, id, &admin, None).await.status,
        204
    );
    assert_aria_error(
        &sb.aria_call(Method::GET, "/info/version", &token, None)
            .await,
        401,
    );
}

fn big_body(bytes: usize) -> String {
    format!("{{\"pad\": \"{}\"}}", "x".repeat(bytes))
}

#[tokio::test]
async fn oversized_bodies_get_413_in_the_api_shape_after_authentication() {
    let sb = start().await;
    let admin = sb.admin().await;
    let body = big_body(1024 * 1024);
    // Unauthenticated: 401, and the client reads it (no reset while it is still sending).
    let a = sb
        .send(
            sb.http
                .post(sb.aria("/settings/vidm"))
                .header("content-type", "application/json")
                .body(body.clone()),
        )
        .await;
    assert_aria_error(&a, 401);
    let a = sb
        .send(
            sb.http
                .post(sb.aria("/settings/vidm"))
                .header("authorization", format!("NetworkInsight {admin}"))
                .header("content-type", "application/json")
                .body(body.clone()),
        )
        .await;
    assert_aria_error(&a, 413);
    let a = sb
        .send(
            sb.http
                .post(sb.omivv("/Services/AuthenticationService/login"))
                .header("content-type", "application/json")
                .body(body),
        )
        .await;
    assert_omivv_error(&a, 413, "too large");
}

#[tokio::test]
async fn oversized_bodies_get_413_over_https_too() {
    let (mut child, base) = spawn_binary(&["--tls"], "warn", false);
    let http = reqwest::Client::builder()
        .tls_danger_accept_invalid_certs(true)
        .build()
        .unwrap();
    for size in [300 * 1024, 8 * 1024 * 1024] {
        let r = http
            .post(format!("{base}/api/ni/auth/token"))
            .header("content-type", "application/json")
            .body(big_body(size))
            .send()
            .await
            .unwrap_or_else(|e| panic!("{size} bytes: no answer: {e}"));
        assert_eq!(r.status(), 413, "{size} bytes");
        let body: serde_json::Value = r.json().await.unwrap();
        assert_eq!(body["code"], 413, "{body}");
    }
    child.kill().unwrap();
    child.wait().unwrap();
}

#[tokio::test]
async fn an_omivv_job_change_that_cannot_be_saved_leaves_the_job_as_it_was() {
    let store = FailsOn::new("omivv.jobs");
    // The fresh state's seeded jobs are saved; later writes to jobs fail.
    store.arm(false);
    let sandbox = Sandbox::open(Config::default(), Options::default(), store.clone()).unwrap();
    store.arm(true);
    let sb = serve(sandbox).await;
    let token = sb.omivv_token_in_context("administrator").await;
    let url = |p: &str| sb.omivv(&format!("/Services/UpdateService/Jobs/{p}"));
    let cancel = sb
        .send(sb.http.put(url("1001/Cancel")).bearer_auth(&token))
        .await;
    assert_omivv_error(&cancel, 500, "could not save");
    let job = sb.send(sb.http.get(url("1001")).bearer_auth(&token)).await;
    assert_eq!(job.json()["data"]["state"], "SCHEDULED", "{}", job.text);
    let stored: Value = serde_json::from_str(
        &store
            .inner
            .load("omivv.jobs")
            .unwrap()
            .into_iter()
            .find(|(k, _)| k == "1001")
            .unwrap()
            .1,
    )
    .unwrap();
    assert_eq!(stored["cancelled_ms"], Value::Null);
    // The same request succeeds once the store accepts it.
    store.arm(false);
    let cancel = sb
        .send(sb.http.put(url("1001/Cancel")).bearer_auth(&token))
        .await;
    assert_eq!(cancel.status, 200, "{}", cancel.text);
}

#[tokio::test]
async fn an_application_and_its_tiers_are_deleted_together_or_not_at_all() {
    let store = FailsOn::new("aria.tiers");
    store.arm(false);
    let sb =
        serve(Sandbox::open(Config::default(), Options::default(), store.clone()).unwrap()).await;
    let admin = sb.admin().await;
    let app = sb
        .aria_call(
            Method::POST,
            "/groups/applications",
            &admin,
            Some(json!({"name": "shop"})),
        )
        .await
        .json();
    let app = format!(
        "/groups/applications/{}",
        app["entity_id"].as_str().unwrap()
    );
    let tier = json!({"name": "web", "group_membership_criteria": [{"membership_type": "IPAddressMembershipCriteria", "ip_address_membership_criteria": {"ip_addresses": ["192.0.2.10"]}}]});
    let added = sb
        .aria_call(Method::POST, &format!("{app}/tiers"), &admin, Some(tier))
        .await;
    assert_eq!(added.status, 201, "{}", added.text);

    // The application row could go, its tier cannot: the whole delete fails.
    store.arm(true);
    assert_aria_error(&sb.aria_call(Method::DELETE, &app, &admin, None).await, 500);
    store.arm(false);
    assert_eq!(
        sb.aria_call(Method::GET, &app, &admin, None).await.status,
        200
    );
    let tiers = sb
        .aria_call(Method::GET, &format!("{app}/tiers"), &admin, None)
        .await
        .json();
    assert_eq!(tiers["results"].as_array().unwrap().len(), 1);
    assert_eq!(store.inner.load("aria.applications").unwrap().len(), 1);
    assert_eq!(store.inner.load("aria.tiers").unwrap().len(), 1);
    assert_eq!(
        sb.aria_call(Method::DELETE, &app, &admin, None)
            .await
            .status,
        204
    );
    assert!(store.inner.load("aria.tiers").unwrap().is_empty());
}

#[tokio::test]
async fn a_data_source_and_its_address_are_added_together_or_not_at_all() {
    let store = FailsOn::new("aria.data_source_addresses");
    let sb =
        serve(Sandbox::open(Config::default(), Options::default(), store.clone()).unwrap()).await;
    let admin = sb.admin().await;
    let nodes = sb
        .aria_call(Method::GET, "/infra/nodes", &admin, None)
        .await
        .json();
    let body = json!({"ip": "10.20.0.10", "proxy_id": nodes["results"][0]["id"], "nickname": "vc", "credentials": {"username": "a", "password": "b"}});
    let add = || {
        sb.aria_call(
            Method::POST,
            "/data-sources/vcenters",
            &admin,
            Some(body.clone()),
        )
    };
    assert_aria_error(&add().await, 500);
    let list: Value = sb
        .aria_call(Method::GET, "/data-sources/vcenters", &admin, None)
        .await
        .json();
    assert_eq!(list["total_count"], 0);
    assert!(store.inner.load("aria.data_sources").unwrap().is_empty());
    // Nothing was left behind that would call the address taken.
    store.arm(false);
    assert_eq!(add().await.status, 201);
}

#[tokio::test]
async fn an_omevv_baseline_and_its_drift_job_are_saved_together_or_not_at_all() {
    let store = FailsOn::new("omevv.baselines");
    let sb =
        serve(Sandbox::open(Config::default(), Options::default(), store.clone()).unwrap()).await;
    let vc1 = "c3f79ba6-3240-53d1-870c-9011162e01ab";
    let schedule = json!({"monday": true, "tuesday": false, "wednesday": false, "thursday": false,
                          "friday": false, "saturday": false, "sunday": false, "time": "01:00"});
    let body =
        json!({"name": "BP", "firmwareRepoId": 1000, "groupIds": [1003], "jobSchedule": schedule});
    let call = |method: Method, path: String, body: Option<Value>| {
        let mut req = sb
            .http
            .request(method, sb.omevv(&path))
            .basic_auth("administrator@vsphere.local", Some("VMware1!"));
        if let Some(b) = body {
            req = req.json(&b);
        }
        sb.send(req)
    };
    let refused = call(
        Method::POST,
        format!("/Consoles/{vc1}/BaselineProfiles"),
        Some(body.clone()),
    )
    .await;
    assert_eq!(refused.status, 500, "{}", refused.text);
    assert!(refused.json()["errorCode"].is_string(), "{}", refused.text);
    // The drift job the baseline would have had is neither visible nor stored.
    let jobs = call(Method::GET, format!("/Consoles/{vc1}/UpdateJobs"), None).await;
    assert_eq!(jobs.json(), json!([]), "{}", jobs.text);
    assert!(store.inner.load("omevv.jobs").unwrap().is_empty());
    store.arm(false);
    let made = call(
        Method::POST,
        format!("/Consoles/{vc1}/BaselineProfiles"),
        Some(body),
    )
    .await;
    assert_eq!(made.status, 200, "{}", made.text);
    assert_eq!(store.inner.load("omevv.jobs").unwrap().len(), 1);
}
