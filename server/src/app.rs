//! Puts the three APIs on one router: `/Spectre/api/rest/v1` (OMIVV), `/api/ni` (Aria) and
//! `/SAAS` (vIDM), with request limits, logging and API-shaped answers for unknown routes.

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
use crate::generated;
use crate::omivv::{self, Omivv, OmivvApi};
use crate::ratelimit::RequestLimit;
use crate::vidm::{IdentityManager, VidmApi};

pub const OMIVV_BASE: &str = "/Spectre/api/rest/v1";
pub const ARIA_BASE: &str = "/api/ni";

/// Options that are not part of the appliance configuration.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub no_rate_limits: bool,
}

/// Everything one running sandbox holds.
pub struct Sandbox {
    pub config: Config,
    pub clock: Arc<Clock>,
    pub omivv: Arc<Omivv>,
    pub aria: Arc<Aria>,
    pub idm: Arc<IdentityManager>,
    omivv_limit: Option<Arc<RequestLimit>>,
    aria_limit: Option<Arc<RequestLimit>>,
}

impl Sandbox {
    pub fn new(config: Config, options: Options) -> Arc<Self> {
        let clock = Arc::new(Clock::new());
        let idm = Arc::new(IdentityManager::new(config.vidm.clone(), clock.clone()));
        let omivv = Arc::new(Omivv::new(config.omivv.clone(), clock.clone()));
        let aria = Arc::new(Aria::new(config.aria.clone(), clock.clone(), idm.clone()));
        let limit = |n: u32| (!options.no_rate_limits).then(|| Arc::new(RequestLimit::new(n)));
        Arc::new(Self {
            omivv_limit: limit(config.omivv.requests_per_minute),
            aria_limit: limit(config.aria.requests_per_minute),
            config,
            clock,
            omivv,
            aria,
            idm,
        })
    }

    /// Back to the configured start: no sessions, tokens, lockouts, vIDM settings or mappings.
    pub fn reset(&self) {
        self.omivv.reset();
        self.aria.reset();
        self.idm.reset();
        for l in [&self.omivv_limit, &self.aria_limit].into_iter().flatten() {
            l.clear();
        }
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
        Router::new()
            .nest(OMIVV_BASE, omivv)
            .nest(ARIA_BASE, aria)
            .merge(vidm)
            .fallback(not_found)
            .layer(DefaultBodyLimit::max(self.config.max_body_bytes))
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
