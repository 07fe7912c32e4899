//! The NSX-T objects derived from the world's NSX-T managers (E96): each manager has three
//! management nodes (each also its controller), two edge nodes in one edge cluster, four CPU
//! cores per edge node, a host transport node for every host of the vCenters it manages, and a
//! tier-0 and a tier-1 gateway. Names and addresses follow the manager's, so a reader of the
//! README can predict them (`nsxt01-mp-1` at the manager's address + 1).

use serde_json::{json, Value};

use std::collections::HashMap;
use std::ops::Range;

use super::{EntityRef, Inventory, Kind};

mod security;
mod tags;

pub use security::{Port, RuleParts};

pub const MP_NODES: usize = 3;
pub const EDGE_NODES: usize = 2;
/// The services a management node reports, all running.
const MP_SERVICES: [&str; 4] = ["manager", "controller", "search", "http"];
/// Per edge node; the first half run the data path (DPDK), the rest the control services.
pub const EDGE_CPU_CORES: usize = 4;

/// One derived NSX-T object: the manager it belongs to, its name and its address, if any.
#[derive(Debug, Clone, Default)]
pub struct NsxtObject {
    pub manager: usize,
    pub name: String,
    pub ip: Option<String>,
    /// A stable UUID, as NSX-T names its objects.
    pub vendor_id: String,
}

/// The NSX-T objects of the world, per kind, in world order.
#[derive(Debug, Default)]
pub struct Derived {
    pub managers: Vec<NsxtObject>,
    /// One per management node; a node's controller has the same index.
    pub mp_nodes: Vec<NsxtObject>,
    pub transport_nodes: Vec<NsxtObject>,
    /// Per transport node, the world host it is (`None` for an edge node).
    pub node_host: Vec<Option<usize>>,
    /// One per manager, at the manager's index.
    pub edge_clusters: Vec<NsxtObject>,
    /// Per manager, its edge nodes' transport-node indices.
    pub edge_members: Vec<Vec<usize>>,
    pub cpu_cores: Vec<NsxtObject>,
    /// Per CPU core, its edge node's transport-node index.
    pub core_node: Vec<usize>,
    /// Tier-0 then tier-1 per manager: router `2m` is manager `m`'s tier-0.
    pub routers: Vec<NsxtObject>,
    /// The distributed firewall of each manager, at its index (E97).
    pub firewalls: Vec<NsxtObject>,
    pub rules: Vec<NsxtObject>,
    pub rule_parts: Vec<RuleParts>,
    /// Per manager, its rules (contiguous, the default rule last).
    pub rules_of: Vec<Range<usize>>,
    /// (manager, source group, destination group or the internet) → its rule.
    pub rule_at: HashMap<(usize, usize, Option<usize>), usize>,
    pub services: Vec<NsxtObject>,
    pub service_ports: Vec<Port>,
    pub service_groups: Vec<NsxtObject>,
    pub service_group_members: Vec<Vec<usize>>,
    pub ip_sets: Vec<NsxtObject>,
    /// Per IP set, the world network it holds.
    pub ip_set_network: Vec<usize>,
    /// Per IP set, its network's first and last address.
    pub ip_set_range: Vec<(String, String)>,
    /// Per manager, a tag per security-group name of its vCenters (E100).
    pub security_tags: Vec<NsxtObject>,
    /// Per security tag, the world security groups it makes (those of its name).
    pub tag_groups: Vec<Vec<usize>>,
    /// Per world security group, the tags that make it (what its VMs carry).
    pub group_tags: Vec<Vec<usize>>,
}

impl Derived {
    pub fn build(inv: &Inventory) -> Derived {
        let mut d = Derived::default();
        let hosts = &inv.workload.hosts;
        for (m, manager) in inv.world.nsxt_managers.iter().enumerate() {
            let c = &manager.config;
            let object = |name: String, ip: Option<String>| NsxtObject {
                manager: m,
                vendor_id: stable_uuid(&format!("{}/{name}", c.name)),
                name,
                ip,
            };
            d.managers.push(object(c.name.clone(), Some(c.ip.clone())));
            for k in 0..MP_NODES {
                let ip = offset_ip(&c.ip, 1 + k as u8);
                d.mp_nodes
                    .push(object(format!("{}-mp-{}", c.name, k + 1), Some(ip)));
            }
            d.edge_clusters
                .push(object(format!("{}-edge-cluster", c.name), None));
            let mut members = Vec::new();
            for k in 0..EDGE_NODES {
                let node = d.transport_nodes.len();
                let name = format!("{}-edge-{}", c.name, k + 1);
                let ip = offset_ip(&c.ip, (1 + MP_NODES + k) as u8);
                for core in 0..EDGE_CPU_CORES {
                    d.cpu_cores
                        .push(object(format!("{name}-core-{core}"), None));
                    d.core_node.push(node);
                }
                d.transport_nodes.push(object(name, Some(ip)));
                d.node_host.push(None);
                members.push(node);
            }
            d.edge_members.push(members);
            for (h, (place, host)) in hosts.iter().enumerate() {
                if manager.vcenters.contains(&place.vcenter) {
                    let ip = Some(host.config.ip.clone());
                    d.transport_nodes.push(object(host.config.name.clone(), ip));
                    d.node_host.push(Some(h));
                }
            }
            d.routers.push(object(format!("{}-t0", c.name), None));
            d.routers.push(object(format!("{}-t1", c.name), None));
        }
        security::build(&mut d, inv);
        tags::build(&mut d, inv);
        d
    }

    /// The objects of an NSX-T kind, or `None` for a vCenter kind.
    pub fn of(&self, kind: Kind) -> Option<&[NsxtObject]> {
        Some(match kind {
            Kind::NsxtManager => &self.managers,
            Kind::NsxtMpNode | Kind::NsxtController => &self.mp_nodes,
            Kind::NsxtTransportNode => &self.transport_nodes,
            Kind::NsxtEdgeCluster => &self.edge_clusters,
            Kind::NsxtCpuCore => &self.cpu_cores,
            Kind::LogicalRouter => &self.routers,
            Kind::NsxtFirewall => &self.firewalls,
            Kind::NsxtFirewallRule => &self.rules,
            Kind::NsService => &self.services,
            Kind::NsServiceGroup => &self.service_groups,
            Kind::NsxtIpSet => &self.ip_sets,
            Kind::SecurityTag => &self.security_tags,
            _ => return None,
        })
    }
}

/// The address `n` after `ip` in its /24 (wrapping), or `ip` itself if it is no IPv4 address.
fn offset_ip(ip: &str, n: u8) -> String {
    match ip.parse::<std::net::Ipv4Addr>() {
        Ok(a) => {
            let [a, b, c, d] = a.octets();
            format!("{a}.{b}.{c}.{}", d.wrapping_add(n))
        }
        Err(_) => ip.to_string(),
    }
}

fn stable_uuid(key: &str) -> String {
    uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, key.as_bytes()).to_string()
}

impl Inventory {
    /// The NSX-T object `e` (which must be of an NSX-T kind).
    pub fn nsxt(&self, e: EntityRef) -> &NsxtObject {
        &self.nsxt.of(e.kind).expect("an NSX-T kind")[e.index]
    }

    /// The NSX-T objects and their relations.
    pub fn nsxt_derived(&self) -> &Derived {
        &self.nsxt
    }

    /// The world host a transport node is, if it is a host node.
    pub fn nsxt_node_host(&self, i: usize) -> Option<usize> {
        self.nsxt.node_host[i]
    }

    pub(super) fn nsxt_ref(&self, kind: Kind, i: usize) -> Value {
        self.reference(kind, i, &self.nsxt(EntityRef::new(kind, i)).name)
    }

    fn address(ip: &str) -> Value {
        json!({"ip_address": ip, "netmask": "255.255.255.0",
            "network_address": super::vsphere::management_subnet(ip)})
    }

    /// One NSX-T object as its getter answers it.
    pub(super) fn nsxt_answer(&self, e: EntityRef) -> Value {
        let o = self.nsxt(e);
        let (id, et, i) = (self.id(e), e.kind.entity_type(), e.index);
        let common = json!({"entity_id": id, "entity_type": et, "name": o.name});
        let manager = self.nsxt_ref(Kind::NsxtManager, o.manager);
        let version = &self.world.nsxt_managers[o.manager].config.version;
        let ip = o.ip.as_deref().map(Self::address);
        let up = "UP";
        let rest = match e.kind {
            Kind::NsxtManager => json!({
                "fqdn": self.world.nsxt_managers[i].config.hostname,
                "ip_address": ip, "version": version,
            }),
            Kind::NsxtMpNode => json!({
                "manager": manager, "ip_address": ip, "version": version,
                "management_cluster_status": "STABLE",
                "node_status_property": {"cpu_cores": 6, "total_ram": 25_165_824_u64, "total_swap": 0},
                "controller_node": self.nsxt_ref(Kind::NsxtController, i),
                "services_info": MP_SERVICES.map(|s| json!({"name": s, "status": "RUNNING"})),
                "vendor_id": o.vendor_id, "tag_keys": [], "tag_key_values": [],
            }),
            Kind::NsxtController => json!({
                "manager": manager, "ip_address": ip, "version": version,
                "control_cluster_status": "STABLE", "management_connection_status": "CONNECTED",
                "vendor_id": o.vendor_id, "mp_node": self.nsxt_ref(Kind::NsxtMpNode, i),
            }),
            Kind::NsxtTransportNode => self.transport_node_answer(i, manager),
            Kind::NsxtEdgeCluster => json!({
                "manager": manager, "deployment_type": "VIRTUAL_MACHINE",
                "member_node_type": "EDGE_NODE", "vendor_id": o.vendor_id,
                "members": self.nsxt.edge_members[i].iter().map(|&n| self.nsxt_ref(Kind::NsxtTransportNode, n)).collect::<Vec<_>>(),
            }),
            Kind::NsxtCpuCore => json!({
                "manager": manager,
                "transport_node": self.nsxt_ref(Kind::NsxtTransportNode, self.nsxt.core_node[i]),
                "cpu_core_type": if i % EDGE_CPU_CORES < EDGE_CPU_CORES / 2 { "DPDK" } else { "NON_DPDK" },
            }),
            Kind::LogicalRouter => json!({
                "manager": manager, "nsx": [manager],
                "nat_enabled": i % 2 == 1, "operation_mode": "ACTIVE_STANDBY",
                "status": up,
            }),
            Kind::SecurityTag => self.security_tag_answer(i, manager),
            _ => self.nsxt_security_answer(e, json!([manager])),
        };
        merge(common, rest)
    }

    fn transport_node_answer(&self, i: usize, manager: Value) -> Value {
        let o = &self.nsxt.transport_nodes[i];
        let ips: Vec<Value> = o.ip.iter().map(|ip| Self::address(ip)).collect();
        let status = json!({
            "manager": manager, "ip_addresses": ips, "vendor_id": o.vendor_id,
            "maintenance_mode": "DISABLED", "roll_up_status": "UP", "management_status": "UP",
            "control_status": "UP", "pnic_status": "UP", "tunnel_status": "UP",
            "tag_keys": [], "tag_key_values": [],
        });
        let role = match self.nsxt.node_host[i] {
            None => json!({
                "node_type": "EdgeNode", "deployment_type": "VIRTUAL_MACHINE",
                "deployment_status": "NODE_READY",
                "nsxt_edge_cluster": self.nsxt_ref(Kind::NsxtEdgeCluster, o.manager),
                "node_status_property": {"cpu_cores": EDGE_CPU_CORES, "total_ram": 8_388_608_u64, "total_swap": 0},
            }),
            Some(h) => {
                let p = self.workload.hosts[h].0;
                let dvs = self.datacenter_index(p.vcenter, p.datacenter);
                json!({
                    "node_type": "HostNode", "fabric_node": self.host_ref(h),
                    "vsphere_distributed_switches": [self.reference(Kind::Dvs, dvs, self.dvs(dvs).0)],
                })
            }
        };
        merge(status, role)
    }
}

fn merge(mut a: Value, b: Value) -> Value {
    if let (Value::Object(a), Value::Object(b)) = (&mut a, b) {
        a.extend(b);
    }
    a
}
