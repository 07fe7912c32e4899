//! What Aria Operations for Networks stores: live tokens (apart from everything else, so that a
//! login writes one row), the vIDM settings, vIDM-mapped users and groups, local users' changed
//! passwords, the login banner, IP tags, data sources, SNMP trap profiles and user-defined
//! events.

use serde::{Deserialize, Serialize};

use super::data_sources::DataSourceRow;
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

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LiveToken {
    /// Who the token authenticates (`admin@local`, `testuser@vidmlabs.com`).
    pub principal: String,
    pub role: types::Role,
    pub via_vidm: bool,
    pub expiry_ms: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VidmSettings {
    pub appliance: String,
    pub client_id: String,
    pub enabled: bool,
    pub certificate_validation: bool,
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
    pub profile: types::SnmpProfileResponse,
    /// Salted digests of its secrets, by field.
    pub secrets: std::collections::BTreeMap<String, String>,
}

/// A user-defined event, with the order it was created in.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EventRow {
    pub seq: u64,
    pub event: types::SubscriptionResponse,
}

/// An application, as stored; counts are evaluated when read.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ApplicationRow {
    pub name: String,
    pub create_time: i64,
    pub created_by: String,
    pub last_modified_time: i64,
    pub last_modified_by: String,
}

/// A tier: its application, name, criteria, and the order it was added in.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TierRow {
    pub application: String,
    pub name: String,
    pub seq: u64,
    pub criteria: Vec<types::GroupMembershipCriteria>,
}

pub struct AriaTables {
    /// By SHA-256 digest of the token (a leaked state dump holds no usable token), indexed by
    /// principal so that a login counts and purges only its own tokens.
    pub tokens: Table<LiveToken>,
    /// One row, [`VIDM`], when vIDM is configured.
    pub vidm: Table<VidmSettings>,
    /// By id (`user@domain`), in id order: the order of the list and its cursor.
    pub users: Table<types::User>,
    pub groups: Table<types::UserGroup>,
    /// Local users' changed passwords (PHC strings) by user id; the configured one otherwise.
    pub passwords: Table<String>,
    /// One row, [`BANNER`], when a login banner is configured.
    pub banner: Table<types::LoginBanner>,
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
    tiers
});

pub const BANNER: &str = "banner";

pub const VIDM: &str = "settings";

impl Default for AriaTables {
    fn default() -> Self {
        Self {
            tokens: Table::indexed("aria.tokens", |t: &LiveToken| t.principal.clone()),
            vidm: Table::new("aria.vidm"),
            users: Table::new("aria.users"),
            groups: Table::new("aria.groups"),
            passwords: Table::new("aria.passwords"),
            banner: Table::new("aria.banner"),
            ip_tags: Table::new("aria.ip_tags"),
            data_sources: Table::indexed("aria.data_sources", |r: &DataSourceRow| {
                r.kind.segment().to_string()
            }),
            data_source_addresses: Table::new("aria.data_source_addresses"),
            snmp_profiles: Table::new("aria.snmp_profiles"),
            events: Table::indexed("aria.events", |r: &EventRow| {
                r.event.event_name.to_lowercase()
            }),
            applications: Table::indexed("aria.applications", |r: &ApplicationRow| {
                r.name.to_lowercase()
            }),
            tiers: Table::indexed("aria.tiers", |r: &TierRow| r.application.clone()),
        }
    }
}

impl AriaTables {
    pub fn vidm_settings(&self) -> Option<&VidmSettings> {
        self.vidm.get(VIDM)
    }

    pub fn reset(&mut self) {
        self.tokens.clear();
        self.vidm.clear();
        self.users.clear();
        self.groups.clear();
        self.passwords.clear();
        self.banner.clear();
        self.ip_tags.clear();
        self.data_sources.clear();
        self.data_source_addresses.clear();
        self.snmp_profiles.clear();
        self.events.clear();
        self.applications.clear();
        self.tiers.clear();
    }
}
