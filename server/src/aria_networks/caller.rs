//! Who is calling: what authentication establishes and every operation's method receives.

use crate::generated::aria_networks::types;

/// An authenticated Aria caller.
#[derive(Debug, Clone)]
pub struct Caller {
    pub principal: String,
    pub role: types::Role,
    /// The stored digest of the caller's token (what logout revokes).
    pub(super) digest: String,
}
