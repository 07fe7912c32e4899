//! Data sources: what the appliance collects from. Eight types share one shape of calls, so the
//! domain works on each type's model as JSON (`kind` says what differs) and the API layer turns
//! it into the type's generated struct.
//!
//! - `kind`: the types and their differences
//! - `checks`: what an add or an update must satisfy
//! - `snmp_config`: the SNMP settings of switches and load balancers
//! - `settings`: the NSX-V controller collection and the Cisco WAN settings
//! - `collector`: what polling a data source finds in the world (address and credentials)
//! - `health`: collection on the sandbox clock, and the generic switch's data upload
//! - `listing`: every data source of every type, filtered, ordered and paged
//! - `api`: the `Data sources` tag here, and each type's own tag in `api/<type>.rs`

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

mod api;
mod bulk;
mod certificates;
mod checks;
pub mod collector;
mod device_polls;
pub use device_polls::Reach;
pub(crate) mod health;
pub mod kind;
mod kubeconfig;
mod listing;
pub mod rows;
mod settings;
mod snmp_config;

pub use checks::{digests, take_secrets};
pub use kind::DataSourceKind;
use rows::LendTables;

use super::errors::AriaError;
use super::Aria;
use crate::generated::aria_networks::types;

pub use super::model::{from_model, to_model, Model};

/// What the generic switch's last upload was (the bytes themselves are not kept).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UploadRow {
    pub file_name: Option<String>,
    pub size: usize,
    pub sha256: String,
    pub at_secs: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DataSourceRow {
    pub kind: DataSourceKind,
    pub model: Model,
    /// Salted SHA-256 digests of the secrets, by field (`credentials.password`,
    /// `snmp.config_snmp_3.privacy_password`): kept, never answered.
    pub secrets: BTreeMap<String, String>,
    pub modified_secs: i64,
    /// When collection last started (added or enabled); `None` while disabled.
    pub collecting_since: Option<i64>,
    /// The SNMP settings as answered (secrets `""`), once set.
    pub snmp: Option<Model>,
    pub upload: Option<UploadRow>,
    /// When `collect-now` last asked for a poll (rows written before it have none).
    #[serde(default)]
    pub forced_poll: Option<i64>,
    /// Per-type settings as answered, secrets `""` (`controller-cluster`, `wan-config`; E57).
    #[serde(default)]
    pub settings: BTreeMap<String, Model>,
    /// For a vCenter data source, the renewal count of the certificate it trusts (E93); rows
    /// written before certificates were kept trust whatever their vCenter presents.
    #[serde(default)]
    pub accepted_certificate: Option<u32>,
}

impl DataSourceRow {
    pub fn text(&self, field: &str) -> Option<&str> {
        self.model.get(field).and_then(Value::as_str)
    }

    /// The lookup keys of its addresses in the by-address table: `vcenters ip 10.0.0.1`.
    fn address_keys(&self) -> Vec<String> {
        address_keys(self.kind, &self.model)
    }
}

/// What tells a data source of `kind` apart in the by-address table: its `ip` and `fqdn`
/// (`vcenters ip 10.0.0.1`) and, for a type that has one, its identity
/// (`aws-accounts credentials.access_key AKIA...`, E90).
fn address_keys(kind: DataSourceKind, model: &Model) -> Vec<String> {
    let mut keys = Vec::new();
    for field in ["ip", "fqdn"].into_iter().chain(kind.info().identity) {
        if let Some(v) = checks::text_at(model, field).filter(|v| !v.is_empty()) {
            keys.push(format!(
                "{} {field} {}",
                kind.segment(),
                v.to_ascii_lowercase()
            ));
        }
    }
    keys
}

fn not_found(kind: DataSourceKind, id: &str) -> AriaError {
    AriaError::NotFound(format!("No {} data source with id {id}", kind.label()))
}

/// A copy of the data source `id` of `kind` (404 for another type's id too), to change and put
/// back.
fn row_of(
    table: &crate::store::Table<DataSourceRow>,
    kind: DataSourceKind,
    id: &str,
) -> Result<DataSourceRow, AriaError> {
    match table.get(id) {
        Some(row) if kind.finds(row.kind) => Ok(row.clone()),
        _ => Err(not_found(kind, id)),
    }
}

impl Aria {
    pub async fn list_data_sources(
        &self,
        kind: DataSourceKind,
    ) -> Result<types::DataSourceListResponse, AriaError> {
        let state = self.db.read().await;
        let results: Vec<types::DataSourceEntityId> = state
            .aria()
            .data_sources
            .keys_where(kind.segment())
            .into_iter()
            .map(|entity_id| {
                Ok(types::DataSourceEntityId {
                    entity_type: kind.entity_type().parse().map_err(|_| {
                        AriaError::Internal(format!(
                            "{} is not a DataSourceType",
                            kind.entity_type()
                        ))
                    })?,
                    entity_id,
                })
            })
            .collect::<Result<_, AriaError>>()?;
        Ok(types::DataSourceListResponse {
            total_count: results.len() as i32,
            results,
        })
    }

    pub async fn data_source(&self, kind: DataSourceKind, id: &str) -> Result<Model, AriaError> {
        let state = self.db.read().await;
        let t = state.aria();
        let row = row_of(&t.data_sources, kind, id)?;
        let world = &self.inventory.world;
        Ok(certificates::answered(world, &t.certificate_renewals, &row))
    }

    /// Adds a data source from its request (as JSON); answers the stored model.
    pub async fn add_data_source(
        &self,
        kind: DataSourceKind,
        request: Model,
    ) -> Result<Model, AriaError> {
        let now = self.clock.now_secs();
        let checked = checks::add(kind, request, &self.config.nodes)?;
        self.db
            .write(|s| {
                self.coverage(s.aria(), now)
                    .check(kind.segment(), kind.label())?;
                let t = &mut s.aria_mut().data_source_tables();
                rows::insert(t, kind, checked, now, &self.inventory.world)
            })
            .await
    }

    /// Replaces a data source's editable fields with the body's (the whole model, edited).
    pub async fn update_data_source(
        &self,
        kind: DataSourceKind,
        id: &str,
        body: Model,
    ) -> Result<Model, AriaError> {
        let now = self.clock.now_secs();
        self.db
            .write(|s| {
                let t = s.aria_mut();
                let row = row_of(&t.data_sources, kind, id)?;
                let (model, secrets) = checks::update(&row, body)?;
                checks::references_exist(kind, &model, &t.data_sources, &t.web_proxies)?;
                let was = row
                    .model
                    .get("enabled")
                    .and_then(Value::as_bool)
                    .unwrap_or(true);
                let enabled = model.get("enabled").and_then(Value::as_bool).unwrap_or(was);
                let mut row = row;
                for (field, digest) in checks::digests(id, &secrets) {
                    row.secrets.insert(field, digest);
                }
                row.model = model.clone();
                row.modified_secs = now;
                if enabled != was {
                    if enabled {
                        let kind = row.kind;
                        self.coverage(t, now).check(kind.segment(), kind.label())?;
                    }
                    row.collecting_since = enabled.then_some(now);
                }
                t.data_sources.insert(id.to_string(), row);
                Ok(model)
            })
            .await
    }

    pub async fn delete_data_source(
        &self,
        kind: DataSourceKind,
        id: &str,
    ) -> Result<(), AriaError> {
        self.db
            .write(|s| {
                let t = s.aria_mut();
                row_of(&t.data_sources, kind, id)?;
                rows::remove(&mut t.data_source_tables(), id);
                Ok(())
            })
            .await
    }

    /// Enables or disables collection; the same state twice changes nothing.
    pub async fn set_data_source_enabled(
        &self,
        kind: DataSourceKind,
        id: &str,
        enabled: bool,
    ) -> Result<(), AriaError> {
        let now = self.clock.now_secs();
        self.db
            .write(|s| {
                let t = s.aria_mut();
                let row = row_of(&t.data_sources, kind, id)?;
                if enabled && row.collecting_since.is_none() {
                    self.coverage(t, now).check(kind.segment(), kind.label())?;
                }
                rows::set_enabled(&mut t.data_source_tables(), id, row, enabled, now);
                Ok(())
            })
            .await
    }

    /// `collect-now`: polls the data source at once (E55); a disabled one is a 400.
    pub async fn collect_now(&self, kind: DataSourceKind, id: &str) -> Result<(), AriaError> {
        if !kind.info().collect_now {
            return Err(AriaError::NotFound(format!(
                "A {} data source has no collect-now",
                kind.label()
            )));
        }
        let now = self.clock.now_secs();
        self.db
            .write(|s| {
                let t = s.aria_mut();
                let mut row = row_of(&t.data_sources, kind, id)?;
                if row.collecting_since.is_none() {
                    return Err(AriaError::InvalidInput(format!(
                        "The {} data source {id} is disabled; enable it to collect",
                        kind.label()
                    )));
                }
                row.forced_poll = Some(now);
                t.data_sources.insert(id.to_string(), row);
                Ok(())
            })
            .await
    }
}
