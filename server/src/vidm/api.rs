//! The vIDM API as the sandbox serves it: translation only.

use std::sync::Arc;

use super::IdentityManager;
use crate::generated::vidm::{self as api, types, Failure, Rejection, RequestContext};

fn oauth_error(status: u16, error: &str, description: impl Into<String>) -> Failure {
    Failure {
        status,
        body: types::OAuthError {
            error: error.into(),
            error_description: Some(description.into()),
        },
    }
}

#[derive(Clone)]
pub struct VidmApi(pub Arc<IdentityManager>);

impl api::Api for VidmApi {
    async fn get_oauth_token(
        &self,
        _ctx: RequestContext,
        query: api::queries::GetOauthTokenQuery,
    ) -> Result<api::GetOauthTokenResponse, Failure> {
        let idm = &self.0;
        // Only public (password-grant) clients use this flow without a secret.
        let registered = idm.db.read().await.vidm.clients.contains(&query.client_id);
        if !registered {
            return Err(oauth_error(
                401,
                "invalid_client",
                "Client authentication failed",
            ));
        }
        if query.grant_type != types::GrantType::Password {
            return Err(oauth_error(
                400,
                "unsupported_grant_type",
                format!(
                    "grant_type {} is not enabled for this client",
                    query.grant_type
                ),
            ));
        }
        let (Some(username), Some(password)) =
            (query.username.as_deref(), query.password.as_deref())
        else {
            return Err(oauth_error(
                400,
                "invalid_request",
                "username and password are required for the password grant",
            ));
        };
        let invalid = || oauth_error(400, "invalid_grant", "Invalid username or password");
        if query
            .domain
            .as_deref()
            .is_some_and(|d| d != idm.config.domain)
        {
            return Err(invalid());
        }
        let user = idm
            .directory
            .check_password(username, password)
            .await
            .ok_or_else(invalid)?;
        let scope = query
            .scope
            .clone()
            .unwrap_or_else(|| "openid profile user email".into());
        Ok(api::GetOauthTokenResponse::Ok(types::OAuthToken {
            access_token: idm.issue(&query.client_id, username, user, &scope),
            token_type: "Bearer".into(),
            expires_in: idm.config.token_seconds,
            refresh_token: None,
            scope: Some(scope),
            id_token: None,
        }))
    }

    async fn get_public_key(
        &self,
        _ctx: RequestContext,
        _query: api::queries::GetPublicKeyQuery,
    ) -> Result<api::GetPublicKeyResponse, Failure> {
        let key = &self.0.key;
        Ok(api::GetPublicKeyResponse::Ok(types::JsonWebKeySet {
            keys: vec![types::JsonWebKey {
                kty: "RSA".into(),
                alg: Some("RS256".into()),
                use_: Some("sig".into()),
                kid: Some(key.kid.clone()),
                n: key.n.clone(),
                e: key.e.clone(),
            }],
        }))
    }

    async fn get_openid_configuration(
        &self,
        _ctx: RequestContext,
    ) -> Result<api::GetOpenidConfigurationResponse, Failure> {
        let idm = &self.0;
        let base = format!("https://{}", idm.config.host);
        Ok(api::GetOpenidConfigurationResponse::Ok(
            types::OpenIdConfiguration {
                issuer: idm.issuer(),
                token_endpoint: idm.audience(),
                jwks_uri: format!(
                    "{base}/SAAS/API/1.0/REST/auth/token?attribute=publicKey&format=jwks"
                ),
                authorization_endpoint: Some(format!("{base}/SAAS/auth/oauth2/authorize")),
                response_types_supported: vec!["code".into(), "token".into()],
                subject_types_supported: vec!["public".into()],
                id_token_signing_alg_values_supported: vec!["RS256".into()],
                grant_types_supported: vec![
                    "password".into(),
                    "client_credentials".into(),
                    "refresh_token".into(),
                    "authorization_code".into(),
                ],
            },
        ))
    }

    fn reject(&self, _ctx: &RequestContext, rejection: Rejection) -> Failure {
        oauth_error(
            rejection.status().as_u16(),
            "invalid_request",
            rejection.message(),
        )
    }
}
