//! Search-based alerts (E118): a saved search and what to raise when its results change or
//! become empty, and where to say so. The search must be one `search_by_query` runs; the
//! sandbox keeps the configuration and raises nothing, as for user-defined events.

mod api;

use super::errors::AriaError;
use super::events::is_time_of_day;
use super::model::{from_model, to_model};
use super::nodes::entity_id;
use super::tables::{AriaTables, SearchAlertRow};
use super::Aria;
use crate::generated::aria_networks::types;

/// The type code of a search-based alert's id (ours, E118).
const ALERT_TYPE_CODE: u32 = 1903;

fn bad(message: impl Into<String>) -> AriaError {
    AriaError::InvalidInput(message.into())
}

fn not_found(id: &str) -> AriaError {
    AriaError::NotFound(format!("No search-based alert with id {id}"))
}

/// What the body must be before the store is read: a name, a search the appliance runs, an
/// alert type of its own, notification settings that say where to.
fn check(aria: &Aria, body: &types::SearchBasedAlertConfigRequest) -> Result<String, AriaError> {
    let name = body.alert_name.trim().to_string();
    if name.is_empty() {
        return Err(bad("alert_name must not be empty"));
    }
    aria.check_query(&body.search_criteria)
        .map_err(|e| match e {
            AriaError::InvalidInput(m) => bad(format!("search_criteria: {m}")),
            other => other,
        })?;
    if body.alert_type == Some(types::AlertType::Intent) {
        return Err(bad(
            "alert_type INTENT belongs to intents (/alert-configs/intents)",
        ));
    }
    for n in &body.notification_settings {
        use types::{NotificationSettingFrequency as Frequency, NotificationSettingType as Kind};
        match n.type_ {
            None => return Err(bad("notification_settings[].type is required")),
            Some(Kind::Email) | Some(Kind::Snmp) if n.receivers.is_empty() => {
                return Err(bad("An EMAIL or SNMP notification setting needs receivers"))
            }
            Some(Kind::Email) => {
                if let Some(r) = n.receivers.iter().find(|r| !is_address(r)) {
                    return Err(bad(format!("{r:?} is not an e-mail address")));
                }
            }
            _ => {}
        }
        let daily_email = n.type_ == Some(Kind::Email) && n.frequency == Some(Frequency::Daily);
        let time = n.notification_time.as_deref();
        if daily_email && !time.is_some_and(is_time_of_day) {
            return Err(bad("A DAILY e-mail needs notification_time HH:MM"));
        }
    }
    Ok(name)
}

fn is_address(text: &str) -> bool {
    text.split_once('@')
        .is_some_and(|(user, host)| !user.is_empty() && host.contains('.') && !text.contains(' '))
}

/// What the store must allow: the name free (but for the alert `id` itself), every SNMP
/// profile named there.
fn check_in(
    t: &AriaTables,
    body: &types::SearchBasedAlertConfigRequest,
    name: &str,
    id: Option<&str>,
) -> Result<(), AriaError> {
    let holders = t.search_alerts.keys_where(&name.to_lowercase());
    if holders.iter().any(|h| Some(h.as_str()) != id) {
        return Err(bad(format!("A search-based alert named {name:?} exists")));
    }
    let snmp = (body.notification_settings.iter())
        .filter(|n| n.type_ == Some(types::NotificationSettingType::Snmp))
        .flat_map(|n| n.receivers.iter());
    if let Some(p) = snmp.into_iter().find(|p| !t.snmp_profiles.contains(p)) {
        return Err(bad(format!("{p:?} is not the id of an SNMP profile")));
    }
    Ok(())
}

fn answer(
    id: &str,
    enabled: bool,
    name: String,
    body: types::SearchBasedAlertConfigRequest,
) -> types::SearchBasedAlertConfigResponse {
    types::SearchBasedAlertConfigResponse {
        entity_id: id.to_string(),
        alert_name: name,
        enabled,
        search_criteria: body.search_criteria,
        generate_alert_criteria: (body.generate_alert_criteria)
            .unwrap_or(types::GenerateEventCriteria::SearchResultChange),
        alert_type: body.alert_type.unwrap_or(types::AlertType::Problem),
        severity: body.severity,
        notification_settings: body.notification_settings,
    }
}

impl Aria {
    pub async fn search_alerts(
        &self,
    ) -> Result<types::SearchBasedAlertConfigListResponse, AriaError> {
        let state = self.db.read().await;
        let mut rows: Vec<&SearchAlertRow> = state.aria().search_alerts.values().collect();
        rows.sort_by_key(|r| r.seq);
        let results = (rows.into_iter())
            .map(|r| from_model(r.alert.clone()))
            .collect::<Result<Vec<types::SearchBasedAlertConfigResponse>, _>>()?;
        Ok(types::SearchBasedAlertConfigListResponse {
            total_count: results.len() as i32,
            results,
        })
    }

    pub async fn search_alert(
        &self,
        id: &str,
    ) -> Result<types::SearchBasedAlertConfigResponse, AriaError> {
        let state = self.db.read().await;
        let row = state
            .aria()
            .search_alerts
            .get(id)
            .ok_or_else(|| not_found(id))?;
        from_model(row.alert.clone())
    }

    pub async fn add_search_alert(
        &self,
        body: types::SearchBasedAlertConfigRequest,
    ) -> Result<types::SearchBasedAlertConfigResponse, AriaError> {
        let name = check(self, &body)?;
        self.db
            .write(|s| {
                let t = s.aria_mut();
                check_in(t, &body, &name, None)?;
                let seq = t
                    .search_alerts
                    .values()
                    .map(|r| r.seq + 1)
                    .max()
                    .unwrap_or(0);
                let id = (0u32..)
                    .map(|n| entity_id(ALERT_TYPE_CODE, &format!("{name}|{n}")))
                    .find(|id| !t.search_alerts.contains(id))
                    .expect("an unused id");
                let alert = answer(&id, true, name, body);
                let row = SearchAlertRow {
                    seq,
                    alert: to_model(&alert),
                };
                t.search_alerts.insert(id, row);
                Ok(alert)
            })
            .await
    }

    /// Replaces every field; the id and `enabled` stay.
    pub async fn update_search_alert(
        &self,
        id: &str,
        body: types::SearchBasedAlertConfigRequest,
    ) -> Result<types::SearchBasedAlertConfigResponse, AriaError> {
        self.db
            .write(|s| {
                let t = s.aria_mut();
                // An unknown id is a 404 whatever the body.
                let row = t
                    .search_alerts
                    .get(id)
                    .cloned()
                    .ok_or_else(|| not_found(id))?;
                let name = check(self, &body)?;
                check_in(t, &body, &name, Some(id))?;
                let was: types::SearchBasedAlertConfigResponse = from_model(row.alert)?;
                let alert = answer(id, was.enabled, name, body);
                let row = SearchAlertRow {
                    seq: row.seq,
                    alert: to_model(&alert),
                };
                t.search_alerts.insert(id.to_string(), row);
                Ok(alert)
            })
            .await
    }

    pub async fn delete_search_alert(&self, id: &str) -> Result<(), AriaError> {
        self.db
            .write(|s| {
                (s.aria_mut().search_alerts.remove(id))
                    .map(|_| ())
                    .ok_or_else(|| not_found(id))
            })
            .await
    }

    pub async fn enable_search_alert(
        &self,
        id: &str,
        enabled: bool,
    ) -> Result<types::SearchBasedAlertConfigResponse, AriaError> {
        self.db
            .write(|s| {
                let t = &mut s.aria_mut().search_alerts;
                let mut row = t.get(id).cloned().ok_or_else(|| not_found(id))?;
                row.alert.insert("enabled".into(), enabled.into());
                let alert = from_model(row.alert.clone())?;
                t.insert(id.to_string(), row);
                Ok(alert)
            })
            .await
    }
}
