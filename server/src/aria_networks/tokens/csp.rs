//! The SaaS sign-on (E121): a configured Cloud Services API token exchanged for an access token
//! of 30 minutes, which authenticates in `csp-auth-token` in the SaaS deployment.

use super::super::deployment::Deployment;
use super::super::errors::AriaError;
use super::super::Aria;
use super::{digest, Issued};
use crate::generated::csp::types as csp;
use crate::secrets::secrets_equal;

/// How long an access token lives, in seconds.
pub const LIFETIME_SECS: i64 = 1800;

impl Aria {
    pub async fn exchange_api_token(&self, api_token: &str) -> Result<csp::AccessToken, AriaError> {
        if self.config.deployment != Deployment::Saas {
            return Err(AriaError::InvalidInput(
                "invalid_request: this sandbox presents an on-premises deployment; start it with --deployment saas".into(),
            ));
        }
        let presented = digest(api_token);
        // Every configured token is compared, in constant time, whichever matches.
        let owner = self
            .config
            .csp_api_tokens
            .iter()
            .filter(|t| secrets_equal(&t.digest(), &presented))
            .fold(None, |_, t| Some(t));
        let Some(owner) = owner else {
            return Err(AriaError::InvalidInput(
                "invalid_grant: Invalid refresh token".into(),
            ));
        };
        let user = owner.user.clone();
        let role = super::super::role(owner.role);
        super::super::audit::identify(&user, "login");
        let token = self
            .db
            .write(|s| self.issue(s.aria_mut(), user, role, Issued::Csp))
            .await?;
        Ok(csp::AccessToken {
            access_token: token.token,
            token_type: "bearer".into(),
            expires_in: LIFETIME_SECS - 1,
            scope: "openid ALL_PERMISSIONS".into(),
            refresh_token: api_token.to_string(),
            id_token: None,
        })
    }
}
