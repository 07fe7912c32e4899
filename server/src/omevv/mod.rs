//! Dell OMEVV (OpenManage Enterprise Integration for VMware vCenter), the gateway API under
//! `/omevv/GatewayService/v1`: HTTP Basic on every call, the vCenter named by the path or the
//! `x_omivv-api-vcenter-identifier` header, errors with a string `errorCode`.
//!
//! - `api`: who is calling (an OME user or a vCenter user) and how bad input is answered
//! - `consoles`: the registered vCenters (Consoles tag)
//! - `inventory`: clusters, OMEVV's groups and managed hosts (Inventory tag)
//! - `repositories`: firmware repository profiles and connection tests (Repositories tag)
//! - `baselines`: baseline profiles and their drift jobs (Baselines tag)
//! - `firmware`: drift reports and update jobs on the sandbox clock (Firmware tag)
//! - `errors`, `tables`, `config`, `edge`: failures, storage, configuration, error shape
//!
//! The estate is the world's: the same vCenters, hosts and hardware state OMIVV reports.

use std::sync::Arc;

mod api;
mod baselines;
pub mod config;
mod consoles;
pub mod edge;
pub mod errors;
mod firmware;
mod hardware;
mod inventory;
mod jobs;
mod management;
mod repositories;
mod settings;
pub mod tables;

pub use api::OmevvApi;
// What `vlcm` (the hardware support manager API OMEVV also serves) reads of OMEVV.
pub(crate) use api::Caller;
pub use config::Config;
pub use errors::OmevvError;
pub(crate) use firmware::installed;
pub(crate) use inventory::{host_state, Placed};

use crate::clock::Clock;
use crate::generated::omevv::types;
use crate::secrets::ConfiguredPassword;
use crate::world::{Vcenter, World};

pub use crate::OMEVV_BASE;

pub struct Omevv {
    pub(crate) config: Config,
    pub(crate) clock: Arc<Clock>,
    world: Arc<World>,
    pub(crate) db: Arc<tables::OmevvDb>,
    ome_accounts: Vec<(String, Arc<ConfiguredPassword>)>,
}

/// A vCenter registered with OMEVV.
pub struct Console<'a> {
    /// OMEVV's id of the registration: a name-based UUID of the vCenter's name, so that it is
    /// the same in every sandbox with the same world.
    pub uuid: String,
    pub vcenter: &'a Vcenter,
    pub registration: tables::Registration,
}

/// The number at the end of a world id (`domain-c3` → 3): OMEVV's numeric ids derive from it.
fn id_number(world_id: &str) -> i64 {
    let digits: String = world_id
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_digit())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    digits.parse().unwrap_or(0)
}

/// OMEVV's id of the group of a cluster (or of a datacenter's standalone hosts), or of a host.
pub fn omevv_id(world_id: &str) -> i64 {
    1000 + id_number(world_id)
}

/// Paging links for `total` items read `top` at a time from `skip`.
pub(crate) fn paging(total: usize, skip: usize, top: usize) -> types::PagingInformation {
    let page = |from: usize| format!("?skip={from}&top={top}");
    types::PagingInformation {
        total_instances: Some(total as i64),
        first: Some(page(0)),
        last: Some(page(total.saturating_sub(1) / top * top)),
        next: (skip + top < total).then(|| page(skip + top)),
        prev: (skip > 0).then(|| page(skip.saturating_sub(top))),
    }
}

pub(crate) fn console_uuid(vcenter_name: &str) -> String {
    uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_DNS, vcenter_name.as_bytes()).to_string()
}

impl Omevv {
    pub fn new(
        config: Config,
        world: Arc<World>,
        clock: Arc<Clock>,
        db: Arc<tables::OmevvDb>,
    ) -> Result<Self, String> {
        let mut ome_accounts = Vec::new();
        for a in &config.ome_accounts {
            let password =
                ConfiguredPassword::from_config(a.password.as_deref(), a.password_hash.as_deref())
                    .map_err(|e| format!("omevv OME account {}: {e}", a.username))?;
            ome_accounts.push((a.username.clone(), Arc::new(password)));
        }
        Ok(Self {
            config,
            clock,
            world,
            db,
            ome_accounts,
        })
    }

    /// How a vCenter is registered: as the API last left it, else as the configuration says
    /// (registered with the web client extension, and vLCM's when a cluster uses a vLCM image).
    pub(crate) fn registration(
        &self,
        t: &tables::OmevvTables,
        vc: &Vcenter,
    ) -> tables::Registration {
        if let Some(r) = t.registrations.get(&vc.config.name) {
            return r.clone();
        }
        let vlcm = vc
            .datacenters
            .iter()
            .flat_map(|d| &d.clusters)
            .any(|c| c.vlcm);
        let mut extensions = vec!["WEBCLIENT_PHA".to_string()];
        if vlcm {
            extensions.push("VLCM".into());
        }
        tables::Registration {
            registered: match &self.config.vcenters {
                Some(names) => names.contains(&vc.config.name),
                None => true,
            },
            extensions,
            description: Some(format!("vCenter {}", vc.config.name)),
            username: format!("{}@{}", vc.config.username, vc.config.domain),
        }
    }

    /// The registered vCenters, in the world's order.
    pub(crate) fn consoles_in(&self, t: &tables::OmevvTables) -> Vec<Console<'_>> {
        self.world
            .vcenters
            .iter()
            .map(|vc| (vc, self.registration(t, vc)))
            .filter(|(_, r)| r.registered)
            .map(|(vc, registration)| Console {
                uuid: console_uuid(&vc.config.name),
                vcenter: vc,
                registration,
            })
            .collect()
    }

    pub(crate) async fn consoles(&self) -> Vec<Console<'_>> {
        let s = self.db.read().await;
        self.consoles_in(s.omevv())
    }

    /// The registered vCenter with this uuid (as a client wrote it: any case).
    pub(crate) async fn console(&self, uuid: &str) -> Result<Console<'_>, OmevvError> {
        self.consoles()
            .await
            .into_iter()
            .find(|c| c.uuid.eq_ignore_ascii_case(uuid.trim()))
            .ok_or_else(|| OmevvError::NotRegistered(uuid.to_string()))
    }

    /// Creates what a fresh appliance holds (Dell's default catalog), once per state.
    pub fn seed(&self, t: &mut tables::OmevvTables) {
        if t.sequences.contains("seeded") {
            return;
        }
        t.sequences.insert("seeded".into(), 1);
        repositories::seed(t, self.clock.now_ms());
    }
}
