//! `POST /groups/applications/full`: an application and its tiers in one change (E82).

use super::rows;
use crate::aria_networks::caller::Caller;
use crate::aria_networks::errors::AriaError;
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
        self.db
            .write(|s| {
                // Read under the lock: changes are noted in time order (E127).
                let now = self.clock.now_secs();
                let t = s.aria_mut();
                let (id, row) = rows::insert_application(t, &name, &caller.principal, now)?;
                for (seq, (tier_name, criteria)) in tiers.into_iter().enumerate() {
                    rows::insert_tier(t, &id, tier_name, seq as u64, criteria);
                }
                Ok(self.application_answer(&id, &row, None, false))
            })
            .await
    }
}
