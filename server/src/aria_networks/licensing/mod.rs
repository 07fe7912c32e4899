//! The appliance's licences (the `Licensing` tag, E110): the catalogue says what a key stands
//! for, the store what was activated and deactivated since the start; a licence is valid while
//! installed and not expired on the sandbox clock, and the valid ones decide which data-source
//! types can be added or enabled.

mod api;

use super::license_catalogue::{self as catalogue, LicenseConfig};

use super::errors::AriaError;
use super::tables::{AriaTables, LicenseStateRow};
use super::Aria;
use crate::generated::aria_networks::types;
use crate::store::Table;
use crate::world::Vcenter;

const PRODUCT: &str = "VMware Aria Operations for Networks";
/// The appliance's service tag, as its licences carry it.
const SERVICE_TAG: &str = "NISANDBOX0018230";
/// Each world host has two sockets of 16 cores, as far as licences count.
const SOCKETS_PER_HOST: i64 = 2;
const CORES_PER_SOCKET: i64 = 16;

/// The catalogue's licences with whether each is installed now.
struct Licenses<'a> {
    all: Vec<(&'a LicenseConfig, bool)>,
    now: i64,
}

impl<'a> Licenses<'a> {
    fn of(catalogue: &'a [LicenseConfig], rows: &Table<LicenseStateRow>, now: i64) -> Self {
        let all = (catalogue.iter())
            .map(|l| {
                let row = rows.get(&l.key.to_ascii_uppercase());
                (l, row.map_or(l.installed, |r| r.installed))
            })
            .collect();
        Licenses { all, now }
    }

    fn installed(&self) -> impl Iterator<Item = &'a LicenseConfig> + '_ {
        self.all.iter().filter(|(_, on)| *on).map(|(l, _)| *l)
    }

    fn valid(&self) -> impl Iterator<Item = &'a LicenseConfig> + '_ {
        self.installed().filter(|l| !expired(l, self.now))
    }
}

fn expiry(l: &LicenseConfig) -> Option<i64> {
    l.expires.as_deref().and_then(catalogue::expiry)
}

fn expired(l: &LicenseConfig, now: i64) -> bool {
    expiry(l).is_some_and(|at| now >= at)
}

/// A licence as the API answers it.
fn answer(l: &LicenseConfig, now: i64) -> types::VrniLicense {
    let capacity_type = l
        .capacity_type
        .parse()
        .unwrap_or(types::LicenseCapacityType::Cpu);
    let sockets = if l.capacity_type == "CPU" {
        l.capacity
    } else {
        0
    };
    types::VrniLicense {
        product_name: PRODUCT.into(),
        evaluation: l.evaluation,
        license_key: l.key.to_ascii_uppercase(),
        number_of_sockets: sockets,
        expiration_date: expiry(l).unwrap_or(0),
        service_tag: SERVICE_TAG.into(),
        expired: expired(l, now),
        deployment_type: "onprem".into(),
        capacity_type,
        edition: l.edition.parse().unwrap_or(types::LicenseEdition::Advanced),
        suspended: false,
        deleted: false,
        invalid: false,
        managed_by_vrni: true,
        entitlements: vec![types::LicenseEntitlement {
            capacity_type,
            count: l.capacity,
        }],
        current_licenses: None,
    }
}

/// A licence as `currentLicenses` lists it: the same fields, without its own list.
fn entry(l: &LicenseConfig, now: i64) -> Result<types::VrniLicenseEntry, AriaError> {
    let value =
        serde_json::to_value(answer(l, now)).map_err(|e| AriaError::Internal(e.to_string()))?;
    serde_json::from_value(value).map_err(|e| AriaError::Internal(e.to_string()))
}

/// The editions of the valid licences at one time: what decides whether a data source of a type
/// can be added or enabled. Taken inside the data source's own transaction.
pub struct Coverage {
    editions: Vec<String>,
}

impl Coverage {
    pub fn of(catalogue: &[LicenseConfig], rows: &Table<LicenseStateRow>, now: i64) -> Self {
        let licenses = Licenses::of(catalogue, rows, now);
        let editions = licenses.valid().map(|l| l.edition.clone()).collect();
        Coverage { editions }
    }

    /// Refuses the type `segment` (`label` for the message) unless a valid licence covers it.
    pub fn check(&self, segment: &str, label: &str) -> Result<(), AriaError> {
        if self.editions.is_empty() {
            return Err(AriaError::InvalidInput(
                "No valid license is installed; activate one under /settings/licensing".into(),
            ));
        }
        if self.editions.iter().any(|e| catalogue::covers(e, segment)) {
            return Ok(());
        }
        Err(AriaError::InvalidInput(format!(
            "The installed licenses do not cover {label} data sources"
        )))
    }
}

fn hosts(vc: &Vcenter) -> i64 {
    (vc.datacenters.iter())
        .map(|d| d.hosts.len() + d.clusters.iter().map(|c| c.hosts.len()).sum::<usize>())
        .sum::<usize>() as i64
}

impl Aria {
    /// What the valid licences cover now, read inside a data source's transaction.
    pub(super) fn coverage(&self, t: &AriaTables, now: i64) -> Coverage {
        Coverage::of(&self.config.licenses, &t.licenses, now)
    }

    /// The catalogue licence `key` names (a 400 otherwise).
    fn catalogued(&self, key: &str) -> Result<&LicenseConfig, AriaError> {
        let wanted = key.trim().to_ascii_uppercase();
        if !catalogue::well_formed(&wanted) {
            return Err(AriaError::InvalidInput(format!(
                "licenseKey: {key:?} is not a license key (five groups of five letters or digits)"
            )));
        }
        (self.config.licenses.iter())
            .find(|l| l.key.eq_ignore_ascii_case(&wanted))
            .ok_or_else(|| AriaError::InvalidInput(format!("Invalid license key {wanted}")))
    }

    pub async fn licenses(&self) -> types::LicensingResponse {
        let now = self.clock.now_secs();
        let vis = self.visibility().await;
        let world = &self.inventory.world;
        let used_hosts: i64 = (world.vcenters.iter().enumerate())
            .filter(|(i, _)| vis.vcenter(*i))
            .map(|(_, vc)| hosts(vc))
            .sum();
        let state = self.db.read().await;
        let licenses = Licenses::of(&self.config.licenses, &state.aria().licenses, now);
        let valid: Vec<&LicenseConfig> = licenses.valid().collect();
        let count = |edition: &str| valid.iter().filter(|l| l.edition == edition).count() as i64;
        let capacity = |kind: &str| -> i64 {
            (valid.iter().filter(|l| l.capacity_type == kind))
                .map(|l| l.capacity)
                .sum()
        };
        let enterprise = count("ENTERPRISE");
        let expire_date = if valid.iter().any(|l| expiry(l).is_none()) {
            0
        } else {
            valid.iter().filter_map(|l| expiry(l)).max().unwrap_or(0)
        };
        let sockets = used_hosts * SOCKETS_PER_HOST;
        let result = types::LicensingResponseResult {
            licenses: licenses.installed().map(|l| answer(l, now)).collect(),
            license_usage: vec![types::LicenseUsage {
                type_: "HOST".into(),
                unit: types::LicenseCapacityType::Cpu,
                count: used_hosts,
                sockets_used: Some(sockets),
                cores_used: Some(sockets * CORES_PER_SOCKET),
            }],
            customer_id: self.customer_id(),
            cpu_capacity: capacity("CPU"),
            ccu_capacity: capacity("CCU"),
            vm_capacity: capacity("VM"),
            core_capacity: capacity("CORE"),
            edge_capacity: 0,
            service_tag: SERVICE_TAG.into(),
            expire_date,
            enterprise: enterprise > 0,
            evaluation: !valid.is_empty() && valid.iter().all(|l| l.evaluation),
            num_of_enterprise_license: (licenses.installed())
                .filter(|l| l.edition == "ENTERPRISE")
                .count() as i64,
            num_of_valid_license: valid.len() as i64,
            num_of_valid_enterprise_license: enterprise,
            num_of_valid_sdwan_license: count("SDWAN"),
            num_of_valid_nav_license: count("NAV"),
            num_of_valid_advanced_license: count("ADVANCED"),
            num_of_valid_robo_license: count("ROBO"),
            // Every valid licence counts capacity: active and valid are the same here.
            num_of_active_license: valid.len() as i64,
            num_of_active_enterprise_license: enterprise,
            num_of_active_sdwan_license: count("SDWAN"),
            num_of_active_nav_license: count("NAV"),
            num_of_active_advanced_license: count("ADVANCED"),
            num_of_active_robo_license: count("ROBO"),
            used_sockets: sockets,
            used_cores: sockets * CORES_PER_SOCKET,
            used_edges: 0,
            used_devices: 0,
            core_license_present: valid.iter().any(|l| l.capacity_type == "CORE"),
        };
        types::LicensingResponse { result }
    }

    pub fn validate_license(&self, key: &str) -> Result<types::LicensingActivate, AriaError> {
        let l = self.catalogued(key)?;
        Ok(types::LicensingActivate {
            result: answer(l, self.clock.now_secs()),
        })
    }

    pub async fn activate_license(
        &self,
        key: &str,
        by: &str,
    ) -> Result<types::LicensingActivate, AriaError> {
        let l = self.catalogued(key)?;
        let now = self.clock.now_secs();
        if expired(l, now) {
            return Err(AriaError::InvalidInput(format!(
                "The license {} expired on {}",
                l.key.to_ascii_uppercase(),
                l.expires.as_deref().unwrap_or_default()
            )));
        }
        self.db
            .write(|s| {
                let rows = &mut s.aria_mut().licenses;
                let licenses = Licenses::of(&self.config.licenses, rows, now);
                let installed: Vec<&LicenseConfig> = licenses.installed().collect();
                if installed.iter().any(|i| i.key.eq_ignore_ascii_case(&l.key)) {
                    return Err(AriaError::InvalidInput(format!(
                        "The license {} is already activated",
                        l.key.to_ascii_uppercase()
                    )));
                }
                // A core licence replaces the socket licences.
                let (to_remove, to_retain): (Vec<&LicenseConfig>, Vec<&LicenseConfig>) =
                    (installed.into_iter())
                        .partition(|i| l.capacity_type == "CORE" && i.capacity_type == "CPU");
                let state = |installed| LicenseStateRow {
                    installed,
                    at: now,
                    by: by.to_string(),
                };
                for r in &to_remove {
                    rows.insert(r.key.to_ascii_uppercase(), state(false));
                }
                rows.insert(l.key.to_ascii_uppercase(), state(true));
                let mut result = answer(l, now);
                result.current_licenses = Some(types::CurrentLicenses {
                    to_remove: (to_remove.iter())
                        .map(|r| entry(r, now))
                        .collect::<Result<_, _>>()?,
                    to_retain: (to_retain.iter())
                        .map(|r| entry(r, now))
                        .collect::<Result<_, _>>()?,
                });
                Ok(types::LicensingActivate { result })
            })
            .await
    }

    pub async fn deactivate_license(&self, key: &str, by: &str) -> Result<(), AriaError> {
        // Any key that is not the catalogue's, well formed or not, is not installed.
        let l = self.catalogued(key).map_err(|e| match e {
            AriaError::InvalidInput(m) => AriaError::NotFound(m),
            e => e,
        })?;
        let now = self.clock.now_secs();
        self.db
            .write(|s| {
                let rows = &mut s.aria_mut().licenses;
                let licenses = Licenses::of(&self.config.licenses, rows, now);
                if !licenses
                    .installed()
                    .any(|i| i.key.eq_ignore_ascii_case(&l.key))
                {
                    return Err(AriaError::NotFound(format!(
                        "The license {} is not activated",
                        l.key.to_ascii_uppercase()
                    )));
                }
                let row = LicenseStateRow {
                    installed: false,
                    at: now,
                    by: by.to_string(),
                };
                rows.insert(l.key.to_ascii_uppercase(), row);
                Ok(())
            })
            .await
    }
}
