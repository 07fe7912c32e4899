//! What the per-request layer needs of each API, through one small trait, so that the layer
//! knows no API's internals: where the API is mounted, its error shape (for answers given outside
//! its handlers: 404, 405, 413, 429, injected faults), and any gate a request must pass first.

use std::sync::Arc;

use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

/// Held while a request runs (an OMIVV session's in-flight slot); dropping it releases it.
pub type Admission<'a> = Box<dyn Send + 'a>;

pub trait ApiEdge: Send + Sync + 'static {
    /// Where the API is mounted (`/api/ni`).
    fn base(&self) -> &'static str;

    /// An error in the API's own shape.
    fn error(&self, status: StatusCode, message: String) -> Response;

    /// Admits a request before it is routed, holding what the API limits per caller while it
    /// runs, or answers the refusal (boxed: it is the rare case). Most APIs limit nothing.
    fn admit<'a>(&'a self, _headers: &HeaderMap) -> Result<Option<Admission<'a>>, Box<Response>> {
        Ok(None)
    }
}

/// The mounted APIs, found by path.
#[derive(Clone)]
pub struct Edges(Arc<[Arc<dyn ApiEdge>]>);

impl Edges {
    pub fn new(edges: Vec<Arc<dyn ApiEdge>>) -> Self {
        Self(edges.into())
    }

    /// The API `path` belongs to, if any.
    pub fn of(&self, path: &str) -> Option<&dyn ApiEdge> {
        self.0
            .iter()
            .find(|e| path.starts_with(e.base()))
            .map(|e| &**e)
    }

    /// An error for any path: the API's shape where there is one, `{"message"}` elsewhere.
    pub fn error_for(&self, path: &str, status: StatusCode, message: String) -> Response {
        match self.of(path) {
            Some(api) => api.error(status, message),
            None => (status, Json(serde_json::json!({ "message": message }))).into_response(),
        }
    }
}
