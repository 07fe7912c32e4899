//! Every application and every tier as a set of VMs, for what groups VMs by them
//! (micro-segmentation).

use std::collections::BTreeSet;

use crate::aria_networks::Aria;

/// A group of VMs: an application or a tier, by id.
#[derive(Debug, Clone)]
pub struct VmGroup {
    pub id: String,
    pub name: String,
    pub vms: BTreeSet<usize>,
}

impl Aria {
    /// Every application with the VMs of all its tiers, in id order.
    pub async fn application_groups(&self) -> Vec<VmGroup> {
        let mut out: Vec<VmGroup> = Vec::new();
        for tier in self.tier_groups_of(true).await {
            match out.last_mut() {
                Some(last) if last.id == tier.id => last.vms.extend(tier.vms),
                _ => out.push(tier),
            }
        }
        out
    }

    /// Every tier with its VMs, in id order.
    pub async fn tier_groups(&self) -> Vec<VmGroup> {
        self.tier_groups_of(false).await
    }

    /// Each tier's VMs, named by the tier or (`by_application`) by its application, ordered
    /// by that id; an application without tiers is a group without VMs.
    async fn tier_groups_of(&self, by_application: bool) -> Vec<VmGroup> {
        let visible = self.visibility().await;
        let state = self.db.read().await;
        let t = state.aria();
        let mut out: Vec<VmGroup> = Vec::new();
        if by_application {
            for (id, app) in t.applications.iter() {
                out.push(VmGroup {
                    id: id.to_string(),
                    name: app.name.clone(),
                    vms: BTreeSet::new(),
                });
            }
        }
        for (id, tier) in t.tiers.iter() {
            let vms = self.member_set(&tier.criteria, &visible).vms;
            let (id, name) = match (by_application, t.applications.get(&tier.application)) {
                (true, Some(app)) => (tier.application.clone(), app.name.clone()),
                (true, None) => continue,
                (false, _) => (id.to_string(), tier.name.clone()),
            };
            out.push(VmGroup { id, name, vms });
        }
        out.sort_by(|a, b| a.id.cmp(&b.id));
        out
    }
}
