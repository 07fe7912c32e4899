//! Tiers and members read across applications: a tier by its id alone, changing a tier, the
//! members of several tiers or applications at once, and an application's VMs with their
//! vCenter ids.

use std::collections::BTreeSet;

use super::members::Members;
use super::{application_row, rows, ApplicationRow, TierRow};
use crate::aria_networks::caller::Caller;
use crate::aria_networks::errors::AriaError;
use crate::aria_networks::inventory::{EntityRef, Kind};
use crate::aria_networks::nodes::entity_id;
use crate::aria_networks::problems::ProblemFilter;
use crate::aria_networks::visibility::Visibility;
use crate::aria_networks::Aria;
use crate::generated::aria_networks::{queries, types};

/// The most ids one members request may name.
const MAX_IDS: usize = 100;

fn checked_ids(body: &types::GroupsMembersRequest) -> Result<(), AriaError> {
    match body.entity_ids.len() {
        0 => Err(AriaError::InvalidInput(
            "entity_ids must name at least one id".into(),
        )),
        n if n > MAX_IDS => Err(AriaError::InvalidInput(format!(
            "entity_ids names {n} ids; at most {MAX_IDS}"
        ))),
        _ => Ok(()),
    }
}

/// Applications made through the API: the sandbox discovers none.
fn manual() -> types::DiscoveryInfo {
    types::DiscoveryInfo {
        sources: vec![types::DiscoverySource {
            source_type: Some(types::DiscoveryType::Manual),
            entity_id: None,
            manager_entity_id: None,
        }],
    }
}

impl Aria {
    /// Each member as the members operations list it: a VM with its vCenter ids, an address
    /// no VM has as an `IPEndpoint`.
    fn member_entries(&self, m: &Members) -> Vec<types::ApplicationMember> {
        let inv = &self.inventory;
        let vms = m.vms.iter().map(|&v| {
            let vm = &inv.workload.vms[v];
            let vc = vm.place.vcenter;
            let manager = types::Reference {
                entity_id: inv.id(EntityRef::new(Kind::Vcenter, vc)).to_string(),
                entity_type: types::EntityType::VCenterManager,
                entity_name: Some(inv.world.vcenters[vc].config.ip.clone()),
            };
            types::ApplicationMember {
                entity_id: self.vm_id(v),
                entity_type: "VirtualMachine".into(),
                vendor_infos: vec![types::VendorInfo {
                    vendor_ids: inv.vendor_ids(EntityRef::vm(v)).unwrap_or_default(),
                    manager: Some(manager),
                }],
            }
        });
        let addresses = m.physical.iter().map(|ip| types::ApplicationMember {
            entity_id: entity_id(541, ip),
            entity_type: "IPEndpoint".into(),
            vendor_infos: Vec::new(),
        });
        vms.chain(addresses).collect()
    }

    fn tier_members(
        &self,
        id: &str,
        row: &TierRow,
        visible: &Visibility,
    ) -> types::TierMembersResponse {
        types::TierMembersResponse {
            entity_id: id.to_string(),
            entity_type: "Tier".into(),
            name: row.name.clone(),
            members: self.member_entries(&self.member_set(&row.criteria, visible)),
            discovery_info: Some(manual()),
        }
    }

    /// A tier, whichever application it is in.
    pub async fn tier_by_id(&self, tier_id: &str) -> Result<types::Tier, AriaError> {
        let app_id = {
            let state = self.db.read().await;
            state
                .aria()
                .tiers
                .get(tier_id)
                .map(|t| t.application.clone())
        };
        let app_id = app_id.ok_or_else(|| AriaError::NotFound(format!("No tier {tier_id}")))?;
        self.tier(&app_id, tier_id).await
    }

    /// Replaces a tier's name and criteria, checked as adding one checks them.
    pub async fn edit_tier(
        &self,
        caller: &Caller,
        app_id: &str,
        tier_id: &str,
        body: &types::TierRequest,
    ) -> Result<types::Tier, AriaError> {
        let (name, criteria) = self.checked_tier(body)?;
        let (app, row) = self
            .db
            .write(|s| {
                // Read under the lock: changes are noted in time order (E127).
                let now = self.clock.now_secs();
                let t = s.aria_mut();
                let mut app = application_row(&t.applications, app_id)?;
                let mut row = t
                    .tiers
                    .get(tier_id)
                    .filter(|r| r.application == app_id)
                    .cloned()
                    .ok_or_else(|| {
                        AriaError::NotFound(format!("No tier {tier_id} in application {app_id}"))
                    })?;
                let taken = t
                    .tiers
                    .keys_where(app_id)
                    .iter()
                    .filter(|id| id.as_str() != tier_id)
                    .filter_map(|id| t.tiers.get(id))
                    .any(|x| x.name.eq_ignore_ascii_case(&name));
                if taken {
                    return Err(AriaError::AlreadyExists(format!(
                        "Application {app_id} already has a tier named {name:?}"
                    )));
                }
                row.name = name.clone();
                row.criteria = criteria.clone();
                t.tiers.insert(tier_id.to_string(), row.clone());
                app.last_modified_time = now;
                app.last_modified_by = caller.principal.clone();
                t.applications.insert(app_id.to_string(), app.clone());
                rows::note_change(t, app_id, &app.name, "UPDATE", now);
                Ok::<(ApplicationRow, TierRow), AriaError>((app, row))
            })
            .await?;
        let visible = self.visibility().await;
        self.tier_answer(tier_id, app_id, &app, &row, &visible)
    }

    pub async fn tiers_members(
        &self,
        body: &types::GroupsMembersRequest,
    ) -> Result<types::TiersMembersResponse, AriaError> {
        checked_ids(body)?;
        let rows = {
            let state = self.db.read().await;
            let tiers = &state.aria().tiers;
            body.entity_ids
                .iter()
                .map(|id| {
                    let row = tiers.get(id).cloned();
                    row.map(|r| (id.clone(), r))
                        .ok_or_else(|| AriaError::NotFound(format!("No tier {id}")))
                })
                .collect::<Result<Vec<_>, _>>()?
        };
        let visible = self.visibility().await;
        let results: Vec<_> = rows
            .iter()
            .map(|(id, row)| self.tier_members(id, row, &visible))
            .collect();
        Ok(types::TiersMembersResponse {
            total_count: results.len() as i32,
            results,
            cursor: None,
        })
    }

    pub async fn applications_members(
        &self,
        body: &types::GroupsMembersRequest,
    ) -> Result<types::ApplicationsMembersResponse, AriaError> {
        checked_ids(body)?;
        let apps = {
            let state = self.db.read().await;
            let t = state.aria();
            body.entity_ids
                .iter()
                .map(|id| application_row(&t.applications, id).map(|a| (id.clone(), a)))
                .collect::<Result<Vec<_>, _>>()?
        };
        let visible = self.visibility().await;
        let mut results = Vec::new();
        for (id, app) in apps {
            results.push(self.application_members(id, app, &visible).await);
        }
        Ok(types::ApplicationsMembersResponse {
            total_count: results.len() as i32,
            results,
            cursor: None,
        })
    }

    /// One application and its tiers' members, as seen now, if it exists (what the databus
    /// posts of it, E127).
    pub(in crate::aria_networks) async fn application_members_now(
        &self,
        id: &str,
    ) -> Option<types::ApplicationMembersResponse> {
        let app = {
            let state = self.db.read().await;
            application_row(&state.aria().applications, id).ok()?
        };
        let visible = self.visibility().await;
        Some(
            self.application_members(id.to_string(), app, &visible)
                .await,
        )
    }

    async fn application_members(
        &self,
        id: String,
        app: ApplicationRow,
        visible: &Visibility,
    ) -> types::ApplicationMembersResponse {
        let tiers = self
            .tier_rows(&id)
            .await
            .iter()
            .map(|(tid, row)| self.tier_members(tid, row, visible))
            .collect();
        types::ApplicationMembersResponse {
            entity_id: id,
            entity_type: "Application".into(),
            name: app.name,
            created_by: Some(app.created_by),
            creation_time: Some(app.create_time),
            last_modified_by: Some(app.last_modified_by),
            last_modified_by_service: None,
            last_modified_time: Some(app.last_modified_time),
            source: Some(types::DiscoveryType::Manual),
            tiers,
            discovery_info: Some(manual()),
            curated_groups: Vec::new(),
            confidence: None,
        }
    }

    /// The VMs of every tier of an application, once each, by index.
    pub(in crate::aria_networks) async fn application_vm_set(
        &self,
        app_id: &str,
    ) -> Result<BTreeSet<usize>, AriaError> {
        {
            let state = self.db.read().await;
            application_row(&state.aria().applications, app_id)?;
        }
        let visible = self.visibility().await;
        let mut vms = BTreeSet::new();
        for (_, row) in self.tier_rows(app_id).await {
            vms.extend(self.member_set(&row.criteria, &visible).vms);
        }
        Ok(vms)
    }

    pub async fn application_vms(
        &self,
        app_id: &str,
    ) -> Result<types::ApplicationMembers, AriaError> {
        let vms = self.application_vm_set(app_id).await?;
        let members = Members {
            vms,
            physical: BTreeSet::new(),
        };
        Ok(types::ApplicationMembers {
            results: self.member_entries(&members),
            cursor: None,
        })
    }

    /// The problems of the application's VMs and of the hosts they run on (E84).
    pub async fn application_problems(
        &self,
        app_id: &str,
        query: &queries::GetAppProblemsQuery,
    ) -> Result<types::PagedListResponseWithTime, AriaError> {
        let vms = self.application_vm_set(app_id).await?;
        let filter = ProblemFilter::from(query);
        let cursor = query.cursor.as_deref();
        (self.problem_page(&filter, Some(&vms), query.size, cursor)).await
    }
}
