//! A login flood (issue 26): 64 connections sending wrong Aria passwords as fast as they can
//! for 10 s, rate limits off so that every request reaches the password check. Resident memory
//! before, at its peak during, and 3 s after the flood; and the latency of an authenticated read
//! that needs no password check, alone and during the flood.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

use super::http::{rss_kib, Conn};
use super::scale::{login, sandbox_binary, stop};
use super::{row, Limit};
use crate::spec;

const ADDR: &str = "127.0.0.1:18083";
const SECONDS: u32 = 10;

const FLOOD_LUA: &str = r#"
wrk.method = "POST"
wrk.body = '{"username":"admin@local","password":"wrong","domain":{"domain_type":"LOCAL","value":"local"}}'
wrk.headers["Content-Type"] = "application/json"
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) refused = 0; busy = 0; other = 0 end
function response(status, headers, body)
  if status == 401 then refused = refused + 1
  elseif status == 503 then busy = busy + 1
  else other = other + 1 end
end
function done(summary, latency, requests)
  for _, t in ipairs(threads) do
    io.write(string.format("statuses: 401=%d 503=%d other=%d\n", t:get("refused"), t:get("busy"), t:get("other")))
  end
end
"#;

pub fn run() -> Result<()> {
    let root = spec::workspace_root();
    let sandbox = sandbox_binary(&root)?;
    let dir = root.join("target/bench");
    std::fs::create_dir_all(&dir)?;
    let script = dir.join("login-flood.lua");
    std::fs::write(&script, FLOOD_LUA)?;
    let mut child = Command::new(&sandbox)
        .args(["--listen", ADDR, "--no-rate-limits"])
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .spawn()?;
    let started = Instant::now();
    let mut conn = loop {
        if let Ok(mut c) = Conn::open(ADDR) {
            if let Ok((200, _)) = c.call("GET", "/sandbox/v1/health", &[], "") {
                break c;
            }
        }
        if started.elapsed() > Duration::from_secs(30) {
            stop(&mut child);
            bail!("the sandbox did not start");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let auth = login(&mut conn)?;
    let probe = format!("http://{ADDR}/api/ni/info/version");
    let alone = super::http::wrk_with(&probe, 5, 4, &[("Authorization", &auth)])?;
    std::thread::sleep(Duration::from_secs(1));
    let idle = rss_kib(child.id())?;

    let flood = {
        let script = script.clone();
        std::thread::spawn(move || {
            Command::new("wrk")
                .args(["-t1", "-c64", &format!("-d{SECONDS}s"), "-s"])
                .arg(&script)
                .arg(format!("http://{ADDR}/api/ni/auth/token"))
                .output()
        })
    };
    let pid = child.id();
    let sampler = std::thread::spawn(move || {
        let mut peak = 0;
        let until = Instant::now() + Duration::from_secs(u64::from(SECONDS));
        while Instant::now() < until {
            peak = peak.max(rss_kib(pid).unwrap_or(0));
            std::thread::sleep(Duration::from_millis(100));
        }
        peak
    });
    std::thread::sleep(Duration::from_secs(1));
    let during = super::http::wrk_with(&probe, SECONDS - 3, 4, &[("Authorization", &auth)])?;
    let flood = flood.join().expect("the flood thread")?;
    let peak = sampler.join().expect("the sampler thread");
    let flood_text = String::from_utf8_lossy(&flood.stdout).into_owned();
    std::thread::sleep(Duration::from_secs(3));
    let after = rss_kib(child.id())?;
    // Still answering logins afterwards.
    let again = login(&mut Conn::open(ADDR)?);
    stop(&mut child);
    again.context("a login after the flood")?;
    let statuses = flood_text
        .lines()
        .find(|l| l.starts_with("statuses:"))
        .unwrap_or("statuses: unknown")
        .trim_start_matches("statuses: ")
        .to_string();
    let mib = |kib: u64| kib as f64 / 1024.0;
    row(
        &format!("RSS 3 s after a {SECONDS} s flood of 64 concurrent wrong-password logins (answers {statuses})"),
        &format!("{:.0} MB", mib(after)),
        &format!("before the flood: {:.0} MB", mib(idle)),
        after as f64 / idle as f64,
        "≤ 1.5x",
        Limit::AtMost(1.5),
    );
    row(
        "peak RSS during the login flood",
        &format!("{:.0} MB", mib(peak)),
        &format!("before the flood: {:.0} MB", mib(idle)),
        peak as f64 / idle as f64,
        "≤ 2x",
        Limit::AtMost(2.0),
    );
    row(
        "an authenticated read during the login flood (4 connections), p99",
        &during.summary(),
        &format!("alone: {}", alone.summary()),
        during.p99_ms / alone.p99_ms.max(0.05),
        "report",
        Limit::Unchecked,
    );
    Ok(())
}
