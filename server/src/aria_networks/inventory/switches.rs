//! The physical network derived from the world's switches (E105): each switch (a `RouterDevice`:
//! the 6.12 enum has no switch type), its front-panel ports, the first cabled to its
//! datacenter's hosts in the world's order, and one routed VLAN interface per VLAN network of
//! its datacenter carrying the network's gateway (an anycast gateway: every switch of a
//! datacenter answers it). Everything is collected through its switch.

use serde_json::{json, Value};

use super::{EntityRef, Inventory, Kind};

/// One derived switching object.
#[derive(Debug, Clone, Default)]
pub struct SwitchObject {
    /// The world switch it belongs to.
    pub switch: usize,
    pub name: String,
    /// A port: the host cabled to it; an interface: the VLAN network it routes.
    pub peer: Option<usize>,
}

#[derive(Debug, Default)]
pub struct Derived {
    pub switches: Vec<SwitchObject>,
    pub ports: Vec<SwitchObject>,
    pub interfaces: Vec<SwitchObject>,
}

impl Derived {
    pub fn build(inv: &Inventory) -> Derived {
        let mut d = Derived::default();
        let w = &inv.workload;
        for (s, switch) in inv.world.switches.iter().enumerate() {
            let here =
                |vcenter: usize, datacenter: usize| switch.place == Some((vcenter, datacenter));
            let object = |name: String, peer| SwitchObject {
                switch: s,
                name,
                peer,
            };
            let c = &switch.config;
            d.switches.push(object(c.name.clone(), None));
            let mut hosts = (w.hosts.iter().enumerate())
                .filter(|(_, (place, _))| here(place.vcenter, place.datacenter))
                .map(|(h, _)| h);
            for n in 1..=c.ports {
                d.ports.push(object(c.vendor.port_name(n), hosts.next()));
            }
            for (n, network) in w.networks.iter().enumerate() {
                if here(network.vcenter, network.datacenter) {
                    let name = c.vendor.vlan_interface_name(network.vlan_id);
                    d.interfaces.push(object(name, Some(n)));
                }
            }
        }
        d
    }

    /// The objects of a switching kind, or `None` for another kind.
    pub fn of(&self, kind: Kind) -> Option<&[SwitchObject]> {
        Some(match kind {
            Kind::Switch => &self.switches,
            Kind::SwitchPort => &self.ports,
            Kind::RouterInterface => &self.interfaces,
            _ => return None,
        })
    }
}

/// A stable, locally administered MAC address for `key`.
fn mac(key: &str) -> String {
    use sha2::{Digest, Sha256};
    let d = Sha256::digest(key.as_bytes());
    let bytes = [0x02, d[0], d[1], d[2], d[3], d[4]];
    let hex: Vec<String> = bytes.iter().map(|b| format!("{b:02x}")).collect();
    hex.join(":")
}

impl Inventory {
    /// The switching object `e` (which must be of a switching kind).
    pub fn switching(&self, e: EntityRef) -> &SwitchObject {
        &self.switches.of(e.kind).expect("a switching kind")[e.index]
    }

    /// A reference to world switch `s`.
    fn switch_ref(&self, s: usize) -> Value {
        self.reference(Kind::Switch, s, &self.world.switches[s].config.name)
    }

    /// One switching object as its getter answers it.
    pub(super) fn switch_answer(&self, e: EntityRef) -> Value {
        let o = self.switching(e);
        let s = &self.world.switches[o.switch];
        let mut v = json!({
            "entity_id": self.id(e), "entity_type": e.kind.entity_type(), "name": o.name,
        });
        let up = |yes: bool| if yes { "UP" } else { "DOWN" };
        let rest = match e.kind {
            Kind::Switch => json!({
                "vendor": s.config.vendor.display(), "fqdn": s.config.hostname,
                "ip_address": self.ip(&s.config.ip, None),
            }),
            Kind::SwitchPort => json!({
                "operationalStatus": up(o.peer.is_some()), "administrativeStatus": "UP",
                "device": self.switch_ref(o.switch),
                "manager": self.switch_ref(o.switch),
            }),
            // Kind::RouterInterface
            _ => {
                let n = o.peer.expect("an interface routes a network");
                let network = &self.workload.networks[n];
                json!({
                    "operationalStatus": "UP", "administrativeStatus": "UP", "duplex": "FULL",
                    "connected": true,
                    "physicalAddress": mac(&format!("{}/{}", s.config.name, o.name)),
                    "l2n": self.network_ref(n),
                    "ip_addresses": [self.ip(&network.gateway, Some(n))],
                    "subInterface": false, "routerPortType": "SVI", "uRPFMode": "NONE",
                    "manager": self.switch_ref(o.switch),
                })
            }
        };
        if let (Value::Object(m), Value::Object(r)) = (&mut v, rest) {
            m.extend(r);
        }
        v
    }
}
