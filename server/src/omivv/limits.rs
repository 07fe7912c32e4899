//! OMIVV's own limits: at most `max_parallel_per_session` requests of one session in flight
//! (429 beyond), as the appliance enforces. Requests-per-minute is the shared
//! [`crate::ratelimit`] rule.

use std::collections::HashMap;
use std::sync::Mutex;

use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

use super::errors::error;
use super::Omivv;

/// Requests in flight, by session id.
#[derive(Default)]
pub struct InFlight {
    counts: Mutex<HashMap<String, usize>>,
}

/// A session's slot, released when the request ends or is cancelled.
pub struct Slot<'a> {
    in_flight: &'a InFlight,
    sid: String,
}

impl InFlight {
    pub fn enter(&self, sid: String, max: usize) -> Option<Slot<'_>> {
        let mut counts = self.counts.lock().unwrap();
        let n = counts.entry(sid.clone()).or_insert(0);
        if *n >= max {
            return None;
        }
        *n += 1;
        Some(Slot {
            in_flight: self,
            sid,
        })
    }
}

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        let mut counts = self.in_flight.counts.lock().unwrap();
        if let Some(n) = counts.get_mut(&self.sid) {
            *n -= 1;
            if *n == 0 {
                counts.remove(&self.sid);
            }
        }
    }
}

/// A session already has its most requests in flight.
pub struct TooManyInFlight {
    max: usize,
}

impl IntoResponse for TooManyInFlight {
    fn into_response(self) -> Response {
        let body = error(
            "TOO_MANY_REQUESTS",
            format!(
                "Too many parallel requests for this session (at most {})",
                self.max
            ),
        );
        let mut resp = (StatusCode::TOO_MANY_REQUESTS, Json(body)).into_response();
        resp.headers_mut()
            .insert("retry-after", HeaderValue::from(1));
        resp
    }
}

/// The in-flight slot of an OMIVV request's session, held until the request ends; `None` for a
/// request without a validly signed token (authentication will refuse it).
pub fn slot_for<'a>(omivv: &'a Omivv, req: &Request) -> Result<Option<Slot<'a>>, TooManyInFlight> {
    let auth = req
        .headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok());
    let Some(sid) = omivv.keys.session_of(auth) else {
        return Ok(None);
    };
    let max = omivv.config.max_parallel_per_session;
    match omivv.in_flight.enter(sid, max) {
        Some(slot) => Ok(Some(slot)),
        None => Err(TooManyInFlight { max }),
    }
}
