//! Rows of the small appliance-wide settings (E108 to E114).

use serde::{Deserialize, Serialize};

use crate::generated::aria_networks::types;

/// The last rotation of the collectors' data-encryption certificate asked for (E109).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct KeyRotationRow {
    /// Epoch seconds on the sandbox clock.
    pub started: i64,
    pub by: String,
}

/// A catalogue licence activated or deactivated through the API (E110), by its key in upper
/// case: it overrides the catalogue's `installed`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LicenseStateRow {
    pub installed: bool,
    /// Epoch seconds on the sandbox clock.
    pub at: i64,
    pub by: String,
}

/// A subnet-to-VLAN mapping, as answered, with the order it was added in (E111).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SubnetMappingRow {
    pub seq: u64,
    pub mapping: types::SubnetMapping,
}

/// A databus subscriber, as answered, with the order it was added in (E112).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SubscriberRow {
    pub seq: u64,
    pub subscriber: types::DatabusSubscriber,
    /// When it subscribed, epoch seconds on the sandbox clock: messages start then (E124).
    #[serde(default)]
    pub created: i64,
    /// When its `filter_tags` last changed (at first, `created`): a filtered `flows`
    /// subscriber's flows are posted anew then (E129).
    #[serde(default)]
    pub filtered: i64,
}

/// A backup configuration or the last restore's request, without passwords (E113).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BackupConfigRow {
    pub request: types::BackupRestoreRequest,
    /// Epoch seconds on the sandbox clock.
    pub at: i64,
    /// Where the backups go (the file server and directory), for scheduled ones.
    #[serde(default)]
    pub location: String,
    /// The time up to which the schedule has run (`at` until it first does).
    #[serde(default)]
    pub scheduled_through: Option<i64>,
}

/// The last backup or restore run (E113).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BackupRunRow {
    pub started: i64,
    pub file_name: String,
}

/// An archive a backup wrote to a file server, by its location (E113).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BackupFileRow {
    /// When the backup is done and the file can be read.
    pub written: i64,
    pub archive: serde_json::Value,
}

/// A syslog server, as answered, with the order it was added in (E114).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SyslogTargetRow {
    pub seq: u64,
    pub target: types::SyslogTarget,
}

/// Whether syslog forwarding is on, and since when (epoch milliseconds) (E114).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SyslogStatusRow {
    pub enabled: bool,
    pub change_time: i64,
}

/// A search-based alert configuration as answered, with the order it was added in (E118).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SearchAlertRow {
    pub seq: u64,
    pub alert: crate::aria_networks::model::Model,
}

impl SearchAlertRow {
    pub fn name(&self) -> &str {
        (self.alert.get("alert_name"))
            .and_then(serde_json::Value::as_str)
            .unwrap_or_default()
    }

    /// The SNMP profiles its SNMP notification settings name.
    pub fn snmp_receivers(&self) -> impl Iterator<Item = &str> {
        let settings = self.alert.get("notification_settings");
        (settings.and_then(serde_json::Value::as_array))
            .into_iter()
            .flatten()
            .filter(|n| n.get("type").and_then(serde_json::Value::as_str) == Some("SNMP"))
            .filter_map(|n| n.get("receivers").and_then(serde_json::Value::as_array))
            .flatten()
            .filter_map(serde_json::Value::as_str)
    }

    /// Whether one of its SNMP notification settings names the SNMP profile `id`.
    pub fn traps_to(&self, id: &str) -> bool {
        self.snmp_receivers().any(|r| r == id)
    }
}
