//! The SNMP settings of the switches, load balancers and managers that have them (`has_snmp`):
//! how the collector reads the device.

use serde_json::Value;

use super::checks::{digests, take_secrets};
use super::{from_model, to_model, DataSourceKind};
use crate::aria_networks::errors::AriaError;
use crate::aria_networks::Aria;
use crate::generated::aria_networks::types;

/// The secrets of the SNMP settings, as fields of the stored row's `snmp` model.
const SNMP_SECRETS: [&str; 3] = [
    "config_snmp_2c.community_string",
    "config_snmp_3.authentication_password",
    "config_snmp_3.privacy_password",
];

fn bad(message: impl Into<String>) -> AriaError {
    AriaError::InvalidInput(message.into())
}

fn unsupported(kind: DataSourceKind) -> AriaError {
    AriaError::NotFound(format!(
        "A {} data source has no SNMP settings",
        kind.label()
    ))
}

/// Whether a secret is set now: sent, or stored for the same version.
fn present(sent: Option<&String>, stored: Option<&String>) -> bool {
    sent.is_some_and(|s| !s.is_empty()) || stored.is_some()
}

impl Aria {
    pub async fn snmp_config(
        &self,
        kind: DataSourceKind,
        id: &str,
    ) -> Result<types::SnmpConfig, AriaError> {
        if !kind.has_snmp() {
            return Err(unsupported(kind));
        }
        let state = self.db.read().await;
        match state.aria().data_sources.get(id) {
            Some(row) if kind.finds(row.kind) => match &row.snmp {
                Some(snmp) => from_model(snmp.clone()),
                None => Ok(types::SnmpConfig {
                    snmp_enabled: false,
                    snmp_version: None,
                    config_snmp_2c: None,
                    config_snmp_3: None,
                }),
            },
            _ => Err(super::not_found(kind, id)),
        }
    }

    /// Replaces the SNMP settings; a secret sent `""` or left out keeps the stored one, as long
    /// as the version stays the same.
    pub async fn set_snmp_config(
        &self,
        kind: DataSourceKind,
        id: &str,
        config: types::SnmpConfig,
    ) -> Result<types::SnmpConfig, AriaError> {
        if !kind.has_snmp() {
            return Err(unsupported(kind));
        }
        self.db
            .write(|s| {
                let t = s.aria_mut();
                let mut row = super::row_of(&t.data_sources, kind, id)?;
                let old_version = row
                    .snmp
                    .as_ref()
                    .and_then(|m| m.get("snmp_version"))
                    .and_then(Value::as_str)
                    .map(str::to_string);
                let new_version = config.snmp_version.map(|v| v.to_string());
                let same_version = old_version.is_some() && old_version == new_version;
                let stored = |field: &str| {
                    same_version
                        .then(|| row.secrets.get(&format!("snmp.{field}")))
                        .flatten()
                };
                if config.snmp_enabled {
                    match config.snmp_version {
                        None => return Err(bad("snmp_version is required when snmp_enabled")),
                        Some(types::SnmpVersion::V2c) => {
                            let c = config.config_snmp_2c.as_ref();
                            if !present(
                                c.and_then(|c| c.community_string.as_ref()),
                                stored(SNMP_SECRETS[0]),
                            ) {
                                return Err(bad("v2c needs config_snmp_2c.community_string"));
                            }
                        }
                        Some(types::SnmpVersion::V3) => {
                            let Some(c) = config.config_snmp_3.as_ref() else {
                                return Err(bad("v3 needs config_snmp_3"));
                            };
                            if c.username.as_deref().is_none_or(str::is_empty) {
                                return Err(bad("v3 needs config_snmp_3.username"));
                            }
                            let auth = c.authentication_type.map(|a| a.to_string());
                            if auth.as_deref().is_some_and(|a| a != "NO_AUTH")
                                && !present(
                                    c.authentication_password.as_ref(),
                                    stored(SNMP_SECRETS[1]),
                                )
                            {
                                return Err(bad(
                                    "config_snmp_3.authentication_password is required",
                                ));
                            }
                            let privacy = c.privacy_type.map(|p| p.to_string());
                            if privacy.as_deref().is_some_and(|p| p != "NO_PRIV")
                                && !present(c.privacy_password.as_ref(), stored(SNMP_SECRETS[2]))
                            {
                                return Err(bad("config_snmp_3.privacy_password is required"));
                            }
                        }
                    }
                }
                let mut model = to_model(&config);
                let secrets = take_secrets(&mut model, &SNMP_SECRETS);
                let secrets: Vec<(String, String)> = secrets
                    .into_iter()
                    .map(|(f, v)| (format!("snmp.{f}"), v))
                    .collect();
                if !same_version {
                    row.secrets.retain(|f, _| !f.starts_with("snmp."));
                }
                row.secrets.extend(digests(id, &secrets));
                let answer: types::SnmpConfig = from_model(model.clone())?;
                row.snmp = Some(model);
                row.modified_secs = self.clock.now_secs();
                t.data_sources.insert(id.to_string(), row);
                Ok(answer)
            })
            .await
    }
}
