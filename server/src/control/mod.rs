//! The sandbox's own control API (`/sandbox/v1`, `openapi/sandbox.yaml`): clock, reset, the
//! request journal and fault injection.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::response::{IntoResponse, Response};

use crate::app::Sandbox;
use crate::clock::rfc3339;
use crate::generated::sandbox::{self as api, types, RequestContext};
use crate::stub::Rejection;

pub fn error(message: impl Into<String>) -> types::SandboxError {
    types::SandboxError {
        message: message.into(),
    }
}

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

/// What a matching fault rule does to a request.
pub enum FaultAction {
    Status(u16),
    Latency(Duration),
    Close,
}

/// Rules that affect the next matching requests.
#[derive(Default)]
pub struct Faults {
    rules: Mutex<Vec<types::FaultRule>>,
}

impl Faults {
    /// Takes one use of the first rule matching `method` and `path`, if any.
    pub fn take(&self, method: &str, path: &str) -> Option<(String, FaultAction)> {
        let mut rules = self.rules.lock().unwrap();
        let i = rules.iter().position(|r| {
            (r.method == "*" || r.method.eq_ignore_ascii_case(method))
                && match r.path.strip_suffix('*') {
                    Some(prefix) => path.starts_with(prefix),
                    None => r.path == path,
                }
        })?;
        let rule = &mut rules[i];
        rule.remaining -= 1;
        let action = match rule.kind {
            types::FaultKind::Status => FaultAction::Status(rule.status.unwrap_or(500) as u16),
            types::FaultKind::Latency => {
                FaultAction::Latency(Duration::from_millis(rule.latency_ms.unwrap_or(0) as u64))
            }
            types::FaultKind::Close => FaultAction::Close,
        };
        let id = rule.id.clone();
        if rule.remaining <= 0 {
            rules.remove(i);
        }
        Some((id, action))
    }

    pub fn clear(&self) {
        self.rules.lock().unwrap().clear();
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

#[derive(Clone)]
pub struct ControlApi(pub Arc<Sandbox>);

impl ControlApi {
    fn clock_state(&self) -> types::ClockState {
        let now = self.0.clock.now_ms();
        types::ClockState {
            now_ms: now,
            now: rfc3339(now),
            offset_ms: self.0.clock.offset_ms(),
        }
    }
}

impl api::Api for ControlApi {
    async fn get_health(&self, _ctx: RequestContext) -> api::GetHealthResponse {
        api::GetHealthResponse::Ok(types::Health {
            status: "ok".into(),
            version: env!("CARGO_PKG_VERSION").into(),
            durable: self.0.durable(),
        })
    }

    async fn get_clock(&self, _ctx: RequestContext) -> api::GetClockResponse {
        api::GetClockResponse::Ok(self.clock_state())
    }

    async fn advance_clock(
        &self,
        _ctx: RequestContext,
        body: types::AdvanceRequest,
    ) -> api::AdvanceClockResponse {
        use api::AdvanceClockResponse as R;
        let seconds = body.seconds.unwrap_or(0);
        let millis = body.milliseconds.unwrap_or(0);
        let total = seconds
            .checked_mul(1000)
            .and_then(|s| s.checked_add(millis));
        match total {
            Some(ms) if (0..=100 * 365 * 86_400_000).contains(&ms) => {
                self.0.clock.advance(Duration::from_millis(ms as u64));
                R::Ok(self.clock_state())
            }
            Some(ms) if ms < 0 => R::BadRequest(error("The clock only moves forward")),
            _ => R::BadRequest(error("Advance by at most 100 years")),
        }
    }

    async fn reset(&self, _ctx: RequestContext) -> api::ResetResponse {
        match self.0.reset() {
            Ok(()) => api::ResetResponse::NoContent,
            Err(e) => api::ResetResponse::InternalServerError(error(e.to_string())),
        }
    }

    async fn list_journal(
        &self,
        _ctx: RequestContext,
        query: api::queries::ListJournalQuery,
    ) -> api::ListJournalResponse {
        let entries = self
            .0
            .journal
            .query(query.path.as_deref(), query.method.as_deref());
        api::ListJournalResponse::Ok(types::Journal {
            total: entries.len() as i64,
            entries,
        })
    }

    async fn clear_journal(&self, _ctx: RequestContext) -> api::ClearJournalResponse {
        self.0.journal.clear();
        api::ClearJournalResponse::NoContent
    }

    async fn list_faults(&self, _ctx: RequestContext) -> api::ListFaultsResponse {
        api::ListFaultsResponse::Ok(self.0.faults.rules.lock().unwrap().clone())
    }

    async fn add_fault(
        &self,
        _ctx: RequestContext,
        body: types::FaultRequest,
    ) -> api::AddFaultResponse {
        use api::AddFaultResponse as R;
        let count = body.count.unwrap_or(1);
        if !(1..=10_000).contains(&count) {
            return R::BadRequest(error("count must be between 1 and 10000"));
        }
        if body.path.is_empty() || !body.path.starts_with('/') {
            return R::BadRequest(error("path must start with /"));
        }
        match body.kind {
            types::FaultKind::Status => match body.status {
                Some(s) if (400..=599).contains(&s) => {}
                _ => {
                    return R::BadRequest(error(
                        "a status fault needs a status between 400 and 599",
                    ))
                }
            },
            types::FaultKind::Latency => match body.latency_ms {
                Some(ms) if (0..=60_000).contains(&ms) => {}
                _ => {
                    return R::BadRequest(error(
                        "a latency fault needs latency_ms between 0 and 60000",
                    ))
                }
            },
            types::FaultKind::Close => {}
        }
        let rule = types::FaultRule {
            id: uuid::Uuid::new_v4().simple().to_string(),
            method: body.method.to_ascii_uppercase(),
            path: body.path,
            kind: body.kind,
            status: body.status,
            latency_ms: body.latency_ms,
            remaining: count,
        };
        self.0.faults.rules.lock().unwrap().push(rule.clone());
        R::Created(rule)
    }

    async fn delete_fault(&self, _ctx: RequestContext, id: String) -> api::DeleteFaultResponse {
        let mut rules = self.0.faults.rules.lock().unwrap();
        let before = rules.len();
        rules.retain(|r| r.id != id);
        if rules.len() < before {
            api::DeleteFaultResponse::NoContent
        } else {
            api::DeleteFaultResponse::NotFound(error(format!("No fault rule {id}")))
        }
    }

    fn reject(&self, _ctx: &RequestContext, rejection: Rejection) -> Response {
        (rejection.status(), axum::Json(error(rejection.message()))).into_response()
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
