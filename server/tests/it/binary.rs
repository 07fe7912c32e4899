//! The `appliance-sandbox` binary: flags, config file, logs without secrets, graceful shutdown.

use crate::common;

use std::io::Read;
use std::process::{Child, Command};

use appliance_sandbox::config::Config;

fn spawn(args: &[&str]) -> (Child, String) {
    common::spawn_binary(args, "info", true)
}

fn terminate(mut child: Child) -> (bool, String, String) {
    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    let status = child.wait().unwrap();
    let mut out = String::new();
    let mut err = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut out)
        .unwrap();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    (status.success(), out, err)
}

#[test]
fn the_example_config_parses_and_matches_the_defaults() {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/sandbox.example.toml"))
            .unwrap();
    let example = Config::from_toml(&text).unwrap();
    let default = Config::default();
    assert_eq!(format!("{example:?}"), format!("{default:?}"));
    assert!(Config::from_toml("[omivv]\nsesion_minutes = 5\n")
        .unwrap_err()
        .contains("sesion_minutes"));
}

#[test]
fn help_lists_the_flags() {
    let out = Command::new(env!("CARGO_BIN_EXE_appliance-sandbox"))
        .arg("--help")
        .output()
        .unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    for flag in [
        "--listen",
        "--config",
        "--no-rate-limits",
        "--tls",
        "--cert",
        "--key",
        "SANDBOX_LISTEN",
    ] {
        assert!(help.contains(flag), "--help lacks {flag}:\n{help}");
    }
}

/// Boolean variables as users write them (`1`, `yes`, `true`, ...), and errors that name the
/// variable when the bad value came from the environment.
#[test]
fn environment_variables_take_the_usual_booleans_and_errors_name_them() {
    let run = |vars: &[(&str, &str)], args: &[&str]| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_appliance-sandbox"));
        cmd.args(["--listen", "127.0.0.1:0"])
            .args(args)
            .env("RUST_LOG", "warn");
        for (k, v) in vars {
            cmd.env(k, v);
        }
        let mut child = cmd
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // A sandbox that starts prints its banner, ending with its `state:` line (and the
        // request limits right after it); stop it there. Read as it comes rather than after a
        // fixed wait: a loaded machine may take seconds to start it.
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in std::io::BufRead::lines(std::io::BufReader::new(stdout)) {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut out = String::new();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        let mut banner_ended = false;
        loop {
            let wait = if banner_ended {
                std::time::Duration::from_millis(300)
            } else {
                deadline.saturating_duration_since(std::time::Instant::now())
            };
            match rx.recv_timeout(wait) {
                Ok(line) => {
                    banner_ended |= line.starts_with("  state:");
                    out.push_str(&line);
                    out.push('\n');
                }
                // Exited (a refused value), or the banner's last line came and went.
                Err(_) => break,
            }
        }
        let _ = child.kill();
        let rest = child.wait_with_output().unwrap();
        (
            rest.status.code(),
            out,
            String::from_utf8_lossy(&rest.stderr).into_owned(),
        )
    };
    for yes in ["1", "true", "yes", "on", "TRUE"] {
        let (_, out, err) = run(
            &[("SANDBOX_TLS", yes), ("SANDBOX_NO_RATE_LIMITS", yes)],
            &[],
        );
        assert!(out.contains("listening on https://"), "{yes}: {out}{err}");
        assert!(out.contains("request limits: off"), "{yes}: {out}");
    }
    for no in ["0", "false", "no", "off"] {
        let (_, out, err) = run(&[("SANDBOX_TLS", no), ("SANDBOX_NO_CONTROL", no)], &[]);
        assert!(out.contains("listening on http://"), "{no}: {out}{err}");
        assert!(out.contains("sandbox control API"), "{no}: {out}");
    }
    let (code, _, err) = run(&[("SANDBOX_TLS", "maybe")], &[]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("SANDBOX_TLS") && err.contains("\"maybe\""),
        "{err}"
    );
    let (code, _, err) = run(&[("SANDBOX_MAX_CONNECTIONS", "lots")], &[]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("SANDBOX_MAX_CONNECTIONS") && err.contains("invalid digit"),
        "{err}"
    );
    // The same bad value on the command line is clap's own error, naming the flag.
    let (code, _, err) = run(&[], &["--max-connections", "lots"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("--max-connections") && !err.contains("SANDBOX_"),
        "{err}"
    );
}

#[test]
fn a_bad_config_file_is_a_clear_error() {
    let path = std::env::temp_dir().join(format!("bad-sandbox-{}.toml", std::process::id()));
    std::fs::write(&path, "[omivv]\nmax_sessions = \"ten\"\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_appliance-sandbox"))
        .args(["--config", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("max_sessions"), "{err}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logs_one_line_per_request_without_secrets_and_stops_on_sigterm() {
    let config = concat!(env!("CARGO_MANIFEST_DIR"), "/sandbox.example.toml");
    let (child, base) = spawn(&["--config", config]);
    let http = reqwest::Client::new();
    let login = http
        .post(format!("{base}/api/ni/auth/token"))
        .json(
            &serde_json::json!({"username": "admin@local", "password": "admin",
                                   "domain": {"domain_type": "LOCAL", "value": "local"}}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), 200);
    let token = login.json::<serde_json::Value>().await.unwrap()["token"]
        .as_str()
        .unwrap()
        .to_string();
    let version = http
        .get(format!("{base}/api/ni/info/version"))
        .header("Authorization", format!("NetworkInsight {token}"))
        .send()
        .await
        .unwrap();
    assert_eq!(version.status(), 200);
    let grant = http
        .post(format!(
            "{base}/SAAS/auth/oauthtoken?grant_type=password&client_id=c&username=testuser&password=vidm-password"
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(grant.status(), 401);

    let (ok, out, err) = terminate(child);
    assert!(ok, "exit on SIGTERM should be clean; stderr:\n{err}");
    let logs = format!("{out}{err}");
    let lines: Vec<&str> = logs.lines().filter(|l| l.contains("request_id")).collect();
    assert_eq!(lines.len(), 3, "{logs}");
    assert!(
        lines[1].contains("method=GET")
            && lines[1].contains("path=/api/ni/info/version")
            && lines[1].contains("status=200")
    );
    assert!(lines.iter().all(|l| l.contains("latency_ms")));
    for secret in ["vidm-password", "admin\"", &token, "NetworkInsight"] {
        assert!(!logs.contains(secret), "logs contain {secret:?}:\n{logs}");
    }
    assert!(out.contains("stopped"), "{out}");
}

// Multi-threaded, so that dropped client connections get closed while `terminate` blocks.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tls_serves_https_with_a_generated_certificate() {
    let (child, base) = spawn(&["--tls"]);
    assert!(base.starts_with("https://"), "{base}");
    let https = base;
    let http = reqwest::Client::builder()
        .tls_danger_accept_invalid_certs(true)
        // No idle keep-alive connection for the graceful shutdown to wait on.
        .pool_max_idle_per_host(0)
        .build()
        .unwrap();
    let a = http
        .get(format!("{https}/api/ni/auth/vidm/client-id"))
        .send()
        .await
        .unwrap();
    assert_eq!(a.status(), 403);
    // The certificate is self-signed: a verifying client refuses it, as with the real appliance.
    let strict = reqwest::Client::new();
    assert!(strict
        .get(format!("{https}/api/ni/auth/vidm/client-id"))
        .send()
        .await
        .is_err());
    drop((http, strict));
    let started = std::time::Instant::now();
    let (ok, _, _) = terminate(child);
    assert!(ok);
    assert!(
        started.elapsed().as_secs() < 5,
        "graceful shutdown waited on closed clients"
    );
}

#[test]
fn health_check_says_whether_a_sandbox_answers_at_the_listen_address() {
    let check = |listen: &str| {
        Command::new(env!("CARGO_BIN_EXE_appliance-sandbox"))
            .args(["--health-check", "--listen", listen])
            .output()
            .unwrap()
    };
    let (mut child, base) = common::spawn_binary(&[], "warn", false);
    let addr = base.trim_start_matches("http://").to_string();
    let up = check(&addr);
    // As a container checks itself: 0.0.0.0 means this machine.
    let port = addr.rsplit(':').next().unwrap();
    let unspecified = check(&format!("0.0.0.0:{port}"));
    child.kill().unwrap();
    child.wait().unwrap();
    let down = check(&addr);
    assert!(
        up.status.success(),
        "{}",
        String::from_utf8_lossy(&up.stderr)
    );
    assert!(unspecified.status.success());
    assert!(!down.status.success());
    assert!(String::from_utf8_lossy(&down.stderr).contains("unhealthy"));
}
