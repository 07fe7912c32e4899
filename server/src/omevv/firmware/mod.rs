//! Firmware (Firmware tag): drift reports that compare what each host runs now with Dell's
//! catalog, and update jobs (`jobs`) that bring components up to it on the sandbox clock.
//!
//! What a host runs is the world's (`world::firmware`): the catalog's version, or an older one
//! while the host is drifted, until an update job that covered the component completes on it.

mod api;
mod jobs;

use super::errors::OmevvError;
use super::inventory::{host_state, Placed};
use super::tables::{managed, OmevvState};
use super::{paging, Console, Omevv};
use crate::generated::omevv::types;
use crate::world::firmware::{Component, COMPONENTS};

fn compliance(c: &Component, current: &str) -> types::ComponentCompliance {
    use types::ComponentComplianceComplianceStatus as Status;
    let equal = current == c.catalog;
    types::ComponentCompliance {
        drift_status: Some(if equal {
            types::ComponentComplianceDriftStatus::Compliant
        } else {
            types::ComponentComplianceDriftStatus::NonCompliant
        }),
        component_name: Some(c.name.into()),
        current_value: Some(current.into()),
        baseline_value: Some(c.catalog.into()),
        criticality: Some(match c.criticality {
            "Urgent" => types::ComponentComplianceCriticality::Urgent,
            "Recommended" => types::ComponentComplianceCriticality::Recommended,
            _ => types::ComponentComplianceCriticality::Optional,
        }),
        update_action: Some(if equal {
            types::ComponentComplianceUpdateAction::Equal
        } else {
            types::ComponentComplianceUpdateAction::Upgrade
        }),
        source_name: Some(c.source_name.into()),
        compliance_status: Some(match (equal, c.criticality) {
            (true, _) => Status::Ok,
            (false, "Urgent") => Status::Critical,
            (false, _) => Status::Warning,
        }),
        reboot_required: Some(c.reboot_required && !equal),
    }
}

/// What the host runs of each component now (E65).
pub(crate) fn installed(
    s: &dyn OmevvState,
    h: &Placed<'_>,
    now: i64,
) -> Vec<(&'static Component, &'static str)> {
    let state = host_state(s, h.host);
    COMPONENTS
        .iter()
        .map(|c| {
            let updated = s.updated(&h.host.id, c.source_name, state.drift_since_ms, now);
            (c, c.installed(state.drift, updated))
        })
        .collect()
}

/// When the sandbox's hosts had their firmware installed (as OMIVV's inventory says).
const INSTALLED: &str = crate::world::firmware::INSTALLED_AT;

fn firmware_view(c: &Component, version: &str) -> types::Firmware {
    let (kind, description) = match (c.driver, c.name) {
        (true, _) => ("DRVR", "Driver"),
        (false, "BIOS") => ("BIOS", "BIOS"),
        (false, _) => ("FRMW", "Firmware"),
    };
    types::Firmware {
        version: Some(version.into()),
        installation_date: Some(INSTALLED.into()),
        status: Some("Installed".into()),
        software_type: Some(kind.into()),
        component_type: Some(types::DeviceComponentType {
            id: None,
            name: Some(kind.into()),
            description: Some(description.into()),
        }),
        component_id: Some(c.source_name.into()),
        device_description: Some(c.name.into()),
        instance_id: Some(c.source_name.into()),
    }
}

fn host_report(s: &dyn OmevvState, h: &Placed<'_>, now: i64) -> types::HostComplianceReport {
    use types::HostComplianceReportComplianceStatus as Status;
    let components: Vec<_> = installed(s, h, now)
        .into_iter()
        .map(|(c, current)| compliance(c, current))
        .collect();
    let worst =
        components
            .iter()
            .filter_map(|c| c.compliance_status)
            .fold(Status::Ok, |worst, c| {
                use types::ComponentComplianceComplianceStatus as C;
                match (worst, c) {
                    (Status::Critical, _) | (_, C::Critical) => Status::Critical,
                    (Status::Warning, _) | (_, C::Warning) => Status::Warning,
                    (w, _) => w,
                }
            });
    types::HostComplianceReport {
        host_id: Some(h.id()),
        host_address: Some(h.host.config.ip.clone()),
        service_tag: Some(h.host.config.service_tag.clone()),
        device_model: Some(h.host.config.model.clone()),
        compliance_status: Some(worst),
        component_compliances: components,
    }
}

fn drift_response(reports: Vec<types::HostComplianceReport>) -> types::FirmwareDriftResponse {
    use types::HostComplianceReportComplianceStatus as Host;
    let compliant = reports
        .iter()
        .all(|r| r.compliance_status == Some(Host::Ok));
    types::FirmwareDriftResponse {
        compliance_status: Some(if compliant {
            types::FirmwareDriftResponseComplianceStatus::Compliant
        } else {
            types::FirmwareDriftResponseComplianceStatus::NonCompliant
        }),
        host_compliance_reports: reports,
    }
}

impl Omevv {
    /// The drift report of every host of a group, against Dell's catalog.
    pub async fn group_drift(
        &self,
        console: &Console<'_>,
        group: i64,
    ) -> Result<types::FirmwareDriftResponse, OmevvError> {
        console.group(group)?;
        let now = self.clock.now_ms();
        let s = self.db.read().await;
        let reports = console
            .group_hosts(group)
            .filter(|h| managed(s.omevv(), h.id(), now))
            .map(|h| host_report(&*s, &h, now))
            .collect();
        Ok(drift_response(reports))
    }

    pub async fn host_drift(
        &self,
        console: &Console<'_>,
        group: i64,
        host: i64,
    ) -> Result<types::FirmwareDriftResponse, OmevvError> {
        console.group(group)?;
        let h = self.managed(console, host).await?;
        if h.group() != group {
            return Err(OmevvError::NotFound(
                "host",
                format!("{host} in group {group}"),
            ));
        }
        let now = self.clock.now_ms();
        let s = self.db.read().await;
        Ok(drift_response(vec![host_report(&*s, &h, now)]))
    }

    /// What a host runs, component by component.
    pub async fn host_firmware(
        &self,
        console: &Console<'_>,
        host: i64,
    ) -> Result<Vec<types::Firmware>, OmevvError> {
        let h = self.managed(console, host).await?;
        let now = self.clock.now_ms();
        let s = self.db.read().await;
        Ok(installed(&*s, &h, now)
            .into_iter()
            .map(|(c, v)| firmware_view(c, v))
            .collect())
    }

    /// One row per host of the group and component, a page of them.
    pub async fn group_firmware(
        &self,
        console: &Console<'_>,
        group: i64,
        skip: usize,
        top: usize,
    ) -> Result<types::GroupFirmwareInventoryCollectionModel, OmevvError> {
        console.group(group)?;
        let now = self.clock.now_ms();
        let s = self.db.read().await;
        let hosts: Vec<_> = console
            .group_hosts(group)
            .filter(|h| managed(s.omevv(), h.id(), now))
            .collect();
        let total = hosts.len() * COMPONENTS.len();
        let rows = hosts
            .iter()
            .flat_map(|h| installed(&*s, h, now).into_iter().map(move |cv| (h, cv)))
            .skip(skip)
            .take(top)
            .map(|(h, (c, v))| types::GroupDeviceFirmwareDetails {
                host: Some(h.host.config.name.clone()),
                service_tag: Some(h.host.config.service_tag.clone()),
                firmware: Some(firmware_view(c, v)),
            })
            .collect();
        Ok(types::GroupFirmwareInventoryCollectionModel {
            paging_info: Some(paging(total, skip, top)),
            group_firmware_inventory_device_model: rows,
        })
    }

    /// A group's firmware compliance in counts of hosts: critical (an urgent component behind),
    /// warning (another behind), normal.
    pub async fn group_compliance(
        &self,
        console: &Console<'_>,
        group: i64,
    ) -> Result<types::GroupComplianceSummaryReport, OmevvError> {
        use types::HostComplianceReportComplianceStatus as Host;
        let report = self.group_drift(console, group).await?;
        let count = |s: Host| {
            report
                .host_compliance_reports
                .iter()
                .filter(|r| r.compliance_status == Some(s))
                .count() as i64
        };
        Ok(types::GroupComplianceSummaryReport {
            omevvp_group_id: Some(group),
            status: report
                .compliance_status
                .map(|s| s.to_string())
                .and_then(|s| s.parse().ok()),
            count_critical_devices: Some(count(Host::Critical)),
            count_warning_devices: Some(count(Host::Warning)),
            count_normal_devices: Some(count(Host::Ok)),
            count_downgraded_devices: Some(count(Host::Downgrade)),
            count_unknown_devices: Some(count(Host::Unknown)),
            count_notapplicable_devices: Some(0),
        })
    }
}
