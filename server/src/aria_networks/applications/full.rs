//! `POST /groups/applications/full`: an application and its tiers in one change (E82).

use super::ApplicationRow;
use crate::aria_networks::caller::Caller;
use crate::aria_networks::errors::AriaError;
use crate::aria_networks::nodes::entity_id;
use crate::aria_networks::tables::TierRow;
use crate::aria_networks::Aria;
use crate::generated::aria_networks::types;

impl Aria {
    pub async fn add_application_with_tiers(
        &self,
        caller: &Caller,
        body: &types::AppWithTiersRequest,
    ) -> Result<types::Application, AriaError> {
        let name = body.name.trim().to_string();
        if name.is_empty() {
            return Err(AriaError::InvalidInput("name must not be empty".into()));
        }
        let mut tiers: Vec<(String, Vec<_>)> = Vec::new();
        for t in &body.tiers {
            let (tier_name, criteria) = self.checked_tier(t)?;
            if tiers
                .iter()
                .any(|(n, _)| n.eq_ignore_ascii_case(&tier_name))
            {
                return Err(AriaError::InvalidInput(format!(
                    "tiers names {tier_name:?} twice"
                )));
            }
            tiers.push((tier_name, criteria));
        }
        let now = self.clock.now_secs();
        self.db
            .write(|s| {
                let t = s.aria_mut();
                if !t.applications.keys_where(&name.to_lowercase()).is_empty() {
                    return Err(AriaError::AlreadyExists(format!(
                        "An application named {name:?} already exists"
                    )));
                }
                let id = (0u32..)
                    .map(|n| entity_id(561, &format!("{}|{n}", name.to_lowercase())))
                    .find(|id| !t.applications.contains(id))
                    .expect("an unused id");
                let row = ApplicationRow {
                    name: name.clone(),
                    create_time: now,
                    created_by: caller.principal.clone(),
                    last_modified_time: now,
                    last_modified_by: caller.principal.clone(),
                };
                t.applications.insert(id.clone(), row.clone());
                for (seq, (tier_name, criteria)) in tiers.into_iter().enumerate() {
                    let tier_id = (0u32..)
                        .map(|n| {
                            let key = format!("{id}|{}|{n}", tier_name.to_lowercase());
                            entity_id(562, &key)
                        })
                        .find(|tid| !t.tiers.contains(tid))
                        .expect("an unused id");
                    let tier = TierRow {
                        application: id.clone(),
                        name: tier_name,
                        seq: seq as u64,
                        criteria,
                    };
                    t.tiers.insert(tier_id, tier);
                }
                Ok(self.application_answer(&id, &row, None, false))
            })
            .await
    }
}
