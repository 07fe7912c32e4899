//! The password grant: a registered public client trades a directory user's credentials for a
//! signed access token.

use super::errors::OAuthError;
use super::IdentityManager;

/// What a password-grant request carries (the client id already taken from the query or from
/// HTTP Basic client authentication).
pub struct PasswordGrant<'a> {
    pub client_id: &'a str,
    /// `false` for any grant type other than `password`.
    pub is_password_grant: bool,
    pub grant_type: &'a str,
    pub username: Option<&'a str>,
    pub password: Option<&'a str>,
    pub domain: Option<&'a str>,
    pub scope: Option<&'a str>,
}

/// An issued access token.
pub struct Grant {
    pub access_token: String,
    pub expires_in: i64,
    pub scope: String,
}

impl IdentityManager {
    pub async fn password_grant(&self, req: PasswordGrant<'_>) -> Result<Grant, OAuthError> {
        // Only public (password-grant) clients use this flow; they have no secret to check.
        let registered = self.db.read().await.vidm().clients.contains(req.client_id);
        if !registered {
            return Err(OAuthError::InvalidClient(
                "Client authentication failed".into(),
            ));
        }
        if !req.is_password_grant {
            return Err(OAuthError::UnsupportedGrantType(format!(
                "grant_type {} is not enabled for this client",
                req.grant_type
            )));
        }
        let (Some(username), Some(password)) = (req.username, req.password) else {
            return Err(OAuthError::InvalidRequest(
                "username and password are required for the password grant".into(),
            ));
        };
        let invalid = || OAuthError::InvalidGrant("Invalid username or password".into());
        if req.domain.is_some_and(|d| d != self.config.domain) {
            return Err(invalid());
        }
        let user = self
            .directory
            .check_password(username, password)
            .await?
            .ok_or_else(invalid)?;
        let scope = req.scope.unwrap_or("openid profile user email").to_string();
        Ok(Grant {
            access_token: self.issue(req.client_id, username, user, &scope),
            expires_in: self.config.token_seconds,
            scope,
        })
    }
}
