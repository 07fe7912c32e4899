//! Intents: alert configurations that check the network's configuration (MTU, VLANs, duplex,
//! duplicate addresses...), kept, replaced, enabled and disabled by their users (E87).
//!
//! - `api`: the `Intents` tag, translated to the functions here

mod api;

use super::errors::AriaError;
use super::tables::IntentRow;
use super::Aria;
use crate::generated::aria_networks::types;

/// The first intent's sequence number (ten digits, as every one after it for a while).
const FIRST_SEQ: u64 = 1_000_000_000;
const MAX_NAME: usize = 256;

fn not_found(id: &str) -> AriaError {
    AriaError::NotFound(format!("No intent with id {id}"))
}

/// The intent as it will be kept: required fields present, the name trimmed, `enabled` true
/// unless said otherwise, schedules that can run.
fn checked(
    body: &types::AlertConfigIntentObject,
) -> Result<types::AlertConfigIntentObject, AriaError> {
    let invalid = |m: String| AriaError::InvalidInput(m);
    let name = body.name.as_deref().map(str::trim).unwrap_or_default();
    if name.is_empty() || name.chars().count() > MAX_NAME {
        return Err(invalid(format!(
            "name must have 1 to {MAX_NAME} characters"
        )));
    }
    for (field, missing) in [
        ("alertType", body.alert_type.is_none()),
        ("intentTypeId", body.intent_type_id.is_none()),
        ("severity", body.severity.is_none()),
    ] {
        if missing {
            return Err(invalid(format!("{field} is required")));
        }
    }
    for (i, n) in body.notification_settings.iter().enumerate() {
        if n.receivers.iter().any(|r| r.trim().is_empty()) {
            return Err(invalid(format!(
                "notificationSettings[{i}].receivers: an empty receiver"
            )));
        }
        for (j, s) in n.schedule.iter().enumerate() {
            let periodic = s.type_ == Some(types::IntentNotifyScheduleType::Periodic);
            if periodic && s.period_in_ms.is_none_or(|p| p <= 0) {
                return Err(invalid(format!(
                    "notificationSettings[{i}].schedule[{j}].periodInMS must be positive for PERIODIC"
                )));
            }
        }
    }
    let mut intent = body.clone();
    intent.name = Some(name.to_string());
    intent.enabled = Some(body.enabled.unwrap_or(true));
    Ok(intent)
}

fn name_taken(name: &str) -> AriaError {
    AriaError::AlreadyExists(format!("An intent named {name:?} already exists"))
}

impl Aria {
    pub async fn create_intent(
        &self,
        body: &types::AlertConfigIntentObject,
    ) -> Result<types::AlertConfigIntentObject, AriaError> {
        let mut intent = checked(body)?;
        let name = intent.name.clone().unwrap_or_default();
        self.db
            .write(|s| {
                let t = s.aria_mut();
                if !t.intents.keys_where(&name.to_lowercase()).is_empty() {
                    return Err(name_taken(&name));
                }
                let last = t.intents.page(t.intents.len().saturating_sub(1), 1);
                let seq = last.first().map_or(FIRST_SEQ, |r| r.seq + 1);
                let id = format!("18230:1702:{seq}");
                intent.entity_id = Some(id.clone());
                let row = IntentRow {
                    seq,
                    intent: intent.clone(),
                };
                t.intents.insert(id, row);
                Ok(intent)
            })
            .await
    }

    pub async fn intent(&self, id: &str) -> Result<types::AlertConfigIntentObject, AriaError> {
        let state = self.db.read().await;
        let row = state.aria().intents.get(id).ok_or_else(|| not_found(id))?;
        Ok(row.intent.clone())
    }

    /// Replaces the intent `id` with `body` (checked as a new one is), or only sets `enabled`.
    pub async fn change_intent(
        &self,
        id: &str,
        change: IntentChange<'_>,
    ) -> Result<types::AlertConfigIntentObject, AriaError> {
        let replacement = match change {
            IntentChange::Replace(body) => Some(checked(body)?),
            IntentChange::Enable(_) => None,
        };
        self.db
            .write(|s| {
                let t = s.aria_mut();
                let mut row = t.intents.get(id).cloned().ok_or_else(|| not_found(id))?;
                if let Some(mut intent) = replacement {
                    let name = intent.name.clone().unwrap_or_default();
                    let holders = t.intents.keys_where(&name.to_lowercase());
                    if holders.iter().any(|k| k != id) {
                        return Err(name_taken(&name));
                    }
                    intent.entity_id = Some(id.to_string());
                    row.intent = intent;
                } else if let IntentChange::Enable(on) = change {
                    row.intent.enabled = Some(on);
                }
                let answer = row.intent.clone();
                t.intents.insert(id.to_string(), row);
                Ok(answer)
            })
            .await
    }

    pub async fn delete_intent(&self, id: &str) -> Result<(), AriaError> {
        self.db
            .write(|s| {
                let t = s.aria_mut();
                t.intents
                    .remove(id)
                    .map(|_| ())
                    .ok_or_else(|| not_found(id))
            })
            .await
    }
}

/// What a change to an intent does.
#[derive(Clone, Copy)]
pub enum IntentChange<'a> {
    Replace(&'a types::AlertConfigIntentObject),
    Enable(bool),
}
