//! Starts a sandbox on a free loopback port, in-process, for tests that talk HTTP to it.

use std::sync::Arc;
use std::time::Duration;

use appliance_sandbox::config::Config;
use appliance_sandbox::{Options, Sandbox};
use serde_json::{json, Value};

pub struct TestSandbox {
    /// The SQLite file behind this sandbox, removed when the test is done.
    pub db: Option<std::path::PathBuf>,
    pub base: String,
    pub sandbox: Arc<Sandbox>,
    pub http: reqwest::Client,
    _spawned: appliance_sandbox::testing::SpawnedSandbox,
}

/// The default configuration's first OMIVV console (vcenter01).
pub const FIRST_CONSOLE: &str = "6f1c3c1e-4a38-4c1b-9a0e-2f4f0c1d9b11";

pub async fn start() -> TestSandbox {
    start_with(Config::default(), Options::default()).await
}

/// With `SANDBOX_TEST_DB=1` every test sandbox keeps its state in a fresh SQLite file, so that
/// the whole suite runs against both storage implementations.
pub async fn start_with(config: Config, options: Options) -> TestSandbox {
    let sandbox = if std::env::var("SANDBOX_TEST_DB").is_ok_and(|v| v == "1") {
        static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let path = std::env::temp_dir().join(format!("sandbox-test-{}-{n}.db", std::process::id()));
        let _ = std::fs::remove_file(&path);
        let store =
            appliance_sandbox::store::SqliteStore::open(&path, &appliance_sandbox::state::SCHEMA)
                .unwrap();
        let mut sb = serve(Sandbox::open(config, options, Arc::new(store)).unwrap()).await;
        sb.db = Some(path);
        sb
    } else {
        serve(Sandbox::new(config, options)).await
    };
    sandbox
}

impl Drop for TestSandbox {
    fn drop(&mut self) {
        if let Some(path) = &self.db {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
            }
        }
    }
}

/// Serves an existing sandbox (for restart tests), with the crate's own test fixture.
pub async fn serve(sandbox: Arc<Sandbox>) -> TestSandbox {
    let spawned = appliance_sandbox::testing::serve(sandbox.clone())
        .await
        .unwrap();
    TestSandbox {
        db: None,
        base: spawned.base_url(),
        sandbox,
        http: reqwest::Client::new(),
        _spawned: spawned,
    }
}

/// A response, read whole.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub text: String,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {:?}", self.text))
    }
}

impl TestSandbox {
    pub fn advance(&self, secs: u64) {
        self.sandbox.clock.advance(Duration::from_secs(secs));
    }

    pub async fn send(&self, req: reqwest::RequestBuilder) -> Answer {
        let resp = req.send().await.expect("request failed");
        Answer {
            status: resp.status().as_u16(),
            headers: resp.headers().clone(),
            // As sent: `text()` would decode by charset and drop a byte-order mark.
            text: String::from_utf8_lossy(&resp.bytes().await.unwrap()).into_owned(),
        }
    }

    pub fn omivv(&self, path: &str) -> String {
        format!("{}/Spectre/api/rest/v1{path}", self.base)
    }

    pub fn omevv(&self, path: &str) -> String {
        format!("{}/omevv/GatewayService/v1{path}", self.base)
    }

    pub fn ome(&self, path: &str) -> String {
        format!("{}/api{path}", self.base)
    }

    /// An OpenManage Enterprise session token (the OME account `admin`).
    pub async fn ome_token(&self) -> String {
        let a = self
            .send(
                self.http
                    .post(self.ome("/SessionService/Sessions"))
                    .json(&serde_json::json!({"UserName": "admin", "Password": "OmeAdmin1!", "SessionType": "API"})),
            )
            .await;
        assert_eq!(a.status, 201, "{}", a.text);
        a.headers["x-auth-token"].to_str().unwrap().to_string()
    }

    pub fn vlcm(&self, path: &str) -> String {
        format!(
            "{}/omevv/GatewayService/v1/vsphere-lcm/hw-support/v1{path}",
            self.base
        )
    }

    pub fn aria(&self, path: &str) -> String {
        format!("{}/api/ni{path}", self.base)
    }

    // --- OMIVV ---

    pub async fn omivv_login_as(&self, username: &str, password: &str) -> Answer {
        let body = json!({"apiUserCredential": {"username": username, "domain": "", "password": password}});
        self.send(
            self.http
                .post(self.omivv("/Services/AuthenticationService/login"))
                .json(&body),
        )
        .await
    }

    pub async fn omivv_token(&self) -> String {
        let a = self.omivv_login_as("admin", "admin123").await;
        assert_eq!(a.status, 200, "{}", a.text);
        a.json()["accessToken"].as_str().unwrap().to_string()
    }

    /// A session whose operational context is the first console's vCenter, entered with
    /// `vcenter_user` (`administrator` may change things, `readonly` may not).
    pub async fn omivv_token_in_context(&self, vcenter_user: &str) -> String {
        let token = self.omivv_token().await;
        let body = json!({"consoleId": FIRST_CONSOLE, "consoleUserCredential":
            {"username": vcenter_user, "domain": "vsphere.local", "password": "VMware1!"}});
        let a = self
            .send(
                self.http
                    .post(self.omivv("/Services/ConsoleService/OperationalContext"))
                    .bearer_auth(&token)
                    .json(&body),
            )
            .await;
        assert_eq!(a.status, 204, "{}", a.text);
        token
    }

    pub async fn omivv_get(&self, path: &str, token: &str) -> Answer {
        self.send(self.http.get(self.omivv(path)).bearer_auth(token))
            .await
    }

    // --- Aria ---

    pub async fn aria_login_as(&self, username: &str, password: &str) -> Answer {
        let body = json!({"username": username, "password": password,
                          "domain": {"domain_type": "LOCAL", "value": "local"}});
        self.send(self.http.post(self.aria("/auth/token")).json(&body))
            .await
    }

    pub async fn aria_token(&self, username: &str, password: &str) -> String {
        let a = self.aria_login_as(username, password).await;
        assert_eq!(a.status, 200, "{}", a.text);
        a.json()["token"].as_str().unwrap().to_string()
    }

    pub async fn admin(&self) -> String {
        self.aria_token("admin@local", "admin").await
    }

    pub fn aria_req(
        &self,
        method: reqwest::Method,
        path: &str,
        token: &str,
    ) -> reqwest::RequestBuilder {
        self.http
            .request(method, self.aria(path))
            .header("Authorization", format!("NetworkInsight {token}"))
    }

    pub async fn aria_call(
        &self,
        method: reqwest::Method,
        path: &str,
        token: &str,
        body: Option<Value>,
    ) -> Answer {
        let mut req = self.aria_req(method, path, token);
        if let Some(b) = body {
            req = req.json(&b);
        }
        self.send(req).await
    }

    /// The health of the data source `id`, as `/data-sources/health` lists it.
    pub async fn data_source_health(&self, admin: &str, id: &str) -> Value {
        let all = self
            .aria_call(reqwest::Method::GET, "/data-sources/health", admin, None)
            .await
            .json();
        all["results"]
            .as_array()
            .expect("a list of results")
            .iter()
            .find(|h| h["entity_id"] == id)
            .cloned()
            .unwrap_or_else(|| panic!("data source {id} is not in the health list: {all}"))
    }

    /// Adds a vCenter data source for the world vCenter at `ip` (collected by the first node),
    /// so that its entities are visible.
    pub async fn collect_vcenter(&self, admin: &str, ip: &str) {
        let credentials = ("administrator@vsphere.local", "VMware1!");
        self.add_source(admin, "vcenters", ip, credentials).await;
    }

    /// Adds an NSX-T manager data source for the world's NSX-T manager at `ip` (default
    /// credentials).
    pub async fn collect_nsxt(&self, admin: &str, ip: &str) -> String {
        let credentials = ("admin", "VMware1!VMware1!");
        self.add_source(admin, "nsxt-managers", ip, credentials)
            .await
    }

    /// Adds an HCX connector data source for the world's HCX connector at `ip` (default
    /// credentials); answers its id.
    pub async fn collect_hcx(&self, admin: &str, ip: &str) -> String {
        self.add_source(admin, "hcx-connectors", ip, ("admin", "VMware1!"))
            .await
    }

    /// Adds a cloud data source (`aws-accounts`, `azure-subscriptions`) with `credentials`;
    /// answers its id.
    pub async fn add_cloud(&self, admin: &str, segment: &str, credentials: Value) -> String {
        let nodes = self
            .aria_call(reqwest::Method::GET, "/infra/nodes", admin, None)
            .await
            .json();
        let body = json!({"proxy_id": nodes["results"][0]["id"], "nickname": segment,
                          "credentials": credentials});
        let path = format!("/data-sources/{segment}");
        let a = self
            .aria_call(reqwest::Method::POST, &path, admin, Some(body))
            .await;
        assert_eq!(a.status, 201, "{}", a.text);
        a.json()["entity_id"].as_str().expect("an id").to_string()
    }

    /// Adds a VMC NSX manager data source for the SDDC whose NSX manager is at `ip` with the CSP
    /// refresh token `token`, under the first vCenter data source; answers its id.
    pub async fn collect_vmc(&self, admin: &str, ip: &str, token: &str) -> String {
        let get = |path: &'static str| self.aria_call(reqwest::Method::GET, path, admin, None);
        let proxy = get("/infra/nodes").await.json()["results"][0]["id"].clone();
        let vcenter = get("/data-sources/vcenters").await.json()["results"][0]["entity_id"].clone();
        let body = json!({"ip": ip, "proxy_id": proxy, "nickname": ip, "csp_refresh_token": token,
                          "vcenter_id": vcenter});
        let a = self
            .aria_call(
                reqwest::Method::POST,
                "/data-sources/vmc-nsxmanagers",
                admin,
                Some(body),
            )
            .await;
        assert_eq!(a.status, 201, "{}", a.text);
        a.json()["entity_id"].as_str().expect("an id").to_string()
    }

    /// The default world's AWS account's credentials, and its Azure subscription's.
    pub fn aws_credentials() -> Value {
        json!({"access_key": "AKIASANDBOX000000001", "secret_key": "sandbox-aws-secret"})
    }
    pub fn azure_credentials() -> Value {
        json!({"azure_subscription": "6d1f0c2e-5a3b-4c8d-9e7f-0a1b2c3d4e5f",
               "azure_tenant": "3e8a9b7c-1d2e-4f60-8a9b-c0d1e2f3a4b5",
               "azure_client": "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d", "azure_key": "sandbox-azure-secret"})
    }

    /// Adds a Check Point firewall data source for the world's management server at `ip` with
    /// `password`; answers its id.
    pub async fn collect_checkpoint(&self, admin: &str, ip: &str, password: &str) -> String {
        self.add_source(admin, "checkpoint-firewalls", ip, ("admin", password))
            .await
    }

    /// Adds a switch data source of type `segment` (`cisco-switches`, ...) for the world's
    /// switch at `ip` with `password`; answers its id.
    pub async fn collect_switch(
        &self,
        admin: &str,
        segment: &str,
        ip: &str,
        password: &str,
    ) -> String {
        self.add_source(admin, segment, ip, ("admin", password))
            .await
    }

    async fn add_source(
        &self,
        admin: &str,
        segment: &str,
        ip: &str,
        (user, password): (&str, &str),
    ) -> String {
        let nodes = self
            .aria_call(reqwest::Method::GET, "/infra/nodes", admin, None)
            .await
            .json();
        let body = json!({"ip": ip, "proxy_id": nodes["results"][0]["id"], "nickname": ip,
                          "credentials": {"username": user, "password": password}});
        let path = format!("/data-sources/{segment}");
        let a = self
            .aria_call(reqwest::Method::POST, &path, admin, Some(body))
            .await;
        assert_eq!(a.status, 201, "{}", a.text);
        a.json()["entity_id"].as_str().expect("an id").to_string()
    }

    /// Configures and enables vIDM as the guide's sample does.
    pub async fn configure_vidm(&self, admin: &str) -> Answer {
        self.aria_call(
            reqwest::Method::POST,
            "/settings/vidm",
            admin,
            Some(json!({"vidm_appliance": "identity.domain.com",
                        "client_id": "operations_for_networks_client",
                        "client_secret": "operations_for_networks_secret",
                        "sha_thumbprint": "", "enable": true})),
        )
        .await
    }

    /// The Identity Manager's password grant, with the parameters in the query string.
    pub async fn vidm_password_grant(
        &self,
        client_id: &str,
        username: &str,
        password: &str,
    ) -> Answer {
        self.send(
            self.http
                .post(format!("{}/SAAS/auth/oauthtoken", self.base))
                .query(&[
                    ("grant_type", "password"),
                    ("client_id", client_id),
                    ("username", username),
                    ("password", password),
                ]),
        )
        .await
    }

    pub async fn vidm_login(&self, vidm_token: &str) -> Answer {
        self.send(
            self.http
                .post(self.aria("/auth/token/vidm"))
                .json(&json!({"vidm_token": vidm_token})),
        )
        .await
    }
}

pub fn assert_aria_error(a: &Answer, status: u16) {
    assert_eq!(a.status, status, "{}", a.text);
    let body = a.json();
    assert_eq!(body["code"], status, "{}", a.text);
    assert!(
        body["message"].as_str().is_some_and(|m| !m.is_empty()),
        "{}",
        a.text
    );
    assert!(body["details"].is_array(), "{}", a.text);
}

pub fn assert_omivv_error(a: &Answer, status: u16, message_contains: &str) {
    assert_eq!(a.status, status, "{}", a.text);
    let body = a.json();
    assert!(
        body["errorCode"].as_str().is_some_and(|c| !c.is_empty()),
        "{}",
        a.text
    );
    let msg = body["message"].as_str().unwrap_or_default();
    assert!(
        msg.contains(message_contains),
        "{msg:?} lacks {message_contains:?}"
    );
}

/// Starts the `appliance-sandbox` binary on a free port; answers the process and its base URL
/// (read from the first line it prints). `capture_stderr` keeps its logs for the test to read.
pub fn spawn_binary(
    args: &[&str],
    log_level: &str,
    capture_stderr: bool,
) -> (std::process::Child, String) {
    use std::io::BufRead;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_appliance-sandbox"))
        .args(["--listen", "127.0.0.1:0"])
        .args(args)
        .env("RUST_LOG", log_level)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(if capture_stderr {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .spawn()
        .unwrap();
    let mut first = String::new();
    std::io::BufReader::new(child.stdout.as_mut().unwrap())
        .read_line(&mut first)
        .unwrap();
    let base = first
        .split_whitespace()
        .last()
        .filter(|u| u.contains("://"))
        .unwrap_or_else(|| panic!("no address in {first:?}"))
        .to_string();
    (child, base)
}

/// OMIVV services and the control API, as the tests of both call them.
impl TestSandbox {
    /// `path` is below `/Services`.
    pub async fn omivv_call(
        &self,
        method: reqwest::Method,
        path: &str,
        token: &str,
        body: Option<Value>,
    ) -> Answer {
        let mut req = self
            .http
            .request(method, self.omivv(&format!("/Services{path}")))
            .bearer_auth(token);
        if let Some(b) = body {
            req = req.json(&b);
        }
        self.send(req).await
    }

    pub async fn control_call(&self, method: reqwest::Method, path: &str, body: Value) -> Answer {
        let url = format!("{}/sandbox/v1{path}", self.base);
        self.send(self.http.request(method, url).json(&body)).await
    }
}

/// A `multipart/form-data` body of one part named `part` holding `bytes`, and its content type.
pub fn multipart(part: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    let boundary = "sandbox-test-boundary";
    let mut body = format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{part}\"; filename=\"upload\"\r\nContent-Type: application/octet-stream\r\n\r\n").into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}
