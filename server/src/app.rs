//! Puts the three APIs on one router: `/Spectre/api/rest/v1` (OMIVV), `/api/ni` (Aria) and
//! `/SAAS` (vIDM), beside the control API (`/sandbox/v1`) and the docs (`/docs/`), with request
//! limits, the journal and fault injection, logging, and API-shaped answers for unknown routes.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;

use axum::extract::{ConnectInfo, DefaultBodyLimit, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::{Json, Router};

use crate::aria_networks::{self, Aria, AriaApi};
use crate::clock::Clock;
use crate::config::Config;
use crate::control::{self, ControlApi, FaultAction, Faults, Journal};
use crate::generated;
use crate::omivv::{self, Omivv, OmivvApi};
use crate::ratelimit::RequestLimit;
use crate::store::{MemoryStore, StateStore, StoreError};
use crate::vidm::{IdentityManager, VidmApi};

pub const OMIVV_BASE: &str = "/Spectre/api/rest/v1";
pub const ARIA_BASE: &str = "/api/ni";
pub const CONTROL_BASE: &str = "/sandbox/v1";

/// Options that are not part of the appliance configuration.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub no_rate_limits: bool,
    /// Serve no control API, so that the sandbox looks exactly like the appliances.
    pub no_control: bool,
    /// The built API docs site (`cargo xtask docs`), served at `/docs`.
    pub docs_dir: Option<std::path::PathBuf>,
}

/// Everything one running sandbox holds.
pub struct Sandbox {
    pub config: Config,
    pub clock: Arc<Clock>,
    pub omivv: Arc<Omivv>,
    pub aria: Arc<Aria>,
    pub idm: Arc<IdentityManager>,
    pub journal: Journal,
    pub faults: Faults,
    options: Options,
    store: Arc<dyn StateStore>,
    omivv_limit: Option<Arc<RequestLimit>>,
    aria_limit: Option<Arc<RequestLimit>>,
    /// OMIVV requests in flight, by session id.
    in_flight: std::sync::Mutex<std::collections::HashMap<String, usize>>,
}

impl Sandbox {
    /// A sandbox whose state lives in memory.
    pub fn new(config: Config, options: Options) -> Arc<Self> {
        Self::open(config, options, MemoryStore::new()).expect("a memory store cannot fail")
    }

    /// A sandbox that resumes from, and saves every change to, `store`.
    pub fn open(
        config: Config,
        options: Options,
        store: Arc<dyn StateStore>,
    ) -> Result<Arc<Self>, StoreError> {
        let clock = Arc::new(Clock::new());
        let idm = Arc::new(IdentityManager::new(
            config.vidm.clone(),
            clock.clone(),
            store.clone(),
        )?);
        let omivv = Arc::new(Omivv::new(
            config.omivv.clone(),
            clock.clone(),
            store.clone(),
        )?);
        let aria = Arc::new(Aria::new(
            config.aria.clone(),
            clock.clone(),
            idm.clone(),
            store.clone(),
        )?);
        let limit = |n: u32| (!options.no_rate_limits).then(|| Arc::new(RequestLimit::new(n)));
        Ok(Arc::new(Self {
            omivv_limit: limit(config.omivv.requests_per_minute),
            aria_limit: limit(config.aria.requests_per_minute),
            journal: Journal::new(1000),
            in_flight: Default::default(),
            faults: Faults::default(),
            options,
            store,
            config,
            clock,
            omivv,
            aria,
            idm,
        }))
    }

    /// Whether state outlives the process (`--db`).
    pub fn durable(&self) -> bool {
        self.store.durable()
    }

    /// Back to the configured start: no sessions, tokens, lockouts, vIDM settings or mappings,
    /// an empty journal, no fault rules, and wall-clock time.
    pub fn reset(&self) -> Result<(), StoreError> {
        self.omivv.reset()?;
        self.aria.reset()?;
        self.idm.reset()?;
        for l in [&self.omivv_limit, &self.aria_limit].into_iter().flatten() {
            l.clear();
        }
        self.clock.reset();
        self.journal.clear();
        self.faults.clear();
        Ok(())
    }

    pub fn router(self: &Arc<Self>) -> Router {
        let omivv = generated::omivv::router(Arc::new(OmivvApi(self.omivv.clone()))).layer(
            middleware::from_fn_with_state((self.clone(), Api::Omivv), request_limit),
        );
        let aria = generated::aria_networks::router(Arc::new(AriaApi(self.aria.clone()))).layer(
            middleware::from_fn_with_state((self.clone(), Api::Aria), request_limit),
        );
        let vidm = generated::vidm::router(Arc::new(VidmApi {
            idm: self.idm.clone(),
        }));
        let mut router = Router::new()
            .nest(OMIVV_BASE, omivv)
            .nest(ARIA_BASE, aria)
            .merge(vidm)
            .fallback(not_found);
        if !self.options.no_control {
            router = router.nest(
                CONTROL_BASE,
                generated::sandbox::router(Arc::new(ControlApi(self.clone()))),
            );
        }
        router = match &self.options.docs_dir {
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
        };
        router
            .layer(DefaultBodyLimit::max(self.config.max_body_bytes))
            .layer(middleware::from_fn_with_state(self.clone(), observe))
            // Outside the journal and faults, so that a request held up by an injected latency
            // still occupies its session's slot.
            .layer(middleware::from_fn_with_state(
                self.clone(),
                omivv_parallel_limit,
            ))
            .layer(middleware::from_fn(access_log))
    }
}

#[derive(Clone, Copy)]
enum Api {
    Omivv,
    Aria,
    Vidm,
}

impl Api {
    fn of(path: &str) -> Option<Api> {
        if path.starts_with(OMIVV_BASE) {
            Some(Api::Omivv)
        } else if path.starts_with(ARIA_BASE) {
            Some(Api::Aria)
        } else if path.starts_with("/SAAS") {
            Some(Api::Vidm)
        } else {
            None
        }
    }

    /// An error in this API's own shape.
    fn error(self, status: StatusCode, message: String) -> Response {
        match self {
            Api::Omivv => {
                let code = status
                    .canonical_reason()
                    .unwrap_or("ERROR")
                    .to_uppercase()
                    .replace(' ', "_");
                (status, Json(omivv::error(&code, message))).into_response()
            }
            Api::Aria => {
                (status, Json(aria_networks::error(status.as_u16(), message))).into_response()
            }
            Api::Vidm => (
                status,
                Json(serde_json::json!({"error": "invalid_request", "error_description": message})),
            )
                .into_response(),
        }
    }
}

async fn request_limit(
    State((sandbox, api)): State<(Arc<Sandbox>, Api)>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    req: Request,
    next: Next,
) -> Response {
    let limit = match api {
        Api::Omivv => &sandbox.omivv_limit,
        Api::Aria => &sandbox.aria_limit,
        Api::Vidm => &None,
    };
    if let Some(limit) = limit {
        if let Err(wait) = limit.check(&sandbox.clock, peer.ip()) {
            let mut resp = api.error(
                StatusCode::TOO_MANY_REQUESTS,
                format!("Too many requests; retry after {wait} seconds"),
            );
            resp.headers_mut()
                .insert("retry-after", HeaderValue::from(wait));
            return resp;
        }
    }
    next.run(req).await
}

/// At most `max_parallel_per_session` OMIVV requests in flight per session (429 beyond), as the
/// appliance enforces. Sessions are told apart by their validly signed token.
async fn omivv_parallel_limit(
    State(sandbox): State<Arc<Sandbox>>,
    req: Request,
    next: Next,
) -> Response {
    if !req.uri().path().starts_with(OMIVV_BASE) {
        return next.run(req).await;
    }
    let auth = req
        .headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok());
    let Some(sid) = sandbox.omivv.session_of(auth) else {
        return next.run(req).await;
    };
    let max = sandbox.config.omivv.max_parallel_per_session;
    {
        let mut in_flight = sandbox.in_flight.lock().unwrap();
        let n = in_flight.entry(sid.clone()).or_insert(0);
        if *n >= max {
            let mut resp = Api::Omivv.error(
                StatusCode::TOO_MANY_REQUESTS,
                format!("Too many parallel requests for this session (at most {max})"),
            );
            resp.headers_mut()
                .insert("retry-after", HeaderValue::from(1));
            return resp;
        }
        *n += 1;
    }
    // Released even if the request is cancelled midway.
    struct Slot(Arc<Sandbox>, String);
    impl Drop for Slot {
        fn drop(&mut self) {
            let mut in_flight = self.0.in_flight.lock().unwrap();
            if let Some(n) = in_flight.get_mut(&self.1) {
                *n -= 1;
                if *n == 0 {
                    in_flight.remove(&self.1);
                }
            }
        }
    }
    let _slot = Slot(sandbox.clone(), sid);
    next.run(req).await
}

/// Records appliance requests in the journal, and applies fault rules to them.
async fn observe(State(sandbox): State<Arc<Sandbox>>, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    if path.starts_with(CONTROL_BASE) || path.starts_with("/docs") {
        return next.run(req).await;
    }
    let started = Instant::now();
    let time_ms = sandbox.clock.now_ms();
    let method = req.method().to_string();
    let query = req.uri().query().map(control::mask_query);
    let mut headers = std::collections::HashMap::new();
    for name in ["authorization", "content-type", "accept", "user-agent"] {
        if let Some(v) = req.headers().get(name).and_then(|v| v.to_str().ok()) {
            let v = if name == "authorization" {
                control::mask_authorization(v)
            } else {
                v.to_string()
            };
            headers.insert(name.to_string(), v);
        }
    }
    let fault = sandbox.faults.take(&method, &path);
    let (fault_id, resp) = match fault {
        None => (None, next.run(req).await),
        Some((id, FaultAction::Latency(delay))) => {
            tokio::time::sleep(delay).await;
            (Some(id), next.run(req).await)
        }
        Some((id, FaultAction::Status(code))) => {
            let status = StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let message = format!("Injected fault: {code}");
            let mut resp = match Api::of(&path) {
                Some(api) => api.error(status, message),
                None => (status, Json(serde_json::json!({"message": message}))).into_response(),
            };
            if code == 429 || code == 503 {
                resp.headers_mut()
                    .insert("retry-after", HeaderValue::from(1));
            }
            (Some(id), resp)
        }
        Some((id, FaultAction::Close)) => (Some(id), broken_response()),
    };
    sandbox
        .journal
        .record(generated::sandbox::types::JournalEntry {
            id: 0,
            time_ms,
            method,
            path,
            query,
            headers,
            status: i32::from(resp.status().as_u16()),
            latency_ms: started.elapsed().as_secs_f64() * 1000.0,
            fault: fault_id,
        });
    resp
}

/// A response that breaks off after its status line: the connection is dropped before any
/// body arrives, as when an appliance dies mid-request.
fn broken_response() -> Response {
    let stream = futures_util::stream::once(async {
        Err::<axum::body::Bytes, std::io::Error>(std::io::Error::new(
            std::io::ErrorKind::ConnectionAborted,
            "injected fault: connection closed",
        ))
    });
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        axum::body::Body::from_stream(stream),
    )
        .into_response()
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

async fn not_found(method: Method, uri: Uri) -> Response {
    let message = format!("No such resource: {method} {}", uri.path());
    match Api::of(uri.path()) {
        Some(api) => api.error(StatusCode::NOT_FOUND, message),
        None => (
            StatusCode::NOT_FOUND,
            Json(serde_json::json!({"message": message})),
        )
            .into_response(),
    }
}

/// One line per request. Only the path is logged: query strings can carry passwords (the vIDM
/// password grant), and headers carry tokens.
async fn access_log(req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    let id = uuid::Uuid::new_v4().simple().to_string();
    let mut resp = next.run(req).await;
    // axum answers 405 itself, in plain text: give it the API's shape.
    if resp.status() == StatusCode::METHOD_NOT_ALLOWED {
        if let Some(api) = Api::of(&path) {
            resp = api.error(
                StatusCode::METHOD_NOT_ALLOWED,
                format!("Method {method} is not allowed on {path}"),
            );
        }
    }
    tracing::info!(
        request_id = %id,
        %method,
        %path,
        status = resp.status().as_u16(),
        latency_ms = started.elapsed().as_secs_f64() * 1000.0,
        "request"
    );
    if let Ok(v) = HeaderValue::from_str(&id) {
        resp.headers_mut().insert("x-request-id", v);
    }
    resp
}

/// Serves `router` on `listener` until `shutdown` completes.
pub async fn serve(
    listener: tokio::net::TcpListener,
    router: Router,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}
