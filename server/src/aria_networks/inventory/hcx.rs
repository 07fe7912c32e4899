//! The HCX objects derived from the world's HCX connectors (E101). Each connector `c` is
//! paired with its cloud site over one service mesh, and Aria sees, through the connector:
//! both HCX managers (the connector, then the cloud manager named after its site) and both
//! sites; a compute profile per side (the local one holding the paired vCenter's clusters,
//! switches and first datastores); three local network profiles (management, uplink, vMotion);
//! the mesh's five services; an interconnect (IX), network-extension (NE) and WAN-optimization
//! (WO) appliance per side; an IX and an NE tunnel between the sides; and an L2 extension per
//! extended network (the paired vCenter's first networks, over the NE tunnel).
//!
//! The fixed objects sit at fixed places in their lists (the connector's `c` times their number
//! per connector), so that one's relations are arithmetic; only the L2 extensions vary.

use std::ops::Range;

use serde_json::{json, Value};

use super::{EntityRef, Inventory, Kind};

/// One derived HCX object.
#[derive(Debug, Clone, Default)]
pub struct HcxObject {
    /// The world connector it is collected through.
    pub connector: usize,
    pub name: String,
    /// A stable UUID (HCX names its objects so).
    pub vendor_id: String,
}

pub const NETWORK_PROFILES: [&str; 3] = ["mgmt", "uplink", "vmotion"];
/// Each service's `service_type` and name.
pub const SERVICES: [(&str, &str); 5] = [
    ("INTERCONNECT", "Interconnect"),
    ("WANOPT", "WAN Optimization"),
    ("NETWORK_EXTENSION", "Network Extension"),
    ("BULK_MIGRATION", "Bulk Migration"),
    ("VMOTION", "vMotion Migration"),
];
/// Each appliance's short name and `appliance_type`, per side.
pub const APPLIANCES: [(&str, &str); 3] = [
    ("IX", "HCXIXAppliance"),
    ("NE", "HCXNEAppliance"),
    ("WO", "HCXWANOPTAppliance"),
];
/// The tunnels between the sides: the IX and the NE appliances'.
const TUNNELS: usize = 2;
/// How many of the paired vCenter's datastores its compute profile holds.
const STORAGE: usize = 4;
/// HCX's tunnels are IPsec over UDP.
const TUNNEL_PORT: u16 = 4500;

#[derive(Debug, Default)]
pub struct Derived {
    pub managers: Vec<HcxObject>,
    pub sites: Vec<HcxObject>,
    pub compute_profiles: Vec<HcxObject>,
    pub network_profiles: Vec<HcxObject>,
    pub service_meshes: Vec<HcxObject>,
    pub services: Vec<HcxObject>,
    pub appliances: Vec<HcxObject>,
    pub tunnels: Vec<HcxObject>,
    pub l2_extensions: Vec<HcxObject>,
    /// Per L2 extension, the world network it extends.
    pub l2_network: Vec<usize>,
    /// Per connector, its L2 extensions.
    pub l2_of: Vec<Range<usize>>,
}

fn uuid(key: &str) -> String {
    uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, format!("hcx/{key}").as_bytes()).to_string()
}

impl Derived {
    pub fn build(inv: &Inventory) -> Derived {
        let mut d = Derived::default();
        for (c, m) in inv.world.hcx_managers.iter().enumerate() {
            let k = &m.config;
            let object = |what: &str, name: String| HcxObject {
                connector: c,
                vendor_id: uuid(&format!("{}/{what}/{name}", k.name)),
                name,
            };
            let sides = [k.name.as_str(), k.remote_site.as_str()];
            for side in sides {
                d.managers.push(object("manager", side.to_string()));
                d.sites.push(object("site", side.to_string()));
                d.compute_profiles
                    .push(object("compute-profile", format!("{side}-cp")));
            }
            for p in NETWORK_PROFILES {
                d.network_profiles
                    .push(object("network-profile", format!("{}-{p}", k.name)));
            }
            let mesh = format!("{}-to-{}", k.name, k.remote_site);
            d.service_meshes.push(object("service-mesh", mesh.clone()));
            for (_, name) in SERVICES {
                d.services.push(object("service", format!("{mesh}/{name}")));
                // Named as HCX names them; the key above keeps each mesh's apart.
                d.services.last_mut().expect("pushed").name = name.to_string();
            }
            for side in ["I1", "R1"] {
                for (short, _) in APPLIANCES {
                    d.appliances
                        .push(object("appliance", format!("{mesh}-{short}-{side}")));
                }
            }
            for (short, _) in &APPLIANCES[..TUNNELS] {
                d.tunnels
                    .push(object("tunnel", format!("{mesh}-{short}-tunnel")));
            }
            let first = d.l2_extensions.len();
            let networks = inv.workload.networks.iter().enumerate();
            for (n, net) in networks
                .filter(|(_, net)| Some(net.vcenter) == m.vcenter)
                .take(k.extended_networks)
            {
                d.l2_extensions
                    .push(object("l2-extension", format!("L2E_{}", net.name)));
                d.l2_network.push(n);
            }
            d.l2_of.push(first..d.l2_extensions.len());
        }
        d
    }

    /// The objects of an HCX kind, or `None` for another kind.
    pub fn of(&self, kind: Kind) -> Option<&[HcxObject]> {
        Some(match kind {
            Kind::HcxManager => &self.managers,
            Kind::HcxSite => &self.sites,
            Kind::HcxComputeProfile => &self.compute_profiles,
            Kind::HcxNetworkProfile => &self.network_profiles,
            Kind::HcxServiceMesh => &self.service_meshes,
            Kind::HcxService => &self.services,
            Kind::HcxAppliance => &self.appliances,
            Kind::HcxTunnel => &self.tunnels,
            Kind::HcxL2Extension => &self.l2_extensions,
            _ => return None,
        })
    }
}

/// An appliance's `appliance_type`.
pub fn appliance_type(i: usize) -> &'static str {
    APPLIANCES[i % APPLIANCES.len()].1
}

/// Where connector `c`'s appliance `a` (0 IX, 1 NE, 2 WO) of side `r` (0 local) listens: the
/// local side on its uplink network profile's range, the cloud side on a public address.
fn uplink(c: usize, r: usize, a: usize) -> String {
    match r {
        0 => format!("10.{}.1.{}", 30 + c, 11 + a),
        _ => format!("198.18.{c}.{}", 11 + a),
    }
}

impl Inventory {
    /// The HCX object `e` (which must be of an HCX kind).
    pub fn hcx(&self, e: EntityRef) -> &HcxObject {
        &self.hcx.of(e.kind).expect("an HCX kind")[e.index]
    }

    /// The HCX objects and their relations.
    pub fn hcx_derived(&self) -> &Derived {
        &self.hcx
    }

    fn hcx_ref(&self, kind: Kind, i: usize) -> Value {
        self.reference(kind, i, &self.hcx(EntityRef::new(kind, i)).name)
    }

    fn hcx_refs(&self, kind: Kind, r: Range<usize>) -> Value {
        r.map(|i| self.hcx_ref(kind, i)).collect()
    }

    /// An address in a /24 (`prefix` 24) or alone (an IPv6 one always alone).
    fn hcx_address(ip: String, prefix: u8) -> Value {
        let net = ip.rsplit_once('.').map_or(ip.as_str(), |p| p.0);
        let (mask, network) = match prefix {
            _ if ip.contains(':') => (
                "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
                format!("{ip}/128"),
            ),
            24 => ("255.255.255.0", format!("{net}.0/24")),
            _ => ("255.255.255.255", format!("{ip}/32")),
        };
        json!({"ip_address": ip, "netmask": mask, "network_address": network})
    }

    /// One HCX object as its getter answers it.
    pub(super) fn hcx_answer(&self, e: EntityRef) -> Value {
        let (o, i) = (self.hcx(e), e.index);
        let c = o.connector;
        let m = &self.world.hcx_managers[c];
        let k = &m.config;
        let vcenter = m.vcenter.map_or(Value::Null, |v| self.vcenter_ref(v));
        let r = |kind: Kind, i: usize| self.hcx_ref(kind, i);
        // The local side's, then the cloud side's, manager, site and compute profile.
        let side = |kind: Kind, s: usize| r(kind, 2 * c + s);
        let mesh = r(Kind::HcxServiceMesh, c);
        let pair = json!([side(Kind::HcxManager, 0), side(Kind::HcxManager, 1)]);
        let appliance = |s: usize, a: usize| r(Kind::HcxAppliance, 6 * c + 3 * s + a);
        let tunnel = |t: usize| r(Kind::HcxTunnel, TUNNELS * c + t);
        let l2 = self.hcx.l2_of[c].clone();
        let mut v = json!({
            "entity_id": self.id(e), "entity_type": e.kind.entity_type(), "name": o.name,
        });
        let rest = match e.kind {
            Kind::HcxManager | Kind::HcxSite => {
                let s = i % 2;
                let cloud = s == 1;
                let mut v = json!({
                    "vendor_id": o.vendor_id,
                    "endpoint_id": self.hcx.sites[i].vendor_id,
                    "sddc_type": if cloud { "VMC" } else { "vSphere" },
                    "cloud_provider_type": if cloud { "AWS" } else { "NONE" },
                    // The world's vCenter, on the connector's side; none without one.
                    "compute_managers": (m.vcenter.filter(|_| !cloud))
                        .map(|v| self.vcenter_ref(v)).into_iter().collect::<Vec<_>>(),
                });
                let more = if e.kind == Kind::HcxManager {
                    let ip = if cloud {
                        format!("198.18.{c}.10")
                    } else {
                        k.ip.clone()
                    };
                    json!({"local_site": side(Kind::HcxSite, s), "version": k.version,
                           "ip_address": Self::hcx_address(ip, 32)})
                } else {
                    json!({"manager": side(Kind::HcxManager, s),
                           "endpoint_type": if cloud { "Cloud" } else { "Connector" },
                           "cloud_type": if cloud { "Public" } else { "Private" },
                           "remote_sites": [side(Kind::HcxSite, 1 - s)]})
                };
                merge(&mut v, more);
                v
            }
            Kind::HcxComputeProfile => {
                let s = i % 2;
                let local = |f: &dyn Fn(usize) -> Value| match m.vcenter {
                    Some(v) if s == 0 => f(v),
                    _ => json!([]),
                };
                json!({
                    "vendor_id": o.vendor_id, "manager": side(Kind::HcxManager, s),
                    "state": "REALIZED",
                    "network_profiles": if s == 0 {
                        self.hcx_refs(Kind::HcxNetworkProfile, 3 * c..3 * c + 3)
                    } else { json!([]) },
                    "compute": local(&|v| self.vcenter_clusters(v)),
                    "switches": local(&|v| self.vcenter_switches(v)),
                    "storage": local(&|v| self.vcenter_storage(v)),
                })
            }
            Kind::HcxNetworkProfile => {
                let p = i % 3;
                let net = format!("10.{}.{p}", 30 + c);
                json!({
                    "vendor_id": o.vendor_id, "manager": side(Kind::HcxManager, 0),
                    "state": "REALIZED", "mtu": if p == 2 { 9000 } else { 1500 },
                    "ip_scopes": [{
                        "gateway": Self::hcx_address(format!("{net}.1"), 24), "prefix_length": 24,
                        "primary_DNS": Self::hcx_address("10.20.0.2".into(), 32),
                        "dns_suffix": "example.com",
                        "ip_address_ranges": [{"start_ip": format!("{net}.11"), "end_ip": format!("{net}.30")}],
                    }],
                })
            }
            Kind::HcxServiceMesh => json!({
                "vendor_id": o.vendor_id, "state": "DEPLOYED",
                "services": self.hcx_refs(Kind::HcxService, 5 * c..5 * c + 5),
                "compute_profiles": [side(Kind::HcxComputeProfile, 0), side(Kind::HcxComputeProfile, 1)],
                "hcx_manager_pair": pair,
            }),
            Kind::HcxService => json!({
                "service_mesh": mesh, "service_type": SERVICES[i % 5].0, "status": "UP",
                "hcx_manager_pair": pair, "running_state": "RUNNING",
            }),
            Kind::HcxAppliance => {
                let (s, a) = ((i % 6) / 3, i % 3);
                let tunnels = if a < TUNNELS {
                    json!([tunnel(a)])
                } else {
                    json!([])
                };
                json!({
                    "vendor_id": o.vendor_id, "appliance_type": appliance_type(i),
                    "service_mesh": mesh, "site": side(Kind::HcxSite, s),
                    "compute_profile": side(Kind::HcxComputeProfile, s),
                    "peer_appliances": [appliance(1 - s, a)], "tunnels": tunnels,
                    "compute_manager": if s == 0 { vcenter } else { Value::Null },
                    "state": "DEPLOYED", "appliance_version": k.version,
                    "manager": side(Kind::HcxManager, s),
                    "appliance_status": {
                        "overall_status": "UP", "overall_transport_status": "UP",
                        "service_pipeline_status": "UP", "overall_encryption_status": "ENCRYPTED",
                        "wan_opt_status": if a == 2 { "UP" } else { "NOT_APPLICABLE" },
                        "system_state": "RUNNING",
                    },
                })
            }
            Kind::HcxTunnel => {
                let t = i % TUNNELS;
                json!({
                    "vendor_id": o.vendor_id, "manager": side(Kind::HcxManager, 0),
                    "local_address": Self::hcx_address(uplink(c, 0, t), 24),
                    "remote_address": Self::hcx_address(uplink(c, 1, t), 32),
                    "local_port": TUNNEL_PORT, "remote_port": TUNNEL_PORT,
                    "source_appliance": appliance(0, t), "remote_appliance": appliance(1, t),
                    "tunnel_type": APPLIANCES[t].0, "tunnel_state": "UP",
                    "local_site": side(Kind::HcxSite, 0), "remote_site": side(Kind::HcxSite, 1),
                    "l2_extensions": if t == 1 { self.hcx_refs(Kind::HcxL2Extension, l2) } else { json!([]) },
                })
            }
            _ => {
                let n = self.hcx.l2_network[i];
                let net = &self.workload.networks[n];
                json!({
                    "vendor_id": o.vendor_id,
                    "source_site": side(Kind::HcxSite, 0), "destination_site": side(Kind::HcxSite, 1),
                    "source_compute": side(Kind::HcxComputeProfile, 0),
                    "destination_compute": side(Kind::HcxComputeProfile, 1),
                    "source_l2_network": self.network_ref(n),
                    "gateway": self.ip(&net.gateway, Some(n)),
                    "netmask": {"ip_address": super::answers::netmask(&net.subnet)},
                    "source_appliance": appliance(0, 1), "remote_appliance": appliance(1, 1),
                    "proximity_routing": false, "mon": false,
                    "manager": side(Kind::HcxManager, 0), "tunnels": [tunnel(1)],
                })
            }
        };
        merge(&mut v, rest);
        v
    }

    /// The clusters of world vCenter `v`.
    fn vcenter_clusters(&self, v: usize) -> Value {
        (self.clusters.iter().enumerate())
            .filter(|(_, (vc, _, _))| *vc == v)
            .map(|(i, &(vc, dc, cl))| {
                let name = &self.world.vcenters[vc].datacenters[dc].clusters[cl].name;
                self.reference(Kind::Cluster, i, name)
            })
            .collect()
    }

    /// The distributed switches of world vCenter `v` (one per datacenter).
    fn vcenter_switches(&self, v: usize) -> Value {
        (self.datacenters.iter().enumerate())
            .filter(|(_, (vc, _))| *vc == v)
            .map(|(dc, _)| self.reference(Kind::Dvs, dc, self.dvs(dc).0))
            .collect()
    }

    /// The first datastores of world vCenter `v`.
    fn vcenter_storage(&self, v: usize) -> Value {
        (self.workload.datastores.iter().enumerate())
            .filter(|(_, d)| d.place.vcenter == v)
            .take(STORAGE)
            .map(|(i, d)| self.reference(Kind::Datastore, i, &d.name))
            .collect()
    }
}

fn merge(v: &mut Value, rest: Value) {
    if let (Value::Object(v), Value::Object(rest)) = (v, rest) {
        v.extend(rest);
    }
}
