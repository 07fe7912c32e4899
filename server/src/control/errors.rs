//! Why a control call failed, by meaning, and the one mapping of each to a status and the
//! control API's `SandboxError` body.

use crate::generated::sandbox::Failure;

#[derive(Debug, thiserror::Error)]
pub enum ControlError {
    /// The request asks for something the sandbox does not do (a clock moving back, a fault
    /// rule that cannot apply, a job on a cluster of another vCenter).
    #[error("{0}")]
    InvalidInput(String),
    /// The sandbox has a control token and the request did not carry it.
    #[error("{0}")]
    Unauthenticated(String),
    /// What the request names does not exist.
    #[error("{0}")]
    NotFound(String),
    /// The sandbox could not do it (its state could not be saved).
    #[error("{0}")]
    Failed(String),
}

impl From<ControlError> for Failure {
    fn from(e: ControlError) -> Self {
        let status = match &e {
            ControlError::InvalidInput(_) => 400,
            ControlError::Unauthenticated(_) => 401,
            ControlError::NotFound(_) => 404,
            ControlError::Failed(_) => 500,
        };
        Failure {
            status,
            body: super::error(e.to_string()),
        }
    }
}
