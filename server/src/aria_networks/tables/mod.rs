//! What Aria Operations for Networks stores: live tokens (apart from everything else, so that a
//! login writes only its token and its audit record), the vIDM settings, mapped users and
//! groups, local users' changed passwords, the settings, data sources, boards and the audit log.

use serde::{Deserialize, Serialize};

use super::data_sources::rows::BulkReportRow;
use super::data_sources::DataSourceRow;
pub use applications::{AddressCriterion, ApplicationRow, CriterionRow, SearchCriterion, TierRow};
pub use discovery::{DiscoveredFrom, FbadConfigRow, FbadFileRow, SaveTaskRow};

mod applications;
mod discovery;
mod lend;
mod settings;
use super::model::Model;
use super::web_proxy_row::WebProxyRow;
use crate::generated::aria_networks::types;
use crate::store::{Database, Journaled, Table};
use crate::vidm::tables::VidmTables;

/// What Aria may touch of the sandbox's state: its own tables, and the Identity Manager's in
/// the same transaction (configuring single sign-on registers an OAuth client there).
pub trait AriaState: Journaled + Send + Sync {
    fn aria(&self) -> &AriaTables;
    fn aria_mut(&mut self) -> &mut AriaTables;
    fn aria_and_vidm_mut(&mut self) -> (&mut AriaTables, &mut VidmTables);
}

/// The sandbox's database as Aria sees it.
pub type AriaDb = Database<dyn AriaState>;

pub use audit::{
    ApplicationChangeRow, AuditRow, OutboxRow, APPLICATION_CHANGES_KEPT, AUDIT_KEPT, OUTBOX_KEPT,
};
pub use boards::{BoardRow, PinRow};
pub use settings::{
    BackupConfigRow, BackupFileRow, BackupRunRow, KeyRotationRow, LicenseStateRow, SearchAlertRow,
    SubnetMappingRow, SubscriberRow, SyslogStatusRow, SyslogTargetRow,
};
pub use stored_role::StoredRole;

pub mod audit;
mod boards;
mod lifecycle;
mod stored_role;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LiveToken {
    /// Who the token authenticates (`admin@local`, `testuser@vidmlabs.com`).
    pub principal: String,
    pub role: StoredRole,
    pub via_vidm: bool,
    /// Issued for a Cloud Services API token: taken in `csp-auth-token` only (E121).
    #[serde(default)]
    pub via_csp: bool,
    pub expiry_ms: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VidmSettings {
    pub appliance: String,
    pub client_id: String,
    pub enabled: bool,
    pub certificate_validation: bool,
}

/// A user mapped through vIDM (`id` is `username@domain`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MappedUser {
    pub id: String,
    pub username: String,
    pub domain: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    pub role: StoredRole,
}

impl MappedUser {
    pub fn answer(&self) -> types::User {
        types::User {
            user_type: types::UserType::Vidm,
            id: self.id.clone(),
            role: self.role.into(),
            username: self.username.clone(),
            domain: self.domain.clone(),
            display_name: self.display_name.clone(),
        }
    }
}

/// A user group mapped through vIDM (`id` is `name@domain`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MappedGroup {
    pub id: String,
    pub name: String,
    pub domain: String,
    pub role: StoredRole,
}

impl MappedGroup {
    pub fn answer(&self) -> types::UserGroup {
        types::UserGroup {
            group_type: types::UserGroupType::Vidm,
            id: self.id.clone(),
            group_name: self.name.clone(),
            domain: self.domain.clone(),
            role: self.role.into(),
        }
    }
}

/// Schema 2 to 3: mapped users and groups were stored as the wire's `User` and `UserGroup`;
/// they lose the wire's `user_type` and `group_type` (always `VIDM` here), and a group's
/// `group_name` is its `name`.
pub fn rows_v2_to_v3(table: &str, row: &mut serde_json::Value) -> bool {
    let Some(obj) = row.as_object_mut() else {
        return false;
    };
    match table {
        "aria.users" => obj.remove("user_type").is_some(),
        "aria.groups" => {
            let kind = obj.remove("group_type").is_some();
            let name = obj
                .remove("group_name")
                .map(|n| obj.insert("name".into(), n));
            kind || name.is_some()
        }
        _ => false,
    }
}

/// The login banner, as stored.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BannerRow {
    pub is_enabled: bool,
    pub login_message_banner: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_consent_description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_consent_title: Option<String>,
}

/// What an IP tag holds.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct IpTagRow {
    /// CIDR subnets, as added.
    pub subnets: Vec<String>,
    /// Disjoint, sorted, non-adjacent ranges (start, end), as text.
    pub ranges: Vec<(String, String)>,
}

/// An SNMP trap profile, as answered (secrets `""`), with the order it was added in.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SnmpProfileRow {
    pub seq: u64,
    /// The profile as answered, with its `entity_id`.
    pub profile: Model,
    /// Salted digests of its secrets, by field.
    pub secrets: std::collections::BTreeMap<String, String>,
}

/// A user-defined event, with the order it was created in.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EventRow {
    pub seq: u64,
    /// The event as answered.
    pub event: Model,
}

impl EventRow {
    pub fn name(&self) -> &str {
        self.event
            .get("event_name")
            .and_then(serde_json::Value::as_str)
            .unwrap_or_default()
    }

    /// Whether it sends traps to the SNMP profile `id`.
    pub fn traps_to(&self, id: &str) -> bool {
        self.event
            .get("snmp_trap_entity_ids")
            .and_then(serde_json::Value::as_array)
            .is_some_and(|ids| ids.iter().any(|p| p == id))
    }
}

/// A troubleshooting incident, with the order it was opened in.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IncidentRow {
    pub seq: u64,
    pub incident: types::TroubleshootingIncidentResponse,
}

/// An intent (an alert configuration), as answered, with the order it was added in.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IntentRow {
    pub seq: u64,
    pub intent: types::AlertConfigIntentObject,
}

pub struct AriaTables {
    /// By SHA-256 digest of the token (a leaked state dump holds no usable token), indexed by
    /// principal so that a login counts and purges only its own tokens.
    pub tokens: Table<LiveToken>,
    /// One row, [`VIDM`], when vIDM is configured.
    pub vidm: Table<VidmSettings>,
    /// By id (`user@domain`), in id order: the order of the list and its cursor.
    pub users: Table<MappedUser>,
    pub groups: Table<MappedGroup>,
    /// Local users' changed passwords (PHC strings) by user id; the configured one otherwise.
    pub passwords: Table<String>,
    /// One row, [`BANNER`], when a login banner is configured.
    pub banner: Table<BannerRow>,
    /// By tag id; a tag without a row holds nothing.
    pub ip_tags: Table<IpTagRow>,
    /// By entity id, indexed by type (its path segment).
    pub data_sources: Table<DataSourceRow>,
    /// Each data source's `ip` and `fqdn` (`vcenters ip 10.0.0.1`) → its id: the duplicate check
    /// without a scan.
    pub data_source_addresses: Table<String>,
    /// By id (`snmp-...`).
    pub snmp_profiles: Table<SnmpProfileRow>,
    /// By entity id, indexed by lower-cased name (names are unique).
    pub events: Table<EventRow>,
    /// By entity id, indexed by lower-cased name (names are unique).
    pub applications: Table<ApplicationRow>,
    /// By entity id, indexed by application id.
    pub tiers: Table<TierRow>,
    /// Configured nodes removed through the API (E54), by id, with when.
    pub removed_nodes: Table<i64>,
    /// One row, keyed `watermark`, when a VCF watermark is set (E54).
    pub watermark: Table<serde_json::Map<String, serde_json::Value>>,
    /// One row, keyed `seeded`, once the configured applications are in: a stored state keeps
    /// what its users made of them.
    pub seeded: Table<i64>,
    /// Troubleshooting incidents by id, indexed by the entity they start from.
    pub incidents: Table<IncidentRow>,
    /// Intents by id, indexed by lower-cased name (names are unique).
    pub intents: Table<IntentRow>,
    /// The flow-based discovery configuration, its uploaded CSVs by `filepath`, and saves of
    /// discovered applications by request id (E89).
    pub fbad_configs: Table<FbadConfigRow>,
    pub fbad_files: Table<FbadFileRow>,
    pub save_tasks: Table<SaveTaskRow>,
    /// Bulk data-source calls' reports by request id (E91).
    pub bulk_reports: Table<BulkReportRow>,
    /// How many times each world vCenter's certificate has been renewed (the control API,
    /// E93), by vCenter name; absent is never.
    pub certificate_renewals: Table<u32>,
    /// One row, [`MIGRATION_DISABLED`] with when, while migration waves are off (E108).
    pub migration: Table<i64>,
    /// One row, [`KEY_ROTATION`], once a certificate rotation was asked for (E109).
    pub key_rotation: Table<KeyRotationRow>,
    /// Catalogue licences activated or deactivated since the start, by key (E110).
    pub licenses: Table<LicenseStateRow>,
    /// Subnet-to-VLAN mappings by id, indexed by subnet (unique) (E111).
    pub subnet_mappings: Table<SubnetMappingRow>,
    /// Databus subscribers by id (E112).
    pub subscribers: Table<SubscriberRow>,
    /// The backup configuration and the last restore's request, keyed [`BACKUP`] and
    /// [`RESTORE`] (E113).
    pub backup_configs: Table<BackupConfigRow>,
    /// The last backup and restore runs, keyed the same.
    pub backup_runs: Table<BackupRunRow>,
    /// The archives backups wrote, by location (`ssh://host/dir/file`); the last 20.
    pub backup_files: Table<BackupFileRow>,
    /// Syslog servers by address or name in lower case (E114).
    pub syslog_targets: Table<SyslogTargetRow>,
    /// Which source logs to which server, by source (`platform`, `collector:<node id>`).
    pub syslog_mappings: Table<types::SyslogMapperRequestInner>,
    /// One row, [`SYSLOG_STATUS`], once forwarding was turned on.
    pub syslog_status: Table<SyslogStatusRow>,
    /// One row, [`SNMP_ENGINE_ID`], once the engine id was set (E115).
    pub snmp_engine: Table<String>,
    /// Web proxies by id (E116).
    pub web_proxies: Table<WebProxyRow>,
    /// Search-based alert configurations by id, indexed by lower-case name (E118).
    pub search_alerts: Table<SearchAlertRow>,
    /// Custom dashboards by id (E119).
    pub boards: Table<BoardRow>,
    /// Each user's preferred dashboards, most preferred first, by user id (E119).
    pub board_preferences: Table<Vec<String>>,
    /// The next number for a board's and a pin's id (`board`, `pin`), only ever rising.
    pub board_counters: Table<u64>,
    /// Logins, logouts and changes, oldest first (E120).
    pub audit_log: Table<AuditRow>,
    /// Messages the appliance would have sent, oldest first (E122).
    pub outbox: Table<OutboxRow>,
    /// Applications made, changed and removed, oldest first (E127).
    pub application_changes: Table<ApplicationChangeRow>,
}

crate::journaled!(AriaTables {
    tokens,
    vidm,
    users,
    groups,
    passwords,
    banner,
    ip_tags,
    data_sources,
    data_source_addresses,
    snmp_profiles,
    events,
    applications,
    tiers,
    removed_nodes,
    watermark,
    seeded,
    incidents,
    intents,
    fbad_configs,
    fbad_files,
    save_tasks,
    bulk_reports,
    certificate_renewals,
    migration,
    key_rotation,
    licenses,
    subnet_mappings,
    subscribers,
    backup_configs,
    backup_runs,
    backup_files,
    syslog_targets,
    syslog_mappings,
    syslog_status,
    snmp_engine,
    web_proxies,
    search_alerts,
    boards,
    board_preferences,
    board_counters,
    audit_log,
    outbox,
    application_changes
});

pub const BANNER: &str = "banner";
pub const MIGRATION_DISABLED: &str = "disabled";
pub const KEY_ROTATION: &str = "last";

/// The rotation before [`KEY_ROTATION`], once that one was asked for after it finished.
pub const KEY_ROTATED: &str = "finished";

pub const VIDM: &str = "settings";
pub const BACKUP: &str = "backup";
pub const RESTORE: &str = "restore";
pub const SYSLOG_STATUS: &str = "status";

pub const SNMP_ENGINE_ID: &str = "engine_id";
