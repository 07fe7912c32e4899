//! The sandbox at scale (issue 10's targets): 100,000 configured directory users and 100,000
//! mapped vIDM users, release build, rate limits off, default logging on. Start-up time, memory,
//! the cost of an add and of the last page against the first, and throughput under 64
//! keep-alive connections (wrk) next to a bare axum handler serving the same body and the mock
//! servers users would otherwise pick (`peers`).

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

use super::http::{rss_kib, wrk, Conn};
use super::{median, row, Limit};
use crate::spec;

const USERS: usize = 100_000;
pub(super) const SANDBOX: &str = "127.0.0.1:18080";
const BARE_AXUM: &str = "127.0.0.1:18081";
const LIST: &str = "/api/ni/settings/users?type=vidm&size=10";

pub fn run() -> Result<()> {
    let root = spec::workspace_root();
    sandbox_binary(&root)?;
    let dir = root.join("target/bench");
    std::fs::create_dir_all(&dir)?;
    let config = dir.join("100k-directory.toml");
    write_config(&config)?;
    // The SQLite file on tmpfs where there is one: the figures are the sandbox's, not the disk's.
    let shm = Path::new("/dev/shm");
    let db = if shm.is_dir() {
        shm.join("appliance-bench.db")
    } else {
        dir.join("bench.db")
    };
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }

    // 1. Fill: 100,000 adds through the API, each timed.
    let (mut child, _) = start(&root, &config, &db)?;
    let mut c = Conn::open(SANDBOX)?;
    let auth = login(&mut c)?;
    let cfg = r#"{"vidm_appliance":"identity.domain.com","client_id":"operations_for_networks_client","client_secret":"operations_for_networks_secret","enable":true}"#;
    call(&mut c, "POST", "/api/ni/settings/vidm", &auth, cfg, 201)?;
    eprintln!("adding {USERS} users...");
    let mut adds = Vec::with_capacity(USERS);
    for i in 0..USERS {
        let body =
            format!(r#"{{"username":"user{i:06}","domain":"vidmlabs.com","role":"MEMBER"}}"#);
        let t = Instant::now();
        call(
            &mut c,
            "POST",
            "/api/ni/settings/users/vidm",
            &auth,
            &body,
            201,
        )?;
        adds.push(t.elapsed().as_secs_f64() * 1e6);
    }
    stop(&mut child);
    let first = median(adds[..100].to_vec());
    let last = median(adds[USERS - 100..].to_vec());
    row(
        "add a vIDM user, p50 of the last 100 of 100,000 (SQLite on tmpfs)",
        &format!("{last:.0} µs"),
        &format!("p50 of the first 100: {first:.0} µs"),
        last / first,
        "≤ 1.5x",
        // The first hundred adds' p50 moves by half between runs (47 and 78 µs with jemalloc).
        Limit::AtMost(3.0),
    );

    // 2. Restart on that state: time to the first answer, memory.
    let (mut child, startup) = start(&root, &config, &db)?;
    let result = measure(child.id(), startup);
    stop(&mut child);
    result
}

fn measure(pid: u32, startup: Duration) -> Result<()> {
    row(
        "start-up to the first answered request, 100k directory + 100k mapped users",
        &format!("{} ms", startup.as_millis()),
        "target 2000 ms",
        startup.as_secs_f64() / 2.0,
        "≤ 1x",
        // The target itself, not twice the figure, while the rise to about 1 s is looked into
        // (BENCHMARKS.md, 2026-12-02).
        Limit::AtMost(1.0),
    );
    let mut c = Conn::open(SANDBOX)?;
    let auth = login(&mut c)?;
    let last_cursor = base64_offset(USERS - 10);
    let (mut firsts, mut lasts) = (Vec::new(), Vec::new());
    for _ in 0..2000 {
        let t = Instant::now();
        call(&mut c, "GET", LIST, &auth, "", 200)?;
        firsts.push(t.elapsed().as_secs_f64() * 1e6);
        let t = Instant::now();
        call(
            &mut c,
            "GET",
            &format!("{LIST}&cursor={last_cursor}"),
            &auth,
            "",
            200,
        )?;
        lasts.push(t.elapsed().as_secs_f64() * 1e6);
    }
    let (first, last) = (median(firsts), median(lasts));
    row(
        "the last page of 100,000 users (size=10)",
        &format!("{last:.0} µs"),
        &format!("the first page: {first:.0} µs"),
        last / first,
        "≤ 1.5x",
        Limit::AtMost(2.0),
    );
    let rss = rss_kib(pid)? as f64 / 1024.0;
    row(
        "resident memory, 100k + 100k users",
        &format!("{rss:.0} MB"),
        "target 200 MB",
        rss / 200.0,
        "≤ 1x",
        Limit::AtMost(1.5),
    );

    // 3. Throughput under 64 connections, against a bare axum handler with the same body: three
    //    rounds, each the baseline then the sandbox, and the round with the median ratio (a
    //    single 5 s pair moves by 10% on these machines).
    let (_, body) = c.call("GET", LIST, &[("Authorization", auth.as_str())], "")?;
    let bare = bare_axum(BARE_AXUM, body.clone())?;
    let header = [("Authorization", auth.as_str())];
    let mut rounds = Vec::new();
    for _ in 0..3 {
        let base = wrk(&format!("http://{BARE_AXUM}{LIST}"), 5, &[])?;
        let ours = wrk(&format!("http://{SANDBOX}{LIST}"), 5, &header)?;
        rounds.push((ours.requests_per_sec / base.requests_per_sec, base, ours));
    }
    rounds.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (_, base, ours) = rounds.swap_remove(1);
    row(
        "bare axum handler, same body (wrk -t1 -c64; the median of three rounds)",
        &format!(
            "{:.0} req/s, p99 {:.2} ms",
            base.requests_per_sec, base.p99_ms
        ),
        "baseline",
        1.0,
        "",
        Limit::Unchecked,
    );
    row(
        "sandbox: authenticated `GET /api/ni/settings/users?type=vidm&size=10`, logging on",
        &ours.summary(),
        &format!("bare axum: {:.0} req/s", base.requests_per_sec),
        ours.requests_per_sec / base.requests_per_sec,
        "≥ 0.7x, p99 ≤ 2 ms",
        Limit::AtLeast(0.35),
    );
    drop(bare);
    super::peers::run(LIST, &header, &body, &base)?;
    Ok(())
}

fn write_config(path: &Path) -> Result<()> {
    let mut text = String::with_capacity(USERS * 60);
    text.push_str("# Generated by cargo xtask bench: a directory of 100,000 users.\n");
    for i in 0..USERS {
        text.push_str(&format!(
            "[[vidm.users]]\nusername = \"user{i:06}\"\npassword = \"pw{i}\"\n"
        ));
    }
    std::fs::write(path, text)?;
    Ok(())
}

/// Starts the sandbox and answers how long it took to answer its first request.
pub(super) fn start(root: &Path, config: &Path, db: &PathBuf) -> Result<(Child, Duration)> {
    let t = Instant::now();
    let mut child = Command::new(sandbox_binary(root)?)
        .args(["--listen", SANDBOX, "--no-rate-limits", "--config"])
        .arg(config)
        .arg("--db")
        .arg(db)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    while t.elapsed() < Duration::from_secs(60) {
        if let Ok(mut c) = Conn::open(SANDBOX) {
            if let Ok((200, _)) = c.call("GET", "/sandbox/v1/health", &[], "") {
                return Ok((child, t.elapsed()));
            }
        }
        if let Some(status) = child.try_wait()? {
            bail!("the sandbox exited: {status}");
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    stop(&mut child);
    bail!("the sandbox did not answer within 60 s")
}

static SANDBOX_BIN: OnceLock<PathBuf> = OnceLock::new();

/// The release sandbox the benches start, built once per run. `BENCH_SANDBOX` names one already
/// built from the same tree instead: CI passes the wheel's static binary, so that a slow machine
/// does not build the same release twice.
pub(super) fn sandbox_binary(root: &Path) -> Result<PathBuf> {
    if let Some(bin) = SANDBOX_BIN.get() {
        return Ok(bin.clone());
    }
    let bin = match std::env::var_os("BENCH_SANDBOX") {
        Some(bin) => {
            let named = PathBuf::from(bin);
            // Absolute, so that a bare name is not looked up on PATH instead.
            let bin = std::fs::canonicalize(&named).with_context(|| {
                format!(
                    "BENCH_SANDBOX names {}, which is not there",
                    named.display()
                )
            })?;
            if !bin.is_file() {
                bail!("BENCH_SANDBOX names {}, which is not a file", bin.display());
            }
            eprintln!("the sandbox: {} (BENCH_SANDBOX)", bin.display());
            bin
        }
        None => {
            eprintln!("building the sandbox (release)...");
            let status = Command::new(env!("CARGO"))
                .args(["build", "--quiet", "--release", "-p", "appliance-sandbox"])
                .args(["--features", "jemalloc"])
                .current_dir(root)
                .status()?;
            if !status.success() {
                bail!("cargo build --release failed");
            }
            root.join("target/release/appliance-sandbox")
        }
    };
    Ok(SANDBOX_BIN.get_or_init(|| bin).clone())
}

pub(super) fn stop(child: &mut Child) {
    let _ = child.kill();
    let _ = child.wait();
}

pub(super) fn login(c: &mut Conn) -> Result<String> {
    let body = r#"{"username":"admin@local","password":"admin","domain":{"domain_type":"LOCAL","value":"local"}}"#;
    let (status, answer) = c.call(
        "POST",
        "/api/ni/auth/token",
        &[("Content-Type", "application/json")],
        body,
    )?;
    if status != 200 {
        bail!("login answered {status}: {answer}");
    }
    let v: serde_json::Value = serde_json::from_str(&answer)?;
    Ok(format!(
        "NetworkInsight {}",
        v["token"].as_str().context("token")?
    ))
}

pub(super) fn call(
    c: &mut Conn,
    method: &str,
    path: &str,
    auth: &str,
    body: &str,
    want: u16,
) -> Result<()> {
    let headers = [
        ("Authorization", auth),
        ("Content-Type", "application/json"),
    ];
    let (status, answer) = c.call(method, path, &headers, body)?;
    if status != want {
        bail!("{method} {path} answered {status}, not {want}: {answer}");
    }
    Ok(())
}

fn base64_offset(n: usize) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(n.to_string())
}

/// A bare axum server on `addr` answering `body` on every path, on its own runtime thread.
pub(super) fn bare_axum(addr: &str, body: String) -> Result<std::thread::JoinHandle<()>> {
    let listener = std::net::TcpListener::bind(addr)?;
    listener.set_nonblocking(true)?;
    Ok(std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).expect("listener");
            let app = axum::Router::new().fallback(move || {
                let body = body.clone();
                async move { ([("content-type", "application/json")], body) }
            });
            let _ = axum::serve(listener, app).await;
        });
    }))
}
