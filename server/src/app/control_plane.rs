//! The sandbox as the control API sees it: its clock, journal and faults, and the scenarios a
//! test sets up in the appliances.

use super::Sandbox;
use crate::clock::Clock;
use crate::control::{ControlError, ControlPlane, Faults, Journal};
use crate::omivv;

impl ControlPlane for Sandbox {
    fn clock(&self) -> &Clock {
        &self.clock
    }

    fn journal(&self) -> &Journal {
        &self.journal
    }

    fn faults(&self) -> &Faults {
        &self.faults
    }

    fn durable(&self) -> bool {
        Sandbox::durable(self)
    }

    fn control_token(&self) -> Option<&str> {
        self.options.control_token.as_deref()
    }

    async fn reset(&self) -> Result<(), ControlError> {
        Sandbox::reset(self)
            .await
            .map_err(|e| ControlError::Failed(e.to_string()))
    }

    async fn add_omivv_job(&self, job: omivv::NewJob) -> Result<String, ControlError> {
        self.omivv.add_job(job).await.map_err(scenario_error)
    }

    async fn set_omivv_host_state(
        &self,
        host_id: &str,
        health: Option<crate::world::HostHealth>,
        drift: Option<bool>,
    ) -> Result<(crate::world::HostHealth, bool), ControlError> {
        let state = self.omivv.set_host_state(host_id, health, drift).await;
        state.map(|s| (s.health, s.drift)).map_err(scenario_error)
    }

    async fn aria_outbox(
        &self,
        kind: Option<&str>,
    ) -> Vec<crate::aria_networks::tables::OutboxRow> {
        self.aria.outbox(kind).await
    }

    async fn aria_databus_messages(
        &self,
        subscription_id: Option<&str>,
        size: Option<i32>,
        cursor: Option<&str>,
    ) -> Result<crate::aria_networks::DeliveryPage, ControlError> {
        (self.aria)
            .databus_deliveries(subscription_id, size, cursor)
            .await
            .map_err(aria_control_error)
    }

    async fn renew_vcenter_certificate(
        &self,
        name: &str,
    ) -> Result<(u32, crate::world::certificates::DeviceCertificate), ControlError> {
        self.aria
            .renew_certificate(name)
            .await
            .map_err(aria_control_error)
    }
}

/// What an Aria refusal of a control call means to the control API.
fn aria_control_error(e: crate::aria_networks::AriaError) -> ControlError {
    use crate::aria_networks::AriaError::*;
    match e {
        NotFound(m) => ControlError::NotFound(m),
        InvalidInput(m) => ControlError::InvalidInput(m),
        e => ControlError::Failed(e.to_string()),
    }
}

/// What an OMIVV refusal of a test's scenario means to the control API.
fn scenario_error(e: omivv::OmivvError) -> ControlError {
    use omivv::OmivvError::*;
    match e {
        ConsoleNotFound(_) | ClusterNotFound(_) | HostNotFound(_) | JobNotFound(_)
        | NotFound(..) => ControlError::NotFound(e.to_string()),
        Storage(_) | Internal(_) => ControlError::Failed(e.to_string()),
        _ => ControlError::InvalidInput(e.to_string()),
    }
}
