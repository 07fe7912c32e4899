//! Each entity as its getter answers it (the 6.12 models' fields the sandbox can fill), as JSON:
//! the bulk fetch returns it as is, and each getter reads it as its generated type.

use serde_json::{json, Value};

use super::vsphere::FOLDERS;
use super::{EntityRef, Inventory, Kind};
use crate::world::workload::Protocol;

impl Inventory {
    pub(super) fn reference(&self, kind: Kind, index: usize, name: &str) -> Value {
        json!({
            "entity_id": self.id(EntityRef { kind, index }),
            "entity_type": kind.entity_type(),
            "entity_name": name,
        })
    }

    pub(super) fn vcenter_ref(&self, vc: usize) -> Value {
        self.reference(Kind::Vcenter, vc, &self.world.vcenters[vc].config.ip)
    }

    fn datacenter_ref(&self, vc: usize, dc: usize) -> Value {
        let name = &self.world.vcenters[vc].datacenters[dc].name;
        self.reference(Kind::Datacenter, self.datacenter_index(vc, dc), name)
    }

    fn cluster_ref(&self, vc: usize, dc: usize, cluster: Option<usize>) -> Value {
        match cluster {
            Some(c) => {
                let name = &self.world.vcenters[vc].datacenters[dc].clusters[c].name;
                self.reference(Kind::Cluster, self.cluster_index(vc, dc, c), name)
            }
            None => Value::Null,
        }
    }

    pub(super) fn vm_ref(&self, v: usize) -> Value {
        self.reference(Kind::Vm, v, &self.workload.vms[v].name)
    }

    pub(super) fn host_ref(&self, h: usize) -> Value {
        self.reference(Kind::Host, h, &self.workload.hosts[h].1.config.name)
    }

    pub(super) fn network_ref(&self, n: usize) -> Value {
        self.reference(Kind::Network, n, &self.workload.networks[n].name)
    }

    /// The NSX-T manager that manages vCenter `vc`, if one does.
    pub fn nsx_manager_of(&self, vc: usize) -> Option<usize> {
        let managers = &self.world.nsxt_managers;
        managers.iter().position(|m| m.vcenters.contains(&vc))
    }

    fn nsx_manager_ref(&self, vc: usize) -> Value {
        match self.nsx_manager_of(vc) {
            Some(m) => self.nsxt_ref(Kind::NsxtManager, m),
            None => Value::Null,
        }
    }

    /// What VM `v`'s NSX-T manager (the one [`Self::nsx_manager_of`] names) knows of it: the
    /// tags it carries (its group's, E100) and the IP sets that hold its network; nulls where
    /// no manager manages its vCenter.
    fn vm_nsx_refs(&self, v: usize) -> (Value, Value) {
        let vm = &self.workload.vms[v];
        let Some(m) = self.nsx_manager_of(vm.place.vcenter) else {
            return (Value::Null, Value::Null);
        };
        let d = self.nsxt_derived();
        let tags: Vec<Value> = (d.group_tags[vm.security_group].iter())
            .filter(|&&t| d.security_tags[t].manager == m)
            .map(|&t| self.nsxt_ref(Kind::SecurityTag, t))
            .collect();
        let sets: Vec<Value> = (d.ip_set_network.iter().enumerate())
            .filter(|(s, n)| **n == vm.network && d.ip_sets[*s].manager == m)
            .map(|(s, _)| self.nsxt_ref(Kind::NsxtIpSet, s))
            .collect();
        (Value::from(tags), Value::from(sets))
    }

    /// A host's hardware (the world's, as OMEVV reports it): cores and memory in MB.
    fn host_hardware() -> (i64, i64) {
        use crate::world::{HOST_CORES_PER_SOCKET, HOST_DIMMS, HOST_DIMM_GB, HOST_SOCKETS};
        (
            HOST_SOCKETS * HOST_CORES_PER_SOCKET,
            HOST_DIMMS * HOST_DIMM_GB * 1024,
        )
    }

    pub(super) fn group_ref(&self, g: usize) -> Value {
        self.reference(
            Kind::SecurityGroup,
            g,
            &self.workload.security_groups[g].name,
        )
    }

    pub(super) fn ip(&self, address: &str, network: Option<usize>) -> Value {
        match network {
            Some(n) => json!({
                "ip_address": address,
                "netmask": netmask(&self.workload.networks[n].subnet),
                "network_address": self.workload.networks[n].subnet,
            }),
            None => {
                json!({"ip_address": address, "netmask": "255.255.255.255", "network_address": format!("{address}/32")})
            }
        }
    }

    /// The entity's name, as its answer has it, without building the answer: read through the
    /// filter language's `name` property (a test holds the two equal for every entity).
    pub fn name(&self, e: EntityRef) -> Option<&str> {
        let field = super::fields::field(e.kind, "name")?;
        let mut values = Vec::with_capacity(1);
        (field.get)(self, e.index, &mut values);
        match values.first() {
            Some(super::fields::Val::Text(name)) => Some(name),
            _ => None,
        }
    }

    /// The entity as JSON, nulls left out.
    pub fn answer(&self, e: EntityRef) -> Value {
        let mut v = self.answer_with_nulls(e);
        if let Value::Object(m) = &mut v {
            m.retain(|_, v| !v.is_null());
        }
        v
    }

    fn answer_with_nulls(&self, e: EntityRef) -> Value {
        let (w, i) = (&self.workload, e.index);
        let id = self.id(e);
        let et = e.kind.entity_type();
        match e.kind {
            Kind::Vm => {
                let vm = &w.vms[i];
                let p = vm.place;
                let net = &w.networks[vm.network];
                let vm_folder = self.datacenter_index(p.vcenter, p.datacenter) * FOLDERS.len();
                let (security_tags, ip_sets) = self.vm_nsx_refs(i);
                let manager = self.nsx_manager_of(p.vcenter);
                let rule_sets = manager.map(|m| self.vm_rule_sets(m, vm.security_group));
                let (from_rules, to_rules) = rule_sets.unwrap_or_default();
                json!({
                    "entity_id": id, "entity_type": et, "name": vm.name,
                    "ip_addresses": [self.ip(&vm.ip, Some(vm.network))],
                    "default_gateway": w.networks[vm.network].gateway,
                    "vnics": [self.reference(Kind::Vnic, i, &self.vnic_names[i])],
                    "security_groups": [self.group_ref(vm.security_group)],
                    "tag_keys": vm.tags.iter().map(|t| &t.0).collect::<Vec<_>>(),
                    "tag_values": vm.tags.iter().map(|t| &t.1).collect::<Vec<_>>(),
                    "tag_key_values": vm.tags.iter().map(|t| format!("{}:{}", t.0, t.1)).collect::<Vec<_>>(),
                    "vm_UUID": vm.uuid,
                    "manager_uuid": self.vcenter_uuid(p.vcenter),
                    "cluster": self.cluster_ref(p.vcenter, p.datacenter, p.cluster),
                    "layer2_networks": [self.network_ref(vm.network)],
                    "host": self.host_ref(vm.host),
                    "vendor_id": vm.id,
                    "vcenter_manager": self.vcenter_ref(p.vcenter),
                    "datastores": [self.reference(Kind::Datastore, vm.datastore, &w.datastores[vm.datastore].name)],
                    "datacenter": self.datacenter_ref(p.vcenter, p.datacenter),
                    "cpu_count": vm.cpu_count,
                    "memory": vm.memory_mb,
                    "os_full_name": vm.os,
                    "default_gateways": [net.gateway],
                    "folders": [self.reference(Kind::Folder, vm_folder, FOLDERS[0].0)],
                    "vlans": [{"begin": net.vlan_id, "end": net.vlan_id}],
                    "nsx_manager": self.nsx_manager_ref(p.vcenter),
                    "security_tags": security_tags,
                    "ip_sets": ip_sets,
                    "source_firewall_rules": from_rules, "destination_firewall_rules": to_rules,
                })
            }
            Kind::Vnic => {
                let vm = &w.vms[i];
                json!({
                    "entity_id": id, "entity_type": et, "name": self.vnic_names[i],
                    "ip_addresses": [self.ip(&vm.ip, Some(vm.network))],
                    "layer2_network": self.network_ref(vm.network),
                    "vm": self.vm_ref(i),
                    "vlan": {"begin": w.networks[vm.network].vlan_id, "end": w.networks[vm.network].vlan_id},
                })
            }
            Kind::Host => {
                let (p, h) = &w.hosts[i];
                let (cores, memory) = Self::host_hardware();
                let datastores: Vec<Value> = (w.datastores.iter().enumerate())
                    // One per datacenter, shared by its hosts.
                    .filter(|(_, d)| {
                        (d.place.vcenter, d.place.datacenter) == (p.vcenter, p.datacenter)
                    })
                    .map(|(d, ds)| self.reference(Kind::Datastore, d, &ds.name))
                    .collect();
                let no_tags: [&str; 0] = [];
                json!({
                    "entity_id": id, "entity_type": et, "name": h.config.name,
                    "cluster": self.cluster_ref(p.vcenter, p.datacenter, p.cluster),
                    "vcenter_manager": self.vcenter_ref(p.vcenter),
                    "vm_count": self.vms_on_host[i].len(),
                    "service_tag": h.config.service_tag,
                    "vendor_id": h.id,
                    "maintenance_mode": "NOTINMAINTENANCEMODE",
                    "connection_state": "CONNECTED",
                    "manager_uuid": self.vcenter_uuid(p.vcenter),
                    "datastores": datastores,
                    "vmknics": [self.answer(EntityRef::new(Kind::Vmknic, i))],
                    "nsx_manager": self.nsx_manager_ref(p.vcenter),
                    "cpu_count": cores,
                    "memory": memory,
                    "tag_keys": no_tags, "tag_values": no_tags, "tag_key_values": no_tags,
                })
            }
            Kind::Cluster => {
                let (v, d, c) = self.clusters[i];
                let cl = &self.world.vcenters[v].datacenters[d].clusters[c];
                json!({
                    "entity_id": id, "entity_type": et, "name": cl.name,
                    "num_hosts": cl.hosts.len(), "num_datastores": 1, "vendor_id": cl.id,
                    "total_cpus": cl.hosts.len() as i64 * crate::world::HOST_SOCKETS,
                    "num_cpu_cores": cl.hosts.len() as i64 * Self::host_hardware().0,
                    "total_memory": cl.hosts.len() as i64 * Self::host_hardware().1,
                    "nsx_manager": self.nsx_manager_ref(v),
                    "vcenter_manager": self.vcenter_ref(v),
                    "datacenter": self.datacenter_ref(v, d),
                    "manager_uuid": self.vcenter_uuid(v),
                })
            }
            Kind::Datacenter => {
                let (v, d) = self.datacenters[i];
                let dc = &self.world.vcenters[v].datacenters[d];
                json!({
                    "entity_id": id, "entity_type": et, "name": dc.name, "vendor_id": dc.id,
                    "vcenter_manager": self.vcenter_ref(v), "manager_uuid": self.vcenter_uuid(v),
                })
            }
            Kind::Datastore => {
                let ds = &w.datastores[i];
                json!({
                    "entity_id": id, "entity_type": et, "name": ds.name, "vendor_id": ds.id,
                    "vcenter_manager": self.vcenter_ref(ds.place.vcenter),
                })
            }
            Kind::Network => {
                let n = &w.networks[i];
                json!({
                    "entity_id": id, "entity_type": et, "name": n.name,
                    "network_addresses": [n.subnet], "gateways": [n.gateway],
                    "vlan_id": n.vlan_id.to_string(),
                })
            }
            Kind::SecurityGroup => {
                let g = &w.security_groups[i];
                let members: Vec<Value> = self.group_members[i]
                    .iter()
                    .map(|v| self.vm_ref(*v))
                    .collect();
                json!({
                    "entity_id": id, "entity_type": et, "name": g.name,
                    "members": members, "direct_members": members, "parents": [], "vendor_id": g.id,
                })
            }
            Kind::Vcenter => {
                let c = &self.world.vcenters[i].config;
                json!({"entity_id": id, "entity_type": et, "name": c.ip, "fqdn": c.hostname, "ip_address": c.ip})
            }
            Kind::Flow => self.flow_answer(i),
            Kind::Folder | Kind::VirtualDisk | Kind::Dvs | Kind::Dvpg | Kind::Vmknic => {
                self.vsphere_answer(e)
            }
            k if k.is_kubernetes() => self.kubernetes_answer(e),
            k if k.is_hcx() => self.hcx_answer(e),
            k if k.is_vmc() => self.vmc_answer(e),
            Kind::Switch | Kind::SwitchPort | Kind::RouterInterface => self.switch_answer(e),
            // E104: a Check Point management server, on its own (not under an NSX manager).
            Kind::FirewallManager => {
                let c = &self.world.checkpoint_managers[i];
                json!({"entity_id": self.id(e), "entity_type": e.kind.entity_type(), "name": c.name,
                       "version": c.version, "ip_address": self.ip(&c.ip, None)})
            }
            // E102: an account is known by its number, a subscription by its id and tenant.
            Kind::AwsAccountManager => {
                let a = &self.world.aws_accounts[i];
                json!({"entity_id": self.id(e), "entity_type": e.kind.entity_type(), "name": a.name,
                       "vendor_id": a.account_id, "manager_id": a.account_id})
            }
            Kind::AzureSubscription => {
                let s = &self.world.azure_subscriptions[i];
                json!({"entity_id": self.id(e), "entity_type": e.kind.entity_type(), "name": s.name,
                       "vendor_id": s.subscription, "secondary_id": s.tenant, "manager_id": s.subscription})
            }
            // The NSX-T kinds (E96).
            _ => self.nsxt_answer(e),
        }
    }

    fn flow_answer(&self, f: usize) -> Value {
        let w = &self.workload;
        let flow = &w.flows[f];
        let s = &w.vms[flow.source];
        let d = self.flow_destination_vm(f);
        let side = |v: Option<usize>, what: &str| -> Value {
            let Some(v) = v else { return Value::Null };
            let vm = &w.vms[v];
            let p = vm.place;
            match what {
                "vm" => self.vm_ref(v),
                "vnic" => self.reference(Kind::Vnic, v, &self.vnic_names[v]),
                "datacenter" => self.datacenter_ref(p.vcenter, p.datacenter),
                "cluster" => self.cluster_ref(p.vcenter, p.datacenter, p.cluster),
                "host" => self.host_ref(vm.host),
                "l2" => self.network_ref(vm.network),
                "groups" => json!([self.group_ref(vm.security_group)]),
                "tags" => json!(vm.tags.iter().map(|t| &t.1).collect::<Vec<_>>()),
                "folders" => {
                    let folder = self.datacenter_index(p.vcenter, p.datacenter) * FOLDERS.len();
                    json!([self.reference(Kind::Folder, folder, FOLDERS[0].0)])
                }
                // Its NSX-T manager's (E132), null where none manages its vCenter.
                "security_tags" => self.vm_nsx_refs(v).0,
                "ip_sets" => self.vm_nsx_refs(v).1,
                _ => Value::Null,
            }
        };
        let src = Some(flow.source);
        let (port, protocol) = (flow.port, flow.protocol);
        let iana = match (port, protocol) {
            (443, _) => "HTTPS",
            (80, _) => "HTTP",
            (8443, _) => "HTTPS-ALT",
            (3306, _) => "MySQL",
            (5432, _) => "PostgreSQL",
            (53, _) => "DNS",
            (123, _) => "NTP",
            _ => "",
        };
        json!({
            "entity_id": self.id(EntityRef::flow(f)),
            "entity_type": "Flow",
            "name": self.flow_names[f],
            "source_vm": side(src, "vm"), "destination_vm": side(d, "vm"),
            "source_vnic": side(src, "vnic"), "destination_vnic": side(d, "vnic"),
            "source_datacenter": side(src, "datacenter"), "destination_datacenter": side(d, "datacenter"),
            "source_ip": self.ip(&s.ip, Some(s.network)),
            "destination_ip": self.ip(self.flow_destination_ip(f), d.map(|d| w.vms[d].network)),
            "source_l2_network": side(src, "l2"), "destination_l2_network": side(d, "l2"),
            "port": {"start": port, "end": port, "display": port.to_string(), "iana_name": iana, "iana_port_display": format!("{iana} [{port}]")},
            "source_cluster": side(src, "cluster"), "destination_cluster": side(d, "cluster"),
            "protocol": match protocol { Protocol::Tcp => "TCP", Protocol::Udp => "UDP" },
            "source_security_groups": side(src, "groups"),
            "destination_security_groups": if d.is_some() { side(d, "groups") } else { json!([]) },
            "traffic_type": if d.is_some() { "EAST_WEST_TRAFFIC" } else { "INTERNET_TRAFFIC" },
            "source_host": side(src, "host"), "destination_host": side(d, "host"),
            "source_vm_tags": side(src, "tags"), "destination_vm_tags": if d.is_some() { side(d, "tags") } else { json!([]) },
            "within_host": d.is_some_and(|d| w.vms[d].host == s.host),
            "firewall_action": "ALLOW",
            "firewall_rule_id": self.flow_rule_id(f),
            "source_folders": side(src, "folders"), "destination_folders": side(d, "folders"),
            "source_security_tags": side(src, "security_tags"),
            "destination_security_tags": side(d, "security_tags"),
            "source_ip_sets": side(src, "ip_sets"), "destination_ip_sets": side(d, "ip_sets"),
            "flow_tag": super::flow_tag_names(self.flow_tags[f]).collect::<Vec<_>>(),
        })
    }

    /// The vCenter's instance UUID (derived from its name).
    pub(super) fn vcenter_uuid(&self, vc: usize) -> String {
        let id = self.id(EntityRef::new(Kind::Vcenter, vc));
        let n: u32 = id
            .rsplit(':')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        format!("{n:08x}-5a1e-4c0f-9d3b-{:012x}", u64::from(n) * 7919)
    }
}

/// The IPv4 netmask of a subnet written `a.b.c.d/len`.
pub(super) fn netmask(subnet: &str) -> String {
    let len: u32 = subnet
        .rsplit_once('/')
        .and_then(|(_, l)| l.parse().ok())
        .filter(|l| *l <= 32)
        .unwrap_or(32);
    let bits = u32::MAX.checked_shl(32 - len).unwrap_or(0);
    std::net::Ipv4Addr::from(bits).to_string()
}
