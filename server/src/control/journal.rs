//! The request journal: the last requests the sandbox served, with secrets masked.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Mutex;

use crate::generated::sandbox::types;

/// The last requests the sandbox served, oldest first.
pub struct Journal {
    capacity: usize,
    next_id: AtomicI64,
    entries: Mutex<VecDeque<types::JournalEntry>>,
}

impl Journal {
    pub fn new(capacity: usize) -> Self {
        Self {
            capacity,
            next_id: AtomicI64::new(1),
            entries: Mutex::new(VecDeque::new()),
        }
    }

    pub fn record(&self, mut entry: types::JournalEntry) {
        entry.id = self.next_id.fetch_add(1, Ordering::SeqCst);
        let mut entries = self.entries.lock().unwrap();
        if entries.len() == self.capacity {
            entries.pop_front();
        }
        entries.push_back(entry);
    }

    pub fn query(&self, path: Option<&str>, method: Option<&str>) -> Vec<types::JournalEntry> {
        self.entries
            .lock()
            .unwrap()
            .iter()
            .filter(|e| path.is_none_or(|p| e.path.starts_with(p)))
            .filter(|e| method.is_none_or(|m| e.method.eq_ignore_ascii_case(m)))
            .cloned()
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
    }
}
