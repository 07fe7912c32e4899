//! The listener's limits: request heads too large for the API (414/431 in its shape), slow or
//! idle connections closed on time, a connection cap, and TLS 1.2 offered beside 1.3.

use std::time::{Duration, Instant};

use appliance_sandbox::serve::{self, Limits, Timeouts};
use appliance_sandbox::{Options, Sandbox};
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// A sandbox served with `limits` (and TLS when `tls`); answers its address.
async fn serve_with(limits: Limits, tls: bool) -> std::net::SocketAddr {
    let sandbox = Sandbox::new(Default::default(), Options::default());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let tls = tls.then(|| {
        let c = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_string()]).unwrap();
        serve::server_config(
            c.cert.pem().as_bytes(),
            c.signing_key.serialize_pem().as_bytes(),
        )
        .unwrap()
    });
    let router = sandbox.router();
    tokio::spawn(serve::serve(
        listener,
        router,
        tls,
        limits,
        std::future::pending(),
    ));
    addr
}

fn short(max_connections: usize) -> Limits {
    Limits {
        max_connections,
        timeouts: Timeouts {
            header: Duration::from_millis(400),
            idle: Duration::from_millis(1500),
        },
    }
}

/// Reads until the server closes the connection; answers how long that took.
async fn closed_after(stream: &mut TcpStream, started: Instant) -> Duration {
    let mut buf = [0u8; 4096];
    loop {
        match tokio::time::timeout(Duration::from_secs(10), stream.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => return started.elapsed(),
            Ok(Ok(_)) => continue,
            Err(_) => panic!("the connection was never closed"),
        }
    }
}

/// Sends `head` on a new connection (writing and reading at once, as a client does) and
/// answers the status and body of the response, read to the end.
async fn raw(addr: std::net::SocketAddr, head: Vec<u8>) -> (u16, serde_json::Value) {
    let stream = TcpStream::connect(addr).await.unwrap();
    let (mut rd, mut wr) = stream.into_split();
    let writer = tokio::spawn(async move {
        // The server may stop reading once it has refused the head; that is not an error here.
        let _ = wr.write_all(&head).await;
        wr
    });
    let mut answer = Vec::new();
    tokio::time::timeout(Duration::from_secs(10), rd.read_to_end(&mut answer))
        .await
        .unwrap()
        .unwrap();
    drop(writer.await);
    let text = String::from_utf8_lossy(&answer);
    let status = text[9..12].parse().unwrap();
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b)
        .unwrap_or_default();
    (
        status,
        serde_json::from_str(body).unwrap_or(json!({"raw": body})),
    )
}

#[tokio::test]
async fn oversized_targets_and_headers_are_answered_in_the_apis_shape() {
    let addr = serve_with(Limits::default(), false).await;
    let long = "a".repeat(1024 * 1024);
    let (status, body) = raw(
        addr,
        format!("GET /api/ni/search?q={long} HTTP/1.1\r\nHost: x\r\n\r\n").into_bytes(),
    )
    .await;
    assert_eq!(status, 414, "{body}");
    assert_eq!(body["code"], 414, "{body}");
    assert!(
        body["message"].as_str().unwrap().contains("16384"),
        "{body}"
    );
    let (status, body) = raw(
        addr,
        format!(
            "GET /Spectre/api/rest/v1/Services/ConsoleService/Consoles?x={} HTTP/1.1\r\nHost: x\r\n\r\n",
            &long[..20_000]
        )
        .into_bytes(),
    )
    .await;
    assert_eq!(status, 414, "{body}");
    assert!(
        body["errorCode"].is_string() || body["message"].is_string(),
        "{body}"
    );
    let (status, body) = raw(
        addr,
        format!(
            "GET /api/ni/info/version HTTP/1.1\r\nHost: x\r\nUser-Agent: {}\r\n\r\n",
            "u".repeat(300 * 1024)
        )
        .into_bytes(),
    )
    .await;
    assert_eq!(status, 431, "{body}");
    assert_eq!(body["code"], 431, "{body}");
    // Under the limits, a long query is served as usual (401: no token).
    let (status, _) = raw(
        addr,
        format!(
            "GET /api/ni/info/version?q={} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            &long[..8000]
        )
        .into_bytes(),
    )
    .await;
    assert_eq!(status, 401);
    // Nothing of it reached the journal.
    let journal = reqwest::get(format!("http://{addr}/sandbox/v1/journal"))
        .await
        .unwrap();
    let text = journal.text().await.unwrap();
    assert!(text.len() < 16 * 1024, "{}", text.len());
}

#[tokio::test]
async fn idle_and_slow_connections_are_closed_and_busy_ones_are_not() {
    let addr = serve_with(short(64), false).await;
    // Idle from the start: closed after the idle timeout, not the header timeout.
    let started = Instant::now();
    let mut idle = TcpStream::connect(addr).await.unwrap();
    let took = closed_after(&mut idle, started).await;
    assert!(
        took >= Duration::from_millis(1400) && took < Duration::from_secs(4),
        "{took:?}"
    );

    // Slowloris: a head that trickles in is cut off by the header timeout.
    let started = Instant::now();
    let mut slow = TcpStream::connect(addr).await.unwrap();
    slow.write_all(b"GET /sandbox/v1/health HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    let trickle = async {
        for _ in 0..30 {
            tokio::time::sleep(Duration::from_millis(100)).await;
            if slow.write_all(b"X-A: b\r\n").await.is_err() {
                break;
            }
        }
    };
    tokio::time::timeout(Duration::from_secs(5), trickle)
        .await
        .unwrap();
    let took = closed_after(&mut slow, started).await;
    assert!(took < Duration::from_millis(1400), "{took:?}");

    // Keep-alive: two requests a second apart on one connection, both answered.
    let mut kept = TcpStream::connect(addr).await.unwrap();
    for _ in 0..2 {
        kept.write_all(b"GET /sandbox/v1/health HTTP/1.1\r\nHost: x\r\n\r\n")
            .await
            .unwrap();
        let mut buf = [0u8; 1024];
        let n = kept.read(&mut buf).await.unwrap();
        assert!(
            buf[..n].starts_with(b"HTTP/1.1 200"),
            "{}",
            String::from_utf8_lossy(&buf[..n])
        );
        tokio::time::sleep(Duration::from_millis(1000)).await;
    }

    // A request served for longer than both timeouts is not cut off.
    let http = reqwest::Client::new();
    let base = format!("http://{addr}");
    let rule = json!({"method": "GET", "path": "/api/ni/info/version", "kind": "latency", "latency_ms": 2500});
    let added = http
        .post(format!("{base}/sandbox/v1/faults"))
        .json(&rule)
        .send()
        .await
        .unwrap();
    assert_eq!(added.status(), 201);
    let slow = http
        .get(format!("{base}/api/ni/info/version"))
        .send()
        .await
        .unwrap();
    assert_eq!(slow.status(), 401);
}

#[tokio::test]
async fn connections_over_the_cap_wait_until_one_is_freed() {
    let addr = serve_with(short(2), false).await;
    let started = Instant::now();
    let mut held = Vec::new();
    for _ in 0..2 {
        let mut s = TcpStream::connect(addr).await.unwrap();
        // A served request, so the server has surely accepted this connection.
        s.write_all(b"GET /sandbox/v1/health HTTP/1.1\r\nHost: x\r\n\r\n")
            .await
            .unwrap();
        let mut buf = [0u8; 1024];
        assert!(s.read(&mut buf).await.unwrap() > 0);
        held.push(s);
    }
    let third = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap()
        .get(format!("http://{addr}/sandbox/v1/health"))
        .send()
        .await
        .unwrap();
    assert_eq!(third.status(), 200);
    // It had to wait for an idle connection to be closed.
    assert!(
        started.elapsed() >= Duration::from_millis(1400),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn tls_1_2_is_offered_beside_1_3() {
    let addr = serve_with(Limits::default(), true).await;
    for version in [
        reqwest::tls::Version::TLS_1_2,
        reqwest::tls::Version::TLS_1_3,
    ] {
        let client = reqwest::Client::builder()
            .tls_danger_accept_invalid_certs(true)
            .tls_version_min(version)
            .tls_version_max(version)
            .build()
            .unwrap();
        let a = client
            .get(format!("https://{addr}/sandbox/v1/health"))
            .send()
            .await;
        assert_eq!(a.unwrap().status(), 200, "{version:?}");
    }
}
