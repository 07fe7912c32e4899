//! `cargo xtask ansible`: Dell's `omevv_*` Ansible modules (the `ansible` package from PyPI) run
//! unchanged against a fresh sandbox served over HTTPS, as the modules require, through the
//! playbook `server/tests/ansible/omevv.yml`: every module's documented modes, each followed by
//! asserts on what the module returned.

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
    let mut first = String::new();
    BufReader::new(child.stdout.as_mut().unwrap()).read_line(&mut first)?;
    let port = first
        .split_whitespace()
        .last()
        .and_then(|url| url.rsplit(':').next())
        .map(|p| p.trim_end_matches('/').to_string())
        .context("no address in the sandbox's first line")?;
    println!(
        "==> ansible-playbook server/tests/ansible/omevv.yml against https://127.0.0.1:{port}"
    );
    let ok = Command::new(&playbook)
        .arg(root.join("server/tests/ansible/omevv.yml"))
        .args(["-e", &format!("omevv_port={port}")])
        .env("ANSIBLE_NOCOLOR", "1")
        .env("ANSIBLE_LOCALHOST_WARNING", "False")
        .env("ANSIBLE_INVENTORY_UNPARSED_WARNING", "False")
        .status()?
        .success();
    let _ = child.kill();
    let _ = child.wait();
    if !ok {
        bail!("Dell's omevv_* modules failed against the sandbox (see the task above)");
    }
    println!("Dell's omevv_* Ansible modules passed against the sandbox");
    Ok(())
}
