//! Saving discovered applications (E89): each as an application whose tiers hold the found
//! tiers' VMs by name, all in one change, reported as a finished task; and what discovery finds
//! changed in an application saved from it.

use std::collections::{BTreeMap, BTreeSet};

use super::super::rows;
use crate::aria_networks::caller::Caller;
use crate::aria_networks::errors::AriaError;
use crate::aria_networks::filter_language as filter;
use crate::aria_networks::tables::SaveTaskRow;
use crate::aria_networks::tables::{CriterionRow, DiscoveredFrom, SearchCriterion};
use crate::aria_networks::Aria;
use crate::generated::aria_networks::types;

/// The tasks kept; older ones are forgotten.
const KEPT_TASKS: usize = 100;
const TASK_NAME: &str = "SAVE_DISCOVERED_APPLICATIONS";
/// The most applications one save may name.
const MAX_SAVED: usize = 100;

fn request_id(seq: u64) -> String {
    format!("a81f0c2e-0000-4000-8000-{seq:012x}")
}

/// A tier's criterion: its VMs by name.
fn by_names(names: &[&str]) -> CriterionRow {
    // The filter language's own quoting (a quote doubled), so any name reads back.
    let quoted: Vec<String> = names
        .iter()
        .map(|n| filter::Literal::Text((*n).to_string()).to_string())
        .collect();
    CriterionRow {
        membership_type: "SearchMembershipCriteria".into(),
        search_membership_criteria: Some(SearchCriterion {
            entity_type: "VirtualMachine".into(),
            filter: format!("name in ({})", quoted.join(", ")),
        }),
        ip_address_membership_criteria: None,
    }
}

fn outcome(
    entity_id: &str,
    name: &str,
    code: &str,
    error: Option<String>,
) -> types::SaveBulkAppProgressResponse {
    types::SaveBulkAppProgressResponse {
        entity_id: Some(entity_id.into()),
        name: Some(name.into()),
        response_code: Some(code.into()),
        error_message: error,
    }
}

fn status(changed: bool) -> types::BasicUpdateInfoUpdateStatus {
    if changed {
        types::BasicUpdateInfoUpdateStatus::Updated
    } else {
        types::BasicUpdateInfoUpdateStatus::NoChange
    }
}

fn info(name: &str, id: &str, s: types::BasicUpdateInfoUpdateStatus) -> types::BasicUpdateInfo {
    types::BasicUpdateInfo {
        name: name.into(),
        entity_id: id.into(),
        update_status: s,
    }
}

impl Aria {
    pub async fn save_discovered_applications(
        &self,
        caller: &Caller,
        body: &types::DiscoveredAppsBulkSaveRequest,
    ) -> Result<types::SaveBulkDiscoveredAppResponse, AriaError> {
        if body.discovered_apps.is_empty() || body.discovered_apps.len() > MAX_SAVED {
            return Err(AriaError::InvalidInput(format!(
                "discovered_apps must name 1 to {MAX_SAVED} applications"
            )));
        }
        // What each granularity finds now; an id names its granularity.
        let mut found = BTreeMap::new();
        if body.discovery_type == types::AppDiscoverySource::FlowBasedDiscovery {
            for g in [
                types::DiscoveryGranularity::Fine,
                types::DiscoveryGranularity::Medium,
                types::DiscoveryGranularity::Coarse,
            ] {
                for f in self.discovery(g).await.found {
                    found.insert(f.id.clone(), (g, f));
                }
            }
        }
        let inv = &self.inventory;
        self.db
            .write(|s| {
                // Read under the lock: changes are noted in time order (E127).
                let now_ms = self.clock.now_ms();
                let t = s.aria_mut();
                let mut results = Vec::new();
                for ask in &body.discovered_apps {
                    let id = &ask.source_entity_id;
                    let Some((g, f)) = found.get(id) else {
                        let why = format!("No discovered application with id {id}");
                        results.push(outcome(id, "", "NOT_FOUND", Some(why)));
                        continue;
                    };
                    let by = &caller.principal;
                    let (app_id, _) = match rows::insert_application(t, &f.name, by, now_ms / 1000)
                    {
                        Ok(made) => made,
                        Err(e) => {
                            results.push(outcome(
                                id,
                                &f.name,
                                "ALREADY_EXISTS",
                                Some(e.to_string()),
                            ));
                            continue;
                        }
                    };
                    let discovered = DiscoveredFrom {
                        entity_id: id.clone(),
                        granularity: super::engine::granularity_name(*g).into(),
                    };
                    t.applications
                        .update(&app_id, |row| row.discovered = Some(discovered));
                    for (seq, (tier, vms)) in f.tiers.iter().enumerate() {
                        let names: Vec<&str> = vms
                            .iter()
                            .map(|v| inv.workload.vms[*v].name.as_str())
                            .collect();
                        rows::insert_tier(
                            t,
                            &app_id,
                            tier.clone(),
                            seq as u64,
                            vec![by_names(&names)],
                        );
                    }
                    results.push(outcome(&app_id, &f.name, "CREATED", None));
                }
                let seq = t.save_tasks.next_seq();
                let request = request_id(seq);
                t.save_tasks.insert(
                    request.clone(),
                    SaveTaskRow {
                        seq,
                        start_ms: now_ms,
                        results,
                    },
                );
                t.save_tasks.drop_oldest(KEPT_TASKS, None);
                Ok(types::SaveBulkDiscoveredAppResponse {
                    callback_api: format!("/api/ni/groups/task/progress/{request}"),
                    request_id: request,
                })
            })
            .await
    }

    pub async fn save_progress(
        &self,
        request_id: &str,
    ) -> Result<types::SaveBulkDiscoveredAppProgressResponse, AriaError> {
        let state = self.db.read().await;
        let row = state
            .aria()
            .save_tasks
            .get(request_id)
            .cloned()
            .ok_or_else(|| AriaError::NotFound(format!("No task with request id {request_id}")))?;
        Ok(types::SaveBulkDiscoveredAppProgressResponse {
            request_id: request_id.into(),
            task_name: TASK_NAME.into(),
            status: "FINISHED".into(),
            progress: 100.0,
            start_time: row.start_ms as f64,
            app_save_response: row.results,
        })
    }

    /// How application `id` differs from what its discovery finds now.
    pub async fn application_updates(
        &self,
        id: &str,
    ) -> Result<types::ApplicationUpdate, AriaError> {
        let app = {
            let state = self.db.read().await;
            super::super::application_row(&state.aria().applications, id)?
        };
        let visible = self.visibility().await;
        let saved: Vec<(String, String, BTreeSet<usize>)> = self
            .tier_rows(id)
            .await
            .into_iter()
            .map(|(tid, t)| {
                let vms = self.member_set(&t.criteria, &visible).vms;
                (tid, t.name, vms)
            })
            .collect();
        let now = match &app.discovered {
            None => None,
            Some(d) => {
                let g = d
                    .granularity
                    .parse()
                    .unwrap_or(types::DiscoveryGranularity::Medium);
                self.discovery(g)
                    .await
                    .found
                    .into_iter()
                    .find(|f| f.id == d.entity_id)
            }
        };
        let inv = &self.inventory;
        let vm_info = |v: usize, s| info(&inv.workload.vms[v].name, &self.vm_id(v), s);
        let mut tiers = Vec::new();
        let mut changed = false;
        for (tid, name, vms) in &saved {
            let (status_of_tier, vm_rows) = match (&app.discovered, &now) {
                (None, _) => (
                    status(false),
                    vms.iter().map(|v| vm_info(*v, status(false))).collect(),
                ),
                (Some(_), None) => (types::BasicUpdateInfoUpdateStatus::Deleted, Vec::new()),
                (Some(_), Some(f)) => match f.tiers.get(name) {
                    None => (
                        types::BasicUpdateInfoUpdateStatus::Deleted,
                        vms.iter()
                            .map(|v| vm_info(*v, types::BasicUpdateInfoUpdateStatus::Deleted))
                            .collect(),
                    ),
                    Some(found) => {
                        let mut rows: Vec<_> = vms
                            .iter()
                            .map(|v| {
                                vm_info(
                                    *v,
                                    if found.contains(v) {
                                        status(false)
                                    } else {
                                        types::BasicUpdateInfoUpdateStatus::Deleted
                                    },
                                )
                            })
                            .collect();
                        rows.extend(
                            found
                                .difference(vms)
                                .map(|v| vm_info(*v, types::BasicUpdateInfoUpdateStatus::Added)),
                        );
                        (status(found != vms), rows)
                    }
                },
            };
            changed |= status_of_tier != types::BasicUpdateInfoUpdateStatus::NoChange;
            tiers.push(types::TierUpdate {
                basic_update_info: info(name, tid, status_of_tier),
                vms: vm_rows,
                physical_ips: Vec::new(),
                kubernetes_services: Vec::new(),
            });
        }
        if let Some(f) = &now {
            for (name, vms) in &f.tiers {
                if saved.iter().any(|(_, n, _)| n == name) {
                    continue;
                }
                changed = true;
                tiers.push(types::TierUpdate {
                    basic_update_info: info(
                        name,
                        &f.tier_id(name),
                        types::BasicUpdateInfoUpdateStatus::Added,
                    ),
                    vms: vms
                        .iter()
                        .map(|v| vm_info(*v, types::BasicUpdateInfoUpdateStatus::Added))
                        .collect(),
                    physical_ips: Vec::new(),
                    kubernetes_services: Vec::new(),
                });
            }
        }
        let top = match (&app.discovered, &now) {
            (Some(_), None) => types::BasicUpdateInfoUpdateStatus::Deleted,
            _ => status(changed),
        };
        Ok(types::ApplicationUpdate {
            basic_update_info: info(&app.name, id, top),
            tiers,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::by_names;
    use crate::aria_networks::filter_language as filter;

    #[test]
    fn a_saved_tier_s_filter_reads_back_whatever_its_vms_are_called() {
        let c = by_names(&["o'hara-vm-001", "plain"]);
        let text = c.search_membership_criteria.unwrap().filter;
        assert_eq!(text, "name in ('o''hara-vm-001', 'plain')");
        assert!(filter::parse(&text).is_ok(), "{text}");
    }
}
