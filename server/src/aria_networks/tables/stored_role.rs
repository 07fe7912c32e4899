//! A role as the tables store it.

use serde::{Deserialize, Serialize};

use crate::generated::aria_networks::types;

/// A role, as stored (the JSON spelling is the appliance's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum StoredRole {
    Admin,
    Member,
    Auditor,
}

impl From<types::Role> for StoredRole {
    fn from(r: types::Role) -> Self {
        match r {
            types::Role::Admin => StoredRole::Admin,
            types::Role::Member => StoredRole::Member,
            types::Role::Auditor => StoredRole::Auditor,
        }
    }
}

impl From<StoredRole> for types::Role {
    fn from(r: StoredRole) -> Self {
        match r {
            StoredRole::Admin => types::Role::Admin,
            StoredRole::Member => types::Role::Member,
            StoredRole::Auditor => types::Role::Auditor,
        }
    }
}
