//! Cassettes: one recorded exchange per file (`DIR/000001.json`, in the order they happened), in
//! a stable format (`version` 1):
//!
//! ```json
//! {"version": 1,
//!  "request": {"method": "GET", "path": "/api/ni/entities/vms", "query": "size=10",
//!              "headers": {"authorization": "NetworkInsight <masked:1>"}, "body": null},
//!  "response": {"status": 200, "headers": {"content-type": "application/json"}, "body": {...}}}
//! ```
//!
//! A body is JSON when it parses as JSON, else text (`body_text`), else base64 (`body_base64`);
//! a body longer than 16 MiB (or one that broke off) is not kept: `"body_omitted": true`.
//! Every secret is masked before it is written, consistently within a recording (the same value
//! is always `<masked:N>` with the same N): credentials and token headers, and in JSON bodies,
//! form bodies and query strings every value whose key names a secret (password, token, secret,
//! credential, key). So a recording can be attached to an issue.

use std::collections::HashMap;
use std::sync::Mutex;

use axum::http::HeaderMap;
use base64::Engine;
use serde_json::{json, Map, Value};

use super::contract::secret_name;

/// Headers that carry credentials.
const SECRET_HEADERS: [&str; 7] = [
    "authorization",
    "proxy-authorization",
    "x-auth-token",
    "csp-auth-token",
    "cookie",
    "set-cookie",
    "x-api-key",
];

/// Gives each secret value its mask, the same every time within one recording.
#[derive(Default)]
pub struct Masker {
    seen: Mutex<HashMap<String, usize>>,
}

/// Marks a masked value; replay treats any two as equal.
pub const MASK_PREFIX: &str = "<masked:";

impl Masker {
    fn mask(&self, secret: &str) -> String {
        let Ok(mut seen) = self.seen.lock() else {
            return format!("{MASK_PREFIX}?>");
        };
        let next = seen.len() + 1;
        let n = *seen.entry(secret.to_string()).or_insert(next);
        format!("{MASK_PREFIX}{n}>")
    }

    /// A header's value: the scheme kept (`Basic`, `Bearer`, `NetworkInsight`), the rest masked.
    fn header(&self, name: &str, value: &str) -> String {
        if !SECRET_HEADERS.contains(&name) {
            return value.to_string();
        }
        match value.split_once(' ') {
            Some((scheme, rest)) if name.ends_with("authorization") => {
                format!("{scheme} {}", self.mask(rest))
            }
            _ => self.mask(value),
        }
    }

    pub fn headers(&self, headers: &HeaderMap) -> Value {
        let mut out = Map::new();
        for (name, value) in headers {
            let text = value.to_str().unwrap_or("<not text>");
            out.insert(
                name.as_str().to_string(),
                json!(self.header(name.as_str(), text)),
            );
        }
        Value::Object(out)
    }

    /// Every string under a key that names a secret, masked.
    pub fn json(&self, v: &mut Value) {
        match v {
            Value::Object(map) => {
                for (k, child) in map.iter_mut() {
                    match child {
                        Value::String(s) if secret_name(k) => *s = self.mask(s),
                        _ => self.json(child),
                    }
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|i| self.json(i)),
            _ => {}
        }
    }

    /// `a=1&password=x` with the secrets masked (for form bodies and query strings).
    pub fn form(&self, text: &str) -> String {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(text).unwrap_or_default();
        if pairs.is_empty() {
            return text.to_string();
        }
        let masked: Vec<(String, String)> = pairs
            .into_iter()
            .map(|(k, v)| {
                let v = if secret_name(&k) { self.mask(&v) } else { v };
                (k, v)
            })
            .collect();
        serde_urlencoded::to_string(masked).unwrap_or_default()
    }

    /// A body, or the mark of one that was too long to keep.
    pub fn body_or_omitted(&self, bytes: Option<&axum::body::Bytes>) -> (&'static str, Value) {
        match bytes {
            Some(b) => self.body(b),
            None => ("body_omitted", Value::Bool(true)),
        }
    }

    /// A body as a cassette holds it: JSON, text or base64, secrets masked.
    pub fn body(&self, bytes: &[u8]) -> (&'static str, Value) {
        if bytes.is_empty() {
            return ("body", Value::Null);
        }
        if let Ok(mut v) = serde_json::from_slice::<Value>(bytes) {
            self.json(&mut v);
            return ("body", v);
        }
        match std::str::from_utf8(bytes) {
            Ok(text) if text.contains('=') && !text.contains(char::is_whitespace) => {
                ("body_text", json!(self.form(text)))
            }
            Ok(text) => ("body_text", json!(text)),
            Err(_) => (
                "body_base64",
                json!(base64::engine::general_purpose::STANDARD.encode(bytes)),
            ),
        }
    }
}

/// What a replay compares a request by: method, path, query and body, secrets left out (every
/// masked value, and every secret of a live request, reads as `<masked>`).
pub fn match_key(method: &str, path: &str, query: Option<&str>, body: &Value) -> String {
    let query = query.map(blank_form).unwrap_or_default();
    let mut body = body.clone();
    blank_json(&mut body);
    format!("{method} {path}?{query} {body}")
}

fn blank_form(text: &str) -> String {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(text).unwrap_or_default();
    let blanked: Vec<(String, String)> = pairs
        .into_iter()
        .map(|(k, v)| {
            let v = if secret_name(&k) || v.starts_with(MASK_PREFIX) {
                "<masked>".to_string()
            } else {
                v
            };
            (k, v)
        })
        .collect();
    serde_urlencoded::to_string(blanked).unwrap_or_default()
}

fn blank_json(v: &mut Value) {
    match v {
        Value::Object(map) => {
            for (k, child) in map.iter_mut() {
                match child {
                    Value::String(s) if secret_name(k) || s.starts_with(MASK_PREFIX) => {
                        *s = "<masked>".into()
                    }
                    _ => blank_json(child),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(blank_json),
        Value::String(s) if s.contains('=') && !s.contains(char::is_whitespace) => {
            *s = blank_form(s)
        }
        _ => {}
    }
}
