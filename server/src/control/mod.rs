//! The sandbox's own control API (`/sandbox/v1`, `openapi/sandbox.yaml`): clock, reset, the
//! request journal and fault injection, over a narrow [`ControlPlane`].

use std::future::Future;
use std::sync::Arc;

mod api;
mod errors;
mod faults;
mod journal;
mod masking;

pub use errors::ControlError;
pub use faults::{FaultAction, Faults, MAX_RULES};
pub use journal::{kept_headers, Journal, Recorded};
pub use masking::{mask_authorization, mask_query, AuthScheme};

use crate::aria_networks::tables::OutboxRow;
use crate::aria_networks::DeliveryPage;
use crate::clock::Clock;
use crate::generated::sandbox::types;
use crate::omivv::NewJob;
use crate::world::certificates::DeviceCertificate;
use crate::world::HostHealth;

/// What the control API may see and do of a running sandbox.
pub trait ControlPlane: Send + Sync + 'static {
    fn clock(&self) -> &Clock;
    fn journal(&self) -> &Journal;
    fn faults(&self) -> &Faults;
    /// The bearer token control calls need (`--control-token`), if any.
    fn control_token(&self) -> Option<&str>;
    /// Whether state outlives the process (`--db`).
    fn durable(&self) -> bool;
    /// Back to the configured start.
    fn reset(&self) -> impl Future<Output = Result<(), ControlError>> + Send;
    /// Adds an OMIVV job; answers its id.
    fn add_omivv_job(
        &self,
        job: NewJob,
    ) -> impl Future<Output = Result<String, ControlError>> + Send;
    /// Sets what an OMIVV host reports; answers its state now.
    fn set_omivv_host_state(
        &self,
        host_id: &str,
        health: Option<HostHealth>,
        drift: Option<bool>,
    ) -> impl Future<Output = Result<(HostHealth, bool), ControlError>> + Send;
    /// Renews a world vCenter's certificate; answers the renewal count and the certificate.
    fn renew_vcenter_certificate(
        &self,
        name: &str,
    ) -> impl Future<Output = Result<(u32, DeviceCertificate), ControlError>> + Send;
    /// The messages Aria would have sent, of `kind` or all, oldest first (E122).
    fn aria_outbox(&self, kind: Option<&str>) -> impl Future<Output = Vec<OutboxRow>> + Send;
    /// One page of what Aria's databus would have posted, to one subscriber or all (E124).
    fn aria_databus_messages(
        &self,
        subscription_id: Option<&str>,
        size: Option<i32>,
        cursor: Option<&str>,
    ) -> impl Future<Output = Result<DeliveryPage, ControlError>> + Send;
}

pub fn error(message: impl Into<String>) -> types::SandboxError {
    types::SandboxError {
        message: message.into(),
    }
}

#[derive(Clone)]
pub struct ControlApi<P>(pub Arc<P>);
