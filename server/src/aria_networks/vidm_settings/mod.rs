//! The vIDM settings of Aria: configure (which registers the password-grant client in the
//! Identity Manager, in the same transaction), read, update, delete (which removes everything
//! that came through vIDM), enable and disable; and the public client-id lookup.

mod api;

use super::errors::AriaError;
use super::tables::{VidmSettings, VIDM};
use super::Aria;
use crate::generated::aria_networks::types;

fn not_configured() -> AriaError {
    AriaError::NotFound("VMware Identity Manager is not configured".into())
}

fn unreachable(address: &str) -> AriaError {
    AriaError::InvalidInput(format!(
        "VMware Identity Manager appliance {address} is not reachable"
    ))
}

fn answer(s: &VidmSettings) -> types::VidmConfig {
    types::VidmConfig {
        vidm_appliance: s.appliance.clone(),
        client_id: s.client_id.clone(),
        enable: s.enabled,
        certificate_validation_enabled: Some(s.certificate_validation),
    }
}

impl Aria {
    /// The root certificate presented at `url`, if an Identity Manager answers there.
    pub fn vidm_certificate(
        &self,
        url: &str,
        reached_as: Option<&str>,
    ) -> Result<types::VidmCertificate, AriaError> {
        if !self.idm.answers_at(url, reached_as) {
            return Err(AriaError::InvalidInput(format!(
                "Could not fetch a certificate from {url}: nothing answers there"
            )));
        }
        let pem = self.idm.root_certificate().map_err(AriaError::Internal)?;
        Ok(types::VidmCertificate {
            vidm_root_certificate: pem,
        })
    }

    pub async fn vidm_config(&self) -> Result<types::VidmConfig, AriaError> {
        let state = self.db.read().await;
        state
            .aria()
            .vidm_settings()
            .map(answer)
            .ok_or_else(not_configured)
    }

    /// What an unauthenticated client needs to sign in through vIDM.
    pub async fn vidm_client_id(&self) -> Result<types::VidmClientId, AriaError> {
        let state = self.db.read().await;
        match state.aria().vidm_settings() {
            Some(s) if s.enabled => Ok(types::VidmClientId {
                vidm_appliance: s.appliance.clone(),
                client_id: self.config.password_grant_client_id.clone(),
            }),
            _ => Err(AriaError::NotPermitted(
                "VMware Identity Manager is not configured and enabled".into(),
            )),
        }
    }

    /// `reached_as` is the address the calling client reached the sandbox at (its `Host`).
    pub async fn configure_vidm(
        &self,
        body: &types::VidmConfigRequest,
        reached_as: Option<&str>,
    ) -> Result<types::VidmConfig, AriaError> {
        let settings = self.check_vidm_request(body, reached_as).await?;
        let client = self.config.password_grant_client_id.clone();
        self.db
            .write(|s| {
                if s.aria().vidm_settings().is_some() {
                    return Err(AriaError::AlreadyExists(
                        "VMware Identity Manager is already configured; update or delete it".into(),
                    ));
                }
                let out = answer(&settings);
                let (aria, vidm) = s.aria_and_vidm_mut();
                aria.vidm.insert(VIDM.into(), settings);
                vidm.clients.insert(client, true);
                Ok(out)
            })
            .await
    }

    pub async fn update_vidm(
        &self,
        body: &types::VidmConfigRequest,
        reached_as: Option<&str>,
    ) -> Result<types::VidmConfig, AriaError> {
        let settings = self.check_vidm_request(body, reached_as).await?;
        self.db
            .write(|s| {
                if s.aria().vidm_settings().is_none() {
                    return Err(not_configured());
                }
                let out = answer(&settings);
                s.aria_mut().vidm.insert(VIDM.into(), settings);
                Ok(out)
            })
            .await
    }

    /// Deletes the settings and, in the same transaction, everything that came through vIDM:
    /// mapped users and groups, their tokens, and the password-grant client.
    pub async fn delete_vidm(&self) -> Result<(), AriaError> {
        let client = self.config.password_grant_client_id.clone();
        self.db
            .write(|s| {
                s.aria_mut().vidm.remove(VIDM).ok_or_else(not_configured)?;
                // Every stored user and group is one mapped through vIDM.
                s.aria_mut().users.clear();
                s.aria_mut().groups.clear();
                let (aria, vidm) = s.aria_and_vidm_mut();
                aria.tokens.retain(|t| !t.via_vidm);
                vidm.clients.remove(&client);
                Ok(())
            })
            .await
    }

    pub async fn set_vidm_enabled(&self, enabled: bool) -> Result<(), AriaError> {
        self.db
            .write(|s| {
                s.aria_mut()
                    .vidm
                    .update(VIDM, |v| v.enabled = enabled)
                    .ok_or_else(not_configured)
            })
            .await
    }

    /// Checks a vIDM configuration against the Identity Manager it names.
    async fn check_vidm_request(
        &self,
        body: &types::VidmConfigRequest,
        reached_as: Option<&str>,
    ) -> Result<VidmSettings, AriaError> {
        if !self.idm.answers_at(&body.vidm_appliance, reached_as) {
            return Err(unreachable(&body.vidm_appliance));
        }
        if let Some(pem) = body
            .root_ca_certificate
            .as_deref()
            .filter(|p| !p.trim().is_empty())
        {
            if !pem.contains("-----BEGIN CERTIFICATE-----") {
                return Err(AriaError::InvalidInput(
                    "rootCA_certificate is not a PEM certificate".into(),
                ));
            }
        }
        let directory = self.idm.directory();
        if !directory
            .check_service_client(&body.client_id, &body.client_secret)
            .await?
        {
            return Err(AriaError::InvalidInput(
                "VMware Identity Manager refused the OAuth client id or secret".into(),
            ));
        }
        let given = |s: &Option<String>| s.as_deref().is_some_and(|s| !s.trim().is_empty());
        Ok(VidmSettings {
            appliance: body.vidm_appliance.clone(),
            client_id: body.client_id.clone(),
            enabled: body.enable.unwrap_or(false),
            certificate_validation: given(&body.root_ca_certificate) || given(&body.sha_thumbprint),
        })
    }
}
