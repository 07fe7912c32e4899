//! OMIVV at the per-request layer: its error shape, and the limit of requests one session may
//! have in flight (429 beyond, as the appliance enforces).

use std::sync::Arc;

use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

use super::errors::error;
use super::Omivv;
use crate::edge::{Admission, ApiEdge};

pub struct OmivvEdge(pub Arc<Omivv>);

impl ApiEdge for OmivvEdge {
    fn base(&self) -> &'static str {
        crate::OMIVV_BASE
    }

    fn error(&self, status: StatusCode, message: String) -> Response {
        let code = status
            .canonical_reason()
            .unwrap_or("ERROR")
            .to_uppercase()
            .replace(' ', "_");
        (status, Json(error(&code, message))).into_response()
    }

    /// The in-flight slot of the request's session, held until the request ends; none for a
    /// request without a validly signed token (authentication will refuse it).
    fn admit<'a>(&'a self, headers: &HeaderMap) -> Result<Option<Admission<'a>>, Box<Response>> {
        let auth = headers.get("authorization").and_then(|v| v.to_str().ok());
        match self.0.enter_in_flight(auth) {
            Ok(slot) => Ok(slot.map(|s| Box::new(s) as Admission<'a>)),
            Err(max) => {
                let message =
                    format!("Too many parallel requests for this session (at most {max})");
                let mut resp = self.error(StatusCode::TOO_MANY_REQUESTS, message);
                resp.headers_mut()
                    .insert("retry-after", HeaderValue::from(1));
                Err(Box::new(resp))
            }
        }
    }
}
