//! The configured applications (`[[aria.applications]]`), put in once per state as if an
//! administrator had made them when the appliance started: checked as `POST` checks them, with
//! the ids `POST` would give.

use super::members;
use crate::aria_networks::errors::AriaError;
use crate::aria_networks::nodes::entity_id;
use crate::aria_networks::tables::{ApplicationRow, AriaTables, TierRow};
use crate::aria_networks::Aria;

const SEEDED: &str = "seeded";
const CREATOR: &str = "admin@local";

impl Aria {
    pub fn seed(&self, t: &mut AriaTables) -> Result<(), String> {
        if t.seeded.contains(SEEDED) {
            return Ok(());
        }
        let now = self.clock.now_secs();
        for (i, app) in self.config.applications.iter().enumerate() {
            let at = |e: String| format!("aria.applications[{i}] ({}): {e}", app.name);
            let name = app.name.trim().to_string();
            if name.is_empty() || !t.applications.keys_where(&name.to_lowercase()).is_empty() {
                return Err(at("the name is empty or another application's".into()));
            }
            let id = entity_id(561, &format!("{}|0", name.to_lowercase()));
            t.applications.insert(
                id.clone(),
                ApplicationRow {
                    name,
                    create_time: now,
                    created_by: CREATOR.into(),
                    last_modified_time: now,
                    last_modified_by: CREATOR.into(),
                },
            );
            for (seq, tier) in app.tiers.iter().enumerate() {
                let tier_name = tier.name.trim().to_string();
                let twice = app.tiers[..seq]
                    .iter()
                    .any(|t| t.name.trim().eq_ignore_ascii_case(&tier_name));
                if tier_name.is_empty() || twice {
                    return Err(at(format!("tier {tier_name:?} is unnamed or named twice")));
                }
                if tier.group_membership_criteria.is_empty() {
                    return Err(at(format!("tier {tier_name} has no criteria")));
                }
                for c in &tier.group_membership_criteria {
                    members::check(c, self).map_err(|e: AriaError| at(e.to_string()))?;
                }
                let key = format!("{id}|{}|0", tier_name.to_lowercase());
                t.tiers.insert(
                    entity_id(562, &key),
                    TierRow {
                        application: id.clone(),
                        name: tier_name,
                        seq: seq as u64,
                        criteria: tier
                            .group_membership_criteria
                            .iter()
                            .map(Into::into)
                            .collect(),
                    },
                );
            }
        }
        t.seeded.insert(SEEDED.into(), now);
        Ok(())
    }
}
