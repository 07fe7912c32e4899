//! The VMware Cloud on AWS objects derived from the world's SDDCs (E103): each SDDC; the SDDC
//! groups its SDDCs name (in the order they first appear), each with its VMware transit gateway
//! attaching its SDDCs; per SDDC with a Direct Connect, its connection and two virtual
//! interfaces; and its IPsec VPN sessions to the on-premises network. Everything is collected
//! through its SDDC's NSX manager; a group and its gateway through their first SDDC's.

use serde_json::{json, Value};

use super::{EntityRef, Inventory, Kind};

/// One derived VMC object.
#[derive(Debug, Clone, Default)]
pub struct VmcObject {
    /// The world SDDC it is collected through.
    pub sddc: usize,
    pub name: String,
    /// What VMC or AWS calls it (a GUID, `tgw-...`, `dxcon-...`, `dxvif-...`).
    pub vendor_id: String,
}

/// A Direct Connect's virtual interfaces.
const INTERFACES: usize = 2;

#[derive(Debug, Default)]
pub struct Derived {
    pub sddcs: Vec<VmcObject>,
    pub groups: Vec<VmcObject>,
    /// Per group, its SDDCs; per SDDC, its group.
    pub group_sddcs: Vec<Vec<usize>>,
    pub sddc_group: Vec<Option<usize>>,
    /// One per group, in the groups' order.
    pub gateways: Vec<VmcObject>,
    pub connections: Vec<VmcObject>,
    /// `INTERFACES` per connection, in the connections' order.
    pub interfaces: Vec<VmcObject>,
    pub vpn_sessions: Vec<VmcObject>,
}

/// `digits` stable hexadecimal digits from `key` (AWS's ids are hexadecimal numbers).
fn hex(key: &str, digits: usize) -> String {
    use sha2::{Digest, Sha256};
    let d = Sha256::digest(key.as_bytes());
    d.iter().map(|b| format!("{b:02x}")).collect::<String>()[..digits].to_string()
}

fn guid(key: &str) -> String {
    uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, format!("vmc/{key}").as_bytes()).to_string()
}

impl Derived {
    pub fn build(inv: &Inventory) -> Derived {
        let mut d = Derived::default();
        for (s, sddc) in inv.world.vmc_sddcs.iter().enumerate() {
            let object = |name: String, vendor_id: String| VmcObject {
                sddc: s,
                name,
                vendor_id,
            };
            d.sddcs
                .push(object(sddc.name.clone(), sddc.sddc_id.clone()));
            let group = sddc.sddc_group.as_ref().map(|name| {
                match d.groups.iter().position(|g| &g.name == name) {
                    Some(g) => g,
                    None => {
                        let key = format!("{}/group/{name}", sddc.org_id);
                        d.groups.push(object(name.clone(), guid(&key)));
                        d.group_sddcs.push(Vec::new());
                        let tgw = format!("tgw-{}", hex(&key, 17));
                        d.gateways.push(object(format!("{name}-vtgw"), tgw));
                        d.groups.len() - 1
                    }
                }
            });
            if let Some(g) = group {
                d.group_sddcs[g].push(s);
            }
            d.sddc_group.push(group);
            if sddc.direct_connect {
                let key = format!("{}/dx", sddc.sddc_id);
                let dx = format!("dxcon-{}", hex(&key, 8));
                d.connections.push(object(format!("{}-dx", sddc.name), dx));
                for k in 1..=INTERFACES {
                    let vif = format!("dxvif-{}", hex(&format!("{key}/{k}"), 8));
                    d.interfaces
                        .push(object(format!("{}-dxvif-{k}", sddc.name), vif));
                }
            }
            for k in 1..=sddc.vpn_sessions {
                let key = format!("{}/vpn/{k}", sddc.sddc_id);
                d.vpn_sessions
                    .push(object(format!("{}-vpn-{k}", sddc.name), guid(&key)));
            }
        }
        d
    }

    /// The objects of a VMC kind, or `None` for another kind.
    pub fn of(&self, kind: Kind) -> Option<&[VmcObject]> {
        Some(match kind {
            Kind::VmcSddc => &self.sddcs,
            Kind::SddcGroup => &self.groups,
            Kind::TransitGateway => &self.gateways,
            Kind::DxConnection => &self.connections,
            Kind::DxInterface => &self.interfaces,
            Kind::VpnSession => &self.vpn_sessions,
            _ => return None,
        })
    }
}

/// An address alone, or a subnet `a.b.c.d/len`.
fn address(ip: &str) -> Value {
    match ip.split_once('/') {
        Some((net, _)) => json!({"ip_address": net,
            "netmask": super::answers::netmask(ip), "network_address": ip}),
        None => json!({"ip_address": ip, "netmask": "255.255.255.255",
            "network_address": format!("{ip}/32")}),
    }
}

impl Inventory {
    /// The VMC object `e` (which must be of a VMC kind).
    pub fn vmc(&self, e: EntityRef) -> &VmcObject {
        &self.vmc.of(e.kind).expect("a VMC kind")[e.index]
    }

    /// The VMC objects and their relations.
    pub fn vmc_derived(&self) -> &Derived {
        &self.vmc
    }

    fn vmc_ref(&self, kind: Kind, i: usize) -> Value {
        self.reference(kind, i, &self.vmc(EntityRef::new(kind, i)).name)
    }

    /// The on-premises subnets an SDDC reaches: the world's first VLANs.
    fn on_premises(&self) -> Vec<Value> {
        let nets = self.workload.networks.iter().take(4);
        nets.map(|n| address(&n.subnet)).collect()
    }

    /// One VMC object as its getter answers it.
    pub(super) fn vmc_answer(&self, e: EntityRef) -> Value {
        let (d, o, i) = (&self.vmc, self.vmc(e), e.index);
        let s = &self.world.vmc_sddcs[o.sddc];
        let sddc = self.vmc_ref(Kind::VmcSddc, o.sddc);
        let group = |g: Option<usize>| g.map_or(Value::Null, |g| self.vmc_ref(Kind::SddcGroup, g));
        let sddcs = |g: usize| -> Vec<Value> {
            d.group_sddcs[g]
                .iter()
                .map(|&s| self.vmc_ref(Kind::VmcSddc, s))
                .collect()
        };
        let mut v = json!({
            "entity_id": self.id(e), "entity_type": e.kind.entity_type(), "name": o.name,
        });
        let interface = |k: usize| {
            let c = k / INTERFACES;
            let n = k % INTERFACES;
            json!({
                "entity_id": self.id(EntityRef::new(Kind::DxInterface, k)),
                "entity_type": Kind::DxInterface.entity_type(), "name": d.interfaces[k].name,
                "local_asn": 64512, "remote_asn": 65000, "tunnel_id": d.interfaces[k].vendor_id,
                "dx_connection_id": d.connections[c].vendor_id, "mtu": 9001,
                "local_ip": address(&format!("169.254.{}.1", 10 + n)),
                "remote_ip": address(&format!("169.254.{}.2", 10 + n)),
                "state": "available", "bgp_status": "UP", "type": "PRIVATE",
                "sddc": self.vmc_ref(Kind::VmcSddc, d.interfaces[k].sddc),
                "dx_connection": self.vmc_ref(Kind::DxConnection, c),
            })
        };
        let rest = match e.kind {
            Kind::VmcSddc => json!({
                "sddc_id": s.sddc_id, "org_id": s.org_id, "org_name": s.org_name,
                "vc_private_ip": address(&s.vc_ip), "vc_public_ip": address(&s.vc_public_ip),
                "vc_fqdn": s.vc_fqdn, "nsx_private_ip": address(&s.nsx_ip),
                "nsx_public_ip": address(&s.nsx_public_ip), "nsx_fqdn": s.nsx_fqdn,
                "cloud_provider_type": "AWS", "region": s.region,
                "sddc_group": group(d.sddc_group[i]),
            }),
            Kind::SddcGroup => json!({
                "group_id": o.vendor_id, "org_id": s.org_id, "org_name": s.org_name,
                "provider_type": "AWS", "deployment_type": "VMC_ON_AWS", "state": "CONNECTED",
                "l3_connectors": [self.vmc_ref(Kind::TransitGateway, i)], "sddcs": sddcs(i),
                "vpcs": [], "direct_connect_gateways": [],
            }),
            Kind::TransitGateway => json!({
                "vendor_id": o.vendor_id, "asn": 64520, "state": "available",
                "arn": format!("arn:aws:ec2:{}:{}:transit-gateway/{}", s.region,
                    u64::from_str_radix(&hex(&s.org_id, 12), 16).map_or(0, |n| n % 1_000_000_000_000),
                    o.vendor_id),
                "route_tables": [], "gateway_associations": [], "org_id": s.org_id,
                "sddc_group": group(Some(i)), "region": s.region, "attachment": sddcs(i),
            }),
            Kind::DxConnection => json!({
                "local_asn": 64512, "learnt_subnets": self.on_premises(),
                "advertised_subnets_success": [address("10.2.192.0/20")],
                "advertised_subnets_failed": [],
                "dx_tunnels": (INTERFACES * i..INTERFACES * (i + 1)).map(interface).collect::<Vec<_>>(),
                "sddc": sddc,
            }),
            Kind::DxInterface => interface(i),
            _ => {
                let k = i - d
                    .vpn_sessions
                    .iter()
                    .position(|v| v.sddc == o.sddc)
                    .unwrap_or(i);
                json!({
                    "local_address": address(&s.nsx_public_ip),
                    "remote_public_address": address(&format!("203.0.113.{}", 1 + k)),
                    "remote_private_address": address(&format!("10.20.3.{}", 1 + k)),
                    "remote_endpoints": self.on_premises(),
                    "local_endpoints": [address("192.168.1.0/24")],
                    "enabled": true, "sddc_type": "VMC", "enforcement_point_uuid": guid(&s.sddc_id),
                })
            }
        };
        if let (Value::Object(v), Value::Object(rest)) = (&mut v, rest) {
            v.extend(rest);
        }
        v
    }
}
