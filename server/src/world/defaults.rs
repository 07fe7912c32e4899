//! The world the sandbox starts with when the configuration describes none: two vCenters
//! (`vcenter01` with two clusters and a standalone host, `vcenter02` with one cluster), and the
//! default device of each other family.

use super::*;

impl Default for WorldConfig {
    /// Two vCenters: one with two clusters and a standalone host, one with a single cluster.
    fn default() -> Self {
        let host = |n: u8, tag: &str| HostConfig {
            name: format!("esxi-{n:02}.example.com"),
            ip: format!("10.20.1.{}", 10 + n),
            service_tag: tag.into(),
            model: default_model(),
            idrac_ip: format!("10.20.2.{}", 10 + n),
            health: HostHealth::Healthy,
            drift: false,
            warranty_end: default_warranty_end(),
        };
        let vcenter = |name: &str, ip: &str, datacenters| VcenterConfig {
            name: name.into(),
            ip: ip.into(),
            hostname: format!("{name}.example.com"),
            username: "administrator".into(),
            domain: "vsphere.local".into(),
            password: "VMware1!".into(),
            read_only_accounts: vec![VcenterAccount {
                username: "readonly".into(),
                domain: "vsphere.local".into(),
                password: "VMware1!".into(),
            }],
            datacenters,
        };
        Self {
            vcenters: vec![
                vcenter(
                    "vcenter01",
                    "10.20.0.10",
                    vec![DatacenterConfig {
                        name: "Datacenter-A".into(),
                        clusters: vec![
                            ClusterConfig {
                                name: "Cluster-01".into(),
                                vlcm: true,
                                hosts: vec![host(1, "7XK2QH2"), host(2, "8YL3RJ3")],
                            },
                            ClusterConfig {
                                name: "Cluster-02".into(),
                                vlcm: false,
                                hosts: vec![host(3, "9ZM4SK4")],
                            },
                        ],
                        hosts: vec![host(4, "1AN5TL5")],
                    }],
                ),
                vcenter(
                    "vcenter02",
                    "10.20.0.20",
                    vec![DatacenterConfig {
                        name: "Datacenter-B".into(),
                        clusters: vec![ClusterConfig {
                            name: "Cluster-03".into(),
                            vlcm: false,
                            hosts: vec![host(5, "2BP6VM6")],
                        }],
                        hosts: vec![],
                    }],
                ),
            ],
            workload: WorkloadConfig::default(),
            nsxt_managers: nsxt::default_managers(),
            kubernetes_clusters: kubernetes::default_clusters(),
            hcx_managers: hcx::default_managers(),
            aws_accounts: clouds::default_aws_accounts(),
            azure_subscriptions: clouds::default_azure_subscriptions(),
            vmc_sddcs: vmc::default_sddcs(),
            checkpoint_managers: firewalls::default_checkpoint_managers(),
            switches: switches::default_switches(),
            appliances: appliances::default_appliances(),
        }
    }
}
