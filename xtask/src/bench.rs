//! `cargo xtask bench`: timings with a baseline measured in the same run, reported as medians
//! and ratios (these machines are noisy; absolute numbers are only indicative).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

use crate::gen;
use crate::spec;

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(|a, b| a.partial_cmp(b).unwrap());
    xs[xs.len() / 2]
}

fn time_ms(runs: usize, mut f: impl FnMut() -> Result<()>) -> Result<f64> {
    let mut samples = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        f()?;
        samples.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    Ok(median(samples))
}

pub fn run() -> Result<()> {
    println!("| what | median | baseline (same run) | ratio |");
    println!("|---|---|---|---|");
    bench_gen()?;
    bench_sandbox()?;
    Ok(())
}

fn bench_gen() -> Result<()> {
    let parse = time_ms(15, || spec::load_all().map(|_| ()))?;
    let generate = time_ms(15, || gen::generate_all().map(|_| ()))?;
    println!(
        "| generate all clients and stubs, in process | {generate:.1} ms | parse the specs only: {parse:.1} ms | {:.1}x |",
        generate / parse
    );
    let exe = std::env::current_exe()?;
    let spawn = |args: &[&str]| -> Result<()> {
        let status = Command::new(&exe)
            .args(args)
            .stdout(Stdio::null())
            .status()?;
        if !status.success() {
            bail!("xtask {args:?} failed");
        }
        Ok(())
    };
    let help = time_ms(10, || spawn(&["help"]))?;
    let check = time_ms(10, || spawn(&["gen", "--check"]))?;
    println!(
        "| `xtask gen --check` as a command (xtask built) | {check:.0} ms | `xtask help` (process start): {help:.0} ms | {:.1}x |",
        check / help
    );
    Ok(())
}

/// A minimal HTTP/1.1 keep-alive client, so that the measurement is the server's, not a
/// client library's.
struct Conn {
    stream: BufReader<TcpStream>,
}

impl Conn {
    fn open(addr: &str) -> Result<Self> {
        let s = TcpStream::connect(addr)?;
        s.set_nodelay(true)?;
        Ok(Self {
            stream: BufReader::new(s),
        })
    }

    fn call(
        &mut self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &str,
    ) -> Result<(u16, String)> {
        let mut req = format!(
            "{method} {path} HTTP/1.1\r\nHost: bench\r\nContent-Length: {}\r\n",
            body.len()
        );
        for (k, v) in headers {
            req.push_str(&format!("{k}: {v}\r\n"));
        }
        req.push_str("\r\n");
        req.push_str(body);
        self.stream.get_mut().write_all(req.as_bytes())?;
        let mut status_line = String::new();
        self.stream.read_line(&mut status_line)?;
        let status: u16 = status_line
            .split_whitespace()
            .nth(1)
            .context("no status")?
            .parse()?;
        let mut len = 0usize;
        loop {
            let mut line = String::new();
            self.stream.read_line(&mut line)?;
            if line == "\r\n" || line.is_empty() {
                break;
            }
            if let Some((k, v)) = line.split_once(':') {
                if k.eq_ignore_ascii_case("content-length") {
                    len = v.trim().parse()?;
                }
            }
        }
        let mut body = vec![0; len];
        self.stream.read_exact(&mut body)?;
        Ok((status, String::from_utf8_lossy(&body).into_owned()))
    }
}

fn rss_kib(pid: u32) -> Result<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
    let line = status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .context("no VmRSS")?;
    Ok(line.split_whitespace().nth(1).context("VmRSS")?.parse()?)
}

fn bench_sandbox() -> Result<()> {
    let root = spec::workspace_root();
    eprintln!("building the sandbox (release)...");
    let status = Command::new(env!("CARGO"))
        .args(["build", "--quiet", "--release", "-p", "appliance-sandbox"])
        .current_dir(&root)
        .status()?;
    if !status.success() {
        bail!("cargo build --release failed");
    }
    let mut child: Child = Command::new(root.join("target/release/appliance-sandbox"))
        .args(["--listen", "127.0.0.1:0", "--no-rate-limits"])
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()?;
    let mut first = String::new();
    BufReader::new(child.stdout.as_mut().unwrap()).read_line(&mut first)?;
    let addr = first
        .split("http://")
        .nth(1)
        .context("no address")?
        .trim()
        .to_string();
    let result = measure(&addr, child.id());
    let _ = child.kill();
    let _ = child.wait();
    result
}

fn measure(addr: &str, pid: u32) -> Result<()> {
    let mut c = Conn::open(addr)?;
    let login = r#"{"username":"admin@local","password":"admin","domain":{"domain_type":"LOCAL","value":"local"}}"#;
    let (_, body) = c.call(
        "POST",
        "/api/ni/auth/token",
        &[("Content-Type", "application/json")],
        login,
    )?;
    let token: serde_json::Value = serde_json::from_str(&body)?;
    let auth = format!(
        "NetworkInsight {}",
        token["token"].as_str().context("token")?
    );

    let per_request = |c: &mut Conn,
                       n: usize,
                       method: &str,
                       path: &str,
                       headers: &[(&str, &str)],
                       body: &str|
     -> Result<f64> {
        let mut samples = Vec::with_capacity(n);
        for _ in 0..n {
            let t = Instant::now();
            let (status, _) = c.call(method, path, headers, body)?;
            if status >= 400 {
                bail!("{method} {path} answered {status}");
            }
            samples.push(t.elapsed().as_secs_f64() * 1e6);
        }
        Ok(median(samples))
    };
    // Interleaved, so that both see the same machine: the baseline is the cheapest route.
    let (mut hs, mut vs) = (Vec::new(), Vec::new());
    for _ in 0..3000 {
        hs.push(per_request(
            &mut c,
            1,
            "GET",
            "/sandbox/v1/health",
            &[],
            "",
        )?);
        vs.push(per_request(
            &mut c,
            1,
            "GET",
            "/api/ni/info/version",
            &[("Authorization", &auth)],
            "",
        )?);
    }
    let (health, version) = (median(hs), median(vs));
    println!(
        "| authenticated Aria call (`GET /api/ni/info/version`) | {version:.0} µs | unauthenticated `GET /sandbox/v1/health`: {health:.0} µs | {:.2}x |",
        version / health
    );
    let cfg = r#"{"vidm_appliance":"identity.domain.com","client_id":"operations_for_networks_client","client_secret":"operations_for_networks_secret","enable":true}"#;
    c.call(
        "POST",
        "/api/ni/settings/vidm",
        &[
            ("Authorization", &auth),
            ("Content-Type", "application/json"),
        ],
        cfg,
    )?;
    let rss_before = rss_kib(pid)?;
    let mut samples = Vec::new();
    for i in 0..5000 {
        let body = format!(
            r#"{{"username":"user{i:05}","domain":"vidmlabs.com","display_name":"User {i}","role":"MEMBER"}}"#
        );
        let t = Instant::now();
        let (status, _) = c.call(
            "POST",
            "/api/ni/settings/users/vidm",
            &[
                ("Authorization", &auth),
                ("Content-Type", "application/json"),
            ],
            &body,
        )?;
        if status != 201 {
            bail!("add user answered {status}");
        }
        samples.push(t.elapsed().as_secs_f64() * 1e6);
    }
    let add = median(samples);
    println!(
        "| add a vIDM user (5000 in a row, in memory) | {add:.0} µs | `GET /sandbox/v1/health`: {health:.0} µs | {:.2}x |",
        add / health
    );
    let page = per_request(
        &mut c,
        500,
        "GET",
        "/api/ni/settings/users?type=vidm&size=100&cursor=MjUwMA==",
        &[("Authorization", &auth)],
        "",
    )?;
    println!(
        "| list a page of 100 of 5000 users | {page:.0} µs | `GET /sandbox/v1/health`: {health:.0} µs | {:.2}x |",
        page / health
    );
    std::thread::sleep(Duration::from_millis(200));
    let rss_after = rss_kib(pid)?;
    println!(
        "| resident memory after 5000 users | {} KiB | before them: {} KiB | {:.2}x |",
        rss_after,
        rss_before,
        rss_after as f64 / rss_before as f64
    );
    Ok(())
}
