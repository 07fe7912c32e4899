//! Custom dashboards (the 6.12 SDK's pinboards under their newer name), their pins, and each
//! user's home-page preference (E119).

use serde::{Deserialize, Serialize};

/// A board, its sharing and its pins in the order pinned.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BoardRow {
    /// The order boards were created in.
    pub seq: u64,
    pub name: String,
    pub description: Option<String>,
    /// The id of the user who created it (`admin@local`).
    pub owner: String,
    /// Epoch seconds.
    pub created: i64,
    pub updated: i64,
    pub users_read: Vec<String>,
    pub users_write: Vec<String>,
    pub groups_read: Vec<String>,
    pub groups_write: Vec<String>,
    pub pins: Vec<PinRow>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PinRow {
    pub id: String,
    pub name: String,
    pub query: String,
    pub owner: String,
    /// Epoch seconds: made, renamed, pinned (a copy's pins were pinned when copied).
    pub created: i64,
    pub updated: i64,
    pub pinned: i64,
}
