//! The simulated datacenter: vCenters with their datacenters, clusters and hosts, described once
//! in the configuration (`[[world.vcenters]]`) and observed by both appliances (OMIVV's console
//! tree, Aria's inventory and search). `workload` adds what runs on it: VMs, networks and flows.
//!
//! Ids are vSphere managed-object references (`datacenter-2`, `domain-c3`, `host-4`), numbered
//! in one sequence across the whole world so that an id names one object everywhere.

use std::net::IpAddr;

use serde::Deserialize;

pub mod appliances;
pub mod certificates;
pub mod clouds;
mod defaults;
pub mod firewalls;
pub mod firmware;
pub mod hcx;
pub mod kubernetes;
pub mod nsxt;
pub mod switches;
pub mod vmc;
pub mod workload;

pub use appliances::ApplianceConfig;
pub use clouds::{AwsAccountConfig, AzureSubscriptionConfig};
pub use firewalls::CheckpointManagerConfig;
pub use hcx::{HcxManager, HcxManagerConfig};
pub use kubernetes::{KubernetesCluster, KubernetesClusterConfig};
pub use nsxt::{NsxtManager, NsxtManagerConfig};
pub use switches::{Switch, SwitchConfig, SwitchVendor};
pub use vmc::VmcSddcConfig;
pub use workload::{Workload, WorkloadConfig};

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WorldConfig {
    pub vcenters: Vec<VcenterConfig>,
    /// The VMs, networks, security groups and traffic the world runs (`[world.workload]`).
    pub workload: WorkloadConfig,
    /// The NSX-T managers (`[[world.nsxt_managers]]`); one by default.
    pub nsxt_managers: Vec<NsxtManagerConfig>,
    /// The Kubernetes clusters (`[[world.kubernetes_clusters]]`); one by default.
    pub kubernetes_clusters: Vec<KubernetesClusterConfig>,
    /// The HCX connectors (`[[world.hcx_managers]]`); one by default.
    pub hcx_managers: Vec<HcxManagerConfig>,
    /// The AWS accounts and Azure subscriptions (`[[world.aws_accounts]]`,
    /// `[[world.azure_subscriptions]]`); one of each by default.
    pub aws_accounts: Vec<AwsAccountConfig>,
    pub azure_subscriptions: Vec<AzureSubscriptionConfig>,
    /// The VMware Cloud on AWS SDDCs (`[[world.vmc_sddcs]]`); one by default.
    pub vmc_sddcs: Vec<VmcSddcConfig>,
    /// The Check Point management servers (`[[world.checkpoint_managers]]`); one by default.
    pub checkpoint_managers: Vec<CheckpointManagerConfig>,
    /// The physical switches and routers (`[[world.switches]]`); two by default.
    pub switches: Vec<SwitchConfig>,
    /// The other managed devices (`[[world.appliances]]`); one of each type by default.
    pub appliances: Vec<ApplianceConfig>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VcenterConfig {
    /// How the rest of the configuration refers to this vCenter (`omivv.consoles.vcenter`).
    pub name: String,
    pub ip: String,
    pub hostname: String,
    /// The vCenter account that clients (an OMIVV operational context) must present.
    pub username: String,
    pub domain: String,
    pub password: String,
    /// Further accounts that can log in to this vCenter but change nothing through it.
    #[serde(default)]
    pub read_only_accounts: Vec<VcenterAccount>,
    #[serde(default)]
    pub datacenters: Vec<DatacenterConfig>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VcenterAccount {
    pub username: String,
    pub domain: String,
    pub password: String,
}

/// What a host's management controller reports of its hardware.
#[derive(Debug, Clone, Copy, Default, Deserialize, serde::Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum HostHealth {
    #[default]
    Healthy,
    Warning,
    Critical,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatacenterConfig {
    pub name: String,
    #[serde(default)]
    pub clusters: Vec<ClusterConfig>,
    /// Hosts outside any cluster.
    #[serde(default)]
    pub hosts: Vec<HostConfig>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClusterConfig {
    pub name: String,
    /// Whether the cluster is managed by a vSphere Lifecycle Manager image.
    #[serde(default)]
    pub vlcm: bool,
    #[serde(default)]
    pub hosts: Vec<HostConfig>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HostConfig {
    /// The host's name in vCenter (its FQDN).
    pub name: String,
    pub ip: String,
    /// The Dell service tag (seven characters).
    pub service_tag: String,
    #[serde(default = "default_model")]
    pub model: String,
    /// The address of the host's iDRAC.
    pub idrac_ip: String,
    #[serde(default)]
    pub health: HostHealth,
    /// Whether the host's configuration and drivers have drifted from its cluster's baseline.
    #[serde(default)]
    pub drift: bool,
    /// The last day of the host's warranty (`YYYY-MM-DD`).
    #[serde(default = "default_warranty_end")]
    pub warranty_end: String,
}

fn default_warranty_end() -> String {
    "2028-12-31".into()
}

fn default_model() -> String {
    "PowerEdge R740".into()
}

/// Every host's hardware, one fact for every product that reports it (OMEVV's inventory,
/// Aria's hosts and clusters).
pub const HOST_SOCKETS: i64 = 2;
pub const HOST_CORES_PER_SOCKET: i64 = 20;
pub const HOST_DIMMS: i64 = 12;
pub const HOST_DIMM_GB: i64 = 32;

#[derive(Debug, Clone)]
pub struct Host {
    pub id: String,
    pub config: HostConfig,
}

#[derive(Debug, Clone)]
pub struct Cluster {
    pub id: String,
    pub name: String,
    pub vlcm: bool,
    pub hosts: Vec<Host>,
}

#[derive(Debug, Clone)]
pub struct Datacenter {
    pub id: String,
    pub name: String,
    pub clusters: Vec<Cluster>,
    pub hosts: Vec<Host>,
}

#[derive(Debug, Clone)]
pub struct Vcenter {
    pub config: VcenterConfig,
    pub datacenters: Vec<Datacenter>,
}

/// The world with ids assigned.
#[derive(Debug, Clone, Default)]
pub struct World {
    pub vcenters: Vec<Vcenter>,
    pub nsxt_managers: Vec<NsxtManager>,
    pub kubernetes_clusters: Vec<KubernetesCluster>,
    pub hcx_managers: Vec<HcxManager>,
    pub aws_accounts: Vec<AwsAccountConfig>,
    pub azure_subscriptions: Vec<AzureSubscriptionConfig>,
    pub vmc_sddcs: Vec<VmcSddcConfig>,
    /// The Check Point management servers (`[[world.checkpoint_managers]]`); one by default.
    pub checkpoint_managers: Vec<CheckpointManagerConfig>,
    /// The physical switches and routers (`[[world.switches]]`); two by default.
    pub switches: Vec<Switch>,
    /// The other managed devices (`[[world.appliances]]`); one of each type by default.
    pub appliances: Vec<ApplianceConfig>,
}

impl World {
    /// Checks the description (unique names, addresses and service tags; addresses that parse)
    /// and numbers its objects.
    pub fn build(config: &WorldConfig) -> Result<World, String> {
        let mut b = Builder::default();
        let mut world = World::default();
        for vc in &config.vcenters {
            b.unique("vCenter name", &vc.name)?;
            b.unique("vCenter address", &address(&vc.ip, &vc.name)?)?;
            b.unique("vCenter hostname", &vc.hostname.to_ascii_lowercase())?;
            let mut datacenters = Vec::new();
            for dc in &vc.datacenters {
                let dc_id = b.id("datacenter-");
                let mut clusters = Vec::new();
                for cl in &dc.clusters {
                    clusters.push(Cluster {
                        id: b.id("domain-c"),
                        name: cl.name.clone(),
                        vlcm: cl.vlcm,
                        hosts: b.hosts(&cl.hosts)?,
                    });
                }
                datacenters.push(Datacenter {
                    id: dc_id,
                    name: dc.name.clone(),
                    clusters,
                    hosts: b.hosts(&dc.hosts)?,
                });
            }
            world.vcenters.push(Vcenter {
                config: vc.clone(),
                datacenters,
            });
        }
        for m in &config.nsxt_managers {
            b.unique("NSX-T manager name", &m.name)?;
            // Unique among NSX-T managers only: a data source looks for its own type of device
            // at an address, and a configuration written before NSX-T managers were in the
            // world may have a vCenter at the default manager's address.
            b.unique("NSX-T manager address", &address(&m.ip, &m.name)?)?;
            b.unique("NSX-T manager hostname", &m.hostname.to_ascii_lowercase())?;
        }
        let names: Vec<&str> = config.vcenters.iter().map(|v| v.name.as_str()).collect();
        world.nsxt_managers = nsxt::resolve(&config.nsxt_managers, &names)?;
        for k in &config.kubernetes_clusters {
            b.unique("Kubernetes cluster name", &k.name)?;
            b.unique("Kubernetes API server", &address(&k.api_server, &k.name)?)?;
        }
        let managers: Vec<&str> = config
            .nsxt_managers
            .iter()
            .map(|m| m.name.as_str())
            .collect();
        world.kubernetes_clusters = kubernetes::resolve(&config.kubernetes_clusters, &managers)?;
        for h in &config.hcx_managers {
            b.unique("HCX manager name", &h.name)?;
            b.unique("HCX manager address", &address(&h.ip, &h.name)?)?;
            b.unique("HCX manager hostname", &h.hostname.to_ascii_lowercase())?;
        }
        world.hcx_managers = hcx::resolve(&config.hcx_managers, &names)?;
        clouds::check(&config.aws_accounts, &config.azure_subscriptions)?;
        world.aws_accounts = config.aws_accounts.clone();
        world.azure_subscriptions = clouds::canonical(&config.azure_subscriptions);
        vmc::check(&config.vmc_sddcs)?;
        world.vmc_sddcs = config.vmc_sddcs.clone();
        for c in &config.checkpoint_managers {
            b.unique("Check Point manager name", &c.name)?;
            b.unique("Check Point manager address", &address(&c.ip, &c.name)?)?;
            b.unique(
                "Check Point manager hostname",
                &c.hostname.to_ascii_lowercase(),
            )?;
        }
        world.checkpoint_managers = firewalls::resolve(&config.checkpoint_managers)?;
        for s in &config.switches {
            b.unique("switch name", &s.name)?;
            b.unique("switch address", &address(&s.ip, &s.name)?)?;
            b.unique("switch hostname", &s.hostname.to_ascii_lowercase())?;
        }
        let datacenters: Vec<(&str, Vec<&str>)> = (config.vcenters.iter())
            .map(|v| {
                (
                    v.name.as_str(),
                    v.datacenters.iter().map(|d| d.name.as_str()).collect(),
                )
            })
            .collect();
        world.switches = switches::resolve(&config.switches, &datacenters)?;
        for a in &config.appliances {
            b.unique("appliance name", &a.name)?;
            if let Some(ip) = &a.ip {
                b.unique(&format!("{} address", a.kind), &address(ip, &a.name)?)?;
            }
        }
        world.appliances = appliances::resolve(&config.appliances)?;
        Ok(world)
    }

    pub fn vcenter(&self, name: &str) -> Option<&Vcenter> {
        self.vcenters.iter().find(|v| v.config.name == name)
    }
}

/// An IP address in its canonical text form.
fn address(ip: &str, of: &str) -> Result<String, String> {
    ip.parse::<IpAddr>()
        .map(|a| a.to_string())
        .map_err(|_| format!("world: {of}: {ip:?} is not an IP address"))
}

/// Numbers objects in one sequence and checks that names are unique.
#[derive(Default)]
struct Builder {
    last: u32,
    seen: std::collections::HashSet<String>,
}

impl Builder {
    fn id(&mut self, prefix: &str) -> String {
        // vCenter's own numbering starts at 2 (group-d1 is the root folder).
        self.last += 1;
        format!("{prefix}{}", self.last + 1)
    }

    fn unique(&mut self, what: &str, value: &str) -> Result<(), String> {
        if self.seen.insert(format!("{what}\u{0}{value}")) {
            Ok(())
        } else {
            Err(format!("world: {what} {value:?} appears twice"))
        }
    }

    fn hosts(&mut self, hosts: &[HostConfig]) -> Result<Vec<Host>, String> {
        hosts
            .iter()
            .map(|h| {
                self.unique("host name", &h.name.to_ascii_lowercase())?;
                self.unique("host address", &address(&h.ip, &h.name)?)?;
                self.unique("service tag", &h.service_tag.to_ascii_uppercase())?;
                self.unique("iDRAC address", &address(&h.idrac_ip, &h.name)?)?;
                crate::clock::days_of_date(&h.warranty_end).ok_or_else(|| {
                    format!(
                        "world: {}: warranty_end {:?} is not a date (YYYY-MM-DD)",
                        h.name, h.warranty_end
                    )
                })?;
                Ok(Host {
                    id: self.id("host-"),
                    config: h.clone(),
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_morefs_across_vcenters() {
        let world = World::build(&WorldConfig::default()).unwrap();
        let ids: Vec<&str> = world
            .vcenters
            .iter()
            .flat_map(|v| &v.datacenters)
            .flat_map(|d| {
                std::iter::once(d.id.as_str())
                    .chain(d.clusters.iter().map(|c| c.id.as_str()))
                    .chain(
                        d.clusters
                            .iter()
                            .flat_map(|c| &c.hosts)
                            .map(|h| h.id.as_str()),
                    )
                    .chain(d.hosts.iter().map(|h| h.id.as_str()))
            })
            .collect();
        let unique: std::collections::HashSet<_> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len(), "{ids:?}");
        assert!(ids.iter().any(|i| i.starts_with("domain-c")));
        let (vc, cluster) = (
            &world.vcenters[0],
            &world.vcenters[0].datacenters[0].clusters[0],
        );
        assert_eq!(cluster.id, ids[1]);
        assert_eq!(
            (vc.config.name.as_str(), cluster.name.as_str()),
            ("vcenter01", "Cluster-01")
        );
    }

    #[test]
    fn duplicates_and_bad_addresses_are_refused() {
        let mut config = WorldConfig::default();
        config.vcenters[1].ip = config.vcenters[0].ip.clone();
        assert!(World::build(&config).unwrap_err().contains("appears twice"));
        let mut config = WorldConfig::default();
        config.vcenters[0].datacenters[0].hosts[0].ip = "esxi".into();
        assert!(World::build(&config)
            .unwrap_err()
            .contains("not an IP address"));
    }
}
