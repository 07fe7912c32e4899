//! Applications and their tiers, as stored.

use serde::{Deserialize, Serialize};

use super::DiscoveredFrom;
use crate::generated::aria_networks::types;

/// An application, as stored; counts are evaluated when read.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ApplicationRow {
    pub name: String,
    pub create_time: i64,
    pub created_by: String,
    pub last_modified_time: i64,
    pub last_modified_by: String,
    /// The discovered application it was saved from (E89).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discovered: Option<DiscoveredFrom>,
}

/// A tier: its application, name, criteria, and the order it was added in.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TierRow {
    pub application: String,
    pub name: String,
    pub seq: u64,
    pub criteria: Vec<CriterionRow>,
}

/// A tier's membership criterion, as stored (the JSON spelling is the appliance's; which block
/// counts is `membership_type`'s, but a criterion posted with both keeps both).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CriterionRow {
    pub membership_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search_membership_criteria: Option<SearchCriterion>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip_address_membership_criteria: Option<AddressCriterion>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SearchCriterion {
    pub entity_type: String,
    pub filter: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AddressCriterion {
    pub ip_addresses: Vec<String>,
}

impl From<&types::GroupMembershipCriteria> for CriterionRow {
    fn from(c: &types::GroupMembershipCriteria) -> Self {
        CriterionRow {
            membership_type: c.membership_type.to_string(),
            search_membership_criteria: c.search_membership_criteria.as_ref().map(|s| {
                SearchCriterion {
                    entity_type: s.entity_type.to_string(),
                    filter: s.filter.clone(),
                }
            }),
            ip_address_membership_criteria: c.ip_address_membership_criteria.as_ref().map(|a| {
                AddressCriterion {
                    ip_addresses: a.ip_addresses.clone(),
                }
            }),
        }
    }
}
