//! Update and drift jobs of the session's operational context: list, cancel, and wait for a
//! job to reach a state.

use std::time::{Duration, Instant};

use super::session::Session;
use super::{types, Error};
use crate::retry::send;

/// Which service a job belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobKind {
    /// UpdateService (firmware updates).
    Update,
    /// DriftDetectionService.
    Drift,
}

/// Why [`Session::wait_for_job`] returned without the job in a wanted state.
#[derive(Debug)]
pub enum WaitError {
    Api(Error<types::Error>),
    /// The timeout passed; the job as last read.
    TimedOut(Box<types::Job>),
}

impl From<Error<types::Error>> for WaitError {
    fn from(e: Error<types::Error>) -> Self {
        WaitError::Api(e)
    }
}

impl std::fmt::Display for WaitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WaitError::Api(e) => write!(f, "{e}"),
            WaitError::TimedOut(job) => {
                write!(f, "job {} is still {}", job.id, job.data.state)
            }
        }
    }
}

impl std::error::Error for WaitError {}

impl Session {
    /// The jobs of the operational context's vCenter.
    pub async fn jobs(&self, kind: JobKind) -> Result<Vec<types::Job>, Error<types::Error>> {
        let c = self.client();
        let r = match kind {
            JobKind::Update => send(self.retry(), || c.list_update_jobs().send()).await?,
            JobKind::Drift => send(self.retry(), || c.list_drift_jobs().send()).await?,
        };
        Ok(r.into_inner())
    }

    pub async fn job(&self, kind: JobKind, id: &str) -> Result<types::Job, Error<types::Error>> {
        let c = self.client();
        let r = match kind {
            JobKind::Update => send(self.retry(), || c.get_update_job().job_id(id).send()).await?,
            JobKind::Drift => send(self.retry(), || c.get_drift_job().job_id(id).send()).await?,
        };
        Ok(r.into_inner())
    }

    /// Cancels a scheduled update job; answers it as cancelled.
    pub async fn cancel_update_job(&self, id: &str) -> Result<types::Job, Error<types::Error>> {
        let c = self.client();
        let r = send(self.retry(), || c.cancel_update_job().job_id(id).send()).await?;
        Ok(r.into_inner())
    }

    /// Reads the job every `poll` until its state is one of `states`, or `timeout` has passed.
    pub async fn wait_for_job(
        &self,
        kind: JobKind,
        id: &str,
        states: &[types::JobState],
        timeout: Duration,
        poll: Duration,
    ) -> Result<types::Job, WaitError> {
        let deadline = Instant::now() + timeout;
        loop {
            let job = self.job(kind, id).await?;
            if states.contains(&job.data.state) {
                return Ok(job);
            }
            if Instant::now() + poll > deadline {
                return Err(WaitError::TimedOut(Box::new(job)));
            }
            tokio::time::sleep(poll).await;
        }
    }
}
