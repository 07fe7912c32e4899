//! Fault rules: the next matching requests answer a status (with or without a body), wait, or
//! break off.

use std::sync::Mutex;
use std::time::Duration;

use crate::generated::sandbox::types;

/// What a matching fault rule does to a request.
pub enum FaultAction {
    Status(u16),
    /// The status with no body at all.
    Empty(u16),
    Latency(Duration),
    Close,
}

/// Every rule is tried against every appliance request, so their number is bounded.
pub const MAX_RULES: usize = 100;

/// Paths under this are the control API's (`/sandbox/v1`), which faults never touch.
const CONTROL_PREFIX: &str = "/sandbox";

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
            types::FaultKind::Empty => FaultAction::Empty(rule.status.unwrap_or(500) as u16),
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

    pub fn list(&self) -> Vec<types::FaultRule> {
        self.rules.lock().unwrap().clone()
    }

    /// Checks and adds a rule; the message says what is wrong with a bad one.
    pub fn add(&self, body: types::FaultRequest) -> Result<types::FaultRule, String> {
        // A rule that can only match the control API would never apply: those requests are
        // neither journaled nor faulted.
        let literal = body.path.trim_end_matches('*');
        let wildcard = body.path.ends_with('*');
        if literal.starts_with(CONTROL_PREFIX)
            || (wildcard && literal.len() > 1 && CONTROL_PREFIX.starts_with(literal))
        {
            return Err(format!(
                "fault rules apply to the appliances' APIs, not to the control API ({}); {:?} \
                 would never apply",
                crate::CONTROL_BASE,
                body.path
            ));
        }
        let count = body.count.unwrap_or(1);
        if !(1..=10_000).contains(&count) {
            return Err("count must be between 1 and 10000".into());
        }
        if body.path.is_empty() || !body.path.starts_with('/') {
            return Err("path must start with /".into());
        }
        match body.kind {
            types::FaultKind::Status | types::FaultKind::Empty
                if !body.status.is_some_and(|s| (400..=599).contains(&s)) =>
            {
                return Err(format!(
                    "a {} fault needs a status between 400 and 599",
                    body.kind
                ))
            }
            types::FaultKind::Latency
                if !body.latency_ms.is_some_and(|ms| (0..=60_000).contains(&ms)) =>
            {
                return Err("a latency fault needs latency_ms between 0 and 60000".into())
            }
            _ => {}
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
        let mut rules = self.rules.lock().unwrap();
        if rules.len() >= MAX_RULES {
            return Err(format!(
                "at most {MAX_RULES} fault rules can exist at once; delete one first"
            ));
        }
        rules.push(rule.clone());
        Ok(rule)
    }

    /// Removes a rule; false when there is no such rule.
    pub fn delete(&self, id: &str) -> bool {
        let mut rules = self.rules.lock().unwrap();
        let before = rules.len();
        rules.retain(|r| r.id != id);
        rules.len() < before
    }
}
