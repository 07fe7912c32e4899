//! OMEVV at the per-request layer: its error shape for answers given outside its handlers (404,
//! 405, 413, injected faults), with a string `errorCode` as Dell's modules need.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

use super::errors::error;
use crate::edge::ApiEdge;

pub struct OmevvEdge;

impl ApiEdge for OmevvEdge {
    fn base(&self) -> &'static str {
        super::OMEVV_BASE
    }

    fn error(&self, status: StatusCode, message: String) -> Response {
        let code = format!("10{}", status.as_u16());
        (status, Json(error(&code, message))).into_response()
    }
}
