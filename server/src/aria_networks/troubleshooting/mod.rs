//! Guided network troubleshooting: incidents opened about an entity of the world, kept,
//! changed and closed by their users (E86).
//!
//! - `api`: the `Guided network troubleshooting` tag, translated to the functions here

mod api;

use super::caller::Caller;
use super::errors::AriaError;
use super::paging::PageRequest;
use super::tables::IncidentRow;
use super::Aria;
use crate::generated::aria_networks::types;

/// The window an incident covers when none is given.
const DEFAULT_WINDOW_SECS: i64 = 3600;
/// The first incident's sequence number (ten digits, as every one after it for a while).
const FIRST_SEQ: u64 = 1_000_000_000;
/// The longest name kept.
const MAX_NAME: usize = 256;

fn not_found(id: &str) -> AriaError {
    AriaError::NotFound(format!("No troubleshooting incident with id {id}"))
}

fn checked_name(name: &str) -> Result<String, AriaError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > MAX_NAME {
        return Err(AriaError::InvalidInput(format!(
            "name must have 1 to {MAX_NAME} characters"
        )));
    }
    Ok(name.to_string())
}

impl Aria {
    pub async fn create_incident(
        &self,
        caller: &Caller,
        body: Option<&types::CreateTroubleshootingIncidentRequest>,
    ) -> Result<types::TroubleshootingIncidentResponse, AriaError> {
        let start_entity = body
            .and_then(|b| b.start_entity_id.as_deref())
            .ok_or_else(|| AriaError::InvalidInput("start_entity_id is required".into()))?;
        let now = self.clock.now_secs();
        let end = body.and_then(|b| b.end_time).unwrap_or(now);
        let start = body
            .and_then(|b| b.start_time)
            .unwrap_or(end.saturating_sub(DEFAULT_WINDOW_SECS));
        let (start, end) = self.window("", Some(start), Some(end))?;
        // The entity must be one Aria sees; its name names the incident by default.
        let entity = self.entity_name(start_entity, None).await?;
        let name = match body.and_then(|b| b.name.as_deref()) {
            Some(n) => checked_name(n)?,
            None => format!("{} troubleshooting", entity.name),
        };
        self.db
            .write(|s| {
                let t = s.aria_mut();
                // Ids are `18230:1701:<seq>`, ten-digit sequence numbers, so key order is the
                // order incidents were opened in; the next follows the last.
                let last = t.incidents.page(t.incidents.len().saturating_sub(1), 1);
                let seq = last.first().map_or(FIRST_SEQ, |r| r.seq + 1);
                let id = format!("18230:1701:{seq}");
                let incident = types::TroubleshootingIncidentResponse {
                    entity_id: id.clone(),
                    start_entity_id: start_entity.to_string(),
                    name,
                    status: types::IncidentStatus::Open,
                    created_time: now,
                    start_time: start,
                    end_time: end,
                    last_modified_time: now,
                    created_by: caller.principal.clone(),
                    last_modified_by: caller.principal.clone(),
                };
                let row = IncidentRow {
                    seq,
                    incident: incident.clone(),
                };
                t.incidents.insert(id, row);
                Ok(incident)
            })
            .await
    }

    pub async fn incident(
        &self,
        id: &str,
    ) -> Result<types::TroubleshootingIncidentResponse, AriaError> {
        let state = self.db.read().await;
        let row = state
            .aria()
            .incidents
            .get(id)
            .ok_or_else(|| not_found(id))?;
        Ok(row.incident.clone())
    }

    pub async fn list_incidents(
        &self,
        size: Option<i32>,
        cursor: Option<&str>,
        start_entity_id: Option<&str>,
    ) -> Result<types::PagedTroubleshootingIncidentList, AriaError> {
        let page = PageRequest::parse(size, cursor)?;
        let state = self.db.read().await;
        let t = &state.aria().incidents;
        // Both in key order, which is the order they were opened in.
        let (rows, total): (Vec<&IncidentRow>, usize) = match start_entity_id {
            Some(e) => {
                let keys = t.keys_where(e);
                let rows = keys.iter().skip(page.offset).take(page.size);
                (rows.filter_map(|id| t.get(id)).collect(), keys.len())
            }
            None => (t.page(page.offset, page.size), t.len()),
        };
        let results: Vec<types::TroubleshootingIncident> = rows
            .into_iter()
            .map(|r| types::TroubleshootingIncident {
                entity_id: r.incident.entity_id.clone(),
                start_entity_id: r.incident.start_entity_id.clone(),
                name: r.incident.name.clone(),
                status: r.incident.status,
            })
            .collect();
        let cursor = page.next_cursor(results.len(), total)?;
        Ok(types::PagedTroubleshootingIncidentList {
            results,
            total_count: total as i32,
            cursor,
        })
    }

    pub async fn update_incident(
        &self,
        caller: &Caller,
        id: &str,
        body: Option<&types::UpdateTroubleshootingIncidentRequest>,
    ) -> Result<types::TroubleshootingIncidentResponse, AriaError> {
        let name = match body.and_then(|b| b.name.as_deref()) {
            Some(n) => Some(checked_name(n)?),
            None => None,
        };
        let now = self.clock.now_secs();
        self.db
            .write(|s| {
                let t = s.aria_mut();
                let mut row = t.incidents.get(id).cloned().ok_or_else(|| not_found(id))?;
                let i = &mut row.incident;
                let start = body.and_then(|b| b.start_time).unwrap_or(i.start_time);
                let end = body.and_then(|b| b.end_time).unwrap_or(i.end_time);
                if start > end {
                    return Err(AriaError::InvalidInput(format!(
                        "start_time {start} is after end_time {end}"
                    )));
                }
                (i.start_time, i.end_time) = (start, end);
                if let Some(name) = name {
                    i.name = name;
                }
                if let Some(status) = body.and_then(|b| b.status) {
                    i.status = status;
                }
                i.last_modified_time = now;
                i.last_modified_by = caller.principal.clone();
                let answer = i.clone();
                t.incidents.insert(id.to_string(), row);
                Ok(answer)
            })
            .await
    }

    pub async fn delete_incident(&self, id: &str) -> Result<(), AriaError> {
        self.db
            .write(|s| {
                let t = s.aria_mut();
                t.incidents
                    .remove(id)
                    .map(|_| ())
                    .ok_or_else(|| not_found(id))
            })
            .await
    }
}
