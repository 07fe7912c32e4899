//! The logs Aria keeps in the order they were written: the audit log (a row a login, logout or
//! change) and the outbox of messages it would have sent.

use serde::{Deserialize, Serialize};

use crate::store::{Sequenced, Table};

/// The most records kept; the oldest go first (E120).
pub const AUDIT_KEPT: usize = 10_000;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AuditRow {
    pub seq: u64,
    /// Epoch seconds on the sandbox clock.
    pub timestamp: i64,
    pub user_name: String,
    pub ip_address: String,
    pub entity_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity_id: Option<String>,
    pub operation: String,
    pub response: String,
    /// The operation id of the call.
    pub value: String,
}

impl Sequenced for AuditRow {
    fn seq(&self) -> u64 {
        self.seq
    }
}

/// Appends `row` under the next number, dropping the oldest beyond [`AUDIT_KEPT`].
pub fn append(log: &mut Table<AuditRow>, row: AuditRow) {
    log.push_numbered(|seq| AuditRow { seq, ..row }, AUDIT_KEPT);
}

/// Changes to applications kept for the databus (E127), as many as audit records.
pub const APPLICATION_CHANGES_KEPT: usize = AUDIT_KEPT;

/// An application made, changed (a tier added, changed or removed) or removed, when: what
/// the databus posts to its `application` subscribers (E127).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ApplicationChangeRow {
    pub seq: u64,
    /// Epoch seconds on the sandbox clock.
    pub timestamp: i64,
    pub application: String,
    /// Its name then (a removed application's is known no more).
    pub name: String,
    /// `CREATE`, `UPDATE` or `DELETE`.
    pub status: String,
}

impl Sequenced for ApplicationChangeRow {
    fn seq(&self) -> u64 {
        self.seq
    }
}

/// Messages kept of those the appliance would have sent (E122).
pub const OUTBOX_KEPT: usize = 1000;

/// A message the appliance would have sent (a syslog test line, a test trap): recorded, never
/// sent, and read through the control API.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OutboxRow {
    pub seq: u64,
    pub timestamp: i64,
    /// `syslog` or `snmp`.
    pub kind: String,
    /// `host:port`.
    pub destination: String,
    pub protocol: String,
    pub message: String,
}

impl Sequenced for OutboxRow {
    fn seq(&self) -> u64 {
        self.seq
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Journaled;

    fn row() -> AuditRow {
        AuditRow {
            seq: 0,
            timestamp: 0,
            user_name: "admin@local".into(),
            ip_address: "127.0.0.1".into(),
            entity_type: "USER".into(),
            entity_id: None,
            operation: "LOGIN".into(),
            response: "SUCCESS".into(),
            value: "login".into(),
        }
    }

    #[test]
    fn the_newest_records_are_kept_in_order() {
        let mut log = Table::new("test.audit");
        for _ in 0..AUDIT_KEPT + 5 {
            append(&mut log, row());
        }
        log.settle();
        assert_eq!(log.len(), AUDIT_KEPT);
        let first = log.page(0, 1)[0].seq;
        let last = log.page(AUDIT_KEPT - 1, 1)[0].seq;
        assert_eq!((first, last), (6, AUDIT_KEPT as u64 + 5));
        // Numbers go on rising past what was dropped.
        append(&mut log, row());
        assert_eq!(log.page(AUDIT_KEPT - 1, 1)[0].seq, AUDIT_KEPT as u64 + 6);
    }
}
