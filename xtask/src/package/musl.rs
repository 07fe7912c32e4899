//! The musl static binary, what the release's standalone Linux download and musllinux wheel
//! carry: built for `x86_64-unknown-linux-musl` with Debian's musl-tools (rusqlite's SQLite,
//! aws-lc and jemalloc are C), checked static, its version compared, then started and logged in
//! to over HTTP and HTTPS.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Result};

use super::container::LOGIN_PY;
use super::{free_port, output, run};

pub const TARGET: &str = "x86_64-unknown-linux-musl";

pub fn check(root: &Path, python: &Path, version: &str) -> Result<()> {
    let installed = output(Command::new("rustup").args(["target", "list", "--installed"]))?;
    if !installed.lines().any(|l| l.trim() == TARGET) {
        bail!("the {TARGET} target is not installed: `rustup target add {TARGET}`");
    }
    if output(Command::new("sh").args(["-c", "command -v musl-gcc || true"]))?
        .trim()
        .is_empty()
    {
        bail!("musl-gcc is not on PATH: Debian's musl-tools builds the C dependencies (`apt-get install musl-tools`)");
    }
    let started = Instant::now();
    run(Command::new(env!("CARGO"))
        .args([
            "build",
            "--release",
            "--locked",
            "--features",
            "jemalloc",
            "--target",
            TARGET,
        ])
        .args(["-p", "appliance-sandbox"])
        .current_dir(root))?;
    let binary = root.join(format!("target/{TARGET}/release/appliance-sandbox"));
    println!(
        "built {} in {:.0} s",
        binary.display(),
        started.elapsed().as_secs_f64()
    );
    let ldd = output(Command::new("ldd").arg(&binary))?;
    if !(ldd.contains("not a dynamic executable") || ldd.contains("statically linked")) {
        bail!("{} is dynamically linked:\n{ldd}", binary.display());
    }
    let reported = output(Command::new(&binary).arg("--version"))?;
    if reported.trim() != format!("appliance-sandbox {version}") {
        bail!("the musl binary reports {reported:?}, the crate is {version}");
    }
    let size = std::fs::metadata(&binary)?.len();
    println!(
        "{} is static, {:.1} MiB, {}",
        binary.display(),
        size as f64 / 1048576.0,
        reported.trim()
    );
    for (scheme, tls) in [("http", false), ("https", true)] {
        let addr = format!("127.0.0.1:{}", free_port()?);
        let mut cmd = Command::new(&binary);
        cmd.args(["--listen", &addr])
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null());
        if tls {
            cmd.arg("--tls");
        }
        let mut sandbox = cmd.spawn()?;
        let result = (|| -> Result<()> {
            let started = Instant::now();
            while std::net::TcpStream::connect(&addr).is_err() {
                if started.elapsed() > Duration::from_secs(20) {
                    bail!("the musl binary did not start on {addr}");
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            run(Command::new(python)
                .args(["-c", LOGIN_PY])
                .arg(format!("{scheme}://{addr}")))
        })();
        let _ = sandbox.kill();
        let _ = sandbox.wait();
        result?;
    }
    Ok(())
}
