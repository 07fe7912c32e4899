//! The proxy passes bodies on as they come instead of holding them: an answer's first bytes reach
//! the client while the upstream is still writing the rest, and a request body longer than what
//! validation keeps streams to the upstream whole.

use std::sync::Arc;
use std::time::Duration;

use crate::proxy::{proxy_to, recording_dir, recording_proxy_to};
use axum::body::{Body, Bytes};
use axum::routing::{get, post};
use serde_json::Value;
use tokio::sync::{mpsc, Mutex};

type Chunk = Result<Bytes, std::io::Error>;

/// An upstream whose `/download` answer is written by the test, chunk by chunk, and whose
/// `/upload` answers how many bytes it read.
async fn upstream(chunks: Arc<Mutex<Option<mpsc::Receiver<Chunk>>>>) -> String {
    let app = axum::Router::new()
        .route(
            "/download",
            get(move || async move {
                let rx = chunks.lock().await.take().unwrap();
                let stream = futures::stream::unfold(rx, |mut rx| async move {
                    rx.recv().await.map(|c| (c, rx))
                });
                (
                    [("content-type", "application/octet-stream")],
                    Body::from_stream(stream),
                )
            }),
        )
        .route(
            "/empty",
            axum::routing::delete(|| async { axum::http::StatusCode::NO_CONTENT }),
        )
        .route(
            "/upload",
            post(|body: Body| async move {
                let bytes = axum::body::to_bytes(body, usize::MAX).await.unwrap();
                bytes.len().to_string()
            }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    format!("http://{addr}")
}

#[tokio::test]
async fn an_answer_reaches_the_client_while_the_upstream_still_writes_it() {
    let (tx, rx) = mpsc::channel::<Chunk>(4);
    let base = upstream(Arc::new(Mutex::new(Some(rx)))).await;
    let (proxy_base, proxy) = proxy_to(&base).await;
    tx.send(Ok(Bytes::from_static(b"first part;")))
        .await
        .unwrap();
    // The upstream has not finished: a buffering proxy would not answer at all yet.
    let url = format!("{proxy_base}/download");
    let first_part = async {
        let mut resp = reqwest::get(url).await.unwrap();
        let first = resp.chunk().await.unwrap().unwrap();
        (resp, first)
    };
    let (resp, first) = tokio::time::timeout(Duration::from_secs(5), first_part)
        .await
        .expect("the first part arrives before the upstream has finished");
    assert_eq!(&first[..], b"first part;");
    tx.send(Ok(Bytes::from_static(b"second part")))
        .await
        .unwrap();
    drop(tx);
    let rest = resp.bytes().await.unwrap();
    assert_eq!(&rest[..], b"second part");
    proxy.settled().await;
    let report = proxy.report.json();
    assert_eq!(
        report["undocumented_operations"][0]["calls"], 1,
        "{report:#}"
    );
}

#[tokio::test]
async fn a_request_body_longer_than_what_is_kept_streams_whole_and_is_not_recorded() {
    let (_tx, rx) = mpsc::channel::<Chunk>(1);
    let base = upstream(Arc::new(Mutex::new(Some(rx)))).await;
    let dir = recording_dir("streamed");
    let proxy_base = recording_proxy_to(&base, &dir).await;
    // 20 MiB in 1 MiB chunks, without a declared length.
    let chunks = (0..20).map(|_| Ok::<_, std::io::Error>(vec![b'x'; 1 << 20]));
    let body = reqwest::Body::wrap_stream(futures::stream::iter(chunks));
    let answer = reqwest::Client::new()
        .post(format!("{proxy_base}/upload"))
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.text().await.unwrap(), (20usize << 20).to_string());
    let text = std::fs::read_to_string(dir.join("000001.json")).unwrap();
    let cassette: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(cassette["request"]["body_omitted"], true, "{cassette:#}");
    assert_eq!(cassette["response"]["body"], 20 << 20, "{cassette:#}");
}

#[tokio::test]
async fn an_answer_without_a_body_is_recorded_as_one() {
    let (_tx, rx) = mpsc::channel::<Chunk>(1);
    let base = upstream(Arc::new(Mutex::new(Some(rx)))).await;
    let dir = recording_dir("empty");
    let proxy_base = recording_proxy_to(&base, &dir).await;
    let answer = reqwest::Client::new()
        .delete(format!("{proxy_base}/empty"))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 204);
    let text = std::fs::read_to_string(dir.join("000001.json")).unwrap();
    let cassette: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(cassette["response"]["body"], Value::Null, "{cassette:#}");
    assert!(
        cassette["response"].get("body_omitted").is_none(),
        "{cassette:#}"
    );
}

/// An upstream that declares a short answer and breaks off in it: the client gets the status
/// and headers, then a body that fails (as a streamed answer would), not a 502; the exchange is
/// counted.
#[tokio::test]
async fn a_short_answer_that_breaks_off_is_passed_on_broken_and_counted() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut request = [0u8; 4096];
        let _ = socket.read(&mut request).await;
        let head =
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n";
        socket.write_all(head.as_bytes()).await.unwrap();
        socket.write_all(b"{\"half\": ").await.unwrap();
        // Closed with 91 bytes still owed.
    });
    let (proxy_base, proxy) = proxy_to(&base).await;
    let resp = reqwest::get(format!("{proxy_base}/broken")).await.unwrap();
    assert_eq!(resp.status(), 200);
    assert!(resp.bytes().await.is_err(), "the body breaks off");
    proxy.settled().await;
    let report = proxy.report.json();
    assert_eq!(
        report["undocumented_operations"][0]["calls"], 1,
        "{report:#}"
    );
}
