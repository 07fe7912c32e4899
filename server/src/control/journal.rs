//! The request journal: the last requests the sandbox served, with secrets masked.
//!
//! Every request is recorded, so a record is cheap to make: the method and header values are
//! kept as the request had them (reference-counted, no copy), the credential of `Authorization`
//! is dropped at once, and the answer's shape (`JournalEntry`) is built only when asked for.
//! Cookies, `csp-auth-token`, `x-*-token` and every other header are never kept.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Mutex;

use axum::http::{HeaderMap, HeaderValue, Method};

use super::masking::{mask_query, AuthScheme};
use crate::generated::sandbox::types;

/// The most of a path, a query or a kept header value a record keeps; the rest is cut off
/// (and the cut said), so that a flood of huge requests cannot grow the journal.
pub const FIELD_CAP: usize = 2048;
/// The most bytes all records hold together; the oldest go first beyond it.
pub const TOTAL_CAP: usize = 4 * 1024 * 1024;

/// The headers a record keeps, in this order.
const KEPT: [&str; 3] = ["content-type", "accept", "user-agent"];

/// One request as recorded.
pub struct Recorded {
    pub time_ms: i64,
    pub method: Method,
    pub path: String,
    /// Masked when the entry is read (the raw query stays in memory only).
    pub query: Option<String>,
    /// What is kept of the `Authorization` header, if any (never the credential).
    pub auth_scheme: Option<AuthScheme>,
    pub headers: [Option<HeaderValue>; 3],
    pub status: u16,
    pub latency_ms: f64,
    pub fault: Option<String>,
}

/// The kept headers of a request.
pub fn kept_headers(headers: &HeaderMap) -> [Option<HeaderValue>; 3] {
    KEPT.map(|name| headers.get(name).cloned())
}

/// `text` cut to [`FIELD_CAP`] bytes at a character boundary, saying how much was cut.
pub fn capped(text: &str) -> String {
    if text.len() <= FIELD_CAP {
        return text.to_string();
    }
    let mut end = FIELD_CAP;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}...({} bytes cut)", &text[..end], text.len() - end)
}

impl Recorded {
    /// What the record holds in memory, roughly.
    fn bytes(&self) -> usize {
        let headers: usize = self.headers.iter().flatten().map(|v| v.len()).sum();
        256 + self.path.len() + self.query.as_ref().map_or(0, String::len) + headers
    }

    /// Cuts every field to [`FIELD_CAP`]; header values are copied only when cut.
    fn capped(mut self) -> Self {
        if self.path.len() > FIELD_CAP {
            self.path = capped(&self.path);
        }
        if let Some(q) = self.query.as_mut().filter(|q| q.len() > FIELD_CAP) {
            *q = capped(q);
        }
        for value in self.headers.iter_mut().flatten() {
            if value.len() > FIELD_CAP {
                let text = capped(&String::from_utf8_lossy(value.as_bytes()));
                *value = HeaderValue::from_str(&text).unwrap_or(HeaderValue::from_static("..."));
            }
        }
        self
    }

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
    entries: Mutex<Entries>,
}

#[derive(Default)]
struct Entries {
    records: VecDeque<(i64, Recorded)>,
    bytes: usize,
}

impl Journal {
    pub fn new(capacity: usize) -> Self {
        Self {
            capacity,
            next_id: AtomicI64::new(1),
            entries: Mutex::new(Entries::default()),
        }
    }

    pub fn record(&self, entry: Recorded) {
        let entry = entry.capped();
        let size = entry.bytes();
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let mut entries = self.entries.lock().unwrap();
        while entries.records.len() >= self.capacity || entries.bytes + size > TOTAL_CAP {
            match entries.records.pop_front() {
                Some((_, old)) => entries.bytes -= old.bytes(),
                None => break,
            }
        }
        entries.bytes += size;
        entries.records.push_back((id, entry));
    }

    pub fn query(&self, path: Option<&str>, method: Option<&str>) -> Vec<types::JournalEntry> {
        self.entries
            .lock()
            .unwrap()
            .records
            .iter()
            .filter(|(_, e)| path.is_none_or(|p| e.path.starts_with(p)))
            .filter(|(_, e)| method.is_none_or(|m| e.method.as_str().eq_ignore_ascii_case(m)))
            .map(|(id, e)| e.entry(*id))
            .collect()
    }

    pub fn clear(&self) {
        *self.entries.lock().unwrap() = Entries::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn huge(id: usize) -> Recorded {
        Recorded {
            time_ms: 0,
            method: Method::GET,
            path: format!("/api/ni/{id}/{}", "p".repeat(100_000)),
            query: Some("q=".repeat(30_000)),
            auth_scheme: None,
            headers: [
                None,
                None,
                Some(HeaderValue::from_str(&"u".repeat(300_000)).unwrap()),
            ],
            status: 200,
            latency_ms: 0.0,
            fault: None,
        }
    }

    #[test]
    fn every_field_is_cut_to_the_field_cap() {
        let journal = Journal::new(1000);
        journal.record(huge(7));
        let e = &journal.query(None, None)[0];
        assert!(e.path.starts_with("/api/ni/7/ppp") && e.path.ends_with("bytes cut)"));
        assert!(e.path.len() < FIELD_CAP + 32);
        assert!(e.query.as_ref().unwrap().len() < FIELD_CAP + 32);
        assert!(e.headers["user-agent"].len() < FIELD_CAP + 32);
    }

    #[test]
    fn the_byte_cap_evicts_the_oldest_records() {
        let journal = Journal::new(100_000);
        for id in 0..5000 {
            journal.record(huge(id));
        }
        let entries = journal.query(None, None);
        let held = journal.entries.lock().unwrap().bytes;
        assert!(held <= TOTAL_CAP, "{held}");
        assert!(
            entries.len() < 5000 && entries.len() > 100,
            "{}",
            entries.len()
        );
        assert!(entries.last().unwrap().path.starts_with("/api/ni/4999/"));
        assert_eq!(journal.query(None, None).len(), entries.len());
    }
}
