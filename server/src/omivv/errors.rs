//! Why an OMIVV call failed, as the domain says it; each maps to one status and `errorCode`.

use crate::generated::omivv::{types, Failure};
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum OmivvError {
    #[error("Authorization: Bearer <token> is required")]
    MissingToken,
    #[error("Token is invalid")]
    InvalidToken,
    #[error("Token is already expired")]
    TokenExpired,
    #[error("Account is locked; try again in {0} seconds")]
    AccountLocked(i64),
    #[error("Invalid username or password")]
    InvalidCredentials,
    #[error("Only user profiles with administrator privilege may use the API")]
    InsufficientPrivileges,
    #[error("client limit exhausted")]
    ClientLimitExhausted,
    /// Too many logins are being checked at once.
    #[error("The appliance is busy checking other logins; try again shortly")]
    Busy,
    #[error("No console with id {0}")]
    ConsoleNotFound(String),
    #[error("No cluster with id {0} in this vCenter")]
    ClusterNotFound(String),
    #[error("No host with id {0} in this vCenter")]
    HostNotFound(String),
    #[error("Failed to log in to vCenter")]
    VcenterLoginFailed,
    #[error("Operational Context not set: set the operational context (a vCenter) first")]
    ContextRequired,
    #[error("The operational context's vCenter account may not change this")]
    InsufficientVcenterPrivileges,
    #[error("No job with id {0} in this vCenter")]
    JobNotFound(String),
    #[error("Job {id} is {state}: {allowed}")]
    InvalidJobState {
        id: String,
        state: &'static str,
        allowed: &'static str,
    },
    #[error("No {0} with id {1}")]
    NotFound(&'static str, String),
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    InvalidParameters(String),
    #[error("{0}")]
    PayloadTooLarge(String),
    #[error("The appliance could not save its state: {0}")]
    Storage(#[from] StoreError),
    #[error("{0}")]
    Internal(String),
}

impl OmivvError {
    fn status(&self) -> u16 {
        use OmivvError::*;
        match self {
            MissingToken | InvalidToken | TokenExpired | AccountLocked(_) | InvalidCredentials => {
                401
            }
            InsufficientPrivileges | VcenterLoginFailed | InsufficientVcenterPrivileges => 403,
            // The guide's answer to a call without a context (E31).
            ContextRequired => 400,
            ConsoleNotFound(_) | ClusterNotFound(_) | HostNotFound(_) | JobNotFound(_)
            | NotFound(..) => 404,
            InvalidParameters(_) | InvalidJobState { .. } | Conflict(_) => 400,
            PayloadTooLarge(_) => 413,
            ClientLimitExhausted | Busy => 503,
            Storage(_) | Internal(_) => 500,
        }
    }

    pub fn code(&self) -> &'static str {
        use OmivvError::*;
        match self {
            MissingToken => "UNAUTHORIZED",
            InvalidToken => "INVALID_TOKEN",
            TokenExpired => "TOKEN_EXPIRED",
            AccountLocked(_) => "ACCOUNT_LOCKED",
            InvalidCredentials => "INVALID_CREDENTIALS",
            InsufficientPrivileges => "INSUFFICIENT_PRIVILEGES",
            ClientLimitExhausted => "CLIENT_LIMIT_EXHAUSTED",
            Busy => "SERVICE_BUSY",
            ConsoleNotFound(_) => "CONSOLE_NOT_FOUND",
            ClusterNotFound(_) => "CLUSTER_NOT_FOUND",
            HostNotFound(_) => "HOST_NOT_FOUND",
            VcenterLoginFailed => "VCENTER_LOGIN_FAILED",
            ContextRequired => "OPERATIONAL_CONTEXT_REQUIRED",
            InsufficientVcenterPrivileges => "INSUFFICIENT_VCENTER_PRIVILEGES",
            JobNotFound(_) => "JOB_NOT_FOUND",
            InvalidJobState { .. } => "INVALID_JOB_STATE",
            NotFound(..) => "NOT_FOUND",
            Conflict(_) => "ALREADY_EXISTS",
            InvalidParameters(_) => "INVALID_PARAMETERS",
            PayloadTooLarge(_) => "PAYLOAD_TOO_LARGE",
            Storage(_) | Internal(_) => "INTERNAL",
        }
    }
}

/// An OMIVV error body.
pub fn error(code: &str, message: impl Into<String>) -> types::Error {
    types::Error {
        error_code: code.into(),
        message: message.into(),
    }
}

impl From<OmivvError> for Failure {
    fn from(e: OmivvError) -> Self {
        Failure {
            status: e.status(),
            body: error(e.code(), e.to_string()),
        }
    }
}
