//! Searching the audit log: every filter given must match, newest first, a page at a time.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;

use super::super::errors::AriaError;
use super::super::paging::PageRequest;
use super::super::tables::AuditRow;
use super::super::Aria;
use crate::generated::aria_networks::types;

/// One filter: a field of the record and the value it must have (ignoring case).
type Filter<'a> = (fn(&AuditRow) -> Option<&str>, &'a str);

impl Aria {
    pub async fn audit_logs(
        &self,
        body: &types::AuditRequest,
    ) -> Result<types::AuditListResponse, AriaError> {
        let user = match (body.user_name.as_deref(), body.username.as_deref()) {
            (Some(a), Some(b)) if !a.eq_ignore_ascii_case(b) => {
                return Err(AriaError::InvalidInput(format!(
                    "user_name {a:?} and username {b:?} differ; give one of them"
                )))
            }
            (a, b) => a.or(b),
        };
        let size = PageRequest::parse(body.size, None)?.size;
        let (offset, bound) = match body.cursor.as_deref() {
            None | Some("") => (0, None),
            Some(c) => read_cursor(c)?,
        };
        let range = body.time_range.as_ref();
        let start = range.and_then(|r| r.start_time);
        let end = range.and_then(|r| r.end_time);
        if let (Some(s), Some(e)) = (start, end) {
            if s > e {
                return Err(AriaError::InvalidInput(format!(
                    "time_range.start_time {s} is after end_time {e}"
                )));
            }
        }
        let filters: Vec<Filter> = [
            (user, user_name as fn(&AuditRow) -> Option<&str>),
            (body.ip_address.as_deref(), ip_address),
            (body.entity_type.as_deref(), entity_type),
            (body.entity_id.as_deref(), entity_id),
            (body.operation.as_deref(), operation),
            (body.response.as_deref(), response),
        ]
        .into_iter()
        .filter_map(|(want, field)| want.map(|w| (field, w)))
        .collect();
        let now = self.clock.now_secs();
        let state = self.db.read().await;
        let log = &state.aria().audit_log;
        // Records written after the first page do not shift the later ones.
        let newest = log
            .page(log.len().saturating_sub(1), 1)
            .first()
            .map_or(0, |r| r.seq);
        let bound = bound.unwrap_or(newest);
        let matches = log.values().rev().filter(|r| {
            r.seq <= bound
                && start.is_none_or(|s| r.timestamp >= s)
                && end.is_none_or(|e| r.timestamp <= e)
                && filters
                    .iter()
                    .all(|(field, want)| field(r).is_some_and(|v| v.eq_ignore_ascii_case(want)))
        });
        let mut results = Vec::new();
        let mut total = 0;
        for r in matches {
            if total >= offset && results.len() < size {
                results.push(answer(r));
            }
            total += 1;
        }
        if offset > total {
            return Err(AriaError::InvalidInput(format!(
                "Invalid cursor: offset {offset} is past the end"
            )));
        }
        let next = offset + results.len();
        let cursor = (next < total).then(|| STANDARD.encode(format!("{next}:{bound}")));
        let oldest = log.page(0, 1).first().map_or(now, |r| r.timestamp);
        Ok(types::AuditListResponse {
            results,
            cursor,
            start_time: start.unwrap_or(oldest),
            end_time: end.unwrap_or(now),
            total_count: i32::try_from(total).unwrap_or(i32::MAX),
        })
    }
}

/// A cursor: the base64 of `<offset>:<the newest record's number when paging began>`.
fn read_cursor(c: &str) -> Result<(usize, Option<u64>), AriaError> {
    let text = STANDARD
        .decode(c)
        .ok()
        .and_then(|b| String::from_utf8(b).ok());
    let parsed = text.as_deref().and_then(|t| match t.split_once(':') {
        Some((o, b)) => Some((o.parse().ok()?, Some(b.parse().ok()?))),
        None => Some((t.parse().ok()?, None)),
    });
    parsed.ok_or_else(|| AriaError::InvalidInput(format!("Invalid cursor {c:?}")))
}

fn answer(r: &AuditRow) -> types::AuditResponse {
    types::AuditResponse {
        ip_address: Some(r.ip_address.clone()),
        user_name: r.user_name.clone(),
        entity_type: r.entity_type.clone(),
        entity_id: r.entity_id.clone(),
        operation: r.operation.clone(),
        response: r.response.clone(),
        value: Some(r.value.clone()),
        timestamp: r.timestamp,
    }
}

fn user_name(r: &AuditRow) -> Option<&str> {
    Some(&r.user_name)
}

fn ip_address(r: &AuditRow) -> Option<&str> {
    Some(&r.ip_address)
}

fn entity_type(r: &AuditRow) -> Option<&str> {
    Some(&r.entity_type)
}

fn entity_id(r: &AuditRow) -> Option<&str> {
    r.entity_id.as_deref()
}

fn operation(r: &AuditRow) -> Option<&str> {
    Some(&r.operation)
}

fn response(r: &AuditRow) -> Option<&str> {
    Some(&r.response)
}
