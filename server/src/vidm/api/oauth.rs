//! The `OAuth` tag: the token endpoint (password and JWT-bearer grants).

use crate::generated::vidm::{self as api, types, Failure, RequestContext};
use crate::vidm::api::VidmApi;
use crate::vidm::errors::OAuthError;
use crate::vidm::grants::PasswordGrant;

/// The client id, from the query or from HTTP Basic client authentication (`id:secret`).
fn client_id(ctx: &RequestContext, in_query: Option<&str>) -> Result<String, OAuthError> {
    use base64::Engine;
    let basic = match ctx.header("authorization") {
        None => None,
        Some(h) => {
            let decoded = h
                .strip_prefix("Basic ")
                .or_else(|| h.strip_prefix("basic "))
                .and_then(|b| {
                    base64::engine::general_purpose::STANDARD
                        .decode(b.trim())
                        .ok()
                })
                .and_then(|b| String::from_utf8(b).ok())
                .ok_or_else(|| {
                    OAuthError::InvalidClient(
                        "Client authentication must be HTTP Basic base64(client_id:secret)".into(),
                    )
                })?;
            let id = decoded
                .split_once(':')
                .map_or(decoded.as_str(), |(id, _)| id);
            Some(id.to_string())
        }
    };
    match (basic, in_query) {
        (Some(b), Some(q)) if b != q => Err(OAuthError::InvalidRequest(
            "client_id in the query differs from the client authenticated with HTTP Basic".into(),
        )),
        (Some(id), _) => Ok(id),
        (None, Some(q)) => Ok(q.to_string()),
        (None, None) => Err(OAuthError::InvalidRequest(
            "client_id is required, in the query or as HTTP Basic client authentication".into(),
        )),
    }
}

impl api::OauthApi for VidmApi {
    async fn get_oauth_token(
        &self,
        ctx: RequestContext,
        query: api::queries::GetOauthTokenQuery,
    ) -> Result<api::GetOauthTokenResponse, Failure> {
        let client_id = client_id(&ctx, query.client_id.as_deref())?;
        let grant = self
            .0
            .password_grant(PasswordGrant {
                client_id: &client_id,
                is_password_grant: query.grant_type == types::GrantType::Password,
                grant_type: &query.grant_type.to_string(),
                username: query.username.as_deref(),
                password: query.password.as_deref(),
                domain: query.domain.as_deref(),
                scope: query.scope.as_deref(),
            })
            .await?;
        Ok(api::GetOauthTokenResponse::Ok(types::OAuthToken {
            access_token: grant.access_token,
            token_type: "Bearer".into(),
            expires_in: grant.expires_in,
            refresh_token: None,
            scope: Some(grant.scope),
            id_token: None,
        }))
    }
}
