//! Aria at the per-request layer: its error shape.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

use super::errors::error;
use crate::edge::ApiEdge;

/// Aria mounted at a base: `/api/ni`, and in the SaaS deployment `/ni/api/ni` too (E121).
pub struct AriaEdge(pub &'static str);

impl ApiEdge for AriaEdge {
    fn base(&self) -> &'static str {
        self.0
    }

    fn error(&self, status: StatusCode, message: String) -> Response {
        (status, Json(error(status.as_u16(), message))).into_response()
    }
}
