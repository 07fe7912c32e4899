//! What the appliance would have sent (E122): syslog test lines and SNMP test traps are recorded
//! here, in the transaction of the call that sends them, and read through the control API;
//! nothing leaves the machine.

use super::errors::AriaError;
use super::tables::{OutboxRow, OUTBOX_KEPT};
use super::Aria;

/// A message to record: its kind (`syslog`, `snmp`), where it would go, how, and what.
pub struct Message {
    pub kind: &'static str,
    pub destination: String,
    pub protocol: &'static str,
    pub text: String,
}

impl Aria {
    /// Records `message` as sent now.
    pub(super) async fn send(&self, message: Message) -> Result<(), AriaError> {
        let timestamp = self.clock.now_secs();
        self.db
            .write(|s| {
                let row = |seq| OutboxRow {
                    seq,
                    timestamp,
                    kind: message.kind.to_string(),
                    destination: message.destination,
                    protocol: message.protocol.to_string(),
                    message: message.text,
                };
                s.aria_mut().outbox.push_numbered(row, OUTBOX_KEPT);
                Ok(())
            })
            .await
    }

    /// The recorded messages of `kind` (all when `None`), oldest first.
    pub async fn outbox(&self, kind: Option<&str>) -> Vec<OutboxRow> {
        let state = self.db.read().await;
        (state.aria().outbox.values())
            .filter(|r| kind.is_none_or(|k| r.kind.eq_ignore_ascii_case(k)))
            .cloned()
            .collect()
    }
}
