//! The container, built and run as users run it: the Dockerfile's `prebuilt` target from the
//! static binary (no base image can be pulled here), then the image started over HTTP and over
//! HTTPS with a read-only root file system, its `HEALTHCHECK` waited for, a login through it,
//! its user checked (not root), the version on its label compared with the binary's and the
//! crate's, and the Testcontainers recipe of the README run against it.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

use super::{output, run};

const IMAGE: &str = "appliance-sandbox:ci";

/// A login through the container, over HTTP or HTTPS (the certificate is self-signed).
pub(super) const LOGIN_PY: &str = r#"
import json, ssl, sys, urllib.request
base = sys.argv[1]
body = json.dumps({"username": "admin@local", "password": "admin",
                   "domain": {"domain_type": "LOCAL", "value": "local"}}).encode()
req = urllib.request.Request(base + "/api/ni/auth/token", data=body,
                             headers={"Content-Type": "application/json"})
context = ssl._create_unverified_context()
with urllib.request.urlopen(req, context=context, timeout=10) as r:
    assert r.status == 200 and json.load(r)["token"], r.status
print("logged in through", base)
"#;

pub fn check(root: &Path, binary: &Path, python: &Path, version: &str) -> Result<()> {
    let context = root.join("target/container-context");
    let _ = std::fs::remove_dir_all(&context);
    std::fs::create_dir_all(&context)?;
    std::fs::copy(binary, context.join("appliance-sandbox"))?;
    run(Command::new("docker")
        .args(["build", "--quiet", "--target", "prebuilt", "--build-arg"])
        .arg(format!("VERSION={version}"))
        .args(["-t", IMAGE, "-f"])
        .arg(root.join("Dockerfile"))
        .arg(&context)
        // The classic builder: what Debian's docker.io has, and it needs no image but scratch.
        .env("DOCKER_BUILDKIT", "0"))?;
    let inspect = |format: &str, what: &str| -> Result<String> {
        Ok(
            output(Command::new("docker").args(["inspect", "-f", format, what]))?
                .trim()
                .to_string(),
        )
    };
    let size: f64 = inspect("{{.Size}}", IMAGE)?.parse()?;
    println!("the image is {:.1} MB", size / 1e6);
    let label = inspect(
        "{{index .Config.Labels \"org.opencontainers.image.version\"}}",
        IMAGE,
    )?;
    let reported = output(Command::new(binary).arg("--version"))?;
    if label != version || reported.trim() != format!("appliance-sandbox {version}") {
        bail!("versions differ: crate {version}, image label {label}, binary {reported:?}");
    }
    let user = inspect("{{.Config.User}}", IMAGE)?;
    if user.is_empty() || user.starts_with("0") || user.starts_with("root") {
        bail!("the image runs as root ({user:?})");
    }

    for (scheme, port, env) in [
        ("http", 8080, vec![]),
        (
            "https",
            8443,
            vec!["SANDBOX_TLS=1", "SANDBOX_LISTEN=0.0.0.0:8443"],
        ),
    ] {
        let mut cmd = Command::new("docker");
        cmd.args(["run", "-d", "--rm", "--read-only", "-p"])
            .arg(format!("127.0.0.1::{port}"));
        for e in &env {
            cmd.args(["-e", e]);
        }
        let id = output(cmd.arg(IMAGE))?.trim().to_string();
        let result = exercise(&id, scheme, port, python, &inspect);
        let _ = Command::new("docker").args(["rm", "-f", &id]).output();
        result?;
    }

    println!("==> the README's Testcontainers recipe against {IMAGE}");
    run(Command::new(python)
        .arg(root.join("python/examples/testcontainers_example.py"))
        .env("APPLIANCE_SANDBOX_IMAGE", IMAGE)
        // Ryuk, Testcontainers' reaper, is an image that cannot be pulled here.
        .env("TESTCONTAINERS_RYUK_DISABLED", "true"))?;
    Ok(())
}

/// Waits for the container's health check, logs in through it, and checks whom it runs as.
fn exercise(
    id: &str,
    scheme: &str,
    port: u16,
    python: &Path,
    inspect: &dyn Fn(&str, &str) -> Result<String>,
) -> Result<()> {
    let started = Instant::now();
    loop {
        match inspect("{{.State.Health.Status}}", id)?.as_str() {
            "healthy" => break,
            "unhealthy" => bail!("the {scheme} container is unhealthy"),
            _ if started.elapsed() > Duration::from_secs(60) => {
                bail!("the {scheme} container never became healthy")
            }
            _ => std::thread::sleep(Duration::from_millis(500)),
        }
    }
    println!(
        "the {scheme} container is healthy after {:.1} s",
        started.elapsed().as_secs_f64()
    );
    if inspect("{{.HostConfig.ReadonlyRootfs}}", id)? != "true" {
        bail!("the container's root file system is writable");
    }
    let mapped = output(Command::new("docker").args(["port", id, &port.to_string()]))?;
    let host_port = mapped
        .lines()
        .next()
        .and_then(|l| l.rsplit(':').next())
        .context("no mapped port")?
        .trim()
        .to_string();
    run(Command::new(python)
        .args(["-c", LOGIN_PY])
        .arg(format!("{scheme}://127.0.0.1:{host_port}")))?;
    let top = output(Command::new("docker").args(["top", id, "-o", "uid,cmd"]))?;
    if top
        .lines()
        .skip(1)
        .any(|l| l.trim_start().starts_with("0 "))
    {
        bail!("the sandbox runs as root in its container:\n{top}");
    }
    Ok(())
}
