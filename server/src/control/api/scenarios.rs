//! The `Scenarios` tag: OMIVV jobs and host states a test asks for.

use crate::control::{ControlApi, ControlPlane};
use crate::generated::sandbox::{self as api, types, Failure, RequestContext};
use crate::omivv::tables::{JobOutcome, OmivvJobKind};
use crate::omivv::NewJob;
use crate::world::HostHealth;

impl<P: ControlPlane> api::ScenariosApi for ControlApi<P> {
    async fn add_omivv_job(
        &self,
        _ctx: RequestContext,
        _caller: (),
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
        let id = id?;
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
        _caller: (),
        id: String,
        body: types::OmivvHostStateRequest,
    ) -> Result<api::SetOmivvHostStateResponse, Failure> {
        let health = body.health.map(|h| match h {
            types::HostHealth::Healthy => HostHealth::Healthy,
            types::HostHealth::Warning => HostHealth::Warning,
            types::HostHealth::Critical => HostHealth::Critical,
        });
        let state = self.0.set_omivv_host_state(&id, health, body.drift).await;
        let (health, drift) = state?;
        Ok(api::SetOmivvHostStateResponse::Ok(types::OmivvHostState {
            id,
            health: host_health(health),
            drift,
        }))
    }

    async fn renew_vcenter_certificate(
        &self,
        _ctx: RequestContext,
        _caller: (),
        name: String,
    ) -> Result<api::RenewVcenterCertificateResponse, Failure> {
        let (renewals, cert) = self.0.renew_vcenter_certificate(&name).await?;
        Ok(api::RenewVcenterCertificateResponse::Ok(
            types::VcenterCertificate {
                vcenter: name,
                renewals: renewals as i32,
                sha_thumbprint: cert.sha_thumbprint,
                certificate: cert.pem,
            },
        ))
    }
}

fn host_health(h: HostHealth) -> types::HostHealth {
    match h {
        HostHealth::Healthy => types::HostHealth::Healthy,
        HostHealth::Warning => types::HostHealth::Warning,
        HostHealth::Critical => types::HostHealth::Critical,
    }
}
