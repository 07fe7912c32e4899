//! Dell OMIVV: bearer-JWT sessions with a 60-minute life, admin-only login, lockout after failed
//! logins, client and session limits, the per-session vCenter operational context, and the
//! services that act on a vCenter through it.
//!
//! - `sessions`: login, token checks, logoff, operational context and its role rules
//! - `lockout`: the failed-login rule
//! - `consoles`: registered vCenters, their inventory trees and their login
//! - `inventory`: host overview, subsystem health, firmware, warranty
//! - `jobs`: update and drift jobs on the sandbox clock
//! - `drift`: drift job results and per-cluster reports
//! - `profiles`: cluster and repository profiles; `shares`: share locations
//! - `licenses`: the appliance's licenses
//! - `scenario`: what a fresh appliance holds, alarm settings, states a test asks for
//! - `limits`: requests in flight per session
//! - `errors`: every failure, its status and `errorCode`
//! - `tables`: what is stored
//! - `api`: what every tag's trait shares; each concept implements its own tag's trait in its
//!   `api.rs` (Authentication: `sessions`, Updates: `jobs`)

use std::collections::HashMap;
use std::sync::Arc;

mod api;
mod catalog;
pub mod config;
mod consoles;
mod drift;
pub mod edge;
pub mod errors;
mod inventory;
mod jobs;
mod licenses;
pub mod limits;
pub mod links;
pub mod lockout;
mod profiles;
mod scenario;
pub mod sessions;
mod shares;
pub mod tables;

pub use api::OmivvApi;
pub use errors::{error, OmivvError};
pub use scenario::{NewJob, MAX_OFFSET_SECONDS};

use crate::clock::Clock;
use crate::secrets::ConfiguredPassword;
use crate::world::World;
pub use config::Config;
use config::OmivvProfile;
use lockout::LockoutPolicy;
use sessions::SessionKeys;

/// Items keyed by numeric ids (`"1001"`), in the order of the numbers.
fn in_id_order<'a, R: 'a, T>(
    rows: impl Iterator<Item = (&'a str, &'a R)>,
    view: impl Fn(&str, &R) -> T,
) -> Vec<T> {
    let mut all: Vec<(u64, T)> = rows
        .map(|(id, row)| (id.parse().unwrap_or(u64::MAX), view(id, row)))
        .collect();
    all.sort_by_key(|(n, _)| *n);
    all.into_iter().map(|(_, t)| t).collect()
}

/// `domain\username`.
fn account_key(username: &str, domain: &str) -> String {
    format!("{domain}\\{username}")
}

struct Account {
    password: Arc<ConfiguredPassword>,
    profile: OmivvProfile,
}

pub struct Omivv {
    config: Config,
    clock: Arc<Clock>,
    accounts: HashMap<String, Account>,
    keys: SessionKeys,
    lockout: LockoutPolicy,
    in_flight: limits::InFlight,
    db: Arc<tables::OmivvDb>,
    world: Arc<World>,
    /// `https` once the sandbox is known to serve HTTPS (for absolute links).
    scheme: std::sync::RwLock<&'static str>,
}

impl Omivv {
    /// `signing_secret` is the one the state holds (see `State::open`).
    pub fn new(
        config: Config,
        world: Arc<World>,
        clock: Arc<Clock>,
        db: Arc<tables::OmivvDb>,
        signing_secret: &[u8],
    ) -> Result<Self, String> {
        let mut accounts = HashMap::new();
        for a in &config.accounts {
            let password =
                ConfiguredPassword::from_config(a.password.as_deref(), a.password_hash.as_deref())
                    .map_err(|e| format!("omivv account {}: {e}", a.username))?;
            accounts.insert(
                account_key(&a.username, &a.domain),
                Account {
                    password: Arc::new(password),
                    profile: a.profile,
                },
            );
        }
        Ok(Self {
            lockout: LockoutPolicy {
                failures_before_lockout: config.failed_logins_before_lockout,
                lockout_ms: config.lockout_seconds * 1000,
            },
            keys: SessionKeys::new(signing_secret),
            in_flight: Default::default(),
            config,
            clock,
            accounts,
            db,
            world,
            scheme: std::sync::RwLock::new("http"),
        })
    }

    /// Records whether the sandbox serves HTTPS, for the absolute links it answers.
    pub fn serving_with(&self, scheme: &'static str) {
        *self.scheme.write().unwrap() = scheme;
    }

    /// The API's absolute base URL as a client reached it (`host` is its `Host` header).
    /// `http` or `https`, as the sandbox is served (for the edge's links).
    pub fn scheme(&self) -> &'static str {
        *self.scheme.read().unwrap()
    }

    pub fn requests_per_minute(&self) -> u32 {
        self.config.requests_per_minute
    }
}
