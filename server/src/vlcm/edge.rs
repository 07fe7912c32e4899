//! The HSM API at the per-request layer: vLCM's `ErrorResponse` for answers given outside its
//! handlers (404, 405, 413, injected faults).

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

use super::api::error_response;
use crate::edge::ApiEdge;

pub struct VlcmEdge;

impl ApiEdge for VlcmEdge {
    fn base(&self) -> &'static str {
        crate::VLCM_BASE
    }

    fn error(&self, status: StatusCode, message: String) -> Response {
        (status, Json(error_response(message))).into_response()
    }
}
