//! The appliance's own nodes (`/infra/nodes`): a platform and collectors, from the configuration,
//! less the collectors removed through the API (E54). A data source's `proxy_id` names one of
//! them. The VCF watermark is in `watermark`.
//!
//! Ids have the vendor's form `<customer>:<type code>:<number>` (a node is type 901); the number
//! is derived from the node's name, so that it is the same on every start.

mod api;
mod watermark;

use super::errors::AriaError;
use super::Aria;
use crate::aria_networks::config::{AriaNodeConfig, AriaNodeType};
use crate::generated::aria_networks::types;

/// The customer part of every entity id the sandbox makes (the reference's examples use 18230).
pub const CUSTOMER: u32 = 18230;
/// The product version nodes report.
const VERSION: &str = "6.12.0";

/// An entity id: `18230:<type code>:<number from key>` (FNV-1a of `key`).
pub fn entity_id(type_code: u32, key: &str) -> String {
    let mut hash = Fnv1a::default();
    hash.bytes(key.as_bytes());
    format!("{CUSTOMER}:{type_code}:{}", hash.0)
}

/// 32-bit FNV-1a, fed by `write!` as well as by bytes: the inventory hashes its keys as it
/// formats them.
#[derive(Clone, Copy)]
pub struct Fnv1a(pub u32);

impl Default for Fnv1a {
    fn default() -> Self {
        Fnv1a(0x811c_9dc5)
    }
}

impl Fnv1a {
    pub fn bytes(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u32::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0193);
        }
    }

    /// The hash of what was written, then `|{n}`.
    pub fn with(mut self, n: u32) -> u32 {
        use std::fmt::Write;
        write!(self, "|{n}").expect("hashing never fails");
        self.0
    }
}

impl std::fmt::Write for Fnv1a {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.bytes(s.as_bytes());
        Ok(())
    }
}

pub(crate) fn node_id(n: &AriaNodeConfig) -> String {
    entity_id(901, &n.name)
}

impl Aria {
    /// The customer id the appliance's ids and answers carry.
    pub fn customer_id(&self) -> i64 {
        i64::from(CUSTOMER)
    }
    /// The configured nodes not removed, with their ids.
    async fn present_nodes(&self) -> Vec<(String, &AriaNodeConfig)> {
        let state = self.db.read().await;
        let removed = &state.aria().removed_nodes;
        self.config
            .nodes
            .iter()
            .map(|n| (node_id(n), n))
            .filter(|(id, _)| !removed.contains(id))
            .collect()
    }

    pub async fn nodes(&self) -> types::NodeListResult {
        let results: Vec<types::NodeId> = self
            .present_nodes()
            .await
            .into_iter()
            .map(|(id, _)| types::NodeId {
                id,
                entity_type: "Node".into(),
            })
            .collect();
        types::NodeListResult {
            total_count: results.len() as i64,
            results,
        }
    }

    pub async fn expanded_nodes(&self) -> types::ExpandedNodeListResult {
        let results: Vec<types::Node> = self
            .present_nodes()
            .await
            .into_iter()
            .map(|(id, n)| self.answer_node(id, n))
            .collect();
        types::ExpandedNodeListResult {
            total_count: results.len() as i64,
            results,
        }
    }

    pub async fn node(&self, id: &str) -> Result<types::Node, AriaError> {
        let (id, n) = self
            .present_nodes()
            .await
            .into_iter()
            .find(|(n, _)| n == id)
            .ok_or_else(|| not_found(id))?;
        Ok(self.answer_node(id, n))
    }

    /// Removes a collector no data source names; answers it as it was.
    pub async fn delete_node(&self, id: &str) -> Result<types::Node, AriaError> {
        let n = self
            .config
            .nodes
            .iter()
            .find(|n| node_id(n) == id)
            .ok_or_else(|| not_found(id))?;
        let answer = self.answer_node(id.to_string(), n);
        let now = self.clock.now_secs();
        self.db
            .write(|s| {
                let t = s.aria_mut();
                if t.removed_nodes.contains(id) {
                    return Err(not_found(id));
                }
                if n.node_type == AriaNodeType::Platform {
                    return Err(AriaError::InvalidInput(format!(
                        "{} is the platform node; only collector nodes can be removed",
                        n.name
                    )));
                }
                if let Some(user) = t
                    .data_sources
                    .values()
                    .find(|r| r.text("proxy_id") == Some(id))
                {
                    return Err(AriaError::InvalidInput(format!(
                        "Collector {} polls data source {}; move or delete its data sources first",
                        n.name,
                        user.text("entity_id").unwrap_or_default()
                    )));
                }
                t.removed_nodes.insert(id.to_string(), now);
                Ok(answer)
            })
            .await
    }

    fn answer_node(&self, id: String, n: &AriaNodeConfig) -> types::Node {
        let now = self.clock.now_secs();
        types::Node {
            id,
            entity_type: "Node".into(),
            node_type: match n.node_type {
                AriaNodeType::Platform => types::NodeNodeType::PlatformVm,
                AriaNodeType::Proxy => types::NodeNodeType::ProxyVm,
            },
            node_id: n.node_id.clone(),
            ip_address: n.ip_address.clone(),
            ipv6_address: None,
            name: n.name.clone(),
            is_physical_flow_collector: false,
            version: VERSION.into(),
            health: types::Health {
                health_status: types::HealthHealthStatus::Healthy,
                health_details: Vec::new(),
            },
            registered_timestamp: self.started_secs,
            // Nodes report in every minute.
            last_updated_timestamp: now - now.rem_euclid(60),
        }
    }
}

fn not_found(id: &str) -> AriaError {
    AriaError::NotFound(format!("No node with id {id}"))
}

#[cfg(test)]
mod tests {
    use super::entity_id;

    #[test]
    fn ids_have_the_vendors_form_and_are_stable() {
        let a = entity_id(901, "collector01");
        assert_eq!(a, entity_id(901, "collector01"));
        assert_ne!(a, entity_id(901, "platform01"));
        let parts: Vec<&str> = a.split(':').collect();
        assert_eq!(parts[..2], ["18230", "901"]);
        assert!(parts[2].parse::<u32>().is_ok());
    }
}
