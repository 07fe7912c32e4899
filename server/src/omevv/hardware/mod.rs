//! What each managed host is made of (Hardware tag): processors, memory, power supplies, NICs,
//! iDRAC, power use and warranty, the same for every host of a model and told apart by its
//! service tag; and its health, the hardware state both Dell products read (a warning host has a
//! fan warning, a critical one a failed power supply).

mod api;
mod groups;
mod logs;
mod storage;
mod warranty;

use super::errors::OmevvError;
use super::inventory::{host_state, Placed};
use super::tables::managed;
use super::{Console, Omevv};
use crate::generated::omevv::types;
use crate::world::firmware::COMPONENTS;
use crate::world::{self, HostHealth, HOST_DIMM_GB, HOST_SOCKETS};

const PSU_WATTS: i64 = 750;
const DIMMS: i64 = world::HOST_DIMMS;
const DIMM_SLOTS: i64 = 24;
const CORES: i64 = world::HOST_CORES_PER_SOCKET;

/// Six bytes of a MAC address derived from the service tag (FNV-1a), locally administered.
fn mac(tag: &str, port: u8) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in tag.bytes().chain([port]) {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    let b = h.to_be_bytes();
    format!(
        "02:{:02x}:{:02x}:{:02x}:{:02x}:{:02x}",
        b[0], b[1], b[2], b[3], b[4]
    )
}

fn health(h: HostHealth) -> (types::SubSystemHealthRollupStatus, Option<&'static str>) {
    use types::SubSystemHealthRollupStatus as S;
    match h {
        HostHealth::Healthy => (S::Healthy, None),
        HostHealth::Warning => (S::Warning, Some("FAN")),
        HostHealth::Critical => (S::Critical, Some("POWER_SUPPLY")),
    }
}

const SUBSYSTEMS: [&str; 9] = [
    "CURRENT",
    "VOLTAGE",
    "POWER_SUPPLY",
    "PROCESSOR",
    "MEMORY",
    "TEMPERATURE",
    "FAN",
    "BATTERY",
    "STORAGE",
];

impl Omevv {
    pub(crate) fn today(&self) -> i64 {
        self.clock.now_ms().div_euclid(86_400_000)
    }

    /// A managed host and what its hardware reports now.
    async fn hardware<'a>(
        &self,
        console: &Console<'a>,
        id: i64,
    ) -> Result<(Placed<'a>, HostHealth), OmevvError> {
        let h = self.managed(console, id).await?;
        let s = self.db.read().await;
        let state = host_state(&*s, h.host);
        Ok((h, state.health))
    }

    pub async fn sub_system_health(
        &self,
        console: &Console<'_>,
        id: i64,
    ) -> Result<types::DeviceSubSystemHealth, OmevvError> {
        let (h, state) = self.hardware(console, id).await?;
        let (status, failing) = health(state);
        Ok(types::DeviceSubSystemHealth {
            device_id: Some(h.id()),
            sub_system_health: SUBSYSTEMS
                .iter()
                .map(|name| {
                    let bad = failing == Some(*name);
                    types::SubSystemHealth {
                        sub_system: name.parse().ok(),
                        rollup_status: Some(if bad {
                            status
                        } else {
                            types::SubSystemHealthRollupStatus::Healthy
                        }),
                        fault_list: if bad {
                            vec![types::FaultModel {
                                sub_system: Some((*name).into()),
                                fqdd: Some(
                                    if *name == "FAN" {
                                        "Fan.Embedded.1A"
                                    } else {
                                        "PSU.Slot.2"
                                    }
                                    .into(),
                                ),
                                severity: Some(status.to_string()),
                                message_id: Some(
                                    if *name == "FAN" { "FAN0001" } else { "PSU0003" }.into(),
                                ),
                                message: Some(
                                    if *name == "FAN" {
                                        "Fan 1A RPM is less than the lower warning threshold."
                                    } else {
                                        "The power supply 2 is not providing power."
                                    }
                                    .into(),
                                ),
                                recommended_action: Some(
                                    "Check the component and replace it if needed.".into(),
                                ),
                            }]
                        } else {
                            Vec::new()
                        },
                    }
                })
                .collect(),
        })
    }

    pub async fn sensor_health(
        &self,
        console: &Console<'_>,
        id: i64,
    ) -> Result<types::DeviceSensorHealth, OmevvError> {
        let sub = self.sub_system_health(console, id).await?;
        use types::ComponentSensorHealthDataComponentHealth as C;
        Ok(types::DeviceSensorHealth {
            device_id: sub.device_id,
            sub_system_sensor_health: sub
                .sub_system_health
                .into_iter()
                .map(|s| {
                    let rollup = s.rollup_status.map(|r| r.to_string()).unwrap_or_default();
                    let component = s.fault_list.first().and_then(|f| f.fqdd.clone());
                    types::SubSystemSensorHealth {
                        sub_system_name: s.sub_system.and_then(|n| n.to_string().parse().ok()),
                        sub_system_rollup: rollup.parse().ok(),
                        reason: s.fault_list.first().and_then(|f| f.message.clone()),
                        component_sensor_health: component
                            .map(|name| types::ComponentSensorHealthData {
                                component_name: Some(name),
                                component_health: rollup.parse::<C>().ok(),
                            })
                            .into_iter()
                            .collect(),
                    }
                })
                .collect(),
        })
    }

    /// The managed hosts of the console, or of one group.
    pub(crate) async fn managed_of<'a>(
        &self,
        console: &Console<'a>,
        group: Option<i64>,
    ) -> Result<Vec<(Placed<'a>, HostHealth)>, OmevvError> {
        if let Some(g) = group {
            console.group(g)?;
        }
        let now = self.clock.now_ms();
        let s = self.db.read().await;
        Ok(console
            .hosts()
            .filter(|h| group.is_none_or(|g| h.group() == g))
            .filter(|h| managed(s.omevv(), h.id(), now))
            .map(|h| {
                let health = host_state(&*s, h.host).health;
                (h, health)
            })
            .collect())
    }

    pub async fn health_summary(
        &self,
        console: &Console<'_>,
    ) -> Result<types::HealthSummary, OmevvError> {
        let all = self.managed_of(console, None).await?;
        let count = |x: HostHealth| all.iter().filter(|(_, h)| *h == x).count() as i64;
        Ok(types::HealthSummary {
            healthy: Some(count(HostHealth::Healthy)),
            warning: Some(count(HostHealth::Warning)),
            critical: Some(count(HostHealth::Critical)),
            unknown: Some(0),
        })
    }

    pub async fn resource_count(
        &self,
        console: &Console<'_>,
        group: i64,
    ) -> Result<types::HardwareResourceResponse, OmevvError> {
        let n = self.managed_of(console, Some(group)).await?.len() as i64;
        Ok(types::HardwareResourceResponse {
            cpu_count: Some(n * HOST_SOCKETS),
            virtual_disk_size: Some(format!("{} GB", n * 960)),
            total_energy_conumption: Some(format!("{} kWh", n * 4_200)),
            total_memory: Some(format!("{} GB", n * DIMMS * HOST_DIMM_GB)),
        })
    }

    pub async fn rac(
        &self,
        console: &Console<'_>,
        id: i64,
    ) -> Result<types::RacResponse, OmevvError> {
        let (h, _) = self.hardware(console, id).await?;
        let c = &h.host.config;
        Ok(types::RacResponse {
            ip_address: Some(c.idrac_ip.clone()),
            mac_address: Some(mac(&c.service_tag, 0)),
            url: Some(format!("https://{}", c.idrac_ip)),
        })
    }

    pub async fn power_supplies(
        &self,
        console: &Console<'_>,
        id: i64,
    ) -> Result<Vec<types::PowerSupply>, OmevvError> {
        let (h, state) = self.hardware(console, id).await?;
        Ok((1..=2)
            .map(|n| {
                let failed = n == 2 && state == HostHealth::Critical;
                types::PowerSupply {
                    id: Some(h.id() * 10 + n),
                    output_watts: Some(if failed { 0 } else { PSU_WATTS }),
                    name: Some(format!("PS{n} Status")),
                    location: Some(format!("PSU.Slot.{n}")),
                    status: Some(if failed { "Critical" } else { "OK" }.into()),
                    state: Some(if failed { "Failed" } else { "Present" }.into()),
                }
            })
            .collect())
    }

    pub async fn processors(
        &self,
        console: &Console<'_>,
        id: i64,
    ) -> Result<Vec<types::Processor>, OmevvError> {
        let (h, _) = self.hardware(console, id).await?;
        Ok((1..=HOST_SOCKETS)
            .map(|n| types::Processor {
                id: Some(h.id() * 10 + n),
                family: Some("Intel(R) Xeon(TM)".into()),
                max_speed: Some(4000),
                current_speed: Some(2100),
                status: Some(2),
                number_of_cores: Some(CORES),
                number_of_enabled_cores: Some(CORES),
                brand_name: Some("Intel".into()),
                model_name: Some("Intel(R) Xeon(R) Gold 6230 CPU @ 2.10GHz".into()),
                instance_id: Some(format!("CPU.Socket.{n}")),
            })
            .collect())
    }

    pub async fn memory(
        &self,
        console: &Console<'_>,
        id: i64,
    ) -> Result<types::MemoryResponse, OmevvError> {
        self.hardware(console, id).await?;
        Ok(types::MemoryResponse {
            num_slots_used: Some(DIMMS),
            num_slots_available: Some(DIMM_SLOTS - DIMMS),
            installed_size: Some(format!("{} GB", DIMMS * HOST_DIMM_GB)),
            memory_list: (1..=DIMMS)
                .map(|n| types::Memory {
                    name: Some(format!(
                        "DIMM.Socket.{}{}",
                        if n <= DIMMS / 2 { 'A' } else { 'B' },
                        (n - 1) % (DIMMS / 2) + 1
                    )),
                    size: Some(format!("{} MB", HOST_DIMM_GB * 1024)),
                    type_: Some("DDR4".into()),
                    speed: Some("2933 MHz".into()),
                    current_operating_speed: Some("2933 MHz".into()),
                })
                .collect(),
        })
    }

    pub async fn nics(
        &self,
        console: &Console<'_>,
        id: i64,
    ) -> Result<Vec<types::NicDetail>, OmevvError> {
        let (h, _) = self.hardware(console, id).await?;
        let nic = COMPONENTS
            .iter()
            .find(|c| c.source_name.contains("NIC."))
            .map_or("", |c| c.name);
        Ok((1..=4u8)
            .map(|port| types::NicDetail {
                product_name: Some(nic.into()),
                manufacturer: Some("Broadcom Corp".into()),
                mac_address: Some(mac(&h.host.config.service_tag, port)),
                fqdd: Some(format!("NIC.Embedded.{}-1-1", port)),
                link_status: Some(if port <= 2 { "Up" } else { "Down" }.into()),
            })
            .collect())
    }

    pub async fn frus(
        &self,
        console: &Console<'_>,
        id: i64,
    ) -> Result<Vec<types::Fru>, OmevvError> {
        let (h, _) = self.hardware(console, id).await?;
        let tag = &h.host.config.service_tag;
        let fru = |n: i64, name: &str, part: &str| types::Fru {
            id: Some(h.id() * 10 + n),
            manufacturer: Some("DELL".into()),
            name: Some(name.into()),
            part_number: Some(part.into()),
            serial_number: Some(format!("CN{tag}{n:02}")),
        };
        Ok(vec![
            fru(1, "System Board", "0PHYDR"),
            fru(2, "PS1", "0PJMDN"),
            fru(3, "PS2", "0PJMDN"),
            fru(4, "PERC H740P Mini", "0WRPXN"),
        ])
    }

    pub async fn power(
        &self,
        console: &Console<'_>,
        id: i64,
    ) -> Result<types::PowerResponse, OmevvError> {
        let (_, state) = self.hardware(console, id).await?;
        let since = crate::world::firmware::INSTALLED_AT.to_string();
        let now = crate::clock::rfc3339(self.clock.now_ms());
        let headroom = if state == HostHealth::Critical {
            0
        } else {
            2 * PSU_WATTS - 512
        };
        let s = |v: &str| Some(v.to_string());
        Ok(types::PowerResponse {
            peak_power: s("512"),
            peak_power_start_time_stamp: Some(since.clone()),
            peak_power_end_time_stamp: Some(now.clone()),
            peak_power_unit: s("W"),
            system_energy_consumption: s("4200"),
            system_energy_consumption_start_time_stamp: Some(since),
            system_energy_consumption_end_time_stamp: Some(now),
            system_energy_consumption_unit: s("kWh"),
            instantaneous_headroom: Some(headroom.to_string()),
            instantaneous_headroom_unit: s("W"),
            peak_headroom: Some(headroom.to_string()),
            peak_headroom_unit: s("W"),
        })
    }

    pub async fn overview(
        &self,
        console: &Console<'_>,
        id: i64,
    ) -> Result<types::HostOverview, OmevvError> {
        let (h, state) = self.hardware(console, id).await?;
        let firmware = self.host_firmware(console, id).await?;
        let version = |name: &str| {
            firmware
                .iter()
                .find(|f| f.device_description.as_deref() == Some(name))
                .and_then(|f| f.version.clone())
        };
        let c = &h.host.config;
        Ok(types::HostOverview {
            id: Some(h.id()),
            host_name: Some(c.name.clone()),
            host_ip: Some(c.ip.clone()),
            service_tag: Some(c.service_tag.clone()),
            model: Some(c.model.clone()),
            idrac_ip: Some(c.idrac_ip.clone()),
            health_status: Some(match state {
                HostHealth::Healthy => types::HostOverviewHealthStatus::Healthy,
                HostHealth::Warning => types::HostOverviewHealthStatus::Warning,
                HostHealth::Critical => types::HostOverviewHealthStatus::Critical,
            }),
            power_state: Some(types::HostOverviewPowerState::On),
            bios_version: version("BIOS"),
            idrac_firmware_version: version("Integrated Dell Remote Access Controller"),
            hypervisor: Some("VMware ESXi 7.0.3 build-21930508".into()),
            cluster_name: h.cluster.map(|c| c.name.clone()),
            omevvp_group_id: Some(h.group()),
        })
    }
}
