//! Each NSX-T manager's distributed firewall, derived from the world's flows (E97): a rule
//! allowing each pair of security groups (or a group and the internet) that flows leaving or
//! reaching its vCenters connect, on the services they use, and a last default rule dropping
//! the rest; the services, a service group per destination group, and an IP set per network.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use super::{Derived, NsxtObject};
use crate::aria_networks::inventory::{EntityRef, Inventory, Kind};
use crate::world::workload::Protocol;

/// The name of each manager's last rule, as NSX-T names it.
pub const DEFAULT_RULE: &str = "Default Layer3 Rule";
/// NSX-T numbers the rules it makes from 1000; the default rule is 2.
const FIRST_RULE_ID: usize = 1000;
const DEFAULT_RULE_ID: &str = "2";
const APPLICATION_SECTION: &str = "Application rules";
const DEFAULT_SECTION: &str = "Default Layer3 Section";

/// What a firewall rule allows: traffic from a security group to another (or to any address:
/// the internet) on some services. `None` sources make the default rule.
#[derive(Debug, Clone, Default)]
pub struct RuleParts {
    pub source: Option<usize>,
    pub destination: Option<usize>,
    pub services: Vec<usize>,
    pub default: bool,
    /// NSX-T's id of the rule, and its place in the firewall's order (from 1; the default rule
    /// last).
    pub rule_id: String,
    pub sequence: usize,
    /// NSX-T's id of the rule's section.
    pub section_id: String,
}

/// A service: a protocol and a port.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Port {
    pub udp: bool,
    pub port: u16,
}

impl Port {
    pub fn protocol(self) -> &'static str {
        if self.udp {
            "UDP"
        } else {
            "TCP"
        }
    }
}

/// Every manager's firewall objects, appended to `d` (whose manager lists are built).
pub fn build(d: &mut Derived, inv: &Inventory) {
    for (m, pairs) in pairs_by_manager(inv).into_iter().enumerate() {
        build_one(d, inv, m, &pairs);
    }
}

/// (source group, destination group or the internet) → the ports flows between them use.
type Pairs = BTreeMap<(usize, Option<usize>), Vec<Port>>;

/// Per manager, the pairs of the flows that leave or reach a VM of its vCenters: one pass over
/// the flows for every manager.
fn pairs_by_manager(inv: &Inventory) -> Vec<Pairs> {
    let (world, w) = (&inv.world, &inv.workload);
    let mut managers_of: Vec<Vec<usize>> = vec![Vec::new(); world.vcenters.len()];
    for (m, manager) in world.nsxt_managers.iter().enumerate() {
        for &v in &manager.vcenters {
            managers_of[v].push(m);
        }
    }
    let mut pairs = vec![Pairs::new(); world.nsxt_managers.len()];
    let mut seen: Vec<usize> = Vec::new();
    for f in &w.flows {
        let source = &w.vms[f.source];
        let destination = f.vm_destination();
        seen.clear();
        seen.extend(&managers_of[source.place.vcenter]);
        for &m in destination.map_or(&[][..], |v| &managers_of[w.vms[v].place.vcenter]) {
            if !seen.contains(&m) {
                seen.push(m);
            }
        }
        let key = (
            source.security_group,
            destination.map(|v| w.vms[v].security_group),
        );
        let port = Port {
            udp: f.protocol == Protocol::Udp,
            port: f.port,
        };
        for &m in &seen {
            let ports = pairs[m].entry(key).or_default();
            if !ports.contains(&port) {
                ports.push(port);
            }
        }
    }
    pairs
}

fn build_one(d: &mut Derived, inv: &Inventory, m: usize, pairs: &Pairs) {
    let manager = &inv.world.nsxt_managers[m];
    let name = &manager.config.name;
    let w = &inv.workload;
    // Keyed by what the object is in the world (group and network ids), not by its name: two
    // vCenters' groups may share a name.
    let uuid = |key: &str| {
        uuid::Uuid::new_v5(
            &uuid::Uuid::NAMESPACE_URL,
            format!("{name}/{key}").as_bytes(),
        )
        .to_string()
    };
    let object = |n: String, key: &str| NsxtObject {
        manager: m,
        vendor_id: uuid(key),
        name: n,
        ip: None,
    };
    let mut service_at: BTreeMap<Port, usize> = BTreeMap::new();
    for port in pairs.values().flatten() {
        service_at.entry(*port).or_insert(0);
    }
    for (port, at) in service_at.iter_mut() {
        *at = d.services.len();
        let service = format!("{}-{}", port.protocol(), port.port);
        d.services
            .push(object(service.clone(), &format!("service/{service}")));
        d.service_ports.push(*port);
    }
    // A service group per destination group, its members what the group is reached on.
    let mut reached: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for ((_, destination), ports) in pairs {
        if let Some(g) = destination {
            let members = reached.entry(*g).or_default();
            members.extend(ports.iter().map(|p| service_at[p]));
            members.sort_unstable();
            members.dedup();
        }
    }
    for (g, members) in reached {
        let group = &w.security_groups[g];
        let key = format!("service-group/{}", group.id);
        d.service_groups
            .push(object(format!("{}-services", group.name), &key));
        d.service_group_members.push(members);
    }
    for (n, net) in w.networks.iter().enumerate() {
        if manager.vcenters.contains(&net.vcenter) {
            let key = format!("ip-set/{}", net.id);
            d.ip_sets.push(object(format!("ipset-{}", net.name), &key));
            d.ip_set_network.push(n);
            d.ip_set_range.push(subnet_bounds(&net.subnet));
        }
    }
    d.firewalls
        .push(object(format!("{name} Distributed Firewall"), "firewall"));
    let first = d.rules.len();
    let group = |g: usize| &w.security_groups[g];
    for (k, ((source, destination), ports)) in pairs.iter().enumerate() {
        let (to, to_id) = destination.map_or(("any", "any"), |g| {
            (group(g).name.as_str(), group(g).id.as_str())
        });
        let from = group(*source);
        let key = format!("rule/{}/{to_id}", from.id);
        d.rule_at.insert((m, *source, *destination), d.rules.len());
        d.rules.push(object(format!("{} to {to}", from.name), &key));
        let mut services: Vec<usize> = ports.iter().map(|p| service_at[p]).collect();
        services.sort_unstable();
        d.rule_parts.push(RuleParts {
            source: Some(*source),
            destination: *destination,
            services,
            default: false,
            rule_id: (FIRST_RULE_ID + k).to_string(),
            sequence: k + 1,
            section_id: uuid("section/application"),
        });
    }
    d.rules
        .push(object(DEFAULT_RULE.to_string(), "rule/default"));
    d.rule_parts.push(RuleParts {
        default: true,
        rule_id: DEFAULT_RULE_ID.to_string(),
        sequence: pairs.len() + 1,
        section_id: uuid("section/default"),
        ..RuleParts::default()
    });
    d.rules_of.push(first..d.rules.len());
}

impl Inventory {
    /// The rule of manager `m`'s firewall that decides traffic from a VM of group `source` (or
    /// an address that is no VM) to one of group `destination` (or any other address) on
    /// `port`: the first in sequence that matches and allows the port (the source's rule to any
    /// address, then its rule to the destination's group), else the default rule.
    pub fn deciding_rule(
        &self,
        m: usize,
        source: Option<usize>,
        destination: Option<usize>,
        port: Port,
    ) -> usize {
        let d = &self.nsxt;
        let default = d.rules_of[m].end - 1;
        let Some(s) = source else { return default };
        let allows = |r: &usize| {
            d.rule_parts[*r]
                .services
                .iter()
                .any(|&s| d.service_ports[s] == port)
        };
        // In sequence order: the source's rule to any address comes before its rules to groups.
        [Some(None), destination.map(Some)]
            .into_iter()
            .flatten()
            .filter_map(|to| d.rule_at.get(&(m, s, to)).copied())
            .find(allows)
            .unwrap_or(default)
    }

    fn port_range(p: Port) -> Value {
        json!({"start": p.port, "end": p.port, "display": p.port.to_string()})
    }

    /// The NSX-T id of the rule that decides flow `f` in its source's manager's distributed
    /// firewall (E132), if a manager manages the source's vCenter.
    pub fn flow_rule_id(&self, f: usize) -> Option<&str> {
        let w = &self.workload;
        let flow = &w.flows[f];
        let source = &w.vms[flow.source];
        let m = self.nsx_manager_of(source.place.vcenter)?;
        let destination = self.flow_destination_vm(f).map(|d| w.vms[d].security_group);
        let port = Port {
            udp: flow.protocol == Protocol::Udp,
            port: flow.port,
        };
        let r = self.deciding_rule(m, Some(source.security_group), destination, port);
        Some(&self.nsxt.rule_parts[r].rule_id)
    }

    /// A VM's rule sets in manager `m`'s distributed firewall (E130), given its security group:
    /// the rules whose sources take it in (its group's or any), and those whose destinations
    /// do (none inverts a side, so a VM has no inversion rules).
    pub fn vm_rule_sets(&self, m: usize, group: usize) -> (Value, Value) {
        let d = &self.nsxt;
        let (mut from, mut to) = (Vec::new(), Vec::new());
        for r in d.rules_of[m].clone() {
            let p = &d.rule_parts[r];
            let rule = || self.nsxt_ref(Kind::NsxtFirewallRule, r);
            if p.source.is_none_or(|g| g == group) {
                from.push(rule());
            }
            if p.destination.is_none_or(|g| g == group) {
                to.push(rule());
            }
        }
        let firewall = self.nsxt_ref(Kind::NsxtFirewall, m);
        let set = |rules: Vec<Value>| json!([{"rules": rules, "firewall": firewall, "rule_set_type": "NSX_STANDARD"}]);
        (set(from), set(to))
    }

    /// A firewall object as its getter answers it (without the common fields).
    pub(super) fn nsxt_security_answer(&self, e: EntityRef, managers: Value) -> Value {
        let (d, i) = (&self.nsxt, e.index);
        let o = self.nsxt(e);
        match e.kind {
            Kind::NsxtFirewallRule => {
                let parts = &d.rule_parts[i];
                let services: Vec<Value> = parts
                    .services
                    .iter()
                    .map(|&s| self.nsxt_ref(Kind::NsService, s))
                    .collect();
                let ports: Vec<Value> = parts
                    .services
                    .iter()
                    .map(|&s| Self::port_range(d.service_ports[s]))
                    .collect();
                json!({
                    "rule_id": parts.rule_id,
                    "section_id": parts.section_id,
                    "section_name": if parts.default { DEFAULT_SECTION } else { APPLICATION_SECTION },
                    "sequence_number": parts.sequence,
                    "source_any": parts.source.is_none(),
                    "destination_any": parts.destination.is_none(),
                    "service_any": parts.services.is_empty(),
                    "anySrcInterface": true, "anyDstInterface": true,
                    "sources": parts.source.map(|g| self.group_ref(g)).into_iter().collect::<Vec<_>>(),
                    "destinations": parts.destination.map(|g| self.group_ref(g)).into_iter().collect::<Vec<_>>(),
                    "services": services, "port_ranges": ports,
                    "action": if parts.default { "DROP" } else { "ALLOW" },
                    "disabled": false, "source_inversion": false, "destination_inversion": false,
                    "logging_enabled": parts.default, "direction": "INOUT",
                    "nsx_managers": managers, "applied_tos": [],
                })
            }
            Kind::NsService => {
                let p = d.service_ports[i];
                json!({"protocol": p.protocol(), "port_ranges": [Self::port_range(p)],
                    "nsxt_managers": managers, "vendor_id": o.vendor_id})
            }
            Kind::NsServiceGroup => json!({
                "members": d.service_group_members[i].iter().map(|&s| self.nsxt_ref(Kind::NsService, s)).collect::<Vec<_>>(),
                "nsxt_managers": managers, "vendor_id": o.vendor_id,
            }),
            Kind::NsxtIpSet => {
                let (start, end) = &d.ip_set_range[i];
                json!({
                    "ip_addresses": [], "ip_ranges": [{"start_ip": start, "end_ip": end}],
                    "vendor_id": o.vendor_id, "vendor": "VMware", "nsxt_managers": managers,
                })
            }
            Kind::NsxtFirewall => {
                let rules: Vec<Value> = d.rules_of[i]
                    .clone()
                    .map(|r| self.nsxt_ref(Kind::NsxtFirewallRule, r))
                    .collect();
                json!({
                    "firewall_rules": [{"rules": rules, "firewall": self.nsxt_ref(Kind::NsxtFirewall, i), "rule_set_type": "NSX_STANDARD"}],
                    "exclusions": [], "vendor_id": o.vendor_id,
                })
            }
            _ => Value::Null,
        }
    }
}

/// The first and last address of an IPv4 `a.b.c.d/n` subnet (the subnet itself if unparsable).
fn subnet_bounds(subnet: &str) -> (String, String) {
    let parsed = subnet.split_once('/').and_then(|(ip, bits)| {
        let ip: std::net::Ipv4Addr = ip.parse().ok()?;
        let bits: u32 = bits.parse().ok().filter(|b| *b <= 32)?;
        let mask = u32::MAX.checked_shl(32 - bits).unwrap_or(0);
        let start = u32::from(ip) & mask;
        Some((start, start | !mask))
    });
    match parsed {
        Some((s, e)) => (
            std::net::Ipv4Addr::from(s).to_string(),
            std::net::Ipv4Addr::from(e).to_string(),
        ),
        None => (subnet.to_string(), subnet.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::subnet_bounds;

    #[test]
    fn a_subnet_spans_its_first_to_its_last_address() {
        let b = |s: &str| subnet_bounds(s);
        assert_eq!(
            b("10.100.0.0/16"),
            ("10.100.0.0".into(), "10.100.255.255".into())
        );
        assert_eq!(b("10.1.2.3/32"), ("10.1.2.3".into(), "10.1.2.3".into()));
        assert_eq!(b("0.0.0.0/0"), ("0.0.0.0".into(), "255.255.255.255".into()));
        assert_eq!(b("nonsense"), ("nonsense".into(), "nonsense".into()));
    }
}
