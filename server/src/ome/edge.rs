//! OpenManage Enterprise at the per-request layer: OME's error shape for answers given outside
//! its handlers (404, 405, 413, injected faults).

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

use super::api::ome_error;
use crate::edge::ApiEdge;

pub struct OmeEdge;

impl ApiEdge for OmeEdge {
    fn base(&self) -> &'static str {
        crate::OME_BASE
    }

    fn error(&self, status: StatusCode, message: String) -> Response {
        (status, Json(ome_error(status.as_u16(), message))).into_response()
    }
}
