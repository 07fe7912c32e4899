//! The rows an application and its tiers are stored as, put in one way by every path that
//! makes them (`POST` of an application, of a tier, of both at once, and the configured seeds),
//! so all of them check names and choose ids alike.

use std::collections::BTreeMap;

use super::super::errors::AriaError;
use super::super::nodes::entity_id;
use super::super::tables::{
    ApplicationChangeRow, ApplicationRow, AriaTables, CriterionRow, TierRow,
    APPLICATION_CHANGES_KEPT,
};

/// Notes that application `id` (named `name`) was made, changed or removed (`status`) at
/// `now`, in the transaction that did it: the databus posts it (E127).
pub(super) fn note_change(t: &mut AriaTables, id: &str, name: &str, status: &str, now: i64) {
    let row = |seq| ApplicationChangeRow {
        seq,
        timestamp: now,
        application: id.to_string(),
        name: name.to_string(),
        status: status.to_string(),
    };
    t.application_changes
        .push_numbered(row, APPLICATION_CHANGES_KEPT);
}

/// Each application's name and how it stands (its row and its tiers), to tell what a
/// wholesale replacement of the tables (a restore) changed.
pub struct Snapshot(BTreeMap<String, (String, String)>);

pub(in crate::aria_networks) fn snapshot(t: &AriaTables) -> Snapshot {
    let mut out = BTreeMap::new();
    for (id, app) in t.applications.iter() {
        let mut tiers: Vec<String> = (t.tiers.keys_where(id).iter())
            .filter_map(|k| t.tiers.get(k).map(text))
            .collect();
        tiers.sort();
        let state = format!("{}|{}", text(app), tiers.join("|"));
        out.insert(id.to_string(), (app.name.clone(), state));
    }
    Snapshot(out)
}

/// Notes what changed since `before`: applications gone, come and changed (E127).
pub(in crate::aria_networks) fn note_replaced(t: &mut AriaTables, before: &Snapshot, now: i64) {
    let after = snapshot(t);
    for (id, (name, _)) in &before.0 {
        if !after.0.contains_key(id) {
            note_change(t, id, name, "DELETE", now);
        }
    }
    for (id, (name, state)) in &after.0 {
        match before.0.get(id) {
            None => note_change(t, id, name, "CREATE", now),
            Some((_, was)) if was != state => note_change(t, id, name, "UPDATE", now),
            Some(_) => {}
        }
    }
}

/// A row as JSON text, to compare.
fn text<T: serde::Serialize>(row: &T) -> String {
    serde_json::to_string(row).unwrap_or_default()
}

/// Puts in a new application named `name` (already trimmed and non-empty), made by `by` at
/// `now`; refuses a name another application has, in any case.
pub(super) fn insert_application(
    t: &mut AriaTables,
    name: &str,
    by: &str,
    now: i64,
) -> Result<(String, ApplicationRow), AriaError> {
    let lower = name.to_lowercase();
    if !t.applications.keys_where(&lower).is_empty() {
        return Err(AriaError::AlreadyExists(format!(
            "An application named {name:?} already exists"
        )));
    }
    // The first id of the name's sequence no other application holds, so an id is stable
    // across runs of the same configuration and a deleted name's id may come back.
    let id = (0u32..)
        .map(|n| entity_id(561, &format!("{lower}|{n}")))
        .find(|id| !t.applications.contains(id))
        .expect("an unused id");
    let row = ApplicationRow {
        name: name.to_string(),
        create_time: now,
        created_by: by.to_string(),
        last_modified_time: now,
        last_modified_by: by.to_string(),
        discovered: None,
    };
    t.applications.insert(id.clone(), row.clone());
    note_change(t, &id, name, "CREATE", now);
    Ok((id, row))
}

/// Puts in a tier of `app_id` at position `seq`; the caller has checked its name is free.
pub(super) fn insert_tier(
    t: &mut AriaTables,
    app_id: &str,
    name: String,
    seq: u64,
    criteria: Vec<CriterionRow>,
) -> (String, TierRow) {
    let lower = name.to_lowercase();
    let id = (0u32..)
        .map(|n| entity_id(562, &format!("{app_id}|{lower}|{n}")))
        .find(|id| !t.tiers.contains(id))
        .expect("an unused id");
    let row = TierRow {
        application: app_id.to_string(),
        name,
        seq,
        criteria,
    };
    t.tiers.insert(id.clone(), row.clone());
    (id, row)
}
