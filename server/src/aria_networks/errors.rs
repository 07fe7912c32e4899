//! Why an Aria call failed, as the domain says it; each maps to one status of `ApiError`.

use crate::generated::aria_networks::{types, Failure};
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AriaError {
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    Unauthorized(String),
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    PreconditionFailed(String),
    #[error("{0}")]
    PayloadTooLarge(String),
    #[error("The platform could not save its state: {0}")]
    Storage(#[from] StoreError),
    #[error("{0}")]
    Internal(String),
}

impl AriaError {
    pub fn status(&self) -> u16 {
        match self {
            AriaError::BadRequest(_) => 400,
            AriaError::Unauthorized(_) => 401,
            AriaError::Forbidden(_) => 403,
            AriaError::NotFound(_) => 404,
            AriaError::Conflict(_) => 409,
            AriaError::PreconditionFailed(_) => 412,
            AriaError::PayloadTooLarge(_) => 413,
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
