//! The sandbox's own control API (`/sandbox/v1`, `openapi/sandbox.yaml`): clock, reset, the
//! request journal and fault injection, over a narrow [`ControlPlane`].

use std::future::Future;
use std::sync::Arc;

mod api;
mod faults;
mod journal;

pub use faults::{FaultAction, Faults};
pub use journal::{kept_headers, mask_authorization, mask_query, AuthScheme, Journal, Recorded};

use crate::clock::Clock;
use crate::generated::sandbox::types;
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

pub fn error(message: impl Into<String>) -> types::SandboxError {
    types::SandboxError {
        message: message.into(),
    }
}

#[derive(Clone)]
pub struct ControlApi<P>(pub Arc<P>);
