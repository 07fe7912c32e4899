//! The table-level changes to data sources that single calls and bulk calls share, each made
//! inside the caller's transaction, on the tables it lends ([`Tables`]).

use std::collections::BTreeMap;

use serde_json::Value;

use super::checks::{self, Checked};
use super::collector;
use super::{address_keys, DataSourceKind, DataSourceRow};
use crate::aria_networks::errors::AriaError;
use crate::aria_networks::nodes::entity_id;
use crate::aria_networks::web_proxy_row::WebProxyRow;
use crate::generated::aria_networks::types;
use crate::store::{Sequenced, Table};
use crate::world::World;

/// A bulk call's report (E91), as stored by request id.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct BulkReportRow {
    pub seq: u64,
    pub report: types::BulkOperationReportResponse,
}

impl Sequenced for BulkReportRow {
    fn seq(&self) -> u64 {
        self.seq
    }
}

/// The tables data sources live in, borrowed from Aria's for one transaction.
pub struct Tables<'a> {
    pub data_sources: &'a mut Table<DataSourceRow>,
    /// Each data source's addresses and identity → its id.
    pub addresses: &'a mut Table<String>,
    pub removed_nodes: &'a Table<i64>,
    pub bulk_reports: &'a mut Table<BulkReportRow>,
    pub certificate_renewals: &'a Table<u32>,
    pub web_proxies: &'a Table<WebProxyRow>,
}

/// What lends [`Tables`]: Aria's tables, implemented where they are declared (so that this
/// module need not name them).
pub trait LendTables {
    fn data_source_tables(&mut self) -> Tables<'_>;
}

/// Puts in a checked data source of `kind`, after the checks that need the tables (its
/// address or identity free, its vCenter or NSX-T manager there, its node not removed).
pub fn insert(
    t: &mut Tables<'_>,
    kind: DataSourceKind,
    checked: Checked,
    now: i64,
    world: &World,
) -> Result<serde_json::Map<String, Value>, AriaError> {
    for key in address_keys(kind, &checked.model) {
        if !t.addresses.contains(&key) {
            continue;
        }
        let mut words = key.splitn(3, ' ').skip(1);
        let (field, value) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
        return Err(if matches!(field, "ip" | "fqdn") {
            AriaError::InvalidInput(format!(
                "A {} data source with this address already exists: {value}",
                kind.label()
            ))
        } else {
            AriaError::AlreadyExists(format!(
                "A {} data source with {field} {value} already exists",
                kind.label()
            ))
        });
    }
    checks::references_exist(kind, &checked.model, t.data_sources, t.web_proxies)?;
    let proxy = checked.model.get("proxy_id").and_then(Value::as_str);
    if let Some(proxy) = proxy.filter(|p| t.removed_nodes.contains(p)) {
        return Err(AriaError::InvalidInput(format!(
            "proxy_id {proxy:?} names a node removed from the appliance (see /infra/nodes)"
        )));
    }
    // The number follows from the type and the address, so ids are stable between runs.
    let identity = kind.info().identity;
    let address = checked
        .ip
        .as_deref()
        .or(checked.fqdn.as_deref())
        .or(identity.and_then(|f| checks::text_at(&checked.model, f)))
        .or(checked.model.get("nickname").and_then(Value::as_str))
        .unwrap_or("");
    let id = (0u32..)
        .map(|n| {
            entity_id(
                kind.type_code(),
                &format!("{}|{address}|{n}", kind.segment()),
            )
        })
        .find(|id| !t.data_sources.contains(id))
        .expect("an unused id");
    let mut model = checked.model;
    model.insert("entity_id".into(), Value::String(id.clone()));
    model.insert(
        "entity_type".into(),
        Value::String(kind.entity_type().into()),
    );
    let secrets = checks::digests(&id, &checked.secrets);
    let enabled = model
        .get("enabled")
        .and_then(Value::as_bool)
        .unwrap_or(true);
    let mut row = DataSourceRow {
        kind,
        model,
        secrets,
        modified_secs: now,
        collecting_since: enabled.then_some(now),
        snmp: None,
        upload: None,
        forced_poll: None,
        settings: BTreeMap::new(),
        accepted_certificate: None,
    };
    // A vCenter data source trusts the certificate its vCenter presents when it is added.
    if let Some((renewals, cert)) = collector::presented(world, t.certificate_renewals, &row) {
        collector::trust(&mut row, renewals, cert);
    }
    let model = row.model.clone();
    for key in row.address_keys() {
        t.addresses.insert(key, id.clone());
    }
    t.data_sources.insert(id, row);
    Ok(model)
}

/// Removes data source `id` (found by the caller) and its addresses.
pub fn remove(t: &mut Tables<'_>, id: &str) {
    if let Some(row) = t.data_sources.remove(id) {
        for key in row.address_keys() {
            t.addresses.remove(&key);
        }
    }
}

/// Enables or disables `row` (data source `id`); the same state twice changes nothing.
pub fn set_enabled(t: &mut Tables<'_>, id: &str, mut row: DataSourceRow, enabled: bool, now: i64) {
    if row.collecting_since.is_some() == enabled {
        return;
    }
    row.model.insert("enabled".into(), Value::Bool(enabled));
    row.collecting_since = enabled.then_some(now);
    row.modified_secs = now;
    t.data_sources.insert(id.to_string(), row);
}
