//! The audit log (E120): every login, logout and change made through the API, recorded in the
//! same transaction as the change, so that a record exists exactly when its change does.
//!
//! The per-request layer ([`scope`]) notes where a call came from; authentication names who
//! is calling and which operation ([`identify`]); Aria's database handle ([`AuditedDb`]) then
//! appends the record inside the first write of the call that changes anything. Nothing else
//! has to remember to audit: every write of Aria's goes through that handle.

mod api;
mod call;
mod log;

use std::sync::Arc;

use tokio::sync::RwLockReadGuard;

pub use call::{identify, scope};

use super::chores::Chore;
use super::tables::{self, AriaDb, AriaState, AuditRow};
use crate::clock::Clock;
use crate::store::StoreError;

/// Aria's database, recording each change a call makes in the audit log.
pub struct AuditedDb {
    db: Arc<AriaDb>,
    clock: Arc<Clock>,
    chores: Vec<Box<dyn Chore>>,
}

impl AuditedDb {
    pub fn new(db: Arc<AriaDb>, clock: Arc<Clock>) -> Self {
        Self {
            db,
            clock,
            chores: Vec::new(),
        }
    }

    /// Adds work this handle does, when due, before any change (see [`Chore`]).
    pub fn with_chore(mut self, chore: Box<dyn Chore>) -> Self {
        self.chores.push(chore);
        self
    }

    /// Does the chores that fell due, each in its own transaction (never the call's: a call
    /// refused must not undo them, and they are no call's to audit). A chore that fails is
    /// logged and tried again at the next observation; the call goes on.
    pub async fn catch_up(&self) {
        for chore in &self.chores {
            let now = self.clock.now_secs();
            if !chore.due(&*self.db.read().await, now) {
                continue;
            }
            let done = self
                .db
                .write(|s| {
                    // Again under the write lock: another call may have done it meanwhile.
                    let now = self.clock.now_secs();
                    if chore.due(s, now) {
                        chore.run(s, now)?;
                    }
                    Ok::<_, StoreError>(())
                })
                .await;
            if let Err(e) = done {
                tracing::warn!("a scheduled task of Aria's failed: {e}");
            }
        }
    }

    pub async fn read(&self) -> RwLockReadGuard<'_, dyn AriaState> {
        self.db.read().await
    }

    /// [`crate::store::Database::write`], adding the call's audit record when `f` changed
    /// something, the call is one that may change things (not a GET), and it has none yet.
    pub async fn write<R, E: From<StoreError>>(
        &self,
        f: impl FnOnce(&mut dyn AriaState) -> Result<R, E>,
    ) -> Result<R, E> {
        self.catch_up().await;
        let pending = call::pending();
        let mut recorded = false;
        let result = self
            .db
            .write(|s| {
                let value = f(s)?;
                if let Some(p) = &pending {
                    if s.changed() {
                        // Read under the lock, so that times never run backwards in the log.
                        let now = self.clock.now_secs();
                        tables::audit::append(&mut s.aria_mut().audit_log, p.row(now, true));
                        recorded = true;
                    }
                }
                Ok(value)
            })
            .await;
        if result.is_ok() && recorded {
            call::recorded();
        }
        result
    }

    /// Records a refused login of `user` (its own transaction: the login changed nothing).
    pub async fn record_refused_login(&self, user: &str) -> Result<(), StoreError> {
        let Some(p) = call::refused_login(user) else {
            return Ok(());
        };
        self.db
            .write(|s| {
                let now = self.clock.now_secs();
                tables::audit::append(&mut s.aria_mut().audit_log, p.row(now, false));
                Ok::<_, StoreError>(())
            })
            .await
    }
}

/// Who did what to which object: a record before it is numbered and timed.
#[derive(Debug, Clone)]
struct Pending {
    user: String,
    ip: String,
    operation_id: &'static str,
    entity_id: Option<String>,
}

impl Pending {
    fn row(&self, timestamp: i64, success: bool) -> AuditRow {
        let (operation, entity_type) = operation_of(self.operation_id);
        let entity_id = match operation {
            "LOGIN" | "LOGOUT" => Some(self.user.clone()),
            // The path names what the new object is made from or in, not the object.
            "CREATE" => None,
            _ => self.entity_id.clone(),
        };
        AuditRow {
            seq: 0,
            timestamp,
            user_name: self.user.clone(),
            ip_address: self.ip.clone(),
            entity_type,
            entity_id,
            operation: operation.to_string(),
            response: if success { "SUCCESS" } else { "FAILURE" }.to_string(),
            value: self.operation_id.to_string(),
        }
    }
}

/// What an operation did and to what kind of object, read from its id: the leading verb says
/// the first (`delete_web_proxy` deletes), the rest the second (`WEB_PROXY`).
fn operation_of(operation_id: &str) -> (&'static str, String) {
    if operation_id.starts_with("login") {
        return ("LOGIN", "USER".into());
    }
    if operation_id == "logout" {
        return ("LOGOUT", "USER".into());
    }
    // Ids whose leading word is not what they do.
    let irregular = match operation_id {
        "remove_share_custom_dashboard" => Some("CUSTOM_DASHBOARD"),
        "remove_share_pinboard" | "set_pinboard_as_homepage" => Some("PINBOARD"),
        "settings_snmp_profiles_id_migrate_events_post" => Some("SNMP_PROFILES"),
        "collect_data_source_now" => Some("DATA_SOURCE"),
        "file_upload" => Some("GENERIC_SWITCH"),
        _ => None,
    };
    if let Some(entity_type) = irregular {
        return ("UPDATE", entity_type.into());
    }
    let words: Vec<&str> = operation_id.split('_').collect();
    let verb = words[0];
    let last = words.last().copied().unwrap_or_default();
    let operation = match (verb, last) {
        ("add" | "create" | "duplicate" | "save" | "upload", _) | (_, "post") => "CREATE",
        ("delete" | "remove" | "deactivate", _) | (_, "delete") => "DELETE",
        _ if operation_id == "bulk_data_source_add_operation" => "CREATE",
        _ => "UPDATE",
    };
    const VERBS: &[&str] = &[
        "add",
        "create",
        "duplicate",
        "save",
        "upload",
        "delete",
        "remove",
        "deactivate",
        "update",
        "edit",
        "enable",
        "disable",
        "activate",
        "set",
        "share",
        "send",
        "accept",
        "collect",
        "validate",
        "bulk",
        "file",
        "settings",
    ];
    const SUFFIXES: &[&str] = &["post", "put", "delete", "id", "operation", "add"];
    let mut rest: &[&str] = &words;
    if rest.len() > 1 && VERBS.contains(&rest[0]) {
        rest = &rest[1..];
    }
    while rest.len() > 1 && SUFFIXES.contains(&rest[rest.len() - 1]) {
        rest = &rest[..rest.len() - 1];
    }
    (operation, rest.join("_").to_uppercase())
}

#[cfg(test)]
mod tests {
    use super::operation_of;

    #[test]
    fn operations_read_from_their_ids() {
        let of = |id| {
            let (o, t) = operation_of(id);
            format!("{o} {t}")
        };
        assert_eq!(of("login"), "LOGIN USER");
        assert_eq!(of("login_with_vidm_token"), "LOGIN USER");
        assert_eq!(of("logout"), "LOGOUT USER");
        assert_eq!(of("add_vcenter_datasource"), "CREATE VCENTER_DATASOURCE");
        assert_eq!(of("update_web_proxy"), "UPDATE WEB_PROXY");
        assert_eq!(of("delete_custom_dashboard"), "DELETE CUSTOM_DASHBOARD");
        assert_eq!(of("enable_vcenter"), "UPDATE VCENTER");
        assert_eq!(of("settings_snmp_profiles_post"), "CREATE SNMP_PROFILES");
        assert_eq!(
            of("settings_snmp_profiles_id_delete"),
            "DELETE SNMP_PROFILES"
        );
        assert_eq!(of("deactivate_serial_number"), "DELETE SERIAL_NUMBER");
        assert_eq!(of("bulk_data_source_add_operation"), "CREATE DATA_SOURCE");
        assert_eq!(of("remove_share_pinboard"), "UPDATE PINBOARD");
        assert_eq!(
            of("settings_snmp_profiles_id_migrate_events_post"),
            "UPDATE SNMP_PROFILES"
        );
    }
}
