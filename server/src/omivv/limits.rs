//! OMIVV's own limits: at most `max_parallel_per_session` requests of one session in flight
//! (429 beyond), as the appliance enforces. Requests-per-minute is the shared
//! [`crate::ratelimit`] rule.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
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

/// Middleware over the routes under `base` (OMIVV's). Sessions are told apart by their validly
/// signed token.
pub async fn parallel_limit(
    State((omivv, base)): State<(Arc<Omivv>, &'static str)>,
    req: Request,
    next: Next,
) -> Response {
    if !req.uri().path().starts_with(base) {
        return next.run(req).await;
    }
    let auth = req
        .headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok());
    let Some(sid) = omivv.keys.session_of(auth) else {
        return next.run(req).await;
    };
    let max = omivv.config.max_parallel_per_session;
    let Some(_slot) = omivv.in_flight.enter(sid, max) else {
        let body = error(
            "TOO_MANY_REQUESTS",
            format!("Too many parallel requests for this session (at most {max})"),
        );
        let mut resp = (StatusCode::TOO_MANY_REQUESTS, Json(body)).into_response();
        resp.headers_mut()
            .insert("retry-after", HeaderValue::from(1));
        return resp;
    };
    next.run(req).await
}
