//! The properties the filter language reads, per entity type: each a name as the language
//! writes it (`vcenter_manager.name`) and a getter that pushes the entity's values (several for
//! a list, none when absent). Getters are plain functions, so a compiled filter calls them
//! without looking anything up.

use super::{EntityRef, Inventory, Kind};

pub use keyed::{keyed_property, Keyed};

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Val<'a> {
    Text(&'a str),
    Num(f64),
}

pub type Getter = for<'a> fn(&'a Inventory, usize, &mut Vec<Val<'a>>);

/// A set of flags kept as bits, and each bit's name.
pub type Bits = (fn(&Inventory, usize) -> u16, &'static [&'static str]);

pub struct Field {
    pub numeric: bool,
    pub name: &'static str,
    pub get: Getter,
    /// For a set of flags kept as bits (a flow's tags): the bits and each bit's name, so that a
    /// filter tests them with a mask instead of comparing names.
    pub bits: Option<Bits>,
}

/// The property `name` of `kind` (names are lower-case; the language's are compared so).
pub fn field(kind: Kind, name: &str) -> Option<&'static Field> {
    let name = name.to_ascii_lowercase();
    fields(kind)
        .iter()
        .find(|f| f.name.eq_ignore_ascii_case(&name))
}

pub fn fields(kind: Kind) -> &'static [Field] {
    match kind {
        Kind::Vm => VM,
        Kind::Flow => flow::FLOW,
        Kind::Host => infra::HOST,
        Kind::Cluster => infra::CLUSTER,
        Kind::Datacenter => infra::DATACENTER,
        Kind::Datastore => infra::DATASTORE,
        Kind::Network => infra::NETWORK,
        Kind::SecurityGroup => infra::SECURITY_GROUP,
        Kind::Vnic => infra::VNIC,
        Kind::Vcenter => infra::VCENTER,
        Kind::Folder => vsphere::FOLDER,
        Kind::VirtualDisk => vsphere::VIRTUAL_DISK,
        Kind::Dvs => vsphere::DVS,
        Kind::Dvpg => vsphere::DVPG,
        Kind::Vmknic => vsphere::VMKNIC,
        Kind::NsxtManager => nsxt::MANAGER,
        Kind::NsxtMpNode => nsxt::MP_NODE,
        Kind::NsxtController => nsxt::CONTROLLER,
        Kind::NsxtTransportNode => nsxt::TRANSPORT_NODE,
        Kind::NsxtEdgeCluster => nsxt::EDGE_CLUSTER,
        Kind::NsxtCpuCore => nsxt::CPU_CORE,
        Kind::LogicalRouter => nsxt::ROUTER,
        Kind::NsxtFirewall => nsxt::FIREWALL,
        Kind::NsxtFirewallRule => nsxt::FIREWALL_RULE,
        Kind::NsService => nsxt::SERVICE,
        Kind::NsServiceGroup => nsxt::SERVICE_GROUP,
        Kind::NsxtIpSet => nsxt::IP_SET,
        Kind::KubernetesCluster => kubernetes::CLUSTER,
        Kind::KubernetesNode => kubernetes::NODE,
        Kind::KubernetesNamespace => kubernetes::NAMESPACE,
        Kind::KubernetesPod => kubernetes::POD,
        Kind::KubernetesService => kubernetes::SERVICE,
        Kind::HcxManager => hcx::MANAGER,
        Kind::HcxSite => hcx::SITE,
        Kind::HcxComputeProfile => hcx::COMPUTE_PROFILE,
        Kind::HcxNetworkProfile => hcx::NETWORK_PROFILE,
        Kind::HcxServiceMesh => hcx::SERVICE_MESH,
        Kind::HcxService => hcx::SERVICE,
        Kind::HcxAppliance => hcx::APPLIANCE,
        Kind::HcxTunnel => hcx::TUNNEL,
        Kind::HcxL2Extension => hcx::L2_EXTENSION,
        Kind::AwsAccountManager => clouds::AWS_ACCOUNT,
        Kind::AzureSubscription => clouds::AZURE_SUBSCRIPTION,
        Kind::FirewallManager => clouds::FIREWALL_MANAGER,
        Kind::VmcSddc => vmc::SDDC,
        Kind::SddcGroup => vmc::GROUP,
        Kind::TransitGateway => vmc::GATEWAY,
        Kind::DxConnection => vmc::CONNECTION,
        Kind::DxInterface => vmc::INTERFACE,
        Kind::VpnSession => vmc::VPN_SESSION,
        Kind::SecurityTag => nsxt::SECURITY_TAG,
        Kind::Switch => switches::SWITCH,
        Kind::SwitchPort => switches::PORT,
        Kind::RouterInterface => switches::INTERFACE,
    }
}

fn id(inv: &Inventory, kind: Kind, index: usize) -> &str {
    inv.id(EntityRef { kind, index })
}

fn vcenter_name(inv: &Inventory, vc: usize) -> &str {
    &inv.world.vcenters[vc].config.ip
}

fn datacenter_name(inv: &Inventory, vc: usize, dc: usize) -> &str {
    &inv.world.vcenters[vc].datacenters[dc].name
}

// VM getters read the inventory's compact per-VM arrays, not the VM: a flow search reads them
// for a VM per flow, and a VM's record spans several cache lines.
fn cluster_of_vm(inv: &Inventory, vm: usize) -> Option<(usize, &str)> {
    let c = inv.vm_cluster[vm]?;
    let (vc, dc, ci) = inv.clusters[c];
    Some((c, &inv.world.vcenters[vc].datacenters[dc].clusters[ci].name))
}

/// A VM's reference properties, shared by VMs and both ends of a flow.
mod vm {
    use super::*;

    pub fn name(inv: &Inventory, v: usize) -> &str {
        &inv.workload.vms[v].name
    }
    pub fn datacenter(inv: &Inventory, v: usize) -> (usize, &str) {
        let d = inv.vm_datacenter[v];
        let (vc, dc) = inv.datacenters[d];
        (d, datacenter_name(inv, vc, dc))
    }
    pub fn host(inv: &Inventory, v: usize) -> (usize, &str) {
        let h = inv.workload.vms[v].host;
        (h, &inv.workload.hosts[h].1.config.name)
    }
    pub fn network(inv: &Inventory, v: usize) -> (usize, &str) {
        let n = inv.workload.vms[v].network;
        (n, &inv.workload.networks[n].name)
    }
    pub fn group(inv: &Inventory, v: usize) -> (usize, &str) {
        let g = inv.workload.vms[v].security_group;
        (g, &inv.workload.security_groups[g].name)
    }
}

macro_rules! text {
    ($name:literal, |$inv:ident, $i:ident| $value:expr) => {
        Field {
            numeric: false,
            bits: None,
            name: $name,
            get: |$inv, $i, out| out.push(Val::Text($value)),
        }
    };
}

macro_rules! num {
    ($name:literal, |$inv:ident, $i:ident| $value:expr) => {
        Field {
            numeric: true,
            bits: None,
            name: $name,
            get: |$inv, $i, out| out.push(Val::Num($value as f64)),
        }
    };
}

mod clouds;
mod flow;
mod hcx;
mod infra;
mod keyed;
mod kubernetes;
mod nsxt;
mod switches;
mod vmc;
mod vsphere;

static VM: &[Field] = &[
    text!("name", |inv, i| vm::name(inv, i)),
    text!("entity_id", |inv, i| id(inv, Kind::Vm, i)),
    text!("vm_uuid", |inv, i| &inv.workload.vms[i].uuid),
    text!("ip_address", |inv, i| &inv.workload.vms[i].ip),
    text!("ip_addresses.ip_address", |inv, i| &inv.workload.vms[i].ip),
    text!("default_gateway", |inv, i| &inv.workload.networks
        [inv.workload.vms[i].network]
        .gateway),
    text!("os_full_name", |inv, i| &inv.workload.vms[i].os),
    num!("cpu_count", |inv, i| inv.workload.vms[i].cpu_count),
    num!("memory", |inv, i| inv.workload.vms[i].memory_mb),
    text!("vcenter_manager.name", |inv, i| vcenter_name(
        inv,
        inv.workload.vms[i].place.vcenter
    )),
    text!("vcenter_manager.entity_id", |inv, i| id(
        inv,
        Kind::Vcenter,
        inv.workload.vms[i].place.vcenter
    )),
    text!("datacenter.name", |inv, i| vm::datacenter(inv, i).1),
    text!("datacenter.entity_id", |inv, i| id(
        inv,
        Kind::Datacenter,
        vm::datacenter(inv, i).0
    )),
    Field {
        numeric: false,
        bits: None,
        name: "cluster.name",
        get: |inv, i, out| out.extend(cluster_of_vm(inv, i).map(|c| Val::Text(c.1))),
    },
    Field {
        numeric: false,
        bits: None,
        name: "cluster.entity_id",
        get: |inv, i, out| {
            out.extend(cluster_of_vm(inv, i).map(|c| Val::Text(id(inv, Kind::Cluster, c.0))))
        },
    },
    text!("host.name", |inv, i| vm::host(inv, i).1),
    text!("host.entity_id", |inv, i| id(
        inv,
        Kind::Host,
        vm::host(inv, i).0
    )),
    text!("layer2_networks.name", |inv, i| vm::network(inv, i).1),
    text!("layer2_networks.entity_id", |inv, i| id(
        inv,
        Kind::Network,
        vm::network(inv, i).0
    )),
    text!("security_groups.name", |inv, i| vm::group(inv, i).1),
    text!("security_groups.entity_id", |inv, i| id(
        inv,
        Kind::SecurityGroup,
        vm::group(inv, i).0
    )),
    text!("datastores.name", |inv, i| &inv.workload.datastores
        [inv.workload.vms[i].datastore]
        .name),
    text!("vnics.entity_id", |inv, i| id(inv, Kind::Vnic, i)),
    Field {
        numeric: false,
        bits: None,
        name: "tag_keys",
        get: |inv, i, out| {
            out.extend(
                inv.workload.vms[i]
                    .tags
                    .iter()
                    .map(|t| Val::Text(t.0.as_str())),
            )
        },
    },
    Field {
        numeric: false,
        bits: None,
        name: "tag_values",
        get: |inv, i, out| {
            out.extend(
                inv.workload.vms[i]
                    .tags
                    .iter()
                    .map(|t| Val::Text(t.1.as_str())),
            )
        },
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    /// The spec lists each entity type's properties (`SearchRequest.filter`); it must list
    /// exactly what the sandbox evaluates.
    #[test]
    fn the_spec_lists_every_property_the_filter_reads() {
        let spec = crate::specs::ARIA_NETWORKS;
        for kind in Kind::ALL {
            let prefix = format!("- `{}`: ", kind.entity_type());
            let line = spec
                .lines()
                .map(str::trim)
                .find(|l| l.starts_with(&prefix))
                .unwrap_or_else(|| {
                    panic!("the spec lists no properties of {}", kind.entity_type())
                });
            let listed: Vec<&str> = line[prefix.len()..]
                .split(", ")
                .map(|p| p.trim_matches('`'))
                .collect();
            let ours: Vec<&str> = fields(kind).iter().map(|f| f.name).collect();
            assert_eq!(listed, ours, "{}", kind.entity_type());
        }
    }
}
