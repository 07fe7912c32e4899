//! The Identity Manager at the per-request layer: its (OAuth) error shape.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

use crate::edge::ApiEdge;
use crate::generated::vidm::types;

pub struct VidmEdge;

impl ApiEdge for VidmEdge {
    fn base(&self) -> &'static str {
        "/SAAS"
    }

    fn error(&self, status: StatusCode, message: String) -> Response {
        let body = types::OAuthError {
            error: "invalid_request".into(),
            error_description: Some(message),
        };
        (status, Json(body)).into_response()
    }
}
