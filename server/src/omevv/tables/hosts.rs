//! What OMEVV's jobs and vLCM's tasks have done to a host by a time, read off their rows.

use super::{ComplianceAction, HsmAction, JobWork, OmevvTables};

/// Whether an OMEVV update job that completed on host `host` (OMEVV's id) after `since` and by
/// `now` named `component`, or a vLCM pre-image update (every component) did: each host's turn
/// ends one after the other, and a failing host changes nothing.
pub fn updated_by_omevv(t: &OmevvTables, host: i64, component: &str, since: i64, now: i64) -> bool {
    let by_vlcm = t.hsm_tasks.values().any(|task| {
        task.action == HsmAction::PreImageUpdate
            && !task.failing.contains(&host)
            && task
                .turns()
                .into_iter()
                .any(|(h, _, end)| h == host && (since + 1..=now).contains(&end))
    });
    by_vlcm
        || t.jobs.values().any(|j| {
            let JobWork::Update {
                targets, failing, ..
            } = &j.work
            else {
                return false;
            };
            let named = |h: i64| {
                targets
                    .iter()
                    .any(|t| t.host_id == h && t.components.iter().any(|c| c == component))
            };
            j.turns().into_iter().any(|(h, _, end)| {
                h == host && named(h) && !failing.contains(&h) && (since + 1..=now).contains(&end)
            })
        })
}

/// Whether a job is working on host `host` (OMEVV's id) at `now`: an update (or vLCM's
/// pre-image update) puts it in maintenance mode.
pub fn in_maintenance(t: &OmevvTables, host: i64, now: i64) -> bool {
    let by_vlcm = t.hsm_tasks.values().any(|task| {
        task.action == HsmAction::PreImageUpdate
            && task
                .turns()
                .into_iter()
                .any(|(h, from, to)| h == host && (from..to).contains(&now))
    });
    by_vlcm
        || t.jobs.values().any(|j| {
            matches!(j.work, JobWork::Update { .. })
                && j.turns()
                    .into_iter()
                    .any(|(h, from, to)| h == host && (from..to).contains(&now))
        })
}

/// Whether OMEVV manages host `host` at `now`: as the last manage or unmanage job that has
/// finished with it said; every host is managed until one says otherwise.
pub fn managed(t: &OmevvTables, host: i64, now: i64) -> bool {
    t.jobs
        .values()
        .filter_map(|j| match &j.work {
            JobWork::Manage { manage, .. } => j
                .turns()
                .into_iter()
                .find(|(h, _, end)| *h == host && *end <= now)
                .map(|(_, _, end)| (end, *manage)),
            _ => None,
        })
        .max_by_key(|(end, _)| *end)
        .is_none_or(|(_, manage)| manage)
}

/// Whether a `FixCompliance` job has made OMEVV the SNMP trap destination of host `host`
/// (OMEVV's id) by `now`.
pub fn snmp_fixed(t: &OmevvTables, host: i64, now: i64) -> bool {
    t.jobs.values().any(|j| {
        matches!(
            j.work,
            JobWork::Compliance {
                action: ComplianceAction::Fix,
                ..
            }
        ) && j
            .turns()
            .into_iter()
            .any(|(h, _, end)| h == host && end <= now)
    })
}
