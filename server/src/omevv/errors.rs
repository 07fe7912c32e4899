//! Why an OMEVV call failed, as the domain says it; each maps to one status and one `errorCode`
//! (always a string of digits: Dell's Ansible modules test it as a string, by value or substring).

use crate::generated::omevv::{types, Failure};
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum OmevvError {
    #[error("HTTP Basic credentials are required")]
    MissingCredentials,
    #[error("Invalid username or password")]
    InvalidCredentials,
    #[error("The appliance is busy checking other logins; try again shortly")]
    Busy,
    #[error("The vCenter with identifier {0} is not registered with OMEVV")]
    NotRegistered(String),
    #[error("The {0} {1} does not exist")]
    NotFound(&'static str, String),
    #[error("The name {0} already exists")]
    NameExists(String),
    #[error("{0}")]
    InvalidInput(String),
    #[error("{0}")]
    InUse(String),
    #[error("{0}")]
    Conflict(String),
    #[error("Update job already running or scheduled for group id {0}")]
    UpdatePending(i64),
    #[error("{0}")]
    PayloadTooLarge(String),
    #[error("The appliance could not save its state: {0}")]
    Storage(#[from] StoreError),
}

impl OmevvError {
    pub(crate) fn status(&self) -> u16 {
        use OmevvError::*;
        match self {
            MissingCredentials | InvalidCredentials => 401,
            NotRegistered(_) | NotFound(..) => 404,
            NameExists(_) | InvalidInput(_) | InUse(_) | UpdatePending(_) => 400,
            Conflict(_) => 409,
            PayloadTooLarge(_) => 413,
            Busy => 503,
            Storage(_) => 500,
        }
    }

    /// Dell's codes where its clients name one (12027, 18001, 20058); the others are ours
    /// (ERRATA E58).
    fn code(&self) -> &'static str {
        use OmevvError::*;
        match self {
            MissingCredentials | InvalidCredentials => "10401",
            NotRegistered(_) => "12027",
            NotFound(..) => "10404",
            NameExists(_) => "18001",
            InvalidInput(_) => "10400",
            InUse(_) => "18004",
            UpdatePending(_) => "20058",
            Conflict(_) => "10409",
            PayloadTooLarge(_) => "10413",
            Busy => "10503",
            Storage(_) => "10500",
        }
    }
}

/// An OMEVV error body.
pub fn error(code: &str, message: impl Into<String>) -> types::Error {
    types::Error {
        error_code: code.into(),
        message: message.into(),
    }
}

impl From<OmevvError> for Failure {
    fn from(e: OmevvError) -> Self {
        Failure {
            status: e.status(),
            body: error(e.code(), e.to_string()),
        }
    }
}
