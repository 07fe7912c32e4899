//! What runs around the APIs: per-address request limits, and one per-request layer (body size,
//! OMIVV's in-flight limit, the journal and fault injection, the access log), and API-shaped
//! answers for unknown routes and methods.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Instant;

use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::{Json, Router};
use http_body_util::BodyExt;

use crate::access_log::{AccessLog, Entry};
use crate::clock::Clock;
use crate::config::MAX_BODY_BOUND;
use crate::control::{self, ControlPlane, FaultAction};
use crate::edge::{ApiEdge, Edges};
use crate::ratelimit::RequestLimit;
use crate::stub::BodyTooLarge;
use crate::CONTROL_BASE;

/// A request limit, the clock it counts on, and the API it limits (for its 429's shape).
pub type LimitedApi = (Arc<RequestLimit>, Arc<Clock>, Arc<dyn ApiEdge>);

pub async fn request_limit(
    State((limit, clock, api)): State<LimitedApi>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    req: Request,
    next: Next,
) -> Response {
    if let Err(wait) = limit.check(&clock, peer.ip()) {
        let mut resp = api.error(
            StatusCode::TOO_MANY_REQUESTS,
            format!("Too many requests; retry after {wait} seconds"),
        );
        resp.headers_mut()
            .insert("retry-after", HeaderValue::from(wait));
        return resp;
    }
    next.run(req).await
}

/// Merges doubled slashes in the path (`/Spectre/api/rest/v1//Services/...`, which Dell's
/// UpdateService script sends) and drops a trailing slash (`/api/ni/infra/nodes/`, which VMware's
/// PowerValidatedSolutions sends), as the appliances' Spring stacks do (ERRATA E48); and reads an
/// OData key segment as a segment of its own (`Sessions('42')` as `Sessions/42`, which is how the
/// routes of OpenManage Enterprise's OData paths are made, E76). The docs site keeps its
/// slashes: `/docs/` is a directory.
pub fn normalize_path<B>(mut req: axum::http::Request<B>) -> axum::http::Request<B> {
    let path = req.uri().path();
    let trailing = path.len() > 1 && path.ends_with('/') && !path.starts_with("/docs");
    let odata = path.contains("('") && path.ends_with("')");
    if !path.contains("//") && !trailing && !odata {
        return req;
    }
    let mut merged = String::with_capacity(path.len());
    for c in path.chars() {
        if !(c == '/' && merged.ends_with('/')) {
            merged.push(c);
        }
    }
    if trailing && merged.len() > 1 {
        merged.pop();
    }
    if odata {
        // Only the last segment: `Name('key')` with a key free of quotes and slashes.
        let start = merged.rfind('/').map_or(0, |i| i + 1);
        let key_of = |segment: &str| {
            let (name, rest) = segment.split_once("('")?;
            let key = rest.strip_suffix("')")?;
            let ok = !name.is_empty() && !key.is_empty() && !key.contains(['\'', '/']);
            ok.then(|| format!("{name}/{key}"))
        };
        if let Some(split) = key_of(&merged[start..]) {
            merged = format!("{}{split}", &merged[..start]);
        }
    }
    if let Some(q) = req.uri().query() {
        merged.push('?');
        merged.push_str(q);
    }
    let mut parts = req.uri().clone().into_parts();
    if let Ok(pq) = merged.parse() {
        parts.path_and_query = Some(pq);
        if let Ok(uri) = Uri::from_parts(parts) {
            *req.uri_mut() = uri;
        }
    }
    req
}

/// Reads the body before the handlers do: up to `max` bytes it is passed on; beyond that it is
/// read to the end (up to [`MAX_BODY_BOUND`]) and discarded, and the request is marked
/// [`BodyTooLarge`], so that the client gets the operation's 413, in the API's shape and after
/// authentication, instead of a connection reset while it is still sending.
async fn read_body(req: Request, max: usize, edges: &Edges) -> Result<Request, Response> {
    use axum::body::HttpBody;
    // Most requests (every GET) have no body: nothing to read or rebuild.
    if req.body().size_hint().exact() == Some(0) {
        return Ok(req);
    }
    let (mut parts, mut body) = req.into_parts();
    let mut kept = Vec::new();
    let mut seen = 0usize;
    while let Some(frame) = body.frame().await {
        let Ok(frame) = frame else {
            return Err(edges.error_for(
                parts.uri.path(),
                StatusCode::BAD_REQUEST,
                "The request body could not be read".into(),
            ));
        };
        let Ok(data) = frame.into_data() else {
            continue;
        };
        seen += data.len();
        if seen > MAX_BODY_BOUND {
            return Err(edges.error_for(
                parts.uri.path(),
                StatusCode::PAYLOAD_TOO_LARGE,
                "Request body is too large".into(),
            ));
        }
        if seen <= max {
            kept.extend_from_slice(&data);
        }
    }
    if seen > max {
        parts.extensions.insert(BodyTooLarge);
        kept.clear();
    }
    Ok(Request::from_parts(parts, Body::from(Bytes::from(kept))))
}

/// Records appliance requests in the journal, and applies fault rules to them.
async fn observe<P: ControlPlane>(plane: &P, edges: &Edges, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    if path.starts_with(CONTROL_BASE) || path.starts_with("/docs") || path == "/" {
        return next.run(req).await;
    }
    let started = Instant::now();
    let time_ms = plane.clock().now_ms();
    let method = req.method().clone();
    let query = req.uri().query().map(str::to_string);
    let auth_scheme = req
        .headers()
        .get(axum::http::header::AUTHORIZATION)
        .map(control::AuthScheme::of);
    let headers = control::kept_headers(req.headers());
    let (fault_id, resp) = match plane.faults().take(method.as_str(), &path) {
        None => (None, next.run(req).await),
        Some((id, FaultAction::Latency(delay))) => {
            tokio::time::sleep(delay).await;
            (Some(id), next.run(req).await)
        }
        Some((id, FaultAction::Status(code))) => {
            let status = StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let mut resp = edges.error_for(&path, status, format!("Injected fault: {code}"));
            if code == 429 || code == 503 {
                resp.headers_mut()
                    .insert("retry-after", HeaderValue::from(1));
            }
            (Some(id), resp)
        }
        Some((id, FaultAction::Empty(code))) => {
            let status = StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            (Some(id), status.into_response())
        }
        Some((id, FaultAction::Close)) => (Some(id), broken_response()),
    };
    plane.journal().record(control::Recorded {
        time_ms,
        method,
        path,
        query,
        auth_scheme,
        headers,
        status: resp.status().as_u16(),
        latency_ms: started.elapsed().as_secs_f64() * 1000.0,
        fault: fault_id,
    });
    resp
}

/// A response that breaks off after its status line: the connection is dropped before any
/// body arrives, as when an appliance dies mid-request.
fn broken_response() -> Response {
    let stream = futures_util::stream::once(async {
        Err::<Bytes, std::io::Error>(std::io::Error::new(
            std::io::ErrorKind::ConnectionAborted,
            "injected fault: connection closed",
        ))
    });
    (StatusCode::INTERNAL_SERVER_ERROR, Body::from_stream(stream)).into_response()
}

/// Serves the built docs at `/docs/`, or a clear 404 when they are not built.
pub fn docs(router: Router, dir: Option<&Path>) -> Router {
    match dir {
        Some(dir) if dir.join("index.html").is_file() => router
            .route(
                "/docs",
                axum::routing::get(|| async { axum::response::Redirect::permanent("/docs/") }),
            )
            .nest_service("/docs/", tower_http::services::ServeDir::new(dir)),
        _ => router
            .route("/docs", axum::routing::get(docs_missing))
            .route("/docs/", axum::routing::get(docs_missing))
            .route("/docs/{*rest}", axum::routing::get(docs_missing)),
    }
}

async fn docs_missing() -> Response {
    let message =
        "The API docs are not built: run `npm ci && cargo xtask docs`, or pass --docs DIR";
    (
        StatusCode::NOT_FOUND,
        Json(serde_json::json!({"message": message})),
    )
        .into_response()
}

pub fn not_found(edges: &Edges, method: &Method, uri: &Uri) -> Response {
    let message = format!("No such resource: {method} {}", uri.path());
    edges.error_for(uri.path(), StatusCode::NOT_FOUND, message)
}

/// What the one per-request layer needs.
pub struct PerRequest<P> {
    pub plane: Arc<P>,
    pub edges: Edges,
    pub max_body: usize,
    pub log: Option<Arc<AccessLog>>,
}

impl<P> Clone for PerRequest<P> {
    fn clone(&self) -> Self {
        Self {
            plane: self.plane.clone(),
            edges: self.edges.clone(),
            max_body: self.max_body,
            log: self.log.clone(),
        }
    }
}

/// The one layer every request goes through (one layer, not four: each layer boxes the request's
/// future again). In order: number the request (`x-request-id`); read the body under the size
/// limit; pass the API's gate (OMIVV: a session's in-flight slot); journal the request and apply fault rules; then
/// the routes. On the way out, axum's own 405 gets the API's shape and the [`AccessLog`], if
/// any, gets one line. Only the path is logged: query strings can carry passwords (the vIDM
/// password grant), and headers carry tokens.
pub async fn per_request<P: ControlPlane>(
    State(layer): State<PerRequest<P>>,
    req: Request,
    next: Next,
) -> Response {
    static NEXT_ID: AtomicU64 = AtomicU64::new(1);
    let started = Instant::now();
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    let mut resp = serve(&layer, req, next).await;
    if resp.status() == StatusCode::METHOD_NOT_ALLOWED {
        if let Some(api) = layer.edges.of(&path) {
            resp = api.error(
                StatusCode::METHOD_NOT_ALLOWED,
                format!("Method {method} is not allowed on {path}"),
            );
        }
    }
    if let Some(log) = &layer.log {
        log.record(Entry {
            id,
            method,
            path,
            status: resp.status().as_u16(),
            latency_us: started.elapsed().as_micros() as u64,
        });
    }
    resp.headers_mut()
        .insert("x-request-id", HeaderValue::from(id));
    resp
}

/// The longest request target served; longer ones get 414 (Tomcat and nginx stop at 8 KiB;
/// this leaves room for long search queries).
pub const MAX_URI_BYTES: usize = 16 * 1024;
/// The most bytes of header names and values served; more get 431.
pub const MAX_HEADER_BYTES: usize = 64 * 1024;

/// A request head over the limits, which the listener's stream replaced by a small request to
/// the same path (see `serve::stream`): 414 for the request line, 431 for the headers.
#[derive(Clone, Copy, Debug)]
pub struct OversizedHead {
    pub status: u16,
    /// How much of the head had arrived.
    pub bytes: usize,
}

/// 414 or 431, in the API's shape, for a head over the limits, before anything else reads it.
fn oversized_head(edges: &Edges, req: &Request) -> Option<Response> {
    if let Some(head) = req.extensions().get::<OversizedHead>() {
        let (status, message) = match head.status {
            414 => (
                StatusCode::URI_TOO_LONG,
                format!("The request target is over {MAX_URI_BYTES} bytes"),
            ),
            _ => (
                StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
                format!(
                    "The request headers are over {MAX_HEADER_BYTES} bytes ({} bytes arrived)",
                    head.bytes
                ),
            ),
        };
        return Some(edges.error_for(req.uri().path(), status, message));
    }
    // The stream's stand-in covers HTTP/1 heads that arrive over several reads; these checks
    // still guard HTTP/2 (HPACK-decoded headers) and heads that hyper took in one read.
    let target = req.uri().path_and_query().map_or(0, |pq| pq.as_str().len());
    if target > MAX_URI_BYTES {
        return Some(edges.error_for(
            req.uri().path().get(..256).unwrap_or("/"),
            StatusCode::URI_TOO_LONG,
            format!("The request target is {target} bytes; at most {MAX_URI_BYTES} are served"),
        ));
    }
    let headers: usize = req
        .headers()
        .iter()
        .map(|(k, v)| k.as_str().len() + v.len())
        .sum();
    (headers > MAX_HEADER_BYTES).then(|| {
        edges.error_for(
            req.uri().path(),
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            format!(
                "The request headers are {headers} bytes; at most {MAX_HEADER_BYTES} are served"
            ),
        )
    })
}

async fn serve<P: ControlPlane>(layer: &PerRequest<P>, req: Request, next: Next) -> Response {
    if let Some(refused) = oversized_head(&layer.edges, &req) {
        return refused;
    }
    let req = match read_body(req, layer.max_body, &layer.edges).await {
        Ok(req) => req,
        Err(resp) => return resp,
    };
    let _admission = match layer.edges.of(req.uri().path()) {
        Some(api) => match api.admit(req.headers()) {
            Ok(admission) => admission,
            Err(refused) => return *refused,
        },
        None => None,
    };
    observe(&*layer.plane, &layer.edges, req, next).await
}
