//! What OMIVV reports of each host of the context's vCenter (InventoryService): its overview,
//! subsystem health, firmware and warranty, from the world's description and the state a test
//! asked for (`host_states`).

mod api;

use super::consoles::Registered;
use super::errors::OmivvError;
use super::sessions::Caller;
use super::tables::{HostState, OmivvTables};
use super::Omivv;
use crate::clock::{date_of_days, days_of_date, rfc3339};
use crate::generated::omivv::types;
use crate::world::{Cluster, Datacenter, Host, HostHealth};

const ESXI_VERSION: &str = "7.0.3 build-21930508";
const BIOS_VERSION: &str = "2.19.1";
const IDRAC_VERSION: &str = "7.00.00.171";
/// When the sandbox's hosts had their firmware installed.
const INSTALLED: &str = "2024-03-12T10:15:00Z";
/// A warranty ending within this many days is a `WARNING`.
const WARRANTY_WARNING_DAYS: i64 = 30;

/// A host of the context's vCenter, with where it sits and what it reports now.
pub(super) struct HostInContext<'a> {
    pub console_id: &'a str,
    pub datacenter: &'a Datacenter,
    pub cluster: Option<&'a Cluster>,
    pub host: &'a Host,
    pub state: HostState,
}

/// What a host reports: the configuration unless a test said otherwise.
/// (driver, the cluster baseline's version, what a drifted host has installed): the inventory
/// reports the one the host has, and drift detection compares the two, so both always agree.
pub(super) const DRIVER_VERSIONS: [(&str, &str, &str); 1] = [("qedentv", "3.40.3.0", "3.11.16.0")];

pub(super) fn host_state(t: &OmivvTables, host: &Host) -> HostState {
    t.host_states.get(&host.id).copied().unwrap_or(HostState {
        health: host.config.health,
        drift: host.config.drift,
    })
}

/// The version of `driver` a host has installed: the baseline's, or the older one once drifted.
fn driver_version(drifted: bool, driver: &str) -> &'static str {
    let (_, baseline, current) = DRIVER_VERSIONS
        .iter()
        .find(|(name, _, _)| *name == driver)
        .expect("a driver of the table");
    if drifted {
        current
    } else {
        baseline
    }
}

fn health(h: HostHealth) -> types::HealthStatus {
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
        let state = host_state(self.db.read().await.omivv(), host);
        Ok(answer(HostInContext {
            console_id: &r.console.id,
            datacenter,
            cluster,
            host,
            state,
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
                bios_version: BIOS_VERSION.into(),
                idrac_firmware_version: IDRAC_VERSION.into(),
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
            let components = [
                ("BIOS", Kind::Bios, BIOS_VERSION),
                (
                    "Integrated Dell Remote Access Controller",
                    Kind::Firmware,
                    IDRAC_VERSION,
                ),
                ("PERC H740P Mini", Kind::Firmware, "51.16.0-4076"),
                (
                    "Broadcom Gigabit Ethernet BCM5720",
                    Kind::Firmware,
                    "22.31.6",
                ),
                (
                    "QLogic FastLinQ 41xxx Series (qedentv)",
                    Kind::Driver,
                    driver_version(h.state.drift, "qedentv"),
                ),
            ]
            .into_iter()
            .map(|(name, kind, version)| types::FirmwareComponent {
                name: name.into(),
                component_type: kind,
                version: version.into(),
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
