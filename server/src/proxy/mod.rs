//! `appliance-sandbox proxy`: stands between a client and a real appliance (or a sandbox),
//! forwards every request and answer unchanged, and holds each exchange to the specs: the
//! operation by method and path, its query and body, the answer's status and body. What departs
//! is counted in a conformance report (`report`), served live at `/_proxy/report` (JSON) and
//! `/_proxy/report.md`, and written to `--report` when the proxy stops.
//!
//! - `contract`: the specs and their operations, found by method and path
//! - `check`: an exchange held to its operation (JSON Schema validation, unknown fields)
//! - `report`: calls, conformance and divergences per operation
//! - `cassette`: the recording format (`--record DIR`), every secret masked
//! - `replay`: serving a recording back (`appliance-sandbox replay DIR`)

pub mod cassette;
mod check;
pub mod contract;
mod fields;
pub mod replay;
pub mod report;
mod settle;
mod tls;
pub use tls::serve_tls;
mod tee;

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderName, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use cassette::Masker;
use contract::Contract;
use report::Report;
use serde_json::json;
use tee::{DoneOnce, Tee};

/// Where the proxy's own pages are (no appliance has this path).
pub const REPORT_PATH: &str = "/_proxy/report";

/// Requests and answers longer than this are forwarded, but neither validated past the status
/// nor recorded past their headers; shorter ones are kept aside while they stream through.
const MAX_VALIDATED_BODY: usize = 16 * 1024 * 1024;

/// Answers declared this short are read whole and passed on in one write: streaming them would
/// bring their first byte no sooner worth having, and costs a wake-up and a write per chunk.
const WHOLE_ANSWER: u64 = 64 * 1024;

pub struct Proxy {
    /// (path prefix, upstream URL), the longest prefix first; `""` fronts every other path.
    upstreams: Vec<(String, String)>,
    client: reqwest::Client,
    pub contract: Contract,
    pub report: Report,
    recorder: Option<Recorder>,
    settling: Arc<settle::Settling>,
}

/// Writes each exchange as a cassette, numbered in the order the answers came.
struct Recorder {
    dir: PathBuf,
    masker: Masker,
    next: AtomicU64,
}

impl Recorder {
    fn write(
        &self,
        method: &Method,
        uri: &axum::http::Uri,
        req: (&HeaderMap, Option<&Bytes>),
        resp: (StatusCode, &HeaderMap, Option<&Bytes>),
    ) {
        let m = &self.masker;
        let (req_key, req_body) = m.body_or_omitted(req.1);
        let (resp_key, resp_body) = m.body_or_omitted(resp.2);
        let cassette = json!({
            "version": 1,
            "request": {
                "method": method.as_str(),
                "path": uri.path(),
                "query": uri.query().map(|q| m.form(q)),
                "headers": m.headers(req.0),
                req_key: req_body,
            },
            "response": {
                "status": resp.0.as_u16(),
                "headers": m.headers(resp.1),
                resp_key: resp_body,
            },
        });
        let n = self.next.fetch_add(1, Ordering::SeqCst) + 1;
        let path = self.dir.join(format!("{n:06}.json"));
        let text = serde_json::to_string_pretty(&cassette).unwrap_or_default();
        if let Err(e) = std::fs::write(&path, text) {
            tracing::warn!("cannot write {}: {e}", path.display());
        }
    }
}

/// Headers that belong to one connection, not to the exchange.
fn hop_by_hop(name: &HeaderName) -> bool {
    matches!(
        name.as_str(),
        "connection"
            | "keep-alive"
            | "proxy-authenticate"
            | "proxy-authorization"
            | "te"
            | "trailer"
            | "transfer-encoding"
            | "upgrade"
            | "host"
            | "content-length"
    )
}

fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.contains("json"))
}

impl Proxy {
    /// A proxy to `upstream` (`https://vrni.example.com`); `insecure` accepts any certificate.
    pub fn new(upstream: &str, insecure: bool) -> Result<Proxy, String> {
        Proxy::fronting(&[upstream.to_string()], insecure)
    }

    /// A proxy to several appliances, each `PATH=URL` (`/api/ni=https://aria.example.com`: the
    /// paths under that prefix go there) or a bare URL for every other path.
    pub fn fronting(upstreams: &[String], insecure: bool) -> Result<Proxy, String> {
        let mut routes = Vec::new();
        for u in upstreams {
            let (prefix, url) = match u.split_once('=') {
                Some((p, url)) if p.starts_with('/') => (p.trim_end_matches('/').to_string(), url),
                _ => (String::new(), u.as_str()),
            };
            let url = url.trim_end_matches('/').to_string();
            if !(url.starts_with("http://") || url.starts_with("https://")) {
                return Err(format!(
                    "--upstream {u}: an http:// or https:// URL, or PATH=URL"
                ));
            }
            if routes.iter().any(|(p, _)| *p == prefix) {
                return Err(format!("--upstream {u}: that path has an upstream already"));
            }
            routes.push((prefix, url));
        }
        if routes.is_empty() {
            return Err("--upstream: at least one".into());
        }
        routes.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
        let client = reqwest::Client::builder()
            .danger_accept_invalid_certs(insecure)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| e.to_string())?;
        let described: Vec<String> = routes
            .iter()
            .map(|(p, url)| {
                if p.is_empty() {
                    url.clone()
                } else {
                    format!("{p} -> {url}")
                }
            })
            .collect();
        Ok(Proxy {
            report: Report::new(&described.join(", ")),
            upstreams: routes,
            client,
            contract: Contract::load(),
            recorder: None,
            settling: Arc::default(),
        })
    }

    /// The appliance a path goes to: the longest prefix that covers it.
    fn upstream_for(&self, path: &str) -> Option<&str> {
        self.upstreams
            .iter()
            .find(|(p, _)| {
                p.is_empty()
                    || path == p
                    || path
                        .strip_prefix(p.as_str())
                        .is_some_and(|r| r.starts_with('/'))
            })
            .map(|(_, url)| url.as_str())
    }

    /// Records every exchange into `dir` (created if missing) as a cassette.
    pub fn recording_into(mut self, dir: PathBuf) -> Result<Proxy, String> {
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        self.recorder = Some(Recorder {
            dir,
            masker: Masker::default(),
            next: AtomicU64::new(0),
        });
        Ok(self)
    }

    pub fn router(self: Arc<Self>) -> Router {
        Router::new()
            .route(
                REPORT_PATH,
                get(|State(p): State<Arc<Proxy>>| async move {
                    p.settled().await;
                    axum::Json(p.report.json())
                }),
            )
            .route(
                &format!("{REPORT_PATH}.md"),
                get(|State(p): State<Arc<Proxy>>| async move {
                    p.settled().await;
                    (
                        [("content-type", "text/markdown; charset=utf-8")],
                        p.report.markdown(),
                    )
                }),
            )
            .fallback(forward)
            .with_state(self)
    }

    /// Returns once every exchange answered so far is counted in `report` (and recorded).
    pub async fn settled(&self) {
        self.settling.settled().await;
    }

    /// Holds one exchange to the specs and counts it.
    fn judge(
        &self,
        method: &Method,
        uri: &axum::http::Uri,
        req: (&HeaderMap, Option<&Bytes>),
        resp: (StatusCode, &HeaderMap, Option<&Bytes>),
    ) {
        let path = uri.path();
        let Some(op) = self.contract.find(method.as_str(), path) else {
            self.report
                .record_undocumented(method.as_str(), &contract::normalized(path));
            return;
        };
        let body = req.1.filter(|_| is_json(req.0)).map(|b| &b[..]);
        let mut divergences = self.contract.check_request(op, uri.query(), body);
        let (status, headers, bytes) = resp;
        // A body too long to keep is judged by its status only.
        if let Some(bytes) = bytes {
            divergences.extend(self.contract.check_response(
                op,
                status.as_u16(),
                is_json(headers),
                bytes,
            ));
        }
        self.report.record(op, divergences);
    }
}

fn content_length(headers: &HeaderMap) -> Option<u64> {
    headers
        .get("content-length")
        .and_then(|v| v.to_str().ok()?.parse().ok())
}

fn bad_gateway(message: String) -> Response {
    (StatusCode::BAD_GATEWAY, message).into_response()
}

/// Forwards one exchange. Bodies stream through in both directions; each is judged (and
/// recorded) once the answer has ended, from the first `MAX_VALIDATED_BODY` bytes kept aside.
async fn forward(State(proxy): State<Arc<Proxy>>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let Some(upstream) = proxy.upstream_for(parts.uri.path()) else {
        return bad_gateway(format!("no --upstream covers {}", parts.uri.path()));
    };
    let target = format!(
        "{upstream}{}",
        parts.uri.path_and_query().map_or("/", |p| p.as_str())
    );
    let mut out = proxy.client.request(parts.method.clone(), &target);
    for (name, value) in parts.headers.iter().filter(|(n, _)| !hop_by_hop(n)) {
        out = out.header(name, value);
    }
    let request_body: Arc<OnceLock<Option<Bytes>>> = Arc::default();
    let declared = content_length(&parts.headers);
    match declared {
        // The usual request: small enough to read whole, and forwarded with its length.
        Some(n) if n as usize <= MAX_VALIDATED_BODY => {
            let Ok(bytes) = axum::body::to_bytes(body, n as usize).await else {
                return (StatusCode::BAD_REQUEST, "the request body broke off").into_response();
            };
            let _ = request_body.set(Some(bytes.clone()));
            out = out.body(bytes);
        }
        // No length and nothing to come (HTTP/2 sends no `transfer-encoding`): no body.
        None if axum::body::HttpBody::is_end_stream(&body) => {
            let _ = request_body.set(Some(Bytes::new()));
        }
        _ => {
            let slot = request_body.clone();
            let stream = Box::pin(body.into_data_stream());
            let tee = Tee::new(stream, declared, MAX_VALIDATED_BODY, move |kept| {
                let _ = slot.set(kept);
            });
            if let Some(n) = declared {
                out = out.header("content-length", n);
            }
            out = out.body(reqwest::Body::wrap_stream(tee));
        }
    }
    let answer = match out.send().await {
        Ok(a) => a,
        Err(e) => return bad_gateway(format!("the upstream did not answer: {e}")),
    };
    let status = answer.status();
    let headers = answer.headers().clone();
    // These answers have no body whatever their headers say; hyper will not read one.
    let empty = parts.method == Method::HEAD || matches!(status.as_u16(), 204 | 304);
    let expected = if empty {
        Some(0)
    } else {
        content_length(&headers)
    };
    let judged = proxy.clone();
    let (method, uri, req_headers, resp_headers) = (
        parts.method.clone(),
        parts.uri.clone(),
        parts.headers.clone(),
        headers.clone(),
    );
    let judge = move |kept: Option<Bytes>| {
        let sent = request_body.get().cloned().flatten();
        let req = (&req_headers, sent.as_ref());
        let resp = (status, &resp_headers, kept.as_ref());
        judged.judge(&method, &uri, req, resp);
        if let Some(r) = &judged.recorder {
            r.write(&method, &uri, req, resp);
        }
    };
    // A recording proxy numbers cassettes in the order answers came: it judges and writes
    // before answering. Otherwise an answer need not wait for its judgment.
    let (settling, recording) = (proxy.settling.clone(), proxy.recorder.is_some());
    let done = move |kept: Option<Bytes>| {
        if recording {
            judge(kept);
        } else {
            settling.judge(move || judge(kept));
        }
    };
    let body = match expected {
        Some(n) if !empty && n <= WHOLE_ANSWER => {
            // Counted (without its body) even if the client goes away while it is read.
            tee::whole(answer, n as usize, DoneOnce(Some(done))).await
        }
        _ => Body::from_stream(Tee::new(
            Box::pin(answer.bytes_stream()),
            expected,
            MAX_VALIDATED_BODY,
            done,
        )),
    };
    let mut resp = Response::new(body);
    *resp.status_mut() = status;
    // In the upstream's order, its declared length kept in its place.
    let passed = |n: &HeaderName| !hop_by_hop(n) || n == "content-length";
    for (name, value) in headers.iter().filter(|(n, _)| passed(n)) {
        resp.headers_mut().append(name, value.clone());
    }
    resp
}
