//! Why an Aria call failed, as the domain says it (no statuses here), and the one mapping of
//! each meaning to a status and the API's `ApiError` body.

use crate::generated::aria_networks::{types, Failure};
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AriaError {
    /// The input breaks a rule of the API: a field's value, a filter, a cursor, a page size.
    #[error("{0}")]
    InvalidInput(String),
    /// No token, an unknown or expired one, wrong credentials, or too many live tokens.
    #[error("{0}")]
    Unauthenticated(String),
    /// The caller may not do this: their role, someone else's password, single sign-on off.
    #[error("{0}")]
    NotPermitted(String),
    /// What the request names does not exist (or is not visible to the caller).
    #[error("{0}")]
    NotFound(String),
    /// It exists already, under that name or id.
    #[error("{0}")]
    AlreadyExists(String),
    /// A feature the call relies on is not configured or not enabled (vIDM).
    #[error("{0}")]
    NotConfigured(String),
    /// The request's body is larger than the appliance reads.
    #[error("{0}")]
    TooLarge(String),
    /// Too many logins are being checked at once.
    #[error("The platform is busy checking other logins; try again shortly")]
    Busy,
    #[error("The platform could not save its state: {0}")]
    Storage(#[from] StoreError),
    /// The sandbox broke one of its own rules (a stored row that does not read back).
    #[error("{0}")]
    Internal(String),
}

impl AriaError {
    /// The status that answers this meaning: the one place where they meet.
    fn status(&self) -> u16 {
        match self {
            AriaError::InvalidInput(_) => 400,
            AriaError::Unauthenticated(_) => 401,
            AriaError::NotPermitted(_) => 403,
            AriaError::NotFound(_) => 404,
            AriaError::AlreadyExists(_) => 409,
            AriaError::NotConfigured(_) => 412,
            AriaError::TooLarge(_) => 413,
            AriaError::Busy => 503,
            AriaError::Storage(_) | AriaError::Internal(_) => 500,
        }
    }
}

/// An Aria error body.
pub fn error(code: u16, message: impl Into<String>) -> types::ApiError {
    types::ApiError {
        code: i32::from(code),
        message: message.into(),
        details: vec![],
    }
}

impl From<AriaError> for Failure {
    fn from(e: AriaError) -> Self {
        let status = e.status();
        Failure {
            status,
            body: error(status, e.to_string()),
        }
    }
}

impl From<crate::secrets::Busy> for AriaError {
    fn from(_: crate::secrets::Busy) -> Self {
        AriaError::Busy
    }
}
