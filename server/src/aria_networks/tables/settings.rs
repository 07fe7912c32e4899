//! Rows of the small appliance-wide settings (E108, E109).

use serde::{Deserialize, Serialize};

/// The last rotation of the collectors' data-encryption certificate asked for (E109).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct KeyRotationRow {
    /// Epoch seconds on the sandbox clock.
    pub started: i64,
    pub by: String,
}
