//! A managed host's hardware log (`HardwareLogs`): what its iDRAC recorded, made from the world
//! and OMEVV's jobs as the sandbox clock passes them, newest first. Never stored: the log is a
//! view of the hardware's state and history.

use super::super::errors::OmevvError;
use super::super::inventory::host_state;
use super::super::tables::{ComplianceAction, JobWork};
use super::super::{paging, Console, Omevv};
use crate::clock::{parse_date_time, rfc3339};
use crate::generated::omevv::types;
use crate::world::HostHealth;

/// When the sandbox's hosts were installed (also the start of their power figures).
const INSTALLED: &str = crate::world::firmware::INSTALLED_AT;

use types::HardwareLogSeverity as Severity;

impl Omevv {
    pub async fn hardware_logs(
        &self,
        console: &Console<'_>,
        id: i64,
        skip: usize,
        top: usize,
    ) -> Result<types::HardwareLogResponse, OmevvError> {
        let h = self.managed(console, id).await?;
        let now = self.clock.now_ms();
        let s = self.db.read().await;
        let t = s.omevv();
        let mut log: Vec<(i64, Severity, String)> = vec![(
            parse_date_time(INSTALLED).unwrap_or(0),
            Severity::Informational,
            "The system was powered on and its inventory collected".into(),
        )];
        let state = host_state(&*s, h.host);
        match state.health {
            HostHealth::Healthy => {}
            HostHealth::Warning => log.push((
                state.health_since_ms,
                Severity::Warning,
                "Fan 3 speed is below the lower warning threshold".into(),
            )),
            HostHealth::Critical => log.push((
                state.health_since_ms,
                Severity::Critical,
                "Power supply 2 failed; power supply redundancy is lost".into(),
            )),
        }
        for j in t.jobs.values() {
            for (_, from, to) in j.turns().into_iter().filter(|(host, ..)| *host == id) {
                match &j.work {
                    JobWork::Update {
                        targets, failing, ..
                    } => {
                        let parts = targets
                            .iter()
                            .find(|t| t.host_id == id)
                            .map(|t| t.components.join(", "))
                            .unwrap_or_default();
                        log.push((
                            from,
                            Severity::Informational,
                            format!("Firmware update job {} started: {parts}", j.name),
                        ));
                        log.push(if failing.contains(&id) {
                            (
                                to,
                                Severity::Critical,
                                format!("Firmware update job {} failed", j.name),
                            )
                        } else {
                            (
                                to,
                                Severity::Informational,
                                format!("Firmware updated: {parts}"),
                            )
                        });
                    }
                    JobWork::Manage { manage, .. } => log.push((
                        to,
                        Severity::Informational,
                        if *manage {
                            "The host is managed by OMEVV".into()
                        } else {
                            "The host is no longer managed by OMEVV".into()
                        },
                    )),
                    JobWork::Compliance { action, .. } => {
                        if *action == ComplianceAction::CheckWithInventory {
                            log.push((
                                to,
                                Severity::Informational,
                                "The system inventory was collected".into(),
                            ));
                        }
                        if *action == ComplianceAction::Fix && !self.snmp_configured(t, &h, from) {
                            log.push((
                                to,
                                Severity::Informational,
                                "OMEVV was set as an SNMP trap destination".into(),
                            ));
                        }
                    }
                    JobWork::Drift { .. } => {}
                }
            }
        }
        log.retain(|(at, ..)| *at <= now);
        // Newest first; of equal times, the one made later first.
        log.reverse();
        log.sort_by_key(|(at, ..)| std::cmp::Reverse(*at));
        let total = log.len();
        Ok(types::HardwareLogResponse {
            paging_info: paging(total, skip, top),
            log_messages: log
                .into_iter()
                .skip(skip)
                .take(top)
                .map(|(at, severity, description)| types::HardwareLog {
                    severity,
                    timestamp: rfc3339(at),
                    description,
                })
                .collect(),
        })
    }
}
