//! The README's runnable examples, run against a sandbox on the address they name
//! (`127.0.0.1:8080`): every `sh` block made only of `curl` calls, each call made to fail on an
//! HTTP error status, and every `python` block that talks to that address, run with the wheel's
//! Python. The sandbox is reset between blocks. The other blocks are run elsewhere (the pytest
//! and Rust examples are files CI runs, see `xtask/tests/it/readme.rs`; the container commands
//! by `container`), or name machines that do not exist (the client's `example.com`).

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};

use super::run;

const ADDR: &str = "127.0.0.1:8080";

/// The fenced blocks of `markdown`, as (language, text).
fn blocks(markdown: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut current: Option<(String, String)> = None;
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(lang))) => {
                current = Some((lang.to_string(), String::new()));
            }
            Event::Text(text) => {
                if let Some((_, body)) = current.as_mut() {
                    body.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => out.extend(current.take()),
            _ => {}
        }
    }
    out
}

/// A shell block whose every command is a `curl` call (comments and continuations aside).
fn only_curl(body: &str) -> bool {
    let mut continued = false;
    let mut any = false;
    for line in body.lines() {
        let trimmed = line.trim();
        let command = !continued && !trimmed.is_empty() && !trimmed.starts_with('#');
        if command {
            if !trimmed.starts_with("curl ") {
                return false;
            }
            any = true;
        }
        continued = trimmed.ends_with('\\');
    }
    any
}

pub fn check(root: &Path, binary: &Path, python: &Path) -> Result<()> {
    let readme = std::fs::read_to_string(root.join("README.md"))?;
    let runnable: Vec<(String, String)> = blocks(&readme)
        .into_iter()
        .filter(|(lang, body)| {
            (lang == "sh" && only_curl(body))
                || (lang == "python" && body.contains(&format!("http://{ADDR}")))
        })
        .collect();
    if runnable.len() < 4 {
        bail!("only {} runnable README examples found", runnable.len());
    }
    if std::net::TcpStream::connect(ADDR).is_ok() {
        bail!("{ADDR} is taken: the README's examples need it free");
    }
    let mut sandbox = Command::new(binary)
        .args(["--listen", ADDR])
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .spawn()?;
    let result = (|| -> Result<()> {
        let started = Instant::now();
        while std::net::TcpStream::connect(ADDR).is_err() {
            if started.elapsed() > Duration::from_secs(20) {
                bail!("the sandbox did not start on {ADDR}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        for (i, (lang, body)) in runnable.iter().enumerate() {
            run(Command::new("curl")
                .args(["-sf", "-X", "POST"])
                .arg(format!("http://{ADDR}/sandbox/v1/reset")))?;
            let first = body.lines().next().unwrap_or_default();
            println!("README example {} ({lang}): {first}", i + 1);
            let status = if lang == "sh" {
                // Each call fails the block on an HTTP error status, as the examples promise.
                let script = format!(
                    "set -euo pipefail\ncurl() {{ command curl --fail-with-body \"$@\"; echo; }}\n{body}"
                );
                Command::new("bash").arg("-c").arg(script).status()
            } else {
                Command::new(python).arg("-c").arg(body).status()
            }
            .context("running a README example")?;
            if !status.success() {
                bail!("README example {} ({lang}) failed:\n{body}", i + 1);
            }
        }
        Ok(())
    })();
    let _ = sandbox.kill();
    let _ = sandbox.wait();
    result
}
