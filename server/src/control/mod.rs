//! The sandbox's own control API (`/sandbox/v1`, `openapi/sandbox.yaml`): clock, reset, the
//! request journal and fault injection, over a narrow [`ControlPlane`].

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

mod faults;
mod journal;

pub use faults::{FaultAction, Faults};
pub use journal::{kept_headers, mask_authorization, mask_query, AuthScheme, Journal, Recorded};

use crate::clock::{rfc3339, Clock};
use crate::config::{JobOutcome, OmivvJobKind};
use crate::generated::sandbox::{self as api, types, Failure, Rejection, RequestContext};
use crate::omivv::NewJob;
use crate::world::HostHealth;

/// What the control API may see and do of a running sandbox.
pub trait ControlPlane: Send + Sync + 'static {
    fn clock(&self) -> &Clock;
    fn journal(&self) -> &Journal;
    fn faults(&self) -> &Faults;
    /// Whether state outlives the process (`--db`).
    fn durable(&self) -> bool;
    /// Back to the configured start.
    fn reset(&self) -> impl Future<Output = Result<(), String>> + Send;
    /// Adds an OMIVV job; answers its id, or a status and message.
    fn add_omivv_job(
        &self,
        job: NewJob,
    ) -> impl Future<Output = Result<String, (u16, String)>> + Send;
    /// Sets what an OMIVV host reports; answers its state now.
    fn set_omivv_host_state(
        &self,
        host_id: &str,
        health: Option<HostHealth>,
        drift: Option<bool>,
    ) -> impl Future<Output = Result<(HostHealth, bool), (u16, String)>> + Send;
}

fn host_health(h: HostHealth) -> types::HostHealth {
    match h {
        HostHealth::Healthy => types::HostHealth::Healthy,
        HostHealth::Warning => types::HostHealth::Warning,
        HostHealth::Critical => types::HostHealth::Critical,
    }
}

pub fn error(message: impl Into<String>) -> types::SandboxError {
    types::SandboxError {
        message: message.into(),
    }
}

fn failure(status: u16, message: impl Into<String>) -> Failure {
    Failure {
        status,
        body: error(message),
    }
}

#[derive(Clone)]
pub struct ControlApi<P>(pub Arc<P>);

impl<P: ControlPlane> ControlApi<P> {
    fn clock_state(&self) -> types::ClockState {
        let clock = self.0.clock();
        let now = clock.now_ms();
        types::ClockState {
            now_ms: now,
            now: rfc3339(now),
            offset_ms: clock.offset_ms(),
        }
    }
}

impl<P: ControlPlane> api::Api for ControlApi<P> {
    async fn get_health(&self, _ctx: RequestContext) -> Result<api::GetHealthResponse, Failure> {
        Ok(api::GetHealthResponse::Ok(types::Health {
            status: "ok".into(),
            version: env!("CARGO_PKG_VERSION").into(),
            durable: self.0.durable(),
        }))
    }

    async fn get_clock(&self, _ctx: RequestContext) -> Result<api::GetClockResponse, Failure> {
        Ok(api::GetClockResponse::Ok(self.clock_state()))
    }

    async fn advance_clock(
        &self,
        _ctx: RequestContext,
        body: types::AdvanceRequest,
    ) -> Result<api::AdvanceClockResponse, Failure> {
        let seconds = body.seconds.unwrap_or(0);
        let millis = body.milliseconds.unwrap_or(0);
        let total = seconds
            .checked_mul(1000)
            .and_then(|s| s.checked_add(millis));
        match total {
            Some(ms) if (0..=100 * 365 * 86_400_000).contains(&ms) => {
                self.0.clock().advance(Duration::from_millis(ms as u64));
                Ok(api::AdvanceClockResponse::Ok(self.clock_state()))
            }
            Some(ms) if ms < 0 => Err(failure(400, "The clock only moves forward")),
            _ => Err(failure(400, "Advance by at most 100 years")),
        }
    }

    async fn reset(&self, _ctx: RequestContext) -> Result<api::ResetResponse, Failure> {
        self.0.reset().await.map_err(|e| failure(500, e))?;
        Ok(api::ResetResponse::NoContent)
    }

    async fn list_journal(
        &self,
        _ctx: RequestContext,
        query: api::queries::ListJournalQuery,
    ) -> Result<api::ListJournalResponse, Failure> {
        let entries = self
            .0
            .journal()
            .query(query.path.as_deref(), query.method.as_deref());
        Ok(api::ListJournalResponse::Ok(types::Journal {
            total: entries.len() as i64,
            entries,
        }))
    }

    async fn clear_journal(
        &self,
        _ctx: RequestContext,
    ) -> Result<api::ClearJournalResponse, Failure> {
        self.0.journal().clear();
        Ok(api::ClearJournalResponse::NoContent)
    }

    async fn list_faults(&self, _ctx: RequestContext) -> Result<api::ListFaultsResponse, Failure> {
        Ok(api::ListFaultsResponse::Ok(self.0.faults().list()))
    }

    async fn add_fault(
        &self,
        _ctx: RequestContext,
        body: types::FaultRequest,
    ) -> Result<api::AddFaultResponse, Failure> {
        Ok(api::AddFaultResponse::Created(
            self.0.faults().add(body).map_err(|m| failure(400, m))?,
        ))
    }

    async fn delete_fault(
        &self,
        _ctx: RequestContext,
        id: String,
    ) -> Result<api::DeleteFaultResponse, Failure> {
        if self.0.faults().delete(&id) {
            Ok(api::DeleteFaultResponse::NoContent)
        } else {
            Err(failure(404, format!("No fault rule {id}")))
        }
    }

    async fn add_omivv_job(
        &self,
        _ctx: RequestContext,
        body: types::OmivvJobRequest,
    ) -> Result<api::AddOmivvJobResponse, Failure> {
        let kind = match body.kind {
            types::OmivvJobRequestKind::FirmwareUpdate => OmivvJobKind::FirmwareUpdate,
            types::OmivvJobRequestKind::DriftDetection => OmivvJobKind::DriftDetection,
        };
        let job = NewJob {
            kind,
            name: body.name.clone(),
            console_id: body.console_id.clone(),
            cluster_id: body.cluster_id,
            starts_in_seconds: body.starts_in_seconds.unwrap_or(0),
            duration_seconds: body.duration_seconds.unwrap_or(600),
            outcome: match body.outcome {
                Some(types::OmivvJobRequestOutcome::Failed) => JobOutcome::Failed,
                _ => JobOutcome::Completed,
            },
        };
        let id = self.0.add_omivv_job(job).await;
        let id = id.map_err(|(status, m)| failure(status, m))?;
        Ok(api::AddOmivvJobResponse::Created(types::OmivvJobCreated {
            id,
            kind: body.kind.to_string(),
            name: body.name,
            console_id: body.console_id,
        }))
    }

    async fn set_omivv_host_state(
        &self,
        _ctx: RequestContext,
        id: String,
        body: types::OmivvHostStateRequest,
    ) -> Result<api::SetOmivvHostStateResponse, Failure> {
        let health = body.health.map(|h| match h {
            types::HostHealth::Healthy => HostHealth::Healthy,
            types::HostHealth::Warning => HostHealth::Warning,
            types::HostHealth::Critical => HostHealth::Critical,
        });
        let state = self.0.set_omivv_host_state(&id, health, body.drift).await;
        let (health, drift) = state.map_err(|(status, m)| failure(status, m))?;
        Ok(api::SetOmivvHostStateResponse::Ok(types::OmivvHostState {
            id,
            health: host_health(health),
            drift,
        }))
    }

    fn reject(&self, _ctx: &RequestContext, rejection: Rejection) -> Failure {
        failure(rejection.status().as_u16(), rejection.message())
    }
}
