//! A tier's members, evaluated against the inventory when read: the VMs a search finds (or the
//! VMs of the security groups it finds), and the VMs and other addresses an address list names.

use std::collections::BTreeSet;
use std::net::IpAddr;

use super::super::errors::AriaError;
use super::super::filter_language as filter;
use super::super::inventory::{EntityRef, Kind};
use super::super::nodes::entity_id;
use super::super::tables::CriterionRow;
use super::super::Aria;
use crate::aria_networks::visibility::Visibility;
use crate::generated::aria_networks::types;

/// An address or a subnet of an address list.
#[derive(Debug, Clone, Copy)]
pub enum Addresses {
    One(IpAddr),
    Subnet(IpAddr, u8),
}

impl Addresses {
    pub fn parse(text: &str) -> Result<Addresses, AriaError> {
        let bad = || AriaError::InvalidInput(format!("{text:?} is not an IP address or a subnet"));
        match text.trim().split_once('/') {
            None => text.trim().parse().map(Addresses::One).map_err(|_| bad()),
            Some((a, n)) => {
                let a: IpAddr = a.parse().map_err(|_| bad())?;
                let n: u8 = n.parse().map_err(|_| bad())?;
                if n > if a.is_ipv4() { 32 } else { 128 } {
                    return Err(bad());
                }
                Ok(Addresses::Subnet(a, n))
            }
        }
    }

    fn contains(self, ip: IpAddr) -> bool {
        match (self, ip) {
            (Addresses::One(a), ip) => a == ip,
            (Addresses::Subnet(IpAddr::V4(net), n), IpAddr::V4(ip)) => {
                let mask = if n == 0 { 0 } else { u32::MAX << (32 - n) };
                u32::from(net) & mask == u32::from(ip) & mask
            }
            (Addresses::Subnet(IpAddr::V6(net), n), IpAddr::V6(ip)) => {
                let mask = if n == 0 { 0 } else { u128::MAX << (128 - n) };
                u128::from(net) & mask == u128::from(ip) & mask
            }
            _ => false,
        }
    }
}

/// Checks one criterion: its block present, its filter one the sandbox evaluates, its
/// addresses parseable.
pub fn check(c: &types::GroupMembershipCriteria, aria: &Aria) -> Result<(), AriaError> {
    let bad = |m: &str| Err(AriaError::InvalidInput(m.into()));
    match c.membership_type {
        types::GroupMembershipCriteriaMembershipType::SearchMembershipCriteria => {
            let Some(s) = &c.search_membership_criteria else {
                return bad("SearchMembershipCriteria needs search_membership_criteria");
            };
            if let Some(kind) = Kind::for_search(&s.entity_type.to_string()) {
                let visible = Visibility::nothing(&aria.inventory.world);
                // Compiling is the check; nothing is visible, so nothing is evaluated.
                filter::parse(&s.filter).map_err(|e| AriaError::InvalidInput(e.to_string()))?;
                aria.matching(kind, Some(&s.filter), &visible)?;
            }
            Ok(())
        }
        types::GroupMembershipCriteriaMembershipType::IpAddressMembershipCriteria => {
            let Some(ips) = &c.ip_address_membership_criteria else {
                return bad("IPAddressMembershipCriteria needs ip_address_membership_criteria");
            };
            if ips.ip_addresses.is_empty() {
                return bad("ip_address_membership_criteria.ip_addresses must not be empty");
            }
            for a in &ips.ip_addresses {
                Addresses::parse(a)?;
            }
            Ok(())
        }
    }
}

fn reference(entity_id: String, entity_type: &str, name: &str) -> types::Reference {
    types::Reference {
        entity_id,
        entity_type: entity_type.parse().expect("a known EntityType"),
        entity_name: Some(name.to_string()),
    }
}

/// A tier's members: VMs by inventory index, and addresses no VM has.
#[derive(Default)]
pub(super) struct Members {
    pub vms: BTreeSet<usize>,
    pub physical: BTreeSet<String>,
}

impl Aria {
    /// A tier's name and criteria as a request gives them, checked: a name, at least one
    /// criterion, each one the sandbox evaluates.
    pub(super) fn checked_tier(
        &self,
        body: &types::TierRequest,
    ) -> Result<(String, Vec<CriterionRow>), AriaError> {
        let name = body.name.trim().to_string();
        if name.is_empty() {
            return Err(AriaError::InvalidInput("name must not be empty".into()));
        }
        if body.group_membership_criteria.is_empty() {
            return Err(AriaError::InvalidInput(
                "group_membership_criteria needs at least one criterion".into(),
            ));
        }
        for c in &body.group_membership_criteria {
            check(c, self)?;
        }
        let criteria = body
            .group_membership_criteria
            .iter()
            .map(Into::into)
            .collect();
        Ok((name, criteria))
    }

    /// The members of a tier with `criteria`, now, by index.
    pub(super) fn member_set(&self, criteria: &[CriterionRow], visible: &Visibility) -> Members {
        let inv = &self.inventory;
        let mut vms = BTreeSet::new();
        let mut physical = BTreeSet::new();
        for c in criteria {
            if let Some(s) = &c.search_membership_criteria {
                let Some(kind) = Kind::for_search(&s.entity_type.to_string()) else {
                    continue;
                };
                let hits = self
                    .matching(kind, Some(&s.filter), visible)
                    .unwrap_or_default();
                match kind {
                    Kind::Vm => vms.extend(hits),
                    Kind::SecurityGroup => vms.extend(
                        hits.iter()
                            .flat_map(|g| inv.group_members[*g].iter().copied()),
                    ),
                    _ => {}
                }
            }
            if let Some(list) = &c.ip_address_membership_criteria {
                for text in &list.ip_addresses {
                    let Ok(addresses) = Addresses::parse(text) else {
                        continue;
                    };
                    let mut found = false;
                    for (i, vm) in inv.workload.vms.iter().enumerate() {
                        let visible_vm = visible.vcenter(vm.place.vcenter);
                        if visible_vm && vm.ip.parse().is_ok_and(|ip| addresses.contains(ip)) {
                            vms.insert(i);
                            found = true;
                        }
                    }
                    if let (Addresses::One(ip), false) = (addresses, found) {
                        physical.insert(ip.to_string());
                    }
                }
            }
        }
        Members { vms, physical }
    }

    /// A VM's id in the inventory.
    pub(super) fn vm_id(&self, vm: usize) -> String {
        self.inventory.id(EntityRef::vm(vm)).to_string()
    }

    /// The members of a tier with `criteria`, now.
    pub(super) fn members(
        &self,
        criteria: &[CriterionRow],
        visible: &Visibility,
    ) -> types::MemberList {
        let Members { vms, physical } = self.member_set(criteria, visible);
        let inv = &self.inventory;
        types::MemberList {
            vms: Some(
                vms.into_iter()
                    .map(|v| {
                        let name = &inv.workload.vms[v].name;
                        types::Member {
                            key: Some(reference(self.vm_id(v), "VirtualMachine", name)),
                            name: Some(name.clone()),
                        }
                    })
                    .collect(),
            ),
            physical_ips: Some(
                physical
                    .into_iter()
                    .map(|ip| types::Member {
                        key: Some(reference(entity_id(541, &ip), "IPEndpoint", &ip)),
                        name: Some(ip),
                    })
                    .collect(),
            ),
            kubernetes_services: Some(Vec::new()),
        }
    }
}
