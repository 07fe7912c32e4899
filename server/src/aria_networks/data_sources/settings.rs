//! Per-type settings kept beside a data source (E57): the NSX-V manager's controller data
//! collection (its password a secret) and the Cisco switch's WAN site, region and interfaces.

use std::collections::HashSet;

use super::checks::digests;
use super::{from_model, row_of, to_model, DataSourceKind};
use crate::aria_networks::errors::AriaError;
use crate::aria_networks::Aria;
use crate::generated::aria_networks::types;

const CONTROLLER: &str = "controller-cluster";
const CONTROLLER_SECRET: &str = "controller_password";
const WAN: &str = "wan-config";
/// At most this many WAN interfaces on one switch, and this many characters in each text.
const MAX_INTERFACES: usize = 256;
const MAX_TEXT: usize = 256;

fn bad(message: impl Into<String>) -> AriaError {
    AriaError::InvalidInput(message.into())
}

impl Aria {
    pub async fn nsxv_controller_cluster(
        &self,
        id: &str,
    ) -> Result<types::NsxControllerDataCollection, AriaError> {
        let state = self.db.read().await;
        let row = row_of(&state.aria().data_sources, DataSourceKind::NsxvManagers, id)?;
        match row.settings.get(CONTROLLER) {
            Some(stored) => from_model(stored.clone()),
            None => Ok(types::NsxControllerDataCollection {
                enabled: false,
                controller_password: None,
            }),
        }
    }

    pub async fn set_nsxv_controller_cluster(
        &self,
        id: &str,
        mut sent: types::NsxControllerDataCollection,
    ) -> Result<types::NsxControllerDataCollection, AriaError> {
        let password = sent.controller_password.take().filter(|p| !p.is_empty());
        self.db
            .write(|s| {
                let t = s.aria_mut();
                let mut row = row_of(&t.data_sources, DataSourceKind::NsxvManagers, id)?;
                let stored = row.secrets.contains_key(CONTROLLER_SECRET);
                if sent.enabled && password.is_none() && !stored {
                    return Err(bad(
                        "Controller data collection needs a controller_password",
                    ));
                }
                if let Some(p) = &password {
                    let digest = digests(id, &[(CONTROLLER_SECRET.into(), p.clone())]);
                    row.secrets.extend(digest);
                }
                let answer = types::NsxControllerDataCollection {
                    enabled: sent.enabled,
                    controller_password: (password.is_some() || stored).then(String::new),
                };
                row.settings.insert(CONTROLLER.into(), to_model(&answer));
                t.data_sources.insert(id.to_string(), row);
                Ok(answer)
            })
            .await
    }

    pub async fn cisco_wan_config(&self, id: &str) -> Result<types::WanConfig, AriaError> {
        let state = self.db.read().await;
        let row = row_of(
            &state.aria().data_sources,
            DataSourceKind::CiscoSwitches,
            id,
        )?;
        match row.settings.get(WAN) {
            Some(stored) => from_model(stored.clone()),
            None => Ok(types::WanConfig {
                site: None,
                region: None,
                interfaces: Vec::new(),
            }),
        }
    }

    pub async fn set_cisco_wan_config(
        &self,
        id: &str,
        config: types::WanConfig,
    ) -> Result<types::WanConfig, AriaError> {
        if config.interfaces.len() > MAX_INTERFACES {
            return Err(bad(format!(
                "At most {MAX_INTERFACES} WAN interfaces, not {}",
                config.interfaces.len()
            )));
        }
        for (field, value) in [("site", &config.site), ("region", &config.region)] {
            if value.as_ref().is_some_and(|v| v.chars().count() > MAX_TEXT) {
                return Err(bad(format!("{field} is over {MAX_TEXT} characters")));
            }
        }
        let (mut ids, mut names) = (HashSet::new(), HashSet::new());
        for i in &config.interfaces {
            let id = i.id.trim();
            let long = |t: &str| t.chars().count() > MAX_TEXT;
            if id.is_empty() || long(id) || !ids.insert(id.to_string()) {
                return Err(bad(format!(
                    "interface id {:?} is empty, over {MAX_TEXT} characters or repeated",
                    i.id
                )));
            }
            if let Some(name) = &i.name {
                if long(name) || !names.insert(name.trim().to_lowercase()) {
                    return Err(bad(format!(
                        "interface name {name:?} is over {MAX_TEXT} characters or repeated"
                    )));
                }
            }
        }
        self.db
            .write(|s| {
                let t = s.aria_mut();
                let mut row = row_of(&t.data_sources, DataSourceKind::CiscoSwitches, id)?;
                row.settings.insert(WAN.into(), to_model(&config));
                t.data_sources.insert(id.to_string(), row);
                Ok(config)
            })
            .await
    }
}
