//! `cargo xtask ansible`: Dell's `omevv_*` Ansible modules (the `ansible` package from PyPI) run
//! unchanged against a fresh sandbox served over HTTPS, as the modules require, through the
//! playbook `server/tests/ansible/omevv.yml`: every module's documented modes, each followed by
//! asserts on what the module returned. The modules talk to the sandbox through
//! `appliance-sandbox proxy`, whose conformance report must then list no divergence: what the
//! modules send and what the sandbox answers both hold to the specs.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{bail, Context, Result};

use crate::spec;

fn venv(root: &Path) -> Result<PathBuf> {
    let venv = root.join("target/ansible-venv");
    let playbook = venv.join("bin/ansible-playbook");
    if !playbook.exists() {
        eprintln!("installing ansible into {}", venv.display());
        let ok = Command::new("python3")
            .args(["-m", "venv"])
            .arg(&venv)
            .status()?
            .success()
            && Command::new(venv.join("bin/pip"))
                .args(["install", "--quiet", "-r"])
                .arg(root.join("xtask/ansible-requirements.txt"))
                .status()?
                .success();
        if !ok {
            bail!("could not install ansible (python3 -m venv, pip install)");
        }
    }
    Ok(playbook)
}

pub fn run() -> Result<()> {
    let root = spec::workspace_root();
    let status = Command::new(env!("CARGO"))
        .args(["build", "--quiet", "-p", "appliance-sandbox"])
        .current_dir(&root)
        .status()?;
    if !status.success() {
        bail!("cargo build failed");
    }
    let playbook = venv(&root)?;
    let mut child = Command::new(root.join("target/debug/appliance-sandbox"))
        .args(["--listen", "127.0.0.1:0", "--tls", "--no-rate-limits"])
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .context("starting target/debug/appliance-sandbox")?;
    let port = first_port(&mut child)?;
    let mut proxy = Command::new(root.join("target/debug/appliance-sandbox"))
        .args([
            "proxy",
            "--listen",
            "127.0.0.1:0",
            "--tls",
            "--insecure-upstream",
        ])
        .args(["--upstream", &format!("https://127.0.0.1:{port}")])
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .context("starting the proxy")?;
    let proxy_port = first_port(&mut proxy)?;
    println!(
        "==> ansible-playbook server/tests/ansible/omevv.yml against https://127.0.0.1:{proxy_port} (the proxy, in front of the sandbox at {port})"
    );
    let ok = Command::new(&playbook)
        .arg(root.join("server/tests/ansible/omevv.yml"))
        .args(["-e", &format!("omevv_port={proxy_port}")])
        .env("ANSIBLE_NOCOLOR", "1")
        .env("ANSIBLE_LOCALHOST_WARNING", "False")
        .env("ANSIBLE_INVENTORY_UNPARSED_WARNING", "False")
        .status()?
        .success();
    let report = report(proxy_port);
    for c in [&mut child, &mut proxy] {
        let _ = c.kill();
        let _ = c.wait();
    }
    if !ok {
        bail!("Dell's omevv_* modules failed against the sandbox (see the task above)");
    }
    let report = report?;
    // The playbook's control calls (/sandbox/v1) are the sandbox's own, in no appliance's spec.
    let appliance_unknown: Vec<&serde_json::Value> = report["undocumented_operations"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|u| {
            !u["request"]
                .as_str()
                .unwrap_or("")
                .contains(" /sandbox/v1/")
        })
        .collect();
    let divergences: Vec<&serde_json::Value> = report["operations"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|o| o["divergences"].as_array().is_some_and(|d| !d.is_empty()))
        .collect();
    if !divergences.is_empty() || !appliance_unknown.is_empty() {
        bail!(
            "the proxy saw exchanges outside the specs: {}",
            serde_json::to_string_pretty(&(divergences, appliance_unknown))?
        );
    }
    let calls: u64 = report["operations"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|o| o["calls"].as_u64())
        .sum();
    println!("the proxy held {calls} exchanges of the modules to the specs: no divergence");
    println!("Dell's omevv_* Ansible modules passed against the sandbox");
    Ok(())
}

/// The port in the first line a sandbox or proxy prints (`... listening on https://127.0.0.1:N`).
fn first_port(child: &mut std::process::Child) -> Result<String> {
    let mut first = String::new();
    BufReader::new(child.stdout.as_mut().context("no stdout")?).read_line(&mut first)?;
    first
        .split_whitespace()
        .find(|w| w.starts_with("https://"))
        .and_then(|url| url.trim_end_matches(',').rsplit(':').next())
        .map(|p| p.trim_end_matches('/').to_string())
        .context("no address in the first line")
}

/// The proxy's conformance report (over HTTPS with its self-signed certificate, hence curl -k).
fn report(port: String) -> Result<serde_json::Value> {
    let out = Command::new("curl")
        .args(["-sfk", &format!("https://127.0.0.1:{port}/_proxy/report")])
        .output()
        .context("curl")?;
    if !out.status.success() {
        bail!("could not read the proxy's report");
    }
    Ok(serde_json::from_slice(&out.stdout)?)
}
