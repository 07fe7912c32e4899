//! The mock servers users would otherwise pick, serving the same request in the same run, when
//! `npm ci` installed them: Stoplight Prism and Mockoon's CLI mocking `aria-networks.yaml`, and
//! WireMock (its standalone JAR, on the machine's Java) with one stub of the same body.

use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Result};

use super::http::{wrk, Conn, Load};
use super::{row, Limit};
use crate::spec;

const PRISM: &str = "127.0.0.1:18082";
const MOCKOON: &str = "127.0.0.1:18083";
const WIREMOCK: &str = "127.0.0.1:18084";

/// One peer, started from `node_modules/.bin`, listening on `addr`.
struct Peer {
    name: &'static str,
    bin: &'static str,
    args: &'static [&'static str],
    addr: &'static str,
    /// The request path the peer serves `path` under (Prism drops the server's base path).
    strip_base: bool,
}

const PEERS: &[Peer] = &[
    Peer {
        name: "Stoplight Prism 5 mocking aria-networks.yaml",
        bin: "prism",
        args: &[
            "mock",
            "-h",
            "127.0.0.1",
            "-p",
            "18082",
            "openapi/aria-networks.yaml",
        ],
        addr: PRISM,
        strip_base: true,
    },
    Peer {
        name: "Mockoon CLI 9 mocking aria-networks.yaml",
        bin: "mockoon-cli",
        args: &[
            "start",
            "-d",
            "openapi/aria-networks.yaml",
            "-l",
            "127.0.0.1",
            "-p",
            "18083",
            "-X",
        ],
        addr: MOCKOON,
        strip_base: false,
    },
    Peer {
        name: "WireMock 3 (standalone JAR), one stub with the same body",
        bin: "wiremock",
        args: &[
            "--bind-address",
            "127.0.0.1",
            "--port",
            "18084",
            "--disable-banner",
        ],
        addr: WIREMOCK,
        strip_base: false,
    },
];

/// Runs each installed peer against `path` (with `headers`), next to `base`, the bare axum
/// handler's load from the same run; `body` is what the sandbox answered, for WireMock's stub.
pub fn run(path: &str, headers: &[(&str, &str)], body: &str, base: &Load) -> Result<()> {
    let root = spec::workspace_root();
    for peer in PEERS {
        let bin = root.join("node_modules/.bin").join(peer.bin);
        if !bin.exists() {
            eprintln!(
                "{} is not installed (npm ci): its row is left out",
                peer.bin
            );
            continue;
        }
        // Its own process group: WireMock's npm wrapper starts Java as a child, which killing
        // the wrapper alone would leave running.
        let mut child = Command::new(bin)
            .args(peer.args)
            .current_dir(&root)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()?;
        let load = serve(peer, &mut child, path, headers, body);
        let _ = Command::new("kill")
            .args(["-s", "KILL", "--", &format!("-{}", child.id())])
            .status();
        let _ = child.kill();
        let _ = child.wait();
        let load = load?;
        row(
            &format!("{}, same request", peer.name),
            &load.summary(),
            &format!("bare axum: {:.0} req/s", base.requests_per_sec),
            load.requests_per_sec / base.requests_per_sec,
            "(what users would otherwise pick; stateless)",
            Limit::Unchecked,
        );
    }
    Ok(())
}

fn serve(
    peer: &Peer,
    child: &mut Child,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Result<Load> {
    let t = Instant::now();
    while std::net::TcpStream::connect(peer.addr).is_err() {
        if t.elapsed() > Duration::from_secs(60) || child.try_wait()?.is_some() {
            bail!("{} did not start within 60 s", peer.bin);
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    if peer.bin == "wiremock" {
        stub(path, body)?;
    }
    let path = if peer.strip_base {
        path.trim_start_matches("/api/ni")
    } else {
        path
    };
    wrk(&format!("http://{}{path}", peer.addr), 5, headers)
}

/// WireMock's one stub: `GET path` (query included) answers `body`.
fn stub(path: &str, body: &str) -> Result<()> {
    let mapping = serde_json::json!({
        "request": {"method": "GET", "url": path},
        "response": {"status": 200, "body": body,
                     "headers": {"Content-Type": "application/json"}}
    });
    let mut c = Conn::open(WIREMOCK)?;
    let (status, answer) = c.call(
        "POST",
        "/__admin/mappings",
        &[("Content-Type", "application/json")],
        &mapping.to_string(),
    )?;
    if status != 201 {
        bail!("WireMock refused the stub ({status}): {answer}");
    }
    Ok(())
}
