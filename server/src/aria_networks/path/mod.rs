//! The firewall rules in the path between two addresses (E98): each distributed firewall the
//! traffic passes, with the rule that decides it.

mod api;

use serde_json::{json, Value};

use super::errors::AriaError;
use super::inventory::{EntityRef, Kind, Port};
use super::Aria;
use crate::generated::aria_networks::types;

impl Aria {
    pub async fn path_firewall_rules(
        &self,
        body: &types::PathFirewallRulesRequest,
    ) -> Result<types::PathFirewallRules, AriaError> {
        let source = address("source_ip_address", &body.source_ip_address)?;
        let destination = address("destination_ip_address", &body.destination_ip_address)?;
        let port = u16::try_from(body.port).map_err(|_| {
            AriaError::InvalidInput(format!("port must be 0 to 65535, not {}", body.port))
        })?;
        let udp = match body
            .protocol
            .as_deref()
            .map(str::to_ascii_uppercase)
            .as_deref()
        {
            None | Some("TCP") => false,
            Some("UDP") => true,
            Some(other) => {
                return Err(AriaError::InvalidInput(format!(
                    "protocol must be TCP or UDP, not {other}"
                )))
            }
        };
        let visible = self.visibility().await;
        let inv = &self.inventory;
        let w = &inv.workload;
        let (from, to) = (inv.vm_at(&source), inv.vm_at(&destination));
        // The managers whose firewalls the traffic passes: the source VM's, then the
        // destination VM's.
        let mut managers: Vec<usize> = Vec::new();
        for vm in [from, to].into_iter().flatten() {
            let vcenter = w.vms[vm].place.vcenter;
            for (m, manager) in inv.world.nsxt_managers.iter().enumerate() {
                if manager.vcenters.contains(&vcenter) && !managers.contains(&m) {
                    managers.push(m);
                }
            }
        }
        let group = |vm: Option<usize>| vm.map(|v| w.vms[v].security_group);
        let firewalls: Vec<Value> = managers
            .into_iter()
            .filter(|&m| visible.nsxt_manager(m))
            .map(|m| {
                let rule = inv.deciding_rule(m, group(from), group(to), Port { udp, port });
                let firewall = EntityRef::new(Kind::NsxtFirewall, m);
                let manager = EntityRef::new(Kind::NsxtManager, m);
                json!({
                    "firewall_entity_id": reference(inv, firewall),
                    "vendor_info": {"vendor_ids": inv.vendor_ids(firewall), "manager": reference(inv, manager)},
                    "manager": reference(inv, manager),
                    "rules": [inv.answer(EntityRef::new(Kind::NsxtFirewallRule, rule))],
                })
            })
            .collect();
        serde_json::from_value(json!({ "firewalls": firewalls }))
            .map_err(|e| AriaError::Internal(format!("a path answer does not read back: {e}")))
    }
}

fn reference(inv: &super::inventory::Inventory, e: EntityRef) -> Value {
    json!({"entity_id": inv.id(e), "entity_type": e.kind.entity_type(), "entity_name": inv.nsxt(e).name})
}

/// An IPv4 address, or a 400 naming the field.
fn address(field: &str, text: &str) -> Result<String, AriaError> {
    text.trim()
        .parse::<std::net::Ipv4Addr>()
        .map(|a| a.to_string())
        .map_err(|_| {
            AriaError::InvalidInput(format!("{field} must be an IPv4 address, not {text:?}"))
        })
}
