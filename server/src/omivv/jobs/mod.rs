//! Firmware update and drift detection jobs of a vCenter, on the sandbox clock.
//!
//! A job is stored with when it starts, how long it runs and how it ends; its state is read off
//! the clock (`SCHEDULED` before the start, `RUNNING` during, then `COMPLETED` or `FAILED`), so
//! that advancing the clock completes it and no timer has to run. Cancelling stores the moment.

mod api;
mod create;

use super::errors::OmivvError;
use super::sessions::Caller;
use super::tables::{JobRow, OmivvTables};
use super::Omivv;
use crate::clock::rfc3339;
use crate::generated::omivv::types;
use crate::omivv::links::Links;
use crate::omivv::tables::{JobOutcome, OmivvJobKind};

/// A job's state at an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobState {
    Scheduled,
    Running,
    Completed,
    Failed,
    Cancelled,
}

impl JobState {
    fn name(self) -> &'static str {
        match self {
            JobState::Scheduled => "SCHEDULED",
            JobState::Running => "RUNNING",
            JobState::Completed => "COMPLETED",
            JobState::Failed => "FAILED",
            JobState::Cancelled => "CANCELLED",
        }
    }

    pub fn wire(self) -> types::JobState {
        match self {
            JobState::Scheduled => types::JobState::Scheduled,
            JobState::Running => types::JobState::Running,
            JobState::Completed => types::JobState::Completed,
            JobState::Failed => types::JobState::Failed,
            JobState::Cancelled => types::JobState::Cancelled,
        }
    }

    fn finished(self) -> bool {
        matches!(
            self,
            JobState::Completed | JobState::Failed | JobState::Cancelled
        )
    }
}

impl JobRow {
    pub fn state(&self, now: i64) -> JobState {
        let end = self.starts_ms + self.duration_ms;
        match self.cancelled_ms {
            Some(_) => JobState::Cancelled,
            None if now < self.starts_ms => JobState::Scheduled,
            None if now < end => JobState::Running,
            None if self.outcome == JobOutcome::Failed => JobState::Failed,
            None => JobState::Completed,
        }
    }

    /// When the job finished (ran to its end or was cancelled), if it has.
    pub fn ended_ms(&self, now: i64) -> Option<i64> {
        let end = self.starts_ms + self.duration_ms;
        self.cancelled_ms.or((now >= end).then_some(end))
    }
}

impl Omivv {
    fn job_view(&self, id: &str, row: &JobRow, links: &Links, now: i64) -> types::Job {
        let state = row.state(now);
        let started = now >= row.starts_ms && row.cancelled_ms.is_none();
        let progress = match state {
            JobState::Running => (now - row.starts_ms) * 100 / row.duration_ms,
            JobState::Completed | JobState::Failed => 100,
            JobState::Scheduled | JobState::Cancelled => 0,
        };
        let cluster_name = row.cluster_id.as_deref().and_then(|c| {
            self.find_console(&row.console_id)
                .ok()?
                .clusters()
                .find(|cl| cl.id == c)
                .map(|cl| cl.name.clone())
        });
        types::Job {
            id: id.to_string(),
            href: links.job(row.kind, id),
            object_type: match row.kind {
                OmivvJobKind::FirmwareUpdate => "UpdateJob",
                OmivvJobKind::DriftDetection => "DriftJob",
            }
            .into(),
            data: types::JobData {
                jobname: row.name.clone(),
                job_type: match row.kind {
                    OmivvJobKind::FirmwareUpdate => types::JobDataJobType::FirmwareUpdate,
                    OmivvJobKind::DriftDetection => types::JobDataJobType::DriftDetection,
                },
                state: state.wire(),
                console_id: row.console_id.clone(),
                cluster_id: row.cluster_id.clone(),
                cluster_name,
                scheduled_time: rfc3339(row.starts_ms),
                start_time: started.then(|| rfc3339(row.starts_ms)),
                end_time: row.ended_ms(now).map(rfc3339),
                progress: progress.clamp(0, 100) as i32,
            },
        }
    }

    /// The jobs of a kind in the caller's context, in id order.
    pub async fn jobs(
        &self,
        caller: &Caller,
        kind: OmivvJobKind,
        links: &Links,
    ) -> Result<Vec<types::Job>, OmivvError> {
        let console = &caller.context()?.console_id;
        let now = self.clock.now_ms();
        let state = self.db.read().await;
        let of_kind = state
            .omivv()
            .jobs
            .iter()
            .filter(|(_, row)| row.kind == kind && &row.console_id == console);
        Ok(super::in_id_order(of_kind, |id, row| {
            self.job_view(id, row, links, now)
        }))
    }

    /// One job of a kind in the caller's context.
    pub async fn job(
        &self,
        caller: &Caller,
        kind: OmivvJobKind,
        id: &str,
        links: &Links,
    ) -> Result<types::Job, OmivvError> {
        let state = self.db.read().await;
        let row = find(state.omivv(), caller, kind, id)?;
        Ok(self.job_view(id, row, links, self.clock.now_ms()))
    }

    /// Cancels a scheduled update job.
    pub async fn cancel_update_job(
        &self,
        caller: &Caller,
        id: &str,
        links: &Links,
    ) -> Result<types::Job, OmivvError> {
        let now = self.clock.now_ms();
        self.db
            .write(|s| {
                let row = find(s.omivv(), caller, OmivvJobKind::FirmwareUpdate, id)?;
                let state = row.state(now);
                if !matches!(state, JobState::Scheduled | JobState::Running) {
                    return Err(OmivvError::InvalidJobState {
                        id: id.to_string(),
                        state: state.name(),
                        allowed: "only a scheduled or running job can be cancelled",
                    });
                }
                let mut row = row.clone();
                row.cancelled_ms = Some(now);
                s.omivv_mut().jobs.insert(id.to_string(), row.clone());
                Ok(self.job_view(id, &row, links, now))
            })
            .await
    }

    /// Deletes a finished update job.
    pub async fn delete_update_job(&self, caller: &Caller, id: &str) -> Result<(), OmivvError> {
        let now = self.clock.now_ms();
        self.db
            .write(|s| {
                let row = find(s.omivv(), caller, OmivvJobKind::FirmwareUpdate, id)?;
                let state = row.state(now);
                if !state.finished() {
                    return Err(OmivvError::InvalidJobState {
                        id: id.to_string(),
                        state: state.name(),
                        allowed: "cancel it first, or wait until it has finished",
                    });
                }
                s.omivv_mut().jobs.remove(id);
                Ok(())
            })
            .await
    }

    /// Adds a job (the configuration's seeds, the control API). `cluster` is a cluster id of
    /// the console's vCenter.
    pub(super) fn insert_job(t: &mut OmivvTables, row: JobRow) -> String {
        let id = t.next_id("jobs", 1001);
        t.jobs.insert(id.clone(), row);
        id
    }
}

fn find<'t>(
    t: &'t OmivvTables,
    caller: &Caller,
    kind: OmivvJobKind,
    id: &str,
) -> Result<&'t JobRow, OmivvError> {
    let console = &caller.context()?.console_id;
    t.jobs
        .get(id)
        .filter(|row| row.kind == kind && &row.console_id == console)
        .ok_or_else(|| OmivvError::JobNotFound(id.to_string()))
}
