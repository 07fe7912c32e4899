//! What OMIVV reports of each host of the context's vCenter (InventoryService): its overview,
//! subsystem health, firmware and warranty, from the world's description and the state a test
//! asked for (`host_states`).

mod api;

use super::consoles::Registered;
use super::errors::OmivvError;
use super::sessions::Caller;
use super::tables::{HostState, OmivvState, OmivvTables};
use super::Omivv;
use crate::clock::{date_of_days, days_of_date, rfc3339};
use crate::generated::omivv::types;
use crate::world::firmware::{Component, COMPONENTS};
use crate::world::{Cluster, Datacenter, Host, HostHealth};

const ESXI_VERSION: &str = "7.0.3 build-21930508";
/// When the sandbox's hosts had their firmware installed.
const INSTALLED: &str = crate::world::firmware::INSTALLED_AT;
/// A warranty ending within this many days is a `WARNING`.
const WARRANTY_WARNING_DAYS: i64 = 30;

/// A host of the context's vCenter, with where it sits and what it reports now.
pub(super) struct HostInContext<'a> {
    pub console_id: &'a str,
    pub datacenter: &'a Datacenter,
    pub cluster: Option<&'a Cluster>,
    pub host: &'a Host,
    pub state: HostState,
    /// What the host runs of each component now.
    pub firmware: Vec<(&'static Component, &'static str)>,
}

impl HostInContext<'_> {
    /// What the host runs of the component with this name.
    fn version_of(&self, name: &str) -> &'static str {
        self.firmware
            .iter()
            .find(|(c, _)| c.name == name)
            .map_or("", |(_, v)| v)
    }
}

/// What the host runs of each component at `now`: the catalog's version, or an older one while
/// it is drifted and no update (OMIVV's or OMEVV's) has brought the component up to date. The
/// inventory reports it and drift detection compares it, so both always agree.
pub(super) fn installed(
    s: &dyn OmivvState,
    host: &Host,
    now: i64,
) -> Vec<(&'static Component, &'static str)> {
    let state = host_state(s.omivv(), host);
    COMPONENTS
        .iter()
        .map(|c| {
            let updated = s.updated(&host.id, c.source_name, state.drift_since_ms, now);
            (c, c.installed(state.drift, updated))
        })
        .collect()
}

/// What a host reports: the configuration unless a test said otherwise.
pub(super) fn host_state(t: &OmivvTables, host: &Host) -> HostState {
    t.host_states.get(&host.id).copied().unwrap_or(HostState {
        health: host.config.health,
        drift: host.config.drift,
        drift_since_ms: 0,
        health_since_ms: 0,
    })
}

pub(super) fn health(h: HostHealth) -> types::HealthStatus {
    match h {
        HostHealth::Healthy => types::HealthStatus::Healthy,
        HostHealth::Warning => types::HealthStatus::Warning,
        HostHealth::Critical => types::HealthStatus::Critical,
    }
}

impl Omivv {
    /// The caller's context console.
    pub(super) fn context_console(&self, caller: &Caller) -> Result<Registered<'_>, OmivvError> {
        self.find_console(&caller.context()?.console_id)
    }

    async fn host_in_context<T>(
        &self,
        caller: &Caller,
        host_id: &str,
        answer: impl FnOnce(HostInContext<'_>) -> T,
    ) -> Result<T, OmivvError> {
        let r = self.context_console(caller)?;
        let (datacenter, cluster, host) = r
            .hosts()
            .find(|(_, _, h)| h.id == host_id)
            .ok_or_else(|| OmivvError::HostNotFound(host_id.to_string()))?;
        let now = self.clock.now_ms();
        let s = self.db.read().await;
        let state = host_state(s.omivv(), host);
        let firmware = installed(&*s, host, now);
        Ok(answer(HostInContext {
            console_id: &r.console.id,
            datacenter,
            cluster,
            host,
            state,
            firmware,
        }))
    }

    pub async fn host_overview(
        &self,
        caller: &Caller,
        host_id: &str,
    ) -> Result<types::HostOverview, OmivvError> {
        let now = self.clock.now_ms();
        self.host_in_context(caller, host_id, |h| {
            let c = &h.host.config;
            types::HostOverview {
                id: h.host.id.clone(),
                host_name: c.name.clone(),
                service_tag: c.service_tag.clone(),
                model: c.model.clone(),
                host_ip: c.ip.clone(),
                idrac_ip: c.idrac_ip.clone(),
                console_id: h.console_id.to_string(),
                datacenter_id: h.datacenter.id.clone(),
                cluster_id: h.cluster.map(|cl| cl.id.clone()),
                esxi_version: ESXI_VERSION.into(),
                bios_version: h.version_of("BIOS").into(),
                idrac_firmware_version: h
                    .version_of("Integrated Dell Remote Access Controller")
                    .into(),
                power_state: types::HostOverviewPowerState::On,
                connection_state: types::HostOverviewConnectionState::Connected,
                health_status: health(h.state.health),
                // The appliance inventories its hosts hourly.
                last_inventory_time: rfc3339(now - now.rem_euclid(3_600_000)),
            }
        })
        .await
    }

    pub async fn host_subsystem_health(
        &self,
        caller: &Caller,
        host_id: &str,
    ) -> Result<types::SubSystemHealth, OmivvError> {
        self.host_in_context(caller, host_id, |h| {
            // An unhealthy host has one failing subsystem: a fan warns, a power supply fails.
            let failing = match h.state.health {
                HostHealth::Healthy => None,
                HostHealth::Warning => Some("Fans"),
                HostHealth::Critical => Some("Power Supplies"),
            };
            let sub_systems = [
                "Processors",
                "Memory",
                "Power Supplies",
                "Fans",
                "Temperatures",
                "Voltages",
                "Storage",
                "Batteries",
                "iDRAC",
            ]
            .into_iter()
            .map(|name| types::SubSystem {
                sub_system: name.into(),
                rollup_status: if failing == Some(name) {
                    health(h.state.health)
                } else {
                    types::HealthStatus::Healthy
                },
            })
            .collect();
            types::SubSystemHealth {
                host_id: h.host.id.clone(),
                service_tag: h.host.config.service_tag.clone(),
                overall_health: health(h.state.health),
                sub_systems,
            }
        })
        .await
    }

    pub async fn host_firmware_inventory(
        &self,
        caller: &Caller,
        host_id: &str,
    ) -> Result<types::FirmwareInventory, OmivvError> {
        use types::FirmwareComponentComponentType as Kind;
        self.host_in_context(caller, host_id, |h| {
            let components = h
                .firmware
                .iter()
                .map(|(c, version)| types::FirmwareComponent {
                    name: c.name.into(),
                    component_type: if c.driver {
                        Kind::Driver
                    } else if c.name == "BIOS" {
                        Kind::Bios
                    } else {
                        Kind::Firmware
                    },
                    version: (*version).into(),
                    installation_date: INSTALLED.into(),
                })
                .collect();
            types::FirmwareInventory {
                host_id: h.host.id.clone(),
                service_tag: h.host.config.service_tag.clone(),
                components,
            }
        })
        .await
    }

    /// The warranty, judged on the sandbox clock: three years ending on the configured day, the
    /// first under the initial entitlement.
    pub async fn host_warranty(
        &self,
        caller: &Caller,
        host_id: &str,
    ) -> Result<types::Warranty, OmivvError> {
        let today = self.clock.now_ms().div_euclid(86_400_000);
        self.host_in_context(caller, host_id, |h| {
            // Checked when the world was built.
            let end = days_of_date(&h.host.config.warranty_end).unwrap_or(0);
            let start = end - 3 * 365 + 1;
            let days_remaining = (end - today).max(0);
            use types::WarrantyEntitlementEntitlementType as Type;
            let entitlement = |kind, level: &str, from: i64, to: i64| types::WarrantyEntitlement {
                entitlement_type: kind,
                service_level_description: level.into(),
                start_date: date_of_days(from),
                end_date: date_of_days(to),
            };
            types::Warranty {
                host_id: h.host.id.clone(),
                service_tag: h.host.config.service_tag.clone(),
                overall_status: if today > end {
                    types::WarrantyOverallStatus::Expired
                } else if days_remaining <= WARRANTY_WARNING_DAYS {
                    types::WarrantyOverallStatus::Warning
                } else {
                    types::WarrantyOverallStatus::Normal
                },
                days_remaining,
                warranty_details: vec![
                    entitlement(Type::Initial, "Basic Hardware Service", start, start + 364),
                    entitlement(Type::Extended, "ProSupport Plus", start + 365, end),
                ],
            }
        })
        .await
    }
}
