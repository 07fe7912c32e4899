//! NSX-T's security tags (E100). In NSX-T a group's members are the VMs that carry its tag, so
//! each manager has one tag per security-group name of the vCenters it manages, and the tag makes
//! those groups.

use serde_json::{json, Value};

use super::{stable_uuid, Derived, NsxtObject};
use crate::aria_networks::inventory::Inventory;

/// Every manager's tags, in the order their groups' names first appear in the world.
pub fn build(d: &mut Derived, inv: &Inventory) {
    let groups = &inv.workload.security_groups;
    d.group_tags = vec![Vec::new(); groups.len()];
    for (m, manager) in inv.world.nsxt_managers.iter().enumerate() {
        let mut tags: Vec<(&str, Vec<usize>)> = Vec::new();
        for (g, group) in groups.iter().enumerate() {
            if !manager.vcenters.contains(&group.vcenter) {
                continue;
            }
            match tags.iter_mut().find(|(name, _)| *name == group.name) {
                Some((_, members)) => members.push(g),
                None => tags.push((&group.name, vec![g])),
            }
        }
        for (name, members) in tags {
            let key = format!("{}/security-tag/{name}", manager.config.name);
            d.security_tags.push(NsxtObject {
                manager: m,
                name: name.to_string(),
                ip: None,
                vendor_id: stable_uuid(&key),
            });
            for &g in &members {
                d.group_tags[g].push(d.security_tags.len() - 1);
            }
            d.tag_groups.push(members);
        }
    }
}

impl Inventory {
    /// A security tag as its getter answers it (without the common fields).
    pub(super) fn security_tag_answer(&self, i: usize, manager: Value) -> Value {
        let tag = &self.nsxt.security_tags[i];
        let groups: Vec<Value> = self.nsxt.tag_groups[i]
            .iter()
            .map(|&g| self.group_ref(g))
            .collect();
        json!({
            "description": format!("The VMs of the security groups named {}", tag.name),
            "direct_security_groups": groups, "security_groups": groups,
            "vendor_id": tag.vendor_id, "nsx_manager": manager,
        })
    }
}
