//! Backups and restores of the appliance's settings (the `Backup and restore` tag, E113). A
//! backup started now takes a minute of the sandbox clock and leaves an archive of the selected
//! settings, as they were when it started, in its file server's directory; a restore reads such
//! an archive back on a deployment without data sources. File servers are named, never
//! contacted; passwords are checked and never kept.

mod api;
mod archive;
mod schedule;
mod target;

pub use schedule::ScheduledBackups;

use archive::Archive;

use super::applications;
use super::errors::AriaError;
use super::nodes::{node_id, CUSTOMER};
use super::tables::{
    AriaTables, BackupConfigRow, BackupFileRow, BackupRunRow, EventRow, SearchAlertRow, BACKUP,
    RESTORE,
};
use super::Aria;
use crate::generated::aria_networks::types;

/// How long a backup or restore runs, in seconds of the sandbox clock.
const RUN_SECS: i64 = 60;

fn not_configured() -> AriaError {
    AriaError::NotFound("No backup is configured".into())
}

fn status(run: &BackupRunRow, now: i64) -> types::BackupRestoreStatusResponse {
    let done = now >= run.started + RUN_SECS;
    let at = if done {
        run.started + RUN_SECS
    } else {
        run.started
    };
    types::BackupRestoreStatusResponse {
        status: if done { "SUCCESS" } else { "IN_PROGRESS" }.into(),
        backup_file_name: run.file_name.clone(),
        status_updated_timestamp: crate::clock::rfc3339(at * 1000),
        failed_components: Vec::new(),
    }
}

/// Whether the event names an SNMP profile that is not there.
fn traps_missing(e: &EventRow, t: &AriaTables) -> bool {
    let ids = e
        .event
        .get("snmp_trap_entity_ids")
        .and_then(|v| v.as_array());
    ids.is_some_and(|ids| {
        ids.iter()
            .any(|p| p.as_str().is_none_or(|p| !t.snmp_profiles.contains(p)))
    })
}

/// At most this many archives are kept; a new one replaces the oldest.
const MAX_ARCHIVES: usize = 20;

/// Starts a backup at `at`: its archive holds the selected settings as they are, in `location`,
/// readable once the run is done; the oldest archive goes when [`MAX_ARCHIVES`] are kept.
fn write_backup(
    t: &mut AriaTables,
    filter: Option<&types::ConfigDataFilter>,
    location: &str,
    at: i64,
) -> Result<(), AriaError> {
    let archive = archive::capture(t, filter, at)?;
    let file_name = backup_file_name(at);
    let file = BackupFileRow {
        written: at + RUN_SECS,
        archive: serde_json::to_value(&archive).map_err(|e| AriaError::Internal(e.to_string()))?,
    };
    if t.backup_files.len() >= MAX_ARCHIVES {
        let oldest = (t.backup_files.iter())
            .min_by_key(|(_, f)| f.written)
            .map(|(k, _)| k.to_string());
        if let Some(k) = oldest {
            t.backup_files.remove(&k);
        }
    }
    t.backup_files
        .insert(format!("{location}/{file_name}"), file);
    let run = BackupRunRow {
        started: at,
        file_name,
    };
    t.backup_runs.insert(BACKUP.into(), run);
    Ok(())
}

/// The archive's file name, as the appliance names its backups.
fn backup_file_name(started: i64) -> String {
    let t = crate::clock::rfc3339(started * 1000);
    // 2026-12-03T08:30:00Z → 2026-12-03-08-30-00
    let stamp: String = t[..19].replace(['T', ':'], "-");
    format!("vrni_backup-{CUSTOMER}-{stamp}.tar")
}

impl Aria {
    pub async fn backup_config(&self) -> Result<types::BackupRestoreRequest, AriaError> {
        let state = self.db.read().await;
        let row = state
            .aria()
            .backup_configs
            .get(BACKUP)
            .ok_or_else(not_configured)?;
        Ok(row.request.clone())
    }

    /// Sets the configuration (`replace`: only over an existing one); with `schedule_now`, a
    /// backup starts in the same transaction.
    pub async fn configure_backup(
        &self,
        request: &types::BackupRestoreRequest,
        replace: bool,
    ) -> Result<types::BackupRestoreRequest, AriaError> {
        let target = target::of(request)?;
        target::check_schedule(request.backup_schedule.as_ref())?;
        let stored = target::without_secrets(request);
        self.db
            .write(|s| {
                // Read under the lock: after the scheduled backups that ran before this.
                let now = self.clock.now_secs();
                let t = s.aria_mut();
                if replace && !t.backup_configs.contains(BACKUP) {
                    return Err(not_configured());
                }
                if request.schedule_now {
                    let running = t.backup_runs.get(BACKUP);
                    if running.is_some_and(|r| now < r.started + RUN_SECS) {
                        return Err(AriaError::InvalidInput(
                            "A backup is in progress; start another when it is done".into(),
                        ));
                    }
                    write_backup(t, request.data_filter.as_ref(), &target.location, now)?;
                }
                let row = BackupConfigRow {
                    request: stored.clone(),
                    at: now,
                    location: target.location.clone(),
                    scheduled_through: None,
                };
                t.backup_configs.insert(BACKUP.into(), row);
                Ok(stored)
            })
            .await
    }

    /// Turns the schedule on or off (PowervRNI's `Enable-`/`Disable-vRNIBackup`).
    pub async fn set_backup_schedule(
        &self,
        enable: bool,
    ) -> Result<types::BackupRestoreRequest, AriaError> {
        self.db
            .write(|s| {
                // Read under the lock: after the scheduled backups that ran before this.
                let now = self.clock.now_secs();
                let t = &mut s.aria_mut().backup_configs;
                let mut row = t.get(BACKUP).cloned().ok_or_else(not_configured)?;
                let schedule = row
                    .request
                    .backup_schedule
                    .get_or_insert_with(Default::default);
                schedule.enable = enable;
                target::check_schedule(Some(schedule))?;
                // What fell due has run (before this change); a schedule turned on runs from now.
                row.scheduled_through = Some(now);
                let answer = row.request.clone();
                t.insert(BACKUP.into(), row);
                Ok(answer)
            })
            .await
    }

    pub async fn delete_backup_config(&self) -> Result<(), AriaError> {
        self.db
            .write(|s| {
                let t = &mut s.aria_mut().backup_configs;
                t.remove(BACKUP).map(|_| ()).ok_or_else(not_configured)
            })
            .await
    }

    /// The last backup's or restore's status (`which`: [`BACKUP`] or [`RESTORE`]).
    pub async fn backup_status(
        &self,
        which: &str,
    ) -> Result<types::BackupRestoreStatusResponse, AriaError> {
        self.db.catch_up().await;
        let now = self.clock.now_secs();
        let state = self.db.read().await;
        let run = state
            .aria()
            .backup_runs
            .get(which)
            .ok_or_else(|| AriaError::NotFound(format!("No {which} has run")))?;
        Ok(status(run, now))
    }

    pub async fn restore_config(&self) -> Result<types::BackupRestoreRequest, AriaError> {
        let state = self.db.read().await;
        let row = (state.aria().backup_configs.get(RESTORE))
            .ok_or_else(|| AriaError::NotFound("No restore has been requested".into()))?;
        Ok(row.request.clone())
    }

    /// Restores the named archive in one transaction: any refusal changes nothing.
    pub async fn restore(
        &self,
        request: &types::BackupRestoreRequest,
    ) -> Result<types::BackupRestoreRequest, AriaError> {
        let target = target::of(request)?;
        let file = target.file.clone().ok_or_else(|| {
            AriaError::InvalidInput("backup_file_name: the file to restore is needed".into())
        })?;
        let now = self.clock.now_secs();
        let stored = target::without_secrets(request);
        self.db
            .write(|s| {
                let t = s.aria_mut();
                let sources = t.data_sources.len();
                if sources > 0 {
                    return Err(AriaError::InvalidInput(format!(
                        "A restore needs a clean deployment: remove the {sources} data sources first"
                    )));
                }
                let at = format!("{}/{file}", target.location);
                let foreign = || {
                    AriaError::InvalidInput(format!(
                        "{file} in {} is not a backup this appliance can read",
                        target.location
                    ))
                };
                let row = t.backup_files.get(&at).ok_or_else(foreign)?;
                if now < row.written {
                    return Err(AriaError::InvalidInput(format!(
                        "{file} is still being written; restore it when the backup is done"
                    )));
                }
                let archive: Archive =
                    serde_json::from_value(row.archive.clone()).map_err(|_| foreign())?;
                if archive.format != archive::FORMAT {
                    return Err(foreign());
                }
                let applications = applications::snapshot(t);
                archive::restore(t, &archive, request.data_filter.as_ref())?;
                // The databus hears of what the restore made, changed and removed (E127).
                applications::note_replaced(t, &applications, now);
                self.settle_restored(t, now)?;
                t.backup_runs.insert(
                    RESTORE.into(),
                    BackupRunRow {
                        started: now,
                        file_name: file.clone(),
                    },
                );
                let row = BackupConfigRow {
                    request: stored.clone(),
                    at: now,
                    location: target.location.clone(),
                    scheduled_through: None,
                };
                t.backup_configs.insert(RESTORE.into(), row);
                Ok(stored)
            })
            .await
    }

    /// What a restore must leave as the rest of the API would: restored data sources start
    /// collecting now (not when the backup was taken), only where a valid licence covers their
    /// type, through nodes that are still there; events trap only to profiles that are there.
    fn settle_restored(&self, t: &mut AriaTables, now: i64) -> Result<(), AriaError> {
        let coverage = self.coverage(t, now);
        let ids: Vec<String> = t.data_sources.iter().map(|(k, _)| k.to_string()).collect();
        for id in ids {
            let Some(mut row) = t.data_sources.get(&id).cloned() else {
                continue;
            };
            let proxy = row.text("proxy_id").unwrap_or_default();
            let present = self.config.nodes.iter().any(|n| node_id(n) == proxy);
            if !present || t.removed_nodes.contains(proxy) {
                return Err(AriaError::InvalidInput(format!(
                    "The data source {id} collects through the node {proxy}, removed since the backup (see /infra/nodes)"
                )));
            }
            // Web proxies are not in a backup: one a restored data source names must be there.
            if let Some(p) = row.text("web_proxy_id").filter(|p| !p.is_empty()) {
                if !t.web_proxies.contains(p) {
                    return Err(AriaError::InvalidInput(format!(
                        "The data source {id} names the web proxy {p}, which is not configured; add it first"
                    )));
                }
            }
            if row.collecting_since.is_some() {
                coverage.check(row.kind.segment(), row.kind.label())?;
                row.collecting_since = Some(now);
            }
            row.forced_poll = None;
            t.data_sources.insert(id, row);
        }
        if let Some((_, e)) = (t.events.iter()).find(|(_, e)| traps_missing(e, t)) {
            return Err(AriaError::InvalidInput(format!(
                "The event {:?} would send traps to an SNMP profile the restore leaves out; restore events and snmp together",
                e.name()
            )));
        }
        let alert_missing =
            |a: &&SearchAlertRow| (a.snmp_receivers()).any(|p| !t.snmp_profiles.contains(p));
        if let Some(a) = t.search_alerts.values().find(alert_missing) {
            return Err(AriaError::InvalidInput(format!(
                "The search-based alert {:?} sends traps to an SNMP profile the restore leaves out",
                a.name()
            )));
        }
        Ok(())
    }

    pub async fn delete_restore_config(&self) -> Result<(), AriaError> {
        self.db
            .write(|s| {
                let t = s.aria_mut();
                t.backup_runs.remove(RESTORE);
                (t.backup_configs.remove(RESTORE))
                    .map(|_| ())
                    .ok_or_else(|| AriaError::NotFound("No restore has been requested".into()))
            })
            .await
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn file_names_carry_the_start() {
        assert_eq!(
            super::backup_file_name(1_764_750_600),
            "vrni_backup-18230-2025-12-03-08-30-00.tar"
        );
    }
}
