//! Why a token request failed, by OAuth 2.0's own meanings (RFC 6749 §5.2), and the one mapping
//! of each to a status and the `OAuthError` body.

use crate::generated::vidm::{types, Failure};

#[derive(Debug, thiserror::Error)]
pub enum OAuthError {
    /// A parameter is missing, repeated inconsistently or malformed.
    #[error("{0}")]
    InvalidRequest(String),
    /// The client is unknown or its authentication is malformed.
    #[error("{0}")]
    InvalidClient(String),
    /// The credentials (or assertion) are wrong.
    #[error("{0}")]
    InvalidGrant(String),
    /// The client may not use this grant type.
    #[error("{0}")]
    UnsupportedGrantType(String),
    /// The request's body is larger than the appliance reads.
    #[error("{0}")]
    TooLarge(String),
    /// Too many logins are being checked at once (OAuth's `temporarily_unavailable`).
    #[error("The server is busy checking other logins; try again shortly")]
    Busy,
}

impl From<crate::secrets::Busy> for OAuthError {
    fn from(_: crate::secrets::Busy) -> Self {
        OAuthError::Busy
    }
}

impl From<OAuthError> for Failure {
    fn from(e: OAuthError) -> Self {
        let (status, error) = match &e {
            OAuthError::InvalidRequest(_) => (400, "invalid_request"),
            OAuthError::InvalidClient(_) => (401, "invalid_client"),
            OAuthError::InvalidGrant(_) => (400, "invalid_grant"),
            OAuthError::UnsupportedGrantType(_) => (400, "unsupported_grant_type"),
            OAuthError::TooLarge(_) => (413, "invalid_request"),
            OAuthError::Busy => (503, "temporarily_unavailable"),
        };
        Failure {
            status,
            body: types::OAuthError {
                error: error.into(),
                error_description: Some(e.to_string()),
            },
        }
    }
}
