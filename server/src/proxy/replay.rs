//! `appliance-sandbox replay DIR`: serves a recording back. A request is matched on method,
//! path, query and body (secrets left out, see `cassette::match_key`); the same request asked
//! again gets the next recorded answer to it (the last one repeats), so a polled job moves as
//! it did. A request nothing matches is a 404 in the API's own error shape, naming the nearest
//! recording.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Json, Router};
use base64::Engine;
use serde_json::Value;

use super::cassette::match_key;
use super::contract::normalized;
use crate::edge::ApiEdge;

struct Recorded {
    key: String,
    label: String,
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

pub struct Replay {
    recordings: Vec<Recorded>,
    /// How many times each key has been answered.
    served: Mutex<HashMap<String, usize>>,
}

fn body_bytes(response: &Value) -> Vec<u8> {
    if let Some(t) = response["body_text"].as_str() {
        return t.as_bytes().to_vec();
    }
    if let Some(b) = response["body_base64"].as_str() {
        return base64::engine::general_purpose::STANDARD
            .decode(b)
            .unwrap_or_default();
    }
    match &response["body"] {
        Value::Null => Vec::new(),
        v => serde_json::to_vec(v).unwrap_or_default(),
    }
}

fn request_body(request: &Value) -> Value {
    match (&request["body"], request["body_text"].as_str()) {
        (Value::Null, Some(t)) => Value::String(t.to_string()),
        (v, _) => v.clone(),
    }
}

/// An error in the shape of the API the path belongs to.
fn api_error(path: &str, status: StatusCode, message: String) -> Response {
    if path.starts_with(crate::OMIVV_BASE) {
        let code = "NOT_FOUND";
        return (status, Json(crate::omivv::errors::error(code, message))).into_response();
    }
    if path.starts_with(crate::ARIA_BASE) {
        let body = crate::aria_networks::errors::error(status.as_u16(), message);
        return (status, Json(body)).into_response();
    }
    let edges: [&dyn ApiEdge; 5] = [
        &crate::vlcm::edge::VlcmEdge,
        &crate::omevv::edge::OmevvEdge,
        &crate::ome::edge::OmeEdge,
        &crate::vidm::edge::VidmEdge,
        &crate::csp::CspEdge,
    ];
    match edges.iter().find(|e| path.starts_with(e.base())) {
        Some(e) => e.error(status, message),
        None => (status, Json(serde_json::json!({ "message": message }))).into_response(),
    }
}

impl Replay {
    /// Reads every cassette of `dir`, in file-name order.
    pub fn load(dir: &Path) -> Result<Replay, String> {
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .map_err(|e| format!("{}: {e}", dir.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        let mut recordings = Vec::new();
        for f in files {
            let text = std::fs::read_to_string(&f).map_err(|e| format!("{}: {e}", f.display()))?;
            let c: Value =
                serde_json::from_str(&text).map_err(|e| format!("{}: {e}", f.display()))?;
            if c["version"] != 1 {
                return Err(format!("{}: not a version 1 cassette", f.display()));
            }
            let req = &c["request"];
            let method = req["method"].as_str().unwrap_or_default();
            let path = normalized(req["path"].as_str().unwrap_or_default());
            let headers = c["response"]["headers"]
                .as_object()
                .into_iter()
                .flatten()
                .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
                .collect();
            recordings.push(Recorded {
                key: match_key(method, &path, req["query"].as_str(), &request_body(req)),
                label: format!(
                    "{} ({method} {path})",
                    f.file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default()
                ),
                status: c["response"]["status"].as_u64().unwrap_or(200) as u16,
                headers,
                body: body_bytes(&c["response"]),
            });
        }
        Ok(Replay {
            recordings,
            served: Mutex::new(HashMap::new()),
        })
    }

    pub fn len(&self) -> usize {
        self.recordings.len()
    }

    pub fn is_empty(&self) -> bool {
        self.recordings.is_empty()
    }

    pub fn router(self: Arc<Self>) -> Router {
        Router::new().fallback(answer).with_state(self)
    }

    /// The recording most like `key`: the longest common start.
    fn nearest(&self, key: &str) -> Option<&Recorded> {
        self.recordings.iter().max_by_key(|r| {
            r.key
                .chars()
                .zip(key.chars())
                .take_while(|(a, b)| a == b)
                .count()
        })
    }
}

async fn answer(State(replay): State<Arc<Replay>>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let bytes = axum::body::to_bytes(body, 64 * 1024 * 1024)
        .await
        .unwrap_or_default();
    let body = if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&bytes)
            .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()))
    };
    let path = normalized(parts.uri.path());
    let key = match_key(parts.method.as_str(), &path, parts.uri.query(), &body);
    let matching: Vec<&Recorded> = replay.recordings.iter().filter(|r| r.key == key).collect();
    if matching.is_empty() {
        let nearest = replay
            .nearest(&key)
            .map_or("none recorded".to_string(), |r| r.label.clone());
        let message = format!(
            "No recorded exchange matches {} {path}; the nearest recording is {nearest}",
            parts.method
        );
        return api_error(&path, StatusCode::NOT_FOUND, message);
    }
    let n = {
        let mut served = replay.served.lock().unwrap_or_else(|e| e.into_inner());
        let n = served.entry(key).or_default();
        *n += 1;
        *n - 1
    };
    let r = matching[n.min(matching.len() - 1)];
    let mut resp = Response::new(Body::from(r.body.clone()));
    *resp.status_mut() = StatusCode::from_u16(r.status).unwrap_or(StatusCode::OK);
    for (k, v) in &r.headers {
        let skip = matches!(
            k.as_str(),
            "content-length" | "transfer-encoding" | "connection"
        );
        if let (false, Ok(name), Ok(value)) = (
            skip,
            HeaderName::try_from(k.as_str()),
            HeaderValue::from_str(v),
        ) {
            resp.headers_mut().append(name, value);
        }
    }
    resp
}
