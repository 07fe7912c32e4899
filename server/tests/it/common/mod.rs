//! Starts a sandbox on a free loopback port, in-process, for tests that talk HTTP to it.

use std::sync::Arc;
use std::time::Duration;

use appliance_sandbox::config::Config;
use appliance_sandbox::{Options, Sandbox};
use serde_json::{json, Value};

mod aria_sources;

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
