//! A backup's archive (E113), in the sandbox's own format: the rows of the settings tables the
//! request's `data_filter` selects, as stored. A restore puts them back in place of the
//! appliance's, all in one transaction.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::aria_networks::errors::AriaError;
use crate::aria_networks::tables::AriaTables;
use crate::generated::aria_networks::types;
use crate::store::Table;

/// What a file must say it is for a restore to read it.
pub const FORMAT: &str = "appliance-sandbox/aria-backup/1";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Archive {
    pub format: String,
    /// Epoch seconds on the sandbox clock.
    pub taken: i64,
    /// Rows by table name, as stored.
    pub tables: BTreeMap<String, Vec<(String, Value)>>,
}

/// The sections a filter selects (absent, the appliance's defaults), with their tables.
fn sections(filter: Option<&types::ConfigDataFilter>) -> Vec<&'static str> {
    let on =
        |flag: fn(&types::ConfigDataFilter) -> bool, default: bool| filter.map_or(default, flag);
    let mut out = Vec::new();
    if on(|f| f.data_sources, true) {
        out.extend(["aria.data_sources", "aria.data_source_addresses"]);
    }
    if on(|f| f.snmp, true) {
        out.extend(["aria.snmp_profiles", "aria.snmp_engine"]);
    }
    if on(|f| f.events, true) {
        out.push("aria.events");
    }
    if on(|f| f.syslog, true) {
        out.extend([
            "aria.syslog_targets",
            "aria.syslog_mappings",
            "aria.syslog_status",
        ]);
    }
    if on(|f| f.physical_subnet_vlan, true) {
        out.push("aria.subnet_mappings");
    }
    if on(|f| f.applications, false) {
        out.extend(["aria.applications", "aria.tiers"]);
    }
    out
}

fn dump<V: Clone + Serialize + DeserializeOwned>(
    t: &Table<V>,
) -> Result<Vec<(String, Value)>, AriaError> {
    t.iter()
        .map(|(k, v)| Ok((k.to_string(), serde_json::to_value(v).map_err(internal)?)))
        .collect()
}

fn internal(e: serde_json::Error) -> AriaError {
    AriaError::Internal(format!("backup archive: {e}"))
}

/// Replaces a table's rows with the archive's; a row that does not read is a 400, and the
/// caller's transaction then changes nothing.
fn load<V: Clone + Serialize + DeserializeOwned>(
    t: &mut Table<V>,
    rows: &[(String, Value)],
) -> Result<(), AriaError> {
    t.clear();
    for (key, value) in rows {
        let row = serde_json::from_value(value.clone()).map_err(|e| {
            AriaError::InvalidInput(format!(
                "The backup file's {} row {key} does not read: {e}",
                t.name()
            ))
        })?;
        t.insert(key.clone(), row);
    }
    Ok(())
}

/// The selected sections of `t`, taken at `now`.
pub fn capture(
    t: &AriaTables,
    filter: Option<&types::ConfigDataFilter>,
    now: i64,
) -> Result<Archive, AriaError> {
    let mut tables = BTreeMap::new();
    for name in sections(filter) {
        let rows = match name {
            "aria.data_sources" => dump(&t.data_sources)?,
            "aria.data_source_addresses" => dump(&t.data_source_addresses)?,
            "aria.snmp_profiles" => dump(&t.snmp_profiles)?,
            "aria.snmp_engine" => dump(&t.snmp_engine)?,
            "aria.events" => dump(&t.events)?,
            "aria.subnet_mappings" => dump(&t.subnet_mappings)?,
            "aria.syslog_targets" => dump(&t.syslog_targets)?,
            "aria.syslog_mappings" => dump(&t.syslog_mappings)?,
            "aria.syslog_status" => dump(&t.syslog_status)?,
            "aria.applications" => dump(&t.applications)?,
            "aria.tiers" => dump(&t.tiers)?,
            other => return Err(AriaError::Internal(format!("no backup section {other}"))),
        };
        tables.insert(name.to_string(), rows);
    }
    Ok(Archive {
        format: FORMAT.into(),
        taken: now,
        tables,
    })
}

/// Puts back the archive's sections that `filter` selects; answers the tables restored.
pub fn restore(
    t: &mut AriaTables,
    archive: &Archive,
    filter: Option<&types::ConfigDataFilter>,
) -> Result<Vec<String>, AriaError> {
    let mut restored = Vec::new();
    for name in sections(filter) {
        let Some(rows) = archive.tables.get(name) else {
            continue;
        };
        match name {
            "aria.data_sources" => load(&mut t.data_sources, rows)?,
            "aria.data_source_addresses" => load(&mut t.data_source_addresses, rows)?,
            "aria.snmp_profiles" => load(&mut t.snmp_profiles, rows)?,
            "aria.snmp_engine" => load(&mut t.snmp_engine, rows)?,
            "aria.events" => load(&mut t.events, rows)?,
            "aria.subnet_mappings" => load(&mut t.subnet_mappings, rows)?,
            "aria.syslog_targets" => load(&mut t.syslog_targets, rows)?,
            "aria.syslog_mappings" => load(&mut t.syslog_mappings, rows)?,
            "aria.syslog_status" => load(&mut t.syslog_status, rows)?,
            "aria.applications" => load(&mut t.applications, rows)?,
            "aria.tiers" => load(&mut t.tiers, rows)?,
            other => return Err(AriaError::Internal(format!("no backup section {other}"))),
        }
        restored.push(name.to_string());
    }
    Ok(restored)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aria_networks::tables::EventRow;
    use crate::store::Journaled;

    /// A restore is one transaction: a row that does not read fails it after earlier sections
    /// were replaced, and the rollback the database does then puts those back.
    #[test]
    fn a_bad_row_fails_the_restore_and_the_rollback_puts_back_what_it_replaced() {
        let mut t = AriaTables::default();
        let event = EventRow {
            seq: 0,
            event: Default::default(),
        };
        t.events.insert("event-1".into(), event);
        t.settle();
        let mut archive = capture(&AriaTables::default(), None, 0).unwrap();
        let bad = vec![("m".to_string(), Value::from("not a mapping"))];
        archive.tables.insert("aria.subnet_mappings".into(), bad);
        let e = restore(&mut t, &archive, None).unwrap_err();
        assert!(e.to_string().contains("aria.subnet_mappings"), "{e}");
        assert!(
            t.events.is_empty(),
            "the earlier section was replaced first"
        );
        t.rollback();
        assert!(t.events.contains("event-1"));
    }
}
