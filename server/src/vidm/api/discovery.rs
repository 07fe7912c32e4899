//! The `Discovery` tag: OpenID configuration.

use crate::generated::vidm::{self as api, types, Failure, RequestContext};
use crate::vidm::api::VidmApi;

impl api::DiscoveryApi for VidmApi {
    async fn get_openid_configuration(
        &self,
        ctx: RequestContext,
    ) -> Result<api::GetOpenidConfigurationResponse, Failure> {
        let idm = &self.0;
        // Endpoints where this document was read, so that a client can follow them; the issuer
        // stays the configured host name, which is what the tokens carry.
        let host = ctx.header("host").unwrap_or(&idm.config.host);
        let base = format!("{}://{host}", idm.scheme());
        Ok(api::GetOpenidConfigurationResponse::Ok(
            types::OpenIdConfiguration {
                issuer: idm.issuer(),
                token_endpoint: format!("{base}/SAAS/auth/oauthtoken"),
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
}
