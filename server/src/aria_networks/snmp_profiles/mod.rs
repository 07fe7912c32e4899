//! SNMP trap profiles: where user-defined events send traps. At most four exist at once, as on
//! the appliance.

mod api;
mod changes;

use super::setting_ids::setting_id;

use super::data_sources::{digests, take_secrets};
use super::errors::AriaError;
use super::model::{from_model, to_model};
use super::tables::SnmpProfileRow;
use super::Aria;
use crate::generated::aria_networks::types;

/// The appliance's limit on trap profiles (ref 1.1.8).
pub const MAX_PROFILES: usize = 4;

const SECRETS: [&str; 3] = [
    "snmp_v2c.community_string",
    "snmp_v3.authentication_password",
    "snmp_v3.privacy_password",
];

/// The body without the other version's section, so that only the chosen version's secrets
/// are kept (a v2c profile keeps no v3 password a client also sent, and the reverse).
fn its_version_only(mut body: types::SnmpProfileRequest) -> types::SnmpProfileRequest {
    match body.snmp_version {
        types::SnmpVersion::V2c => body.snmp_v3 = None,
        types::SnmpVersion::V3 => body.snmp_v2c = None,
    }
    body
}

fn bad(message: impl Into<String>) -> AriaError {
    AriaError::InvalidInput(message.into())
}

fn check(body: &types::SnmpProfileRequest) -> Result<(), AriaError> {
    if body.nick_name.trim().is_empty() {
        return Err(bad("nick_name must not be empty"));
    }
    if body.target_ip.trim().is_empty() {
        return Err(bad("target_ip must not be empty"));
    }
    if !(1..=65535).contains(&body.target_port) {
        return Err(bad(format!(
            "target_port must be between 1 and 65535, not {}",
            body.target_port
        )));
    }
    match body.snmp_version {
        types::SnmpVersion::V2c => {
            let community = body
                .snmp_v2c
                .as_ref()
                .and_then(|c| c.community_string.as_deref());
            if community.is_none_or(str::is_empty) {
                return Err(bad("v2c needs snmp_v2c.community_string"));
            }
        }
        types::SnmpVersion::V3 => {
            let user = body.snmp_v3.as_ref().and_then(|c| c.username.as_deref());
            if user.is_none_or(str::is_empty) {
                return Err(bad("v3 needs snmp_v3.username"));
            }
        }
    }
    Ok(())
}

impl Aria {
    pub async fn snmp_profiles(&self) -> Result<types::SnmpProfileListResponse, AriaError> {
        let state = self.db.read().await;
        let mut rows: Vec<&SnmpProfileRow> = state.aria().snmp_profiles.values().collect();
        rows.sort_by_key(|r| r.seq);
        let results = rows
            .into_iter()
            .map(|r| from_model::<types::SnmpProfileResponse>(r.profile.clone()))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(types::SnmpProfileListResponse {
            total_count: results.len() as i32,
            results,
        })
    }

    pub async fn snmp_profile(&self, id: &str) -> Result<types::SnmpProfileResponse, AriaError> {
        let state = self.db.read().await;
        state
            .aria()
            .snmp_profiles
            .get(id)
            .map(|r| from_model(r.profile.clone()))
            .ok_or_else(|| AriaError::NotFound(format!("No SNMP profile with id {id}")))?
    }

    pub async fn add_snmp_profile(
        &self,
        body: types::SnmpProfileRequest,
    ) -> Result<types::SnmpProfileResponse, AriaError> {
        check(&body)?;
        let body = its_version_only(body);
        self.db
            .write(|s| {
                let t = s.aria_mut();
                if t.snmp_profiles.len() >= MAX_PROFILES {
                    return Err(bad(format!(
                        "At most {MAX_PROFILES} SNMP profiles can exist; delete one first"
                    )));
                }
                let seq = t
                    .snmp_profiles
                    .values()
                    .map(|r| r.seq + 1)
                    .max()
                    .unwrap_or(0);
                let id = setting_id("snmp-", &body.nick_name, &body.target_ip, seq);
                let mut model = to_model(&body);
                let secrets = take_secrets(&mut model, &SECRETS);
                model.insert("entity_id".into(), id.clone().into());
                let profile: types::SnmpProfileResponse = from_model(model.clone())?;
                t.snmp_profiles.insert(
                    id.clone(),
                    SnmpProfileRow {
                        seq,
                        profile: model,
                        secrets: digests(&id, &secrets),
                    },
                );
                Ok(profile)
            })
            .await
    }

    /// Deletes a profile no event or search-based alert sends traps to.
    pub async fn delete_snmp_profile(&self, id: &str) -> Result<(), AriaError> {
        self.db
            .write(|s| {
                let t = s.aria_mut();
                if !t.snmp_profiles.contains(id) {
                    return Err(AriaError::NotFound(format!("No SNMP profile with id {id}")));
                }
                if let Some(e) = t.events.values().find(|e| e.traps_to(id)) {
                    return Err(bad(format!(
                        "The SNMP profile {id} is used by the event {:?}",
                        e.name()
                    )));
                }
                if let Some(a) = t.search_alerts.values().find(|a| a.traps_to(id)) {
                    return Err(bad(format!(
                        "The SNMP profile {id} is used by the search-based alert {:?}",
                        a.name()
                    )));
                }
                t.snmp_profiles.remove(id);
                Ok(())
            })
            .await
    }
}
