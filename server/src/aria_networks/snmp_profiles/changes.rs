//! Changes to SNMP trap profiles (E115): a profile replaced, a test trap described, events'
//! traps moved to other profiles, and the engine id v3 traps carry.

use super::{bad, check, its_version_only, SECRETS};
use crate::aria_networks::data_sources::{digests, take_secrets};
use crate::aria_networks::errors::AriaError;
use crate::aria_networks::model::{from_model, to_model};
use crate::aria_networks::outbox::Message;
use crate::aria_networks::tables::SNMP_ENGINE_ID;
use crate::aria_networks::Aria;
use crate::generated::aria_networks::types;

/// The engine id until one is set: VMware's enterprise number (6876) in RFC 3411's form, then a
/// fixed node part.
const DEFAULT_ENGINE_ID: &str = "80001adc030050569a0001";

fn not_found(id: &str) -> AriaError {
    AriaError::NotFound(format!("No SNMP profile with id {id}"))
}

/// Whether the version's secret is in the body.
fn has_secret(body: &types::SnmpProfileRequest) -> bool {
    match body.snmp_version {
        types::SnmpVersion::V2c => (body.snmp_v2c.as_ref())
            .and_then(|c| c.community_string.as_deref())
            .is_some_and(|c| !c.is_empty()),
        types::SnmpVersion::V3 => true,
    }
}

impl Aria {
    /// Replaces a profile; a v2c community the body leaves out is kept when it was set.
    pub async fn update_snmp_profile(
        &self,
        id: &str,
        body: types::SnmpProfileRequest,
    ) -> Result<types::SnmpProfileResponse, AriaError> {
        let body = its_version_only(body);
        self.db
            .write(|s| {
                let t = &mut s.aria_mut().snmp_profiles;
                let mut row = t.get(id).cloned().ok_or_else(|| not_found(id))?;
                let prefix = match body.snmp_version {
                    types::SnmpVersion::V2c => "snmp_v2c.",
                    types::SnmpVersion::V3 => "snmp_v3.",
                };
                // Secrets of the other version go; the body's replace the stored ones.
                row.secrets.retain(|field, _| field.starts_with(prefix));
                let kept = row.secrets.contains_key("snmp_v2c.community_string");
                let mut checked = body.clone();
                if kept && !has_secret(&body) {
                    // Checked as if the stored community were sent again.
                    checked.snmp_v2c = Some(types::SnmpV2cConfig {
                        community_string: Some("kept".into()),
                    });
                }
                check(&checked)?;
                let mut model = to_model(&body);
                let secrets = take_secrets(&mut model, &SECRETS);
                if kept && !has_secret(&body) {
                    let community = serde_json::json!({"community_string": ""});
                    model.insert("snmp_v2c".into(), community);
                }
                model.insert("entity_id".into(), id.into());
                let profile: types::SnmpProfileResponse = from_model(model.clone())?;
                row.secrets.extend(digests(id, &secrets));
                row.profile = model;
                t.insert(id.to_string(), row);
                Ok(profile)
            })
            .await
    }

    /// What a test trap to the profile would be; nothing is sent.
    pub async fn snmp_test_trap(
        &self,
        body: &types::SnmpProfileRequest,
    ) -> Result<types::TestSnmpProfileResponse, AriaError> {
        check(body)?;
        let (version, how) = match body.snmp_version {
            types::SnmpVersion::V2c => ("SNMPv2c", "with its community".to_string()),
            types::SnmpVersion::V3 => {
                let user = (body.snmp_v3.as_ref()).and_then(|c| c.username.as_deref());
                ("SNMPv3", format!("as {}", user.unwrap_or_default()))
            }
        };
        let destination = format!("{}:{}", body.target_ip.trim(), body.target_port);
        self.send(Message {
            kind: "snmp",
            destination: destination.clone(),
            protocol: "UDP",
            text: format!("{version} test trap {how}"),
        })
        .await?;
        Ok(types::TestSnmpProfileResponse {
            status: true,
            message: format!("Would send an {version} test trap to {destination} {how}"),
        })
    }

    /// Every event trapping to `id` traps to `to` instead: all events or none.
    pub async fn migrate_snmp_events(&self, id: &str, to: &[String]) -> Result<(), AriaError> {
        if to.is_empty() {
            return Err(bad("snmp_profiles: name at least one profile"));
        }
        self.db
            .write(|s| {
                let t = s.aria_mut();
                if !t.snmp_profiles.contains(id) {
                    return Err(not_found(id));
                }
                if let Some(p) = to.iter().find(|p| *p == id || !t.snmp_profiles.contains(p)) {
                    return Err(bad(format!(
                        "snmp_profiles: {p} is not another SNMP profile"
                    )));
                }
                let moving: Vec<String> = (t.events.iter())
                    .filter(|(_, e)| e.traps_to(id))
                    .map(|(k, _)| k.to_string())
                    .collect();
                for key in moving {
                    let mut row = t.events.get(&key).cloned().ok_or_else(|| not_found(id))?;
                    let mut event: types::SubscriptionResponse = from_model(row.event.clone())?;
                    let mut ids: Vec<String> = (event.snmp_trap_entity_ids.iter())
                        .filter(|p| *p != id)
                        .cloned()
                        .collect();
                    for p in to {
                        if !ids.contains(p) {
                            ids.push(p.clone());
                        }
                    }
                    event.snmp_trap_entity_ids = ids;
                    row.event = to_model(&event);
                    t.events.insert(key, row);
                }
                Ok(())
            })
            .await
    }

    pub async fn snmp_engine_id(&self) -> types::SnmpEngineId {
        let state = self.db.read().await;
        let stored = state.aria().snmp_engine.get(SNMP_ENGINE_ID).cloned();
        types::SnmpEngineId {
            engine_id: stored.unwrap_or_else(|| DEFAULT_ENGINE_ID.into()),
        }
    }

    pub async fn set_snmp_engine_id(
        &self,
        body: &types::SnmpEngineId,
    ) -> Result<types::SnmpEngineId, AriaError> {
        let id = body.engine_id.trim().to_ascii_lowercase();
        let hex = id.bytes().all(|b| b.is_ascii_hexdigit());
        if !hex || !id.len().is_multiple_of(2) || !(10..=64).contains(&id.len()) {
            return Err(bad(format!(
                "engine_id: {:?} is not a hexadecimal string of even length from 10 to 64",
                body.engine_id
            )));
        }
        self.db
            .write(|s| {
                let t = &mut s.aria_mut().snmp_engine;
                t.insert(SNMP_ENGINE_ID.into(), id.clone());
                Ok(types::SnmpEngineId { engine_id: id })
            })
            .await
    }
}
