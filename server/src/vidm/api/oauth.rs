//! The `OAuth` tag: the token endpoint (password and JWT-bearer grants).

use super::oauth_error;
use crate::generated::vidm::{self as api, types, Failure, RequestContext};
use crate::vidm::api::VidmApi;

/// The client id, from the query or from HTTP Basic client authentication (`id:secret`).
fn client_id(ctx: &RequestContext, in_query: Option<&str>) -> Result<String, Failure> {
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
                    oauth_error(
                        401,
                        "invalid_client",
                        "Client authentication must be HTTP Basic base64(client_id:secret)",
                    )
                })?;
            let id = decoded
                .split_once(':')
                .map_or(decoded.as_str(), |(id, _)| id);
            Some(id.to_string())
        }
    };
    match (basic, in_query) {
        (Some(b), Some(q)) if b != q => Err(oauth_error(
            400,
            "invalid_request",
            "client_id in the query differs from the client authenticated with HTTP Basic",
        )),
        (Some(id), _) => Ok(id),
        (None, Some(q)) => Ok(q.to_string()),
        (None, None) => Err(oauth_error(
            400,
            "invalid_request",
            "client_id is required, in the query or as HTTP Basic client authentication",
        )),
    }
}

impl api::OauthApi for VidmApi {
    async fn get_oauth_token(
        &self,
        ctx: RequestContext,
        query: api::queries::GetOauthTokenQuery,
    ) -> Result<api::GetOauthTokenResponse, Failure> {
        let idm = &self.0;
        let client_id = client_id(&ctx, query.client_id.as_deref())?;
        // Only public (password-grant) clients use this flow; they have no secret to check.
        let registered = idm.db.read().await.vidm().clients.contains(&client_id);
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
            access_token: idm.issue(&client_id, username, user, &scope),
            token_type: "Bearer".into(),
            expires_in: idm.config.token_seconds,
            refresh_token: None,
            scope: Some(scope),
            id_token: None,
        }))
    }
}
