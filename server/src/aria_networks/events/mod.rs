//! User-defined events: an alert raised when a saved search's results change or become empty.
//! The search is stored as written; the sandbox does not raise the events.

mod api;

use super::errors::AriaError;
use super::model::{from_model, to_model};
use super::nodes::entity_id;
use super::tables::{AriaTables, EventRow};
use super::Aria;
use crate::generated::aria_networks::types;

/// The type code of a user-defined event's id (ours, E42).
const EVENT_TYPE_CODE: u32 = 1901;

fn bad(message: impl Into<String>) -> AriaError {
    AriaError::InvalidInput(message.into())
}

fn not_found(id: &str) -> AriaError {
    AriaError::NotFound(format!("No user-defined event with id {id}"))
}

/// The severity enum's spelling of `text`, in any letter case.
fn severity(text: &str) -> Result<types::Severity, AriaError> {
    match text.trim().to_ascii_lowercase().as_str() {
        "critical" => Ok(types::Severity::Critical),
        "moderate" => Ok(types::Severity::Moderate),
        "warning" => Ok(types::Severity::Warning),
        "info" => Ok(types::Severity::Info),
        _ => Err(bad(format!(
            "severity {text:?} is not one of Critical, Moderate, Warning, Info"
        ))),
    }
}

/// `HH:MM`, 00:00 to 23:59.
pub(super) fn is_time_of_day(text: &str) -> bool {
    let Some((h, m)) = text.split_once(':') else {
        return false;
    };
    h.len() == 2
        && m.len() == 2
        && h.parse::<u8>().is_ok_and(|h| h < 24)
        && m.parse::<u8>().is_ok_and(|m| m < 60)
}

/// What a request's fields must be, before the store is read: its name and severity.
fn check(body: &types::SubscriptionRequest) -> Result<(String, types::Severity), AriaError> {
    let name = body.event_name.trim().to_string();
    if name.is_empty() {
        return Err(bad("event_name must not be empty"));
    }
    if body.search_criteria.trim().is_empty() {
        return Err(bad("search_criteria must not be empty"));
    }
    let severity = severity(&body.severity)?;
    if let Some(t) = body.daily_at_utc.as_deref().filter(|t| !is_time_of_day(t)) {
        return Err(bad(format!("daily_at_utc {t:?} is not HH:MM")));
    }
    Ok((name, severity))
}

/// What the store must allow: the name free (but for the event `id` itself), every SNMP
/// profile there.
fn check_in(
    t: &AriaTables,
    body: &types::SubscriptionRequest,
    name: &str,
    id: Option<&str>,
) -> Result<(), AriaError> {
    let holders = t.events.keys_where(&name.to_lowercase());
    if holders.iter().any(|h| Some(h.as_str()) != id) {
        return Err(bad(format!("A user-defined event named {name:?} exists")));
    }
    if let Some(p) = (body.snmp_trap_entity_ids.iter()).find(|p| !t.snmp_profiles.contains(p)) {
        return Err(bad(format!("{p:?} is not the id of an SNMP profile")));
    }
    Ok(())
}

fn response(
    id: &str,
    active: bool,
    name: String,
    severity: types::Severity,
    body: &types::SubscriptionRequest,
) -> types::SubscriptionResponse {
    types::SubscriptionResponse {
        entity_id: id.to_string(),
        active,
        event_name: name,
        severity,
        is_problem: body.is_problem,
        search_criteria: Some(body.search_criteria.clone()),
        generate_event_criteria: body.generate_event_criteria,
        email_frequency: body.email_frequency,
        daily_at_utc: body.daily_at_utc.clone(),
        email_ids: body.email_ids.clone(),
        snmp_trap_entity_ids: body.snmp_trap_entity_ids.clone(),
        notification_settings: body.notification_settings.clone(),
    }
}

impl Aria {
    /// Replaces an event's fields; its id and `active` stay.
    pub async fn update_event(
        &self,
        id: &str,
        body: types::SubscriptionRequest,
    ) -> Result<types::SubscriptionResponse, AriaError> {
        let (name, severity) = check(&body)?;
        self.db
            .write(|s| {
                let t = s.aria_mut();
                let mut row = t.events.get(id).cloned().ok_or_else(|| not_found(id))?;
                check_in(t, &body, &name, Some(id))?;
                let was: types::SubscriptionResponse = from_model(row.event.clone())?;
                let event = response(id, was.active, name, severity, &body);
                row.event = to_model(&event);
                t.events.insert(id.to_string(), row);
                Ok(event)
            })
            .await
    }

    /// Turns an event on or off.
    pub async fn set_event_active(
        &self,
        id: &str,
        active: bool,
    ) -> Result<types::SubscriptionResponse, AriaError> {
        self.db
            .write(|s| {
                let t = &mut s.aria_mut().events;
                let mut row = t.get(id).cloned().ok_or_else(|| not_found(id))?;
                let mut event: types::SubscriptionResponse = from_model(row.event.clone())?;
                event.active = active;
                row.event = to_model(&event);
                t.insert(id.to_string(), row);
                Ok(event)
            })
            .await
    }

    pub async fn events(&self) -> Result<types::SubscriptionListResponse, AriaError> {
        let state = self.db.read().await;
        let mut rows: Vec<&EventRow> = state.aria().events.values().collect();
        rows.sort_by_key(|r| r.seq);
        let results = rows
            .into_iter()
            .map(|r| from_model::<types::SubscriptionResponse>(r.event.clone()))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(types::SubscriptionListResponse {
            total_count: results.len() as i32,
            results,
        })
    }

    pub async fn event(&self, id: &str) -> Result<types::SubscriptionResponse, AriaError> {
        let state = self.db.read().await;
        state
            .aria()
            .events
            .get(id)
            .map(|r| from_model(r.event.clone()))
            .ok_or_else(|| not_found(id))?
    }

    pub async fn create_event(
        &self,
        body: types::SubscriptionRequest,
    ) -> Result<types::SubscriptionResponse, AriaError> {
        let (name, severity) = check(&body)?;
        self.db
            .write(|s| {
                let t = s.aria_mut();
                check_in(t, &body, &name, None)?;
                let id = (0u32..)
                    .map(|n| entity_id(EVENT_TYPE_CODE, &format!("{name}|{n}")))
                    .find(|id| !t.events.contains(id))
                    .expect("an unused id");
                let seq = t.events.values().map(|r| r.seq + 1).max().unwrap_or(0);
                let event = response(&id, true, name, severity, &body);
                t.events.insert(
                    id,
                    EventRow {
                        seq,
                        event: to_model(&event),
                    },
                );
                Ok(event)
            })
            .await
    }

    pub async fn delete_event(&self, id: &str) -> Result<(), AriaError> {
        self.db
            .write(|s| match s.aria_mut().events.remove(id) {
                Some(_) => Ok(()),
                None => Err(AriaError::NotFound(format!(
                    "No user-defined event with id {id}"
                ))),
            })
            .await
    }
}
