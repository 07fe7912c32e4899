//! Micro-segmentation: firewall rules that would allow the traffic the world's flows show, and
//! who talks to whom, by application, tier, security group or VM (E85).
//!
//! - `groups`: the groups and which one a VM belongs to
//! - `rules`: recommended rules between groups
//! - `graph`: the communication graph and its per-edge summary
//! - `export`: the rules as a zip for NSX
//! - `api`: the `Micro-segmentation` tag, translated to the above

mod api;
mod export;
mod graph;
mod groups;
mod rules;

use super::errors::AriaError;
use super::inventory::EntityRef;
use super::nodes::entity_id;
use super::Aria;
use crate::generated::aria_networks::types;
use crate::world::workload::{Flow, FlowEnd};

const DAY: i64 = 86_400;

/// One end of traffic as micro-segmentation names it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum End {
    /// A group, by id, with its type and name.
    Group(String, types::EntityType, String),
    Vm(usize),
    Address(String),
}

impl Aria {
    /// The window asked for, or the last 24 hours.
    fn micro_seg_window(
        &self,
        range: Option<&types::TimeRange>,
    ) -> Result<types::TimeRange, AriaError> {
        let (start, end) = match range {
            Some(r) => (r.start_time, r.end_time),
            None => (None, None),
        };
        let end = end.unwrap_or_else(|| self.clock.now_secs());
        let (start, end) = self.window(
            "time_range: ",
            Some(start.unwrap_or(end.saturating_sub(DAY))),
            Some(end),
        )?;
        Ok(types::TimeRange {
            start_time: Some(start),
            end_time: Some(end),
        })
    }

    fn end_reference(&self, end: &End) -> types::Reference {
        let inv = &self.inventory;
        let (entity_id, entity_type, name) = match end {
            End::Group(id, t, name) => (id.clone(), *t, name.clone()),
            End::Vm(v) => {
                let e = EntityRef::vm(*v);
                let name = inv.workload.vms[*v].name.clone();
                (
                    inv.id(e).to_string(),
                    types::EntityType::VirtualMachine,
                    name,
                )
            }
            End::Address(ip) => (
                entity_id(541, ip),
                types::EntityType::IpEndpoint,
                ip.clone(),
            ),
        };
        types::Reference {
            entity_id,
            entity_type,
            entity_name: Some(name),
        }
    }
}

/// A flow's destination as an end of its own.
fn destination(flow: &Flow) -> End {
    match &flow.destination {
        FlowEnd::Vm(d) => End::Vm(*d),
        FlowEnd::Internet(ip) => End::Address(ip.clone()),
    }
}
