//! Applications and their tiers. A tier keeps its membership criteria; its members (and an
//! application's counts) are evaluated against the inventory whenever they are read.
//!
//! - `members`: criteria checked, and evaluated to VMs and addresses
//! - `api`: the `Applications` tag, translated to the above

mod api;
pub mod discovery;
mod full;
pub mod groups;
mod members;
mod membership;
mod migration;
mod rows;
mod seed;
mod talkers;
mod traffic;

pub(in crate::aria_networks) use rows::{note_replaced, snapshot};

use super::caller::Caller;
use super::errors::AriaError;
use super::model::{from_model, to_model};
use super::paging::PageRequest;
use super::tables::{ApplicationRow, TierRow};
use super::Aria;
use crate::aria_networks::visibility::Visibility;
use crate::generated::aria_networks::types;

fn app_not_found(id: &str) -> AriaError {
    AriaError::NotFound(format!("No application with id {id}"))
}

/// A copy of the application `id`, to change and put back.
fn application_row(
    applications: &crate::store::Table<ApplicationRow>,
    id: &str,
) -> Result<ApplicationRow, AriaError> {
    applications
        .get(id)
        .cloned()
        .ok_or_else(|| app_not_found(id))
}

fn reference(id: &str, entity_type: &str, name: &str) -> types::Reference {
    types::Reference {
        entity_id: id.to_string(),
        entity_type: entity_type.parse().expect("a known EntityType"),
        entity_name: Some(name.to_string()),
    }
}

impl Aria {
    fn application_answer(
        &self,
        id: &str,
        row: &ApplicationRow,
        counts: Option<(i32, i32)>,
        update_status: bool,
    ) -> types::Application {
        types::Application {
            entity_id: id.to_string(),
            name: row.name.clone(),
            entity_type: types::EntityType::Application,
            create_time: row.create_time,
            created_by: row.created_by.clone(),
            last_modified_time: row.last_modified_time,
            last_modified_by: row.last_modified_by.clone(),
            last_modified_by_service: None,
            tier_count: counts.map(|c| c.0),
            member_count: counts.map(|c| c.1),
            update_status: update_status.then_some(types::ApplicationUpdateStatus::NoChange),
            confidence: None,
        }
    }

    /// Tier and member counts of an application, now.
    async fn counts(&self, id: &str) -> (i32, i32) {
        let visible = self.visibility().await;
        let tiers = self.tier_rows(id).await;
        let members: usize = tiers
            .iter()
            .map(|(_, t)| {
                let m = self.members(&t.criteria, &visible);
                m.vms.map_or(0, |v| v.len()) + m.physical_ips.map_or(0, |p| p.len())
            })
            .sum();
        (tiers.len() as i32, members as i32)
    }

    async fn tier_rows(&self, application: &str) -> Vec<(String, TierRow)> {
        let state = self.db.read().await;
        let mut rows: Vec<(String, TierRow)> = state
            .aria()
            .tiers
            .keys_where(application)
            .into_iter()
            .filter_map(|id| Some((id.clone(), state.aria().tiers.get(&id)?.clone())))
            .collect();
        rows.sort_by_key(|(_, t)| t.seq);
        rows
    }

    pub async fn list_applications(
        &self,
        size: Option<i32>,
        cursor: Option<&str>,
        modified_after: Option<i64>,
        max_size: i32,
    ) -> Result<types::PagedListResponse, AriaError> {
        let page = PageRequest::parse_up_to(size, cursor, max_size)?;
        let now = self.clock.now_secs();
        let state = self.db.read().await;
        let rows: Vec<(&str, &ApplicationRow)> = state
            .aria()
            .applications
            .iter()
            .filter(|(_, r)| modified_after.is_none_or(|t| r.last_modified_time > t))
            .collect();
        let total = rows.len();
        let slice: Vec<_> = rows.into_iter().skip(page.offset).take(page.size).collect();
        let cursor = page.next_cursor(slice.len(), total)?;
        Ok(types::PagedListResponse {
            results: slice
                .into_iter()
                .map(|(id, r)| types::EntityId {
                    entity_id: id.to_string(),
                    entity_type: types::EntityType::Application,
                    entity_name: Some(r.name.clone()),
                })
                .collect(),
            cursor,
            total_count: total as i32,
            start_time: now,
            end_time: now,
        })
    }

    /// The applications themselves, at most the appliance version's fetch limit a page (E106).
    pub async fn fetch_applications(
        &self,
        query: &crate::generated::aria_networks::queries::GetSavedApplicationsSummariesQuery,
    ) -> Result<types::PagedApplicationListResponse, AriaError> {
        let limit = self.config.appliance_version.application_fetch_limit();
        if let Some(size) = query.size.filter(|s| *s > limit) {
            return Err(AriaError::InvalidInput(format!(
                "Requested size: {size} exceeds the supported limit: {limit}."
            )));
        }
        let (cursor, since) = (query.cursor.as_deref(), query.modifiedafter);
        let ids = self
            .list_applications(query.size, cursor, since, limit)
            .await?;
        let mut results = Vec::new();
        for e in &ids.results {
            results.push(
                self.application(
                    &e.entity_id,
                    query.fetch_member_counts.unwrap_or(false),
                    query.fetch_update_status.unwrap_or(false),
                )
                .await?,
            );
        }
        Ok(types::PagedApplicationListResponse {
            results,
            cursor: ids.cursor,
            total_count: ids.total_count,
        })
    }

    pub async fn application(
        &self,
        id: &str,
        counts: bool,
        update_status: bool,
    ) -> Result<types::Application, AriaError> {
        let row = {
            let state = self.db.read().await;
            state
                .aria()
                .applications
                .get(id)
                .cloned()
                .ok_or_else(|| app_not_found(id))?
        };
        let counts = if counts {
            Some(self.counts(id).await)
        } else {
            None
        };
        let mut answer = self.application_answer(id, &row, counts, false);
        if update_status {
            let top = self.application_updates(id).await?.basic_update_info;
            use types::{ApplicationUpdateStatus as A, BasicUpdateInfoUpdateStatus as B};
            answer.update_status = Some(match top.update_status {
                B::Added => A::Added,
                B::Deleted => A::Deleted,
                B::Updated => A::Updated,
                B::NoChange => A::NoChange,
            });
        }
        Ok(answer)
    }

    pub async fn add_application(
        &self,
        caller: &Caller,
        body: &types::ApplicationRequest,
    ) -> Result<types::Application, AriaError> {
        let name = body.name.trim().to_string();
        if name.is_empty() {
            return Err(AriaError::InvalidInput("name must not be empty".into()));
        }
        self.db
            .write(|s| {
                // Read under the lock: changes are noted in time order (E127).
                let now = self.clock.now_secs();
                let (id, row) =
                    rows::insert_application(s.aria_mut(), &name, &caller.principal, now)?;
                Ok(self.application_answer(&id, &row, None, false))
            })
            .await
    }

    /// Deletes an application and its tiers, together.
    pub async fn delete_application(&self, id: &str) -> Result<(), AriaError> {
        self.db
            .write(|s| {
                // Read under the lock: changes are noted in time order (E127).
                let now = self.clock.now_secs();
                let t = s.aria_mut();
                let app = t.applications.remove(id).ok_or_else(|| app_not_found(id))?;
                for tier in t.tiers.keys_where(id) {
                    t.tiers.remove(&tier);
                }
                rows::note_change(t, id, &app.name, "DELETE", now);
                Ok(())
            })
            .await
    }

    fn tier_answer(
        &self,
        id: &str,
        app_id: &str,
        app: &ApplicationRow,
        row: &TierRow,
        visible: &Visibility,
    ) -> Result<types::Tier, AriaError> {
        let criteria = row
            .criteria
            .iter()
            .map(|c| from_model(to_model(c)))
            .collect::<Result<Vec<types::GroupMembershipCriteria>, _>>()?;
        Ok(types::Tier {
            entity_id: id.to_string(),
            name: row.name.clone(),
            entity_type: types::EntityType::Tier,
            group_membership_criteria: criteria,
            application: reference(app_id, "Application", &app.name),
            member_list: Some(self.members(&row.criteria, visible)),
        })
    }

    pub async fn tiers(&self, app_id: &str) -> Result<types::TierListResponse, AriaError> {
        let app = {
            let state = self.db.read().await;
            application_row(&state.aria().applications, app_id)?
        };
        let visible = self.visibility().await;
        let results = self
            .tier_rows(app_id)
            .await
            .iter()
            .map(|(id, t)| self.tier_answer(id, app_id, &app, t, &visible))
            .collect::<Result<_, _>>()?;
        Ok(types::TierListResponse { results })
    }

    pub async fn tier(&self, app_id: &str, tier_id: &str) -> Result<types::Tier, AriaError> {
        let (app, row) = {
            let state = self.db.read().await;
            let app = application_row(&state.aria().applications, app_id)?;
            let row = state
                .aria()
                .tiers
                .get(tier_id)
                .filter(|t| t.application == app_id)
                .cloned()
                .ok_or_else(|| {
                    AriaError::NotFound(format!("No tier {tier_id} in application {app_id}"))
                })?;
            (app, row)
        };
        let visible = self.visibility().await;
        self.tier_answer(tier_id, app_id, &app, &row, &visible)
    }

    pub async fn add_tier(
        &self,
        caller: &Caller,
        app_id: &str,
        body: &types::TierRequest,
    ) -> Result<types::Tier, AriaError> {
        let (name, criteria) = self.checked_tier(body)?;
        let (id, app, row) = self
            .db
            .write(|s| {
                // Read under the lock: changes are noted in time order (E127).
                let now = self.clock.now_secs();
                let t = s.aria_mut();
                let mut app = application_row(&t.applications, app_id)?;
                let siblings = t.tiers.keys_where(app_id);
                if siblings
                    .iter()
                    .filter_map(|id| t.tiers.get(id))
                    .any(|x| x.name.eq_ignore_ascii_case(&name))
                {
                    return Err(AriaError::AlreadyExists(format!(
                        "Application {app_id} already has a tier named {name:?}"
                    )));
                }
                let seq = siblings
                    .iter()
                    .filter_map(|id| t.tiers.get(id))
                    .map(|x| x.seq + 1)
                    .max()
                    .unwrap_or(0);
                let (id, row) = rows::insert_tier(t, app_id, name.clone(), seq, criteria);
                app.last_modified_time = now;
                app.last_modified_by = caller.principal.clone();
                t.applications.insert(app_id.to_string(), app.clone());
                rows::note_change(t, app_id, &app.name, "UPDATE", now);
                Ok::<_, AriaError>((id, app, row))
            })
            .await?;
        let visible = self.visibility().await;
        self.tier_answer(&id, app_id, &app, &row, &visible)
    }

    pub async fn delete_tier(
        &self,
        caller: &Caller,
        app_id: &str,
        tier_id: &str,
    ) -> Result<(), AriaError> {
        self.db
            .write(|s| {
                // Read under the lock: changes are noted in time order (E127).
                let now = self.clock.now_secs();
                let t = s.aria_mut();
                let mut app = application_row(&t.applications, app_id)?;
                if t.tiers.get(tier_id).is_none_or(|x| x.application != app_id) {
                    return Err(AriaError::NotFound(format!(
                        "No tier {tier_id} in application {app_id}"
                    )));
                }
                t.tiers.remove(tier_id);
                app.last_modified_time = now;
                app.last_modified_by = caller.principal.clone();
                rows::note_change(t, app_id, &app.name, "UPDATE", now);
                t.applications.insert(app_id.to_string(), app);
                Ok(())
            })
            .await
    }
}
