//! Searching the audit log: every filter given must match, newest first, a page at a time.

use super::super::caller::Caller;
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
        caller: &Caller,
        body: &types::AuditRequest,
    ) -> Result<types::AuditListResponse, AriaError> {
        if caller.role == types::Role::Member {
            return Err(AriaError::NotPermitted(format!(
                "{} (MEMBER) may not read the audit log; ADMIN or AUDITOR role required",
                caller.principal
            )));
        }
        let user = match (body.user_name.as_deref(), body.username.as_deref()) {
            (Some(a), Some(b)) if !a.eq_ignore_ascii_case(b) => {
                return Err(AriaError::InvalidInput(format!(
                    "user_name {a:?} and username {b:?} differ; give one of them"
                )))
            }
            (a, b) => a.or(b),
        };
        let page = PageRequest::parse(body.size, body.cursor.as_deref())?;
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
        let matches = log.values().rev().filter(|r| {
            start.is_none_or(|s| r.timestamp >= s)
                && end.is_none_or(|e| r.timestamp <= e)
                && filters
                    .iter()
                    .all(|(field, want)| field(r).is_some_and(|v| v.eq_ignore_ascii_case(want)))
        });
        let mut results = Vec::new();
        let mut total = 0;
        for r in matches {
            if total >= page.offset && results.len() < page.size {
                results.push(answer(r));
            }
            total += 1;
        }
        let cursor = page.next_cursor(results.len(), total)?;
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
