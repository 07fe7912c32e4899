//! Application discovery (E89): applications found in the world's flows, the flow-based
//! discovery configuration with its CSV, and saving what was found as applications.
//!
//! - `engine`: discovery itself, from the inventory, the flows seen and the settings
//! - `config`: the configuration, its defaults and its runs on the sandbox clock
//! - `csv`: the uploaded CSV naming applications and tiers
//! - `save`: saving found applications (one change, reported as a task), and their updates
//! - `api`: the `Application discovery` tag, translated to the above

mod api;
pub mod config;
pub mod csv;
mod engine;
mod files;
pub mod save;

use crate::aria_networks::tables::FbadConfigRow;
use config::CONFIG_ID;
use engine::{Found, Input};

use super::super::errors::AriaError;
use super::super::paging::{PageRequest, MAX_SIZE};
use super::super::Aria;
use crate::generated::aria_networks::types;

fn config_not_found(id: &str) -> AriaError {
    AriaError::NotFound(format!(
        "No flow based application discovery configuration with id {id}"
    ))
}

/// What one discovery found, and when the run that found it finished (epoch milliseconds).
pub struct Discovery {
    pub found: Vec<Found>,
    pub done_ms: i64,
}

impl Aria {
    /// Whether VM `vm` is in the scope the settings name.
    fn in_scope(&self, vm: usize, s: &types::FbadConfigRequest) -> bool {
        let (Some(t), false) = (s.scope_object_type, s.scope_entities.is_empty()) else {
            return true;
        };
        let inv = &self.inventory;
        let v = &inv.workload.vms[vm];
        let p = v.place;
        let vc = &inv.world.vcenters[p.vcenter];
        let dc = &vc.datacenters[p.datacenter];
        let names: Vec<&str> = match t {
            1 => vec![&v.name],
            4 => vec![&inv.workload.hosts[v.host].1.config.name],
            11 => vec![&inv.workload.networks[v.network].name],
            66 => p
                .cluster
                .map(|c| dc.clusters[c].name.as_str())
                .into_iter()
                .collect(),
            82 => vec![&inv.workload.security_groups[v.security_group].name],
            105 => vec![&dc.name],
            _ => vec![&vc.config.ip, &vc.config.hostname],
        };
        s.scope_entities
            .iter()
            .any(|want| names.iter().any(|n| n.eq_ignore_ascii_case(want.trim())))
    }

    /// What flow-based discovery finds now at `granularity`.
    pub(super) async fn discovery(&self, granularity: types::DiscoveryGranularity) -> Discovery {
        let now_ms = self.clock.now_ms();
        let (in_force, file) = {
            let state = self.db.read().await;
            let t = state.aria();
            let in_force = match t.fbad_configs.get(CONFIG_ID) {
                Some(row) => row.in_force(now_ms),
                None => config::InForce {
                    settings: config::defaults(),
                    done_ms: None,
                },
            };
            let file = config::csv_path(&in_force.settings)
                .and_then(|p| t.fbad_files.get(p))
                .cloned();
            (in_force, file)
        };
        let visible = self.visibility().await;
        let inv = &self.inventory;
        let s = &in_force.settings;
        let in_scope: Vec<bool> = (0..inv.workload.vms.len())
            .map(|v| visible.vcenter(inv.workload.vms[v].place.vcenter) && self.in_scope(v, s))
            .collect();
        let edges = self
            .seen_flows(&visible)
            .filter_map(|f| f.vm_destination().map(|d| (f.source, d, f.bytes)))
            .collect();
        let csv = file.map(|f| f.names());
        let input = Input {
            inv,
            in_scope: &in_scope,
            edges,
            settings: s,
            csv: csv.as_ref(),
        };
        Discovery {
            found: engine::discover(&input, granularity),
            done_ms: in_force.done_ms.unwrap_or(self.started_secs * 1000),
        }
    }

    /// The discovered applications of `source`, one page of at most `max_size`.
    async fn discovered_page(
        &self,
        source: types::AppDiscoverySource,
        granularity: Option<types::DiscoveryGranularity>,
        (size, cursor): (Option<i32>, Option<&str>),
        max_size: i32,
    ) -> Result<(Vec<Found>, i64, Option<String>, usize), AriaError> {
        let page = PageRequest::parse_up_to(size, cursor, max_size)?;
        let Discovery { found, done_ms } = match source {
            // The world has no ServiceNow instance to discover from.
            types::AppDiscoverySource::ServiceNow => Discovery {
                found: Vec::new(),
                done_ms: 0,
            },
            types::AppDiscoverySource::FlowBasedDiscovery => {
                self.discovery(granularity.unwrap_or(types::DiscoveryGranularity::Medium))
                    .await
            }
        };
        let mut found = found;
        found.sort_by(|a, b| a.id.cmp(&b.id));
        let total = found.len();
        let rows: Vec<Found> = found
            .into_iter()
            .skip(page.offset)
            .take(page.size)
            .collect();
        let cursor = page.next_cursor(rows.len(), total)?;
        Ok((rows, done_ms, cursor, total))
    }

    pub async fn list_discovered_applications(
        &self,
        source: types::AppDiscoverySource,
        granularity: Option<types::DiscoveryGranularity>,
        size: Option<i32>,
        cursor: Option<&str>,
    ) -> Result<types::PagedListResponse, AriaError> {
        let (rows, done_ms, cursor, total) = self
            .discovered_page(source, granularity, (size, cursor), MAX_SIZE)
            .await?;
        let now = self.clock.now_secs();
        Ok(types::PagedListResponse {
            results: rows
                .into_iter()
                .map(|f| types::EntityId {
                    entity_id: f.id,
                    entity_type: types::EntityType::Application,
                    entity_name: Some(f.name),
                })
                .collect(),
            cursor,
            total_count: total as i32,
            start_time: done_ms / 1000,
            end_time: now,
        })
    }

    pub async fn fetch_discovered_applications(
        &self,
        source: types::AppDiscoverySource,
        granularity: Option<types::DiscoveryGranularity>,
        size: Option<i32>,
        cursor: Option<&str>,
        counts: bool,
    ) -> Result<types::PagedApplicationListResponse, AriaError> {
        // As the saved applications' fetch (E106).
        let limit = self.config.appliance_version.application_fetch_limit();
        if let Some(size) = size.filter(|s| *s > limit) {
            return Err(AriaError::InvalidInput(format!(
                "Requested size: {size} exceeds the supported limit: {limit}."
            )));
        }
        let (rows, done_ms, cursor, total) = self
            .discovered_page(source, granularity, (size, cursor), limit)
            .await?;
        let done = done_ms / 1000;
        let results = rows
            .into_iter()
            .map(|f| types::Application {
                entity_id: f.id.clone(),
                name: f.name.clone(),
                entity_type: types::EntityType::Application,
                create_time: done,
                created_by: "system".into(),
                last_modified_time: done,
                last_modified_by: "system".into(),
                last_modified_by_service: Some("FLOW_BASED_DISCOVERY".into()),
                tier_count: counts.then_some(f.tiers.len() as i32),
                member_count: counts.then_some(f.member_count() as i32),
                update_status: None,
                confidence: Some(f.confidence().into()),
            })
            .collect();
        Ok(types::PagedApplicationListResponse {
            results,
            cursor,
            total_count: total as i32,
        })
    }

    pub async fn fbad_config_ids(&self) -> types::FbadConfigIdList {
        let state = self.db.read().await;
        types::FbadConfigIdList {
            results: state
                .aria()
                .fbad_configs
                .iter()
                .map(|(k, _)| k.to_string())
                .collect(),
        }
    }

    /// A copy of configuration `id`.
    async fn config_row(&self, id: &str) -> Result<FbadConfigRow, AriaError> {
        let state = self.db.read().await;
        let row = state.aria().fbad_configs.get(id).cloned();
        row.ok_or_else(|| config_not_found(id))
    }

    pub async fn fbad_config(&self, id: &str) -> Result<types::FbadConfigResponse, AriaError> {
        Ok(self.config_row(id).await?.answer())
    }

    /// Creates (`id` `None`) or replaces the configuration; discovery runs again with it unless
    /// it is paused.
    pub async fn put_fbad_config(
        &self,
        id: Option<&str>,
        body: types::FbadConfigRequest,
    ) -> Result<types::FbadConfigResponse, AriaError> {
        let now_ms = self.clock.now_ms();
        self.db
            .write(|s| {
                let t = s.aria_mut();
                let old = t.fbad_configs.get(CONFIG_ID).cloned();
                match (id, &old) {
                    (None, Some(_)) => {
                        return Err(AriaError::AlreadyExists(format!(
                            "A flow based application discovery configuration exists: {CONFIG_ID}"
                        )))
                    }
                    (Some(id), None) => return Err(config_not_found(id)),
                    (Some(id), Some(_)) if id != CONFIG_ID => return Err(config_not_found(id)),
                    _ => {}
                }
                let settings = config::checked(body, |p| t.fbad_files.contains(p))?;
                let before = old.map(|o| o.in_force(now_ms));
                let row = FbadConfigRow {
                    settings,
                    changed_ms: now_ms,
                    before_done_ms: before.as_ref().and_then(|b| b.done_ms),
                    before: before.map(|b| b.settings),
                };
                let answer = row.answer();
                t.fbad_configs.insert(CONFIG_ID.into(), row);
                Ok(answer)
            })
            .await
    }

    pub async fn delete_fbad_config(&self, id: &str) -> Result<(), AriaError> {
        self.db
            .write(|s| {
                s.aria_mut()
                    .fbad_configs
                    .remove(id)
                    .map(drop)
                    .ok_or_else(|| config_not_found(id))
            })
            .await
    }

    pub async fn fbad_progress(&self, id: &str) -> Result<types::FbadProgressResponse, AriaError> {
        Ok(self.config_row(id).await?.progress(self.clock.now_ms()))
    }
}
