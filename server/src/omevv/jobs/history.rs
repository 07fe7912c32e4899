//! What a job's run did, host by host (`ExecutionHistoryDetails`): messages made from the job
//! and the world as the sandbox clock passes each host's turn, never stored.

use super::super::errors::OmevvError;
use super::super::tables::{ComplianceAction, JobRow, JobWork, OmevvTables};
use super::super::{Console, Omevv};
use super::{find, Family};
use crate::clock::rfc3339;
use crate::generated::omevv::types;

impl Omevv {
    /// The messages of run `hid` of job `id` (a job has one run, numbered as the job), oldest
    /// first, up to now.
    pub async fn history_details(
        &self,
        console: &Console<'_>,
        family_of: Family,
        id: i64,
        hid: i64,
    ) -> Result<Vec<types::MessageLog>, OmevvError> {
        let now = self.clock.now_ms();
        let s = self.db.read().await;
        let t = s.omevv();
        let j = find(t, &console.uuid, family_of, id)?;
        let ran = hid == id
            && j.cancelled_ms.is_none()
            && j.starts_ms <= now
            && !matches!(j.work, JobWork::Drift { .. });
        if !ran {
            return Err(OmevvError::NotFound("execution history", hid.to_string()));
        }
        let mut log = Vec::new();
        for (host, from, to) in j.turns() {
            let who = match console.host(host) {
                Ok(h) => format!("{} ({})", h.host.config.name, h.host.config.service_tag),
                Err(_) => format!("Host {host}"),
            };
            let (start, end) = self.turn_messages(console, t, j, host, from, to);
            log.push((from, format!("{who}: {start}")));
            log.push((to, format!("{who}: {end}")));
        }
        if let (Some(&(_, _, last)), JobWork::Update { failing, .. }) = (j.turns().last(), &j.work)
        {
            let total = j.turns().len();
            log.push((
                last,
                if failing.is_empty() {
                    "Job completed successfully".to_string()
                } else {
                    format!("Job failed on {} of {total} hosts", failing.len())
                },
            ));
        }
        log.sort_by_key(|(at, _)| *at);
        Ok(log
            .into_iter()
            .filter(|(at, _)| *at <= now)
            .map(|(at, message)| types::MessageLog {
                updated_time: rfc3339(at),
                message,
            })
            .collect())
    }

    /// What a host's turn says when it starts and when it ends.
    fn turn_messages(
        &self,
        console: &Console<'_>,
        t: &OmevvTables,
        j: &JobRow,
        host: i64,
        from: i64,
        to: i64,
    ) -> (String, String) {
        let compliant = |at: i64| {
            console
                .host(host)
                .is_ok_and(|h| self.snmp_configured(t, &h, at))
        };
        match &j.work {
            JobWork::Update {
                targets, failing, ..
            } => {
                let components = targets
                    .iter()
                    .find(|t| t.host_id == host)
                    .map(|t| t.components.join(", "))
                    .unwrap_or_default();
                let end = if failing.contains(&host) {
                    "update failed: the host's health is critical; nothing was changed".into()
                } else {
                    format!(
                        "{components} updated to the baseline's versions; exited maintenance mode"
                    )
                };
                (
                    format!("entered maintenance mode; updating {components}"),
                    end,
                )
            }
            JobWork::Manage { manage, action, .. } => (
                format!("{action} started"),
                if *manage {
                    "managed by OMEVV".into()
                } else {
                    "no longer managed by OMEVV".into()
                },
            ),
            JobWork::Compliance { action, .. } => {
                let start = match action {
                    ComplianceAction::CheckWithInventory => {
                        "inventory collected; checking compliance"
                    }
                    ComplianceAction::Check => "checking compliance",
                    ComplianceAction::Fix => "fixing compliance",
                };
                let end = match (action, compliant(from), compliant(to)) {
                    (ComplianceAction::Fix, true, _) => "already compliant; nothing to fix",
                    (ComplianceAction::Fix, false, _) => {
                        "OMEVV configured as the iDRAC's SNMP trap destination; compliant"
                    }
                    (_, _, true) => "compliant",
                    (_, _, false) => {
                        "not compliant: the iDRAC does not send SNMP traps to OMEVV (FixCompliance configures it)"
                    }
                };
                (start.into(), end.into())
            }
            JobWork::Drift { .. } => (String::new(), String::new()),
        }
    }
}
