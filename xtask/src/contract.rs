//! `cargo xtask contract`: schemathesis against a running sandbox, one fresh sandbox per spec,
//! through `appliance-sandbox proxy`, whose report must then name no answer outside the spec.
//! It generates requests from each spec (valid and invalid ones) and checks that every answer
//! has a documented status, content type, headers and body schema, that invalid requests are
//! refused, and that nothing answers 5xx.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use anyhow::{bail, Context, Result};

use crate::spec;

/// One spec and how to reach and authenticate against it.
struct Target {
    spec: &'static str,
    base: &'static str,
    auth: Auth,
    /// Operations that would end the run's own session (covered by the integration tests).
    exclude: &'static [&'static str],
    /// Checks that do not apply to the API, besides `positive_data_acceptance`.
    skip_checks: &'static [&'static str],
}

enum Auth {
    None,
    OmivvBearer,
    AriaToken,
    /// A vCenter user's Basic credentials and the header naming that vCenter (vcenter01).
    OmevvBasic,
    /// An OpenManage Enterprise session's `X-Auth-Token` (the answer's header).
    OmeToken,
}

const TARGETS: &[Target] = &[
    Target {
        spec: "omivv",
        base: "/Spectre/api/rest/v1",
        auth: Auth::OmivvBearer,
        exclude: &["logoff"],
        skip_checks: &[],
    },
    Target {
        spec: "aria-networks",
        base: "/api/ni",
        auth: Auth::AriaToken,
        exclude: &["logout"],
        skip_checks: &[],
    },
    Target {
        spec: "omevv",
        base: "/omevv/GatewayService/v1",
        auth: Auth::OmevvBasic,
        exclude: &[],
        skip_checks: &[],
    },
    Target {
        spec: "vlcm",
        base: "/omevv/GatewayService/v1/vsphere-lcm/hw-support/v1",
        auth: Auth::OmevvBasic,
        exclude: &[],
        // vLCM's `DELETE /tasks/{task}` cancels a task, which stays readable as `CANCELED`.
        skip_checks: &["use_after_free"],
    },
    Target {
        spec: "ome",
        base: "/api",
        auth: Auth::OmeToken,
        // Signing out would end the run's own session.
        exclude: &["delete_session"],
        skip_checks: &[],
    },
    Target {
        spec: "vidm",
        base: "",
        auth: Auth::None,
        exclude: &[],
        skip_checks: &[],
    },
    Target {
        spec: "csp",
        base: "",
        auth: Auth::None,
        exclude: &[],
        skip_checks: &[],
    },
    Target {
        spec: "sandbox",
        base: "/sandbox/v1",
        auth: Auth::None,
        exclude: &[],
        skip_checks: &[],
    },
];

fn venv(root: &Path) -> Result<PathBuf> {
    let venv = root.join("target/contract-venv");
    let st = venv.join("bin/schemathesis");
    if !st.exists() {
        eprintln!("installing schemathesis into {}", venv.display());
        let ok = Command::new("python3")
            .args(["-m", "venv"])
            .arg(&venv)
            .status()?
            .success()
            && Command::new(venv.join("bin/pip"))
                .args(["install", "--quiet", "-r"])
                .arg(root.join("xtask/contract-requirements.txt"))
                .status()?
                .success();
        if !ok {
            bail!("could not install schemathesis (python3 -m venv, pip install)");
        }
    }
    Ok(st)
}

fn start_sandbox(root: &Path) -> Result<(Child, String)> {
    let mut child = Command::new(root.join("target/debug/appliance-sandbox"))
        .args(["--listen", "127.0.0.1:0", "--no-rate-limits"])
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .context("starting target/debug/appliance-sandbox")?;
    let mut first = String::new();
    BufReader::new(child.stdout.as_mut().unwrap()).read_line(&mut first)?;
    let base = first
        .split_whitespace()
        .last()
        .context("no address")?
        .to_string();
    Ok((child, base))
}

/// `appliance-sandbox proxy` in front of the sandbox at `upstream`; answers it and its address.
fn start_proxy(root: &Path, upstream: &str) -> Result<(Child, String)> {
    let mut child = Command::new(root.join("target/debug/appliance-sandbox"))
        .args(["proxy", "--listen", "127.0.0.1:0", "--upstream", upstream])
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .context("starting the proxy")?;
    let mut first = String::new();
    BufReader::new(child.stdout.as_mut().unwrap()).read_line(&mut first)?;
    let base = first
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .map(|w| w.trim_end_matches(',').to_string())
        .context("no address in the proxy's first line")?;
    Ok((child, base))
}

/// The divergences the proxy saw in the sandbox's answers (schemathesis sends invalid requests on
/// purpose, so the request side is not held against anyone).
fn response_divergences(proxy: &str) -> Result<Vec<String>> {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(proxy.trim_start_matches("http://"))?;
    write!(
        s,
        "GET /_proxy/report HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )?;
    let mut resp = String::new();
    s.read_to_string(&mut resp)?;
    let body = resp.split("\r\n\r\n").nth(1).unwrap_or_default();
    let report: serde_json::Value = serde_json::from_str(body).context("the proxy's report")?;
    let mut found = Vec::new();
    for o in report["operations"].as_array().into_iter().flatten() {
        for d in o["divergences"].as_array().into_iter().flatten() {
            if d["place"]
                .as_str()
                .is_some_and(|p| p.starts_with("response"))
            {
                found.push(format!(
                    "{}: {} {} {} (seen {})",
                    o["operation"], d["place"], d["pointer"], d["expected"], d["example"]
                ));
            }
        }
    }
    Ok(found)
}

/// One POST with curl-free std HTTP, JSON in; answers the status line and the body.
fn post(
    base: &str,
    path: &str,
    body: &str,
    authorization: Option<&str>,
) -> Result<(String, String)> {
    let resp = post_raw(base, path, body, authorization)?;
    let status = resp.lines().next().unwrap_or_default().to_string();
    let body = resp
        .split("\r\n\r\n")
        .nth(1)
        .unwrap_or_default()
        .to_string();
    Ok((status, body))
}

/// The whole answer to one POST: status line, headers and body.
fn post_raw(base: &str, path: &str, body: &str, authorization: Option<&str>) -> Result<String> {
    use std::io::{Read, Write};
    let addr = base.trim_start_matches("http://");
    let mut s = std::net::TcpStream::connect(addr)?;
    let auth = authorization
        .map(|a| format!("Authorization: {a}\r\n"))
        .unwrap_or_default();
    write!(
        s,
        "POST {path} HTTP/1.1\r\nHost: x\r\n{auth}Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )?;
    let mut resp = String::new();
    s.read_to_string(&mut resp)?;
    Ok(resp)
}

/// Logs in: answers the token at `field` of the JSON answer.
fn login(base: &str, path: &str, body: &str, field: &str) -> Result<String> {
    let (_, json) = post(base, path, body, None)?;
    let v: serde_json::Value = serde_json::from_str(&json)?;
    Ok(v[field]
        .as_str()
        .context("no token in the login answer")?
        .to_string())
}

pub fn run() -> Result<()> {
    let root = spec::workspace_root();
    let status = Command::new(env!("CARGO"))
        // The same target set as `cargo test --workspace` (not `--all-targets`, which adds the
        // benches' test builds), so nothing is rebuilt after the tests.
        .args([
            "build",
            "--quiet",
            "--workspace",
            "--lib",
            "--bins",
            "--tests",
            "--examples",
        ])
        .current_dir(&root)
        .status()?;
    if !status.success() {
        bail!("cargo build failed");
    }
    let st = venv(&root)?;
    let mut failed = Vec::new();
    for t in TARGETS {
        let (mut child, base) = start_sandbox(&root)?;
        let (mut proxy, proxied) = start_proxy(&root, &base)?;
        let headers: Vec<String> = match t.auth {
            Auth::None => vec![],
            Auth::OmeToken => {
                let resp = post_raw(
                    &base,
                    "/api/SessionService/Sessions",
                    r#"{"UserName":"admin","Password":"OmeAdmin1!","SessionType":"API"}"#,
                    None,
                )?;
                let token = resp
                    .lines()
                    .find_map(|l| {
                        let (name, value) = l.split_once(':')?;
                        name.eq_ignore_ascii_case("x-auth-token")
                            .then(|| value.trim().to_string())
                    })
                    .context("no X-Auth-Token in the session answer")?;
                vec![format!("X-Auth-Token: {token}")]
            }
            Auth::OmevvBasic => vec![
                // administrator@vsphere.local / VMware1!, and vcenter01's console uuid.
                "Authorization: Basic YWRtaW5pc3RyYXRvckB2c3BoZXJlLmxvY2FsOlZNd2FyZTEh".into(),
                "x_omivv-api-vcenter-identifier: c3f79ba6-3240-53d1-870c-9011162e01ab".into(),
            ],
            Auth::OmivvBearer => {
                let token = login(
                    &base,
                    "/Spectre/api/rest/v1/Services/AuthenticationService/login",
                    r#"{"apiUserCredential":{"username":"admin","domain":"","password":"admin123"}}"#,
                    "accessToken",
                )?;
                // With an operational context, the services that act on a vCenter answer more
                // than 403 (a failed attempt to set another one keeps it).
                let bearer = format!("Bearer {token}");
                let (status, body) = post(
                    &base,
                    "/Spectre/api/rest/v1/Services/ConsoleService/OperationalContext",
                    r#"{"consoleId":"6f1c3c1e-4a38-4c1b-9a0e-2f4f0c1d9b11","consoleUserCredential":{"username":"administrator","domain":"vsphere.local","password":"VMware1!"}}"#,
                    Some(&bearer),
                )?;
                if !status.contains(" 204") {
                    bail!("setting the OMIVV operational context: {status} {body}");
                }
                vec![format!("Authorization: {bearer}")]
            }
            Auth::AriaToken => vec![format!(
                "Authorization: NetworkInsight {}",
                login(
                    &base,
                    "/api/ni/auth/token",
                    r#"{"username":"admin@local","password":"admin","domain":{"domain_type":"LOCAL","value":"local"}}"#,
                    "token"
                )?
            )],
        };
        let mut cmd = Command::new(&st);
        cmd.arg("run")
            .arg(root.join(format!("openapi/{}.yaml", t.spec)))
            // Through the proxy: schemathesis checks the answers, the proxy's report also names
            // fields the schemas do not (which JSON Schema itself allows).
            .args(["--url", &format!("{proxied}{}", t.base)])
            .args([
                "--max-examples",
                "25",
                "--seed",
                "20261122",
                "--workers",
                "1",
            ])
            // The appliances answer 400 to some schema-valid requests on purpose (a cursor past
            // the end, a wrong client secret, vIDM not configured): that check does not apply.
            .args([
                "--exclude-checks",
                &["positive_data_acceptance"]
                    .iter()
                    .chain(t.skip_checks)
                    .copied()
                    .collect::<Vec<_>>()
                    .join(","),
            ])
            .args(["--report", "junit", "--report-dir"])
            .arg(root.join(format!("target/contract/{}", t.spec)))
            .env("NO_COLOR", "1");
        for h in &headers {
            cmd.args(["--header", h]);
        }
        for op in t.exclude {
            cmd.args(["--exclude-operation-id", op]);
        }
        println!(
            "==> schemathesis: openapi/{}.yaml against {proxied}{} (the proxy, in front of the sandbox at {base})",
            t.spec, t.base
        );
        let ok = cmd.status()?.success();
        let answers = response_divergences(&proxied);
        for c in [&mut child, &mut proxy] {
            let _ = c.kill();
            let _ = c.wait();
        }
        match answers {
            Ok(none) if none.is_empty() => {}
            Ok(found) => {
                eprintln!("the proxy found answers outside {}.yaml:", t.spec);
                for f in found {
                    eprintln!("  {f}");
                }
                failed.push(t.spec);
                continue;
            }
            Err(e) => {
                eprintln!("{e}");
                failed.push(t.spec);
                continue;
            }
        }
        if !ok {
            failed.push(t.spec);
        }
    }
    if !failed.is_empty() {
        bail!("contract tests failed for: {}", failed.join(", "));
    }
    println!("contract tests passed for {} specs", TARGETS.len());
    readme_python_example(&root, &st)
}

/// Runs the README's Python example (Dell's sample flow) against a fresh sandbox, so that the
/// front door stays true.
fn readme_python_example(root: &Path, schemathesis: &Path) -> Result<()> {
    let readme = std::fs::read_to_string(root.join("README.md"))?;
    let code = readme
        .split("```python\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .context("README.md has no ```python example")?;
    let (mut child, base) = start_sandbox(root)?;
    let code = code.replace("http://127.0.0.1:8080", &base);
    // The venv that holds schemathesis also holds `requests`.
    let python = schemathesis.with_file_name("python");
    let ok = Command::new(python)
        .arg("-c")
        .arg(&code)
        .status()?
        .success();
    let _ = child.kill();
    let _ = child.wait();
    if !ok {
        bail!("the README's Python example failed against the sandbox");
    }
    println!("the README's Python example runs against the sandbox");
    Ok(())
}
