//! The request journal: the last requests the sandbox served, with secrets masked.
//!
//! Every request is recorded, so a record is cheap to make: the method and header values are
//! kept as the request had them (reference-counted, no copy), the credential of `Authorization`
//! is dropped at once, and the answer's shape (`JournalEntry`) is built only when asked for.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Mutex;

use axum::http::{HeaderMap, HeaderValue, Method};

use crate::generated::sandbox::types;

/// The headers a record keeps, in this order.
const KEPT: [&str; 3] = ["content-type", "accept", "user-agent"];

/// One request as recorded.
pub struct Recorded {
    pub time_ms: i64,
    pub method: Method,
    pub path: String,
    /// Masked when the entry is read (the raw query stays in memory only).
    pub query: Option<String>,
    /// The scheme of the `Authorization` header, if any (never the credential).
    pub auth_scheme: Option<AuthScheme>,
    pub headers: [Option<HeaderValue>; 3],
    pub status: u16,
    pub latency_ms: f64,
    pub fault: Option<String>,
}

/// What is kept of an `Authorization` header.
pub enum AuthScheme {
    Bearer,
    NetworkInsight,
    Basic,
    Other(String),
    /// A header with no scheme: all of it is the secret.
    None,
}

impl AuthScheme {
    pub fn of(value: &HeaderValue) -> Self {
        let text = value.to_str().unwrap_or_default();
        match text.split_once(' ').map(|(s, _)| s) {
            Some("Bearer") => AuthScheme::Bearer,
            Some("NetworkInsight") => AuthScheme::NetworkInsight,
            Some("Basic") => AuthScheme::Basic,
            Some(other) => AuthScheme::Other(other.to_string()),
            None => AuthScheme::None,
        }
    }

    fn masked(&self) -> String {
        match self {
            AuthScheme::Bearer => "Bearer ***".into(),
            AuthScheme::NetworkInsight => "NetworkInsight ***".into(),
            AuthScheme::Basic => "Basic ***".into(),
            AuthScheme::Other(s) => format!("{s} ***"),
            AuthScheme::None => "***".into(),
        }
    }
}

/// The kept headers of a request.
pub fn kept_headers(headers: &HeaderMap) -> [Option<HeaderValue>; 3] {
    KEPT.map(|name| headers.get(name).cloned())
}

impl Recorded {
    fn entry(&self, id: i64) -> types::JournalEntry {
        let mut headers = std::collections::HashMap::new();
        if let Some(a) = &self.auth_scheme {
            headers.insert("authorization".to_string(), a.masked());
        }
        for (name, value) in KEPT.iter().zip(&self.headers) {
            if let Some(v) = value.as_ref().and_then(|v| v.to_str().ok()) {
                headers.insert(name.to_string(), v.to_string());
            }
        }
        types::JournalEntry {
            id,
            time_ms: self.time_ms,
            method: self.method.to_string(),
            path: self.path.clone(),
            query: self.query.as_deref().map(mask_query),
            headers,
            status: i32::from(self.status),
            latency_ms: self.latency_ms,
            fault: self.fault.clone(),
        }
    }
}

/// The last requests the sandbox served, oldest first.
pub struct Journal {
    capacity: usize,
    next_id: AtomicI64,
    entries: Mutex<VecDeque<(i64, Recorded)>>,
}

impl Journal {
    pub fn new(capacity: usize) -> Self {
        Self {
            capacity,
            next_id: AtomicI64::new(1),
            entries: Mutex::new(VecDeque::new()),
        }
    }

    pub fn record(&self, entry: Recorded) {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let mut entries = self.entries.lock().unwrap();
        if entries.len() == self.capacity {
            entries.pop_front();
        }
        entries.push_back((id, entry));
    }

    pub fn query(&self, path: Option<&str>, method: Option<&str>) -> Vec<types::JournalEntry> {
        self.entries
            .lock()
            .unwrap()
            .iter()
            .filter(|(_, e)| path.is_none_or(|p| e.path.starts_with(p)))
            .filter(|(_, e)| method.is_none_or(|m| e.method.as_str().eq_ignore_ascii_case(m)))
            .map(|(id, e)| e.entry(*id))
            .collect()
    }

    pub fn clear(&self) {
        self.entries.lock().unwrap().clear();
    }
}

/// Masks the values of query parameters that carry secrets.
pub fn mask_query(query: &str) -> String {
    query
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((k, _)) if is_secret(k) => format!("{k}=***"),
            _ => pair.to_string(),
        })
        .collect::<Vec<_>>()
        .join("&")
}

fn is_secret(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    ["password", "secret", "token", "assertion", "code"]
        .iter()
        .any(|s| k.contains(s))
}

/// Keeps the scheme of an `Authorization` header and hides the credential.
pub fn mask_authorization(value: &str) -> String {
    match value.split_once(' ') {
        Some((scheme, _)) => format!("{scheme} ***"),
        None => "***".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_secrets_in_queries_and_headers() {
        assert_eq!(
            mask_query("grant_type=password&client_id=c&username=u&password=p%20q"),
            "grant_type=password&client_id=c&username=u&password=***"
        );
        assert_eq!(
            mask_query("client_secret=s&access_token=t"),
            "client_secret=***&access_token=***"
        );
        assert_eq!(
            mask_authorization("NetworkInsight abc=="),
            "NetworkInsight ***"
        );
        assert_eq!(mask_authorization("abc"), "***");
        for (header, kept) in [
            ("Bearer eyJ.x.y", "Bearer ***"),
            ("NetworkInsight abc==", "NetworkInsight ***"),
            ("Basic dTpw", "Basic ***"),
            ("Digest u=1", "Digest ***"),
            ("secret", "***"),
        ] {
            let scheme = AuthScheme::of(&HeaderValue::from_static(header));
            assert_eq!(scheme.masked(), kept);
            assert_eq!(scheme.masked(), mask_authorization(header));
        }
    }
}
