//! The audit log's rows: one a login, logout or change, kept in the order they were written.

use serde::{Deserialize, Serialize};

use crate::store::Table;

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

/// Appends `row` under the next number, dropping the oldest beyond [`AUDIT_KEPT`]: rows are
/// keyed by their zero-padded number, so the first and last are O(log n) and so is this.
pub fn append(log: &mut Table<AuditRow>, mut row: AuditRow) {
    row.seq = log
        .page(log.len().saturating_sub(1), 1)
        .first()
        .map_or(1, |last| last.seq + 1);
    log.insert(format!("{:020}", row.seq), row);
    while log.len() > AUDIT_KEPT {
        let Some(oldest) = log.page(0, 1).first().map(|r| r.seq) else {
            break;
        };
        log.remove(&format!("{oldest:020}"));
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
