//! Recommended rules: one `ALLOW` rule per (source, destination, protocol) of the flows between
//! the groups asked for, with the destination ports merged into ranges.

use std::collections::{BTreeMap, BTreeSet};

use super::groups::{GroupType, Grouping};
use super::{destination, End};
use crate::aria_networks::applications::groups::VmGroup;
use crate::aria_networks::errors::AriaError;
use crate::aria_networks::Aria;
use crate::generated::aria_networks::types;
use crate::world::workload::Protocol;

/// Consecutive ports as ranges.
fn ranges(ports: &BTreeSet<u16>) -> Vec<types::SimplePortRange> {
    let mut out: Vec<types::SimplePortRange> = Vec::new();
    for &p in ports {
        match out.last_mut() {
            Some(r) if r.end + 1 == i32::from(p) => r.end = i32::from(p),
            _ => out.push(types::SimplePortRange {
                start: i32::from(p),
                end: i32::from(p),
            }),
        }
    }
    out
}

fn group_end(g: &VmGroup, kind: GroupType) -> End {
    End::Group(g.id.clone(), kind.entity_type(), g.name.clone())
}

impl Aria {
    pub async fn recommended_rules(
        &self,
        body: Option<&types::RecommendedRulesRequest>,
    ) -> Result<types::RecommendedRules, AriaError> {
        let required = || AriaError::InvalidInput("group_1 is required".into());
        let body = body.ok_or_else(required)?;
        let first = body.group_1.as_ref().ok_or_else(required)?;
        let kind = GroupType::of(first.entity.entity_type)?;
        if let Some(second) = &body.group_2 {
            if GroupType::of(second.entity.entity_type)? != kind {
                return Err(AriaError::InvalidInput(
                    "group_1 and group_2 must be of one entity type".into(),
                ));
            }
        }
        let time_range = self.micro_seg_window(body.time_range.as_ref())?;
        let grouping = self.grouping(kind).await;
        let a = grouping.find(&first.entity.entity_id)?;
        let b = match &body.group_2 {
            Some(g) => Some(grouping.find(&g.entity.entity_id)?),
            None => None,
        };
        let external = body.include_external;
        let visible = self.visibility().await;
        let mut found: BTreeMap<(End, End, &str), BTreeSet<u16>> = BTreeMap::new();
        for flow in self.seen_flows(&visible) {
            let dst = flow.vm_destination();
            let pairs = match b {
                Some(b) => between(a, b, kind, flow.source, dst),
                None => around(a, &grouping, external, flow.source, destination(flow)),
            };
            let protocol = match flow.protocol {
                Protocol::Tcp => "TCP",
                Protocol::Udp => "UDP",
            };
            for (from, to) in pairs {
                found
                    .entry((from, to, protocol))
                    .or_default()
                    .insert(flow.port);
            }
        }
        let results = found
            .into_iter()
            .map(|((from, to, protocol), ports)| types::RecommendedRule {
                sources: vec![self.end_reference(&from)],
                destinations: vec![self.end_reference(&to)],
                protocols: vec![protocol.to_string()],
                port_ranges: ranges(&ports),
                action: types::RecommendedRuleAction::Allow,
            })
            .collect();
        Ok(types::RecommendedRules {
            results,
            time_range,
        })
    }
}

/// A flow's (source, destination) between groups `a` and `b`, either way.
fn between(
    a: &VmGroup,
    b: &VmGroup,
    kind: GroupType,
    src: usize,
    dst: Option<usize>,
) -> Vec<(End, End)> {
    let Some(dst) = dst else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if a.vms.contains(&src) && b.vms.contains(&dst) {
        out.push((group_end(a, kind), group_end(b, kind)));
    }
    if a.id != b.id && b.vms.contains(&src) && a.vms.contains(&dst) {
        out.push((group_end(b, kind), group_end(a, kind)));
    }
    out
}

/// A flow's (source, destination) into, out of or within group `a`, the other end as the group
/// of the type it belongs to, else (with `external`) itself.
fn around(
    a: &VmGroup,
    grouping: &Grouping,
    external: bool,
    src: usize,
    dst: End,
) -> Vec<(End, End)> {
    let kind = grouping.kind;
    let dst_vm = match &dst {
        End::Vm(d) => Some(*d),
        _ => None,
    };
    let from = a.vms.contains(&src);
    let to = dst_vm.is_some_and(|d| a.vms.contains(&d));
    let other = |vm: Option<usize>, end: End| match vm.and_then(|v| grouping.of(v)) {
        Some(g) if g.id != a.id => Some(group_end(g, kind)),
        _ if external => Some(end),
        _ => None,
    };
    match (from, to) {
        (true, true) => vec![(group_end(a, kind), group_end(a, kind))],
        (true, false) => other(dst_vm, dst)
            .map(|d| vec![(group_end(a, kind), d)])
            .unwrap_or_default(),
        (false, true) => other(Some(src), End::Vm(src))
            .map(|s| vec![(s, group_end(a, kind))])
            .unwrap_or_default(),
        (false, false) => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn consecutive_ports_merge_and_gaps_split() {
        let ports = BTreeSet::from([80, 81, 82, 443, 445, 8080]);
        let got: Vec<(i32, i32)> = ranges(&ports).iter().map(|r| (r.start, r.end)).collect();
        assert_eq!(got, [(80, 82), (443, 443), (445, 445), (8080, 8080)]);
        assert!(ranges(&BTreeSet::new()).is_empty());
    }
}
