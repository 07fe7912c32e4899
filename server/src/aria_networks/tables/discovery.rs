//! What application discovery stores (E89); what the rows mean is `applications::discovery`'s.

use serde::{Deserialize, Serialize};

use crate::generated::aria_networks::types;
use crate::store::Sequenced;

/// A discovered application's id and the granularity that found it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DiscoveredFrom {
    pub entity_id: String,
    pub granularity: String,
}

/// The configuration as stored: its settings (defaults filled in), when they last changed,
/// and the settings in force before that, with when their run finished.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FbadConfigRow {
    pub settings: types::FbadConfigRequest,
    pub changed_ms: i64,
    /// `None`: the defaults.
    pub before: Option<types::FbadConfigRequest>,
    pub before_done_ms: Option<i64>,
}

/// An uploaded file, as stored: its text, the rows read and those set aside.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FbadFileRow {
    pub seq: u64,
    pub text: String,
    /// `(vm, application, tier)`.
    pub rows: Vec<(String, String, String)>,
    /// `(line, reason)`.
    pub errors: Vec<(u64, String)>,
}

impl Sequenced for FbadFileRow {
    fn seq(&self) -> u64 {
        self.seq
    }
}

/// A save, as stored, by request id.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SaveTaskRow {
    pub seq: u64,
    pub start_ms: i64,
    pub results: Vec<types::SaveBulkAppProgressResponse>,
}

impl Sequenced for SaveTaskRow {
    fn seq(&self) -> u64 {
        self.seq
    }
}
