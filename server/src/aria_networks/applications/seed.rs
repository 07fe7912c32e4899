//! The configured applications (`[[aria.applications]]`), put in once per state as if an
//! administrator had made them when the appliance started: checked as `POST` checks them, with
//! the ids `POST` would give.

use super::{members, rows};
use crate::aria_networks::errors::AriaError;
use crate::aria_networks::tables::AriaTables;
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
            if name.is_empty() {
                return Err(at("the name is empty".into()));
            }
            let (id, _) =
                rows::insert_application(t, &name, CREATOR, now).map_err(|e| at(e.to_string()))?;
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
                let criteria = tier.group_membership_criteria.iter().map(Into::into);
                rows::insert_tier(t, &id, tier_name, seq as u64, criteria.collect());
            }
        }
        t.seeded.insert(SEEDED.into(), now);
        Ok(())
    }
}
