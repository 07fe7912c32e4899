//! How the appliance names a flow and which traffic tags it carries, made once per flow when
//! the inventory is built (every search reads them).

use std::fmt::Write;

use super::Inventory;
use crate::world::workload::FlowEnd;

impl Inventory {
    /// `10.100.0.12(web-vm-001) -> 203.0.113.7 [port:443]`, as the appliance names flows.
    pub(super) fn make_flow_name(&self, f: usize) -> String {
        let w = &self.workload;
        let flow = &w.flows[f];
        let src = &w.vms[flow.source];
        let mut name = String::with_capacity(96);
        // Writing to a String cannot fail.
        let _ = write!(name, "{}({}) -> ", src.ip, src.name);
        let _ = match &flow.destination {
            FlowEnd::Vm(v) => write!(name, "{}({})", w.vms[*v].ip, w.vms[*v].name),
            FlowEnd::Internet(ip) => write!(name, "{ip}"),
        };
        let _ = write!(name, " [port:{}]", flow.port);
        name
    }

    pub(super) fn make_flow_tags(&self, f: usize) -> u16 {
        let w = &self.workload;
        let flow = &w.flows[f];
        let names: Vec<&str> = match flow.destination {
            FlowEnd::Internet(_) => vec![
                "TAG_INTERNET_TRAFFIC",
                "TAG_VM_PHY_TRAFFIC",
                "TAG_SRC_IP_VM",
                "TAG_DST_IP_INTERNET",
                "TAG_NETWORK_ROUTED",
                "TAG_UNICAST",
            ],
            FlowEnd::Vm(d) => {
                let (s, d) = (&w.vms[flow.source], &w.vms[d]);
                vec![
                    "TAG_EAST_WEST_TRAFFIC",
                    "TAG_VM_VM_TRAFFIC",
                    "TAG_SRC_IP_VM",
                    "TAG_DST_IP_VM",
                    if s.host == d.host {
                        "TAG_SAME_HOST"
                    } else {
                        "TAG_DIFF_HOST"
                    },
                    if s.network == d.network {
                        "TAG_NETWORK_SWITCHED"
                    } else {
                        "TAG_NETWORK_ROUTED"
                    },
                    "TAG_UNICAST",
                    if s.place.datacenter == d.place.datacenter {
                        "TAG_WITHIN_DC"
                    } else {
                        "TAG_DIFF_DC"
                    },
                ]
            }
        };
        names
            .iter()
            .map(|n| 1u16 << FLOW_TAGS.iter().position(|t| t == n).expect("a known tag"))
            .fold(0, |a, b| a | b)
    }
}

/// The flow tags the sandbox's flows carry; a flow keeps them as bits of a `u16`, so that a
/// search reads them without following a pointer per flow.
pub const FLOW_TAGS: [&str; 14] = [
    "TAG_INTERNET_TRAFFIC",
    "TAG_EAST_WEST_TRAFFIC",
    "TAG_VM_VM_TRAFFIC",
    "TAG_VM_PHY_TRAFFIC",
    "TAG_SRC_IP_VM",
    "TAG_DST_IP_VM",
    "TAG_DST_IP_INTERNET",
    "TAG_SAME_HOST",
    "TAG_DIFF_HOST",
    "TAG_NETWORK_SWITCHED",
    "TAG_NETWORK_ROUTED",
    "TAG_UNICAST",
    "TAG_WITHIN_DC",
    "TAG_DIFF_DC",
];

/// The names of the tags set in `bits`, in [`FLOW_TAGS`] order.
pub fn flow_tag_names(bits: u16) -> impl Iterator<Item = &'static str> {
    FLOW_TAGS
        .iter()
        .enumerate()
        .filter(move |(i, _)| bits & (1 << i) != 0)
        .map(|(_, t)| *t)
}
