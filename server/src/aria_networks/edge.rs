//! Aria at the per-request layer: its error shape.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

use super::errors::error;
use crate::edge::ApiEdge;

pub struct AriaEdge;

impl ApiEdge for AriaEdge {
    fn base(&self) -> &'static str {
        crate::ARIA_BASE
    }

    fn error(&self, status: StatusCode, message: String) -> Response {
        (status, Json(error(status.as_u16(), message))).into_response()
    }
}
