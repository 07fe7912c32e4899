//! Firmware (Firmware tag): drift reports that compare what each host runs now with Dell's
//! catalog, and update jobs (`jobs`) that bring components up to it on the sandbox clock.
//!
//! What a host runs is the world's (`world::firmware`): the catalog's version, or an older one
//! while the host is drifted, until an update job that covered the component completes on it.

mod api;
mod jobs;

use super::errors::OmevvError;
use super::inventory::{host_state, Placed};
use super::tables::OmevvState;
use super::{Console, Omevv};
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

fn host_report(s: &dyn OmevvState, h: &Placed<'_>, now: i64) -> types::HostComplianceReport {
    use types::HostComplianceReportComplianceStatus as Status;
    let state = host_state(s, h.host);
    let components: Vec<_> = COMPONENTS
        .iter()
        .map(|c| {
            let updated = s.updated(&h.host.id, c.source_name, state.drift_since_ms, now);
            let current = c.installed(state.drift, updated);
            compliance(c, current)
        })
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
        let h = console.host(host)?;
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
}
