//! VMware Aria Operations for Networks: local and vIDM logins with opaque 5-hour tokens, the vIDM
//! settings, and vIDM-mapped users and groups with cursor paging.
//!
//! - `caller`: who is calling, as every operation sees it
//! - `tokens`: logins, token checks, the role rule, logout
//! - `vidm_settings`: configuring single sign-on through VMware Identity Manager
//! - `principals`: listing users, mapped users and groups
//! - `local_users`: local users' passwords and the password change
//! - `login_banner`: the login page's banner
//! - `nodes`: the appliance's platform and collector nodes
//! - `ip_tags`: subnets and ranges tagged `EAST_WEST` or `INTERNET`
//! - `data_sources`: vCenters, NSX managers, switches, firewalls and load balancers to collect from
//! - `snmp_profiles`: SNMP trap destinations
//! - `events`: user-defined events
//! - `inventory`, `search`: the world as Aria sees it, and searching it
//! - `applications`: applications and tiers
//! - `metrics`: series of the world's entities' metrics, and the schema naming them
//! - `problems`: what is wrong in the world, on the clock
//! - `micro_segmentation`: recommended firewall rules and communication graphs from the flows
//! - `troubleshooting`: guided network troubleshooting incidents
//! - `intents`: alert configurations that check the network's configuration
//! - `boards`: custom dashboards (and pinboards) of pinned searches, shared with users
//! - `search_alerts`: saved searches that raise alerts
//! - `web_proxies`: the proxies cloud data sources reach their endpoints through
//! - `paging`: `size` and the base64-offset `cursor`
//! - `window`: the time window an operation reads
//! - `errors`: every failure and its status
//! - `tables`: what is stored
//! - `info`: the API's version
//! - `api`: what every tag's trait shares (authentication, the role rule, rejections); each
//!   concept implements its own tag's trait in its `api.rs` (or `api/`, one file per tag)

use std::collections::BTreeMap;
use std::sync::Arc;

mod api;
pub mod appliance_version;
pub mod applications;
pub mod audit;
mod backup;
mod boards;
pub mod caller;
mod chores;
pub mod config;
mod csv_upload;
mod customers;
pub mod data_sources;
mod databus;
pub mod deployment;
pub mod edge;
pub mod errors;
mod events;
pub mod filter_language;
mod info;
mod intents;
pub mod inventory;
mod ip_tags;
mod license_catalogue;
mod licensing;
mod local_users;
mod login_banner;
mod metrics;
mod micro_segmentation;
pub mod model;
mod nodes;
pub mod outbox;
pub mod paging;
mod path;
pub mod principals;
pub(crate) mod problems;
pub mod release_fields;
pub mod release_gate;
pub mod search;
mod search_alerts;
mod setting_ids;
mod snmp_profiles;
mod subnet_mappings;
mod syslog;
pub mod tables;
mod tcp_incomplete;
pub mod tokens;
mod troubleshooting;
mod vidm_settings;
pub mod visibility;
mod web_proxies;
mod web_proxy_row;
mod window;

pub use api::AriaApi;
pub use databus::{Delivery, DeliveryPage};
pub use errors::{error, AriaError};

use crate::clock::Clock;
use crate::generated::aria_networks::types;
use crate::secrets::ConfiguredPassword;
use crate::vidm::IdentityManager;
use config::AriaRole;
pub use config::Config;

struct LocalUser {
    password: Arc<ConfiguredPassword>,
    user: types::User,
}

pub struct Aria {
    config: Config,
    clock: Arc<Clock>,
    idm: Arc<IdentityManager>,
    local_users: BTreeMap<String, LocalUser>,
    /// The local users as the list answers them, in id order.
    local_user_list: Vec<types::User>,
    db: audit::AuditedDb,
    /// When the sandbox started (what nodes report as their registration), epoch seconds.
    started_secs: i64,
    /// The world as this appliance sees it (entities, flows), fixed for the process.
    inventory: Arc<inventory::Inventory>,
    /// What metrics make once (per VM traffic, VMs that can run hot).
    metrics_cache: metrics::MetricsCache,
    /// Which entities the databus posts per device.
    databus_members: databus::DeviceMembers,
}

fn role(r: AriaRole) -> types::Role {
    match r {
        AriaRole::Admin => types::Role::Admin,
        AriaRole::Member => types::Role::Member,
        AriaRole::Auditor => types::Role::Auditor,
    }
}

impl Aria {
    pub fn new(
        config: Config,
        clock: Arc<Clock>,
        idm: Arc<IdentityManager>,
        db: Arc<tables::AriaDb>,
        world: Arc<crate::world::World>,
        workload: crate::world::Workload,
    ) -> Result<Self, String> {
        let mut local_users = BTreeMap::new();
        for u in &config.local_users {
            let password =
                ConfiguredPassword::from_config(u.password.as_deref(), u.password_hash.as_deref())
                    .map_err(|e| format!("aria local user {}: {e}", u.username))?;
            let (username, domain) = u.username.split_once('@').unwrap_or((&u.username, "local"));
            let user = types::User {
                user_type: types::UserType::Local,
                id: u.username.clone(),
                role: role(u.role),
                username: username.to_string(),
                domain: domain.to_string(),
                display_name: u.display_name.clone(),
            };
            local_users.insert(
                u.username.clone(),
                LocalUser {
                    password: Arc::new(password),
                    user,
                },
            );
        }
        let local_user_list = local_users.values().map(|u| u.user.clone()).collect();
        let db =
            audit::AuditedDb::new(db, clock.clone()).with_chore(Box::new(backup::ScheduledBackups));
        Ok(Self {
            config,
            started_secs: clock.now_secs(),
            clock,
            idm,
            local_users,
            local_user_list,
            db,
            inventory: Arc::new(inventory::Inventory::build(world, workload)),
            metrics_cache: Default::default(),
            databus_members: Default::default(),
        })
    }

    pub fn requests_per_minute(&self) -> u32 {
        self.config.requests_per_minute
    }
}
