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
        // Pushed piece by piece: a million flows' names are a third of a large world's start-up,
        // and `format!`'s machinery was most of that.
        let mut name = String::with_capacity(96);
        let vm = |name: &mut String, ip: &str, vm_name: &str| {
            name.push_str(ip);
            name.push('(');
            name.push_str(vm_name);
            name.push(')');
        };
        vm(&mut name, &src.ip, &src.name);
        name.push_str(" -> ");
        match &flow.destination {
            FlowEnd::Vm(v) => vm(&mut name, &w.vms[*v].ip, &w.vms[*v].name),
            FlowEnd::Internet(ip) => name.push_str(ip),
        }
        // Writing to a String cannot fail.
        let _ = write!(name, " [port:{}]", flow.port);
        name
    }

    pub(super) fn make_flow_tags(&self, f: usize) -> u16 {
        let w = &self.workload;
        let flow = &w.flows[f];
        let bits = TagBits::get();
        match flow.destination {
            FlowEnd::Internet(_) => bits.internet,
            FlowEnd::Vm(d) => {
                // The datacenters' flat indices: a place's datacenter counts within its vCenter,
                // so two vCenters' first datacenters would be "the same".
                let same_dc = self.vm_datacenter[flow.source] == self.vm_datacenter[d];
                let (s, d) = (&w.vms[flow.source], &w.vms[d]);
                let pick = |same: bool, (yes, no): (u16, u16)| if same { yes } else { no };
                bits.east_west
                    | pick(s.host == d.host, bits.host)
                    | pick(s.network == d.network, bits.network)
                    | pick(same_dc, bits.datacenter)
            }
        }
    }
}

/// The tags' bits, looked up once (a million flows each looked up eight names).
struct TagBits {
    /// A flow to the internet.
    internet: u16,
    /// Every flow between two VMs.
    east_west: u16,
    /// (the same, different) host, network, datacenter.
    host: (u16, u16),
    network: (u16, u16),
    datacenter: (u16, u16),
}

impl TagBits {
    fn get() -> &'static TagBits {
        static BITS: std::sync::OnceLock<TagBits> = std::sync::OnceLock::new();
        BITS.get_or_init(|| {
            let of = |names: &[&str]| {
                names
                    .iter()
                    .map(|n| 1u16 << FLOW_TAGS.iter().position(|t| t == n).expect("a known tag"))
                    .fold(0, |a, b| a | b)
            };
            TagBits {
                internet: of(&[
                    "TAG_INTERNET_TRAFFIC",
                    "TAG_VM_PHY_TRAFFIC",
                    "TAG_SRC_IP_VM",
                    "TAG_DST_IP_INTERNET",
                    "TAG_NETWORK_ROUTED",
                    "TAG_UNICAST",
                ]),
                east_west: of(&[
                    "TAG_EAST_WEST_TRAFFIC",
                    "TAG_VM_VM_TRAFFIC",
                    "TAG_SRC_IP_VM",
                    "TAG_DST_IP_VM",
                    "TAG_UNICAST",
                ]),
                host: (of(&["TAG_SAME_HOST"]), of(&["TAG_DIFF_HOST"])),
                network: (of(&["TAG_NETWORK_SWITCHED"]), of(&["TAG_NETWORK_ROUTED"])),
                datacenter: (of(&["TAG_WITHIN_DC"]), of(&["TAG_DIFF_DC"])),
            }
        })
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
