//! What vCenter, NSX-T or Kubernetes calls an entity (E92, E96, E99): its managed-object reference (`MOREF`) and, for a VM
//! and for the vCenter itself, its instance UUID. Adapters, disks and flows have no id of
//! their own in vCenter, so they have none here.

use super::{EntityRef, Inventory, Kind};
use crate::generated::aria_networks::types;

impl Inventory {
    /// The entity's vendor ids, or `None` for an entity vCenter does not name.
    pub fn vendor_ids(&self, e: EntityRef) -> Option<Vec<types::VendorId>> {
        let pairs = self.vendor_id_pairs(e)?;
        Some(
            pairs
                .into_iter()
                .map(|(t, v)| types::VendorId {
                    id_type: Some(t.to_string()),
                    id_value: Some(v),
                })
                .collect(),
        )
    }

    fn vendor_id_pairs(&self, e: EntityRef) -> Option<Vec<(&'static str, String)>> {
        let (w, i) = (&self.workload, e.index);
        let moref = |id: &str| vec![("MOREF", id.to_string())];
        Some(match e.kind {
            Kind::Vm => vec![
                ("MOREF", w.vms[i].id.clone()),
                ("INSTANCE_UUID", w.vms[i].uuid.clone()),
            ],
            Kind::Vcenter => vec![("INSTANCE_UUID", self.vcenter_uuid(i))],
            Kind::Datacenter => {
                let (v, d) = self.datacenters[i];
                moref(&self.world.vcenters[v].datacenters[d].id)
            }
            Kind::Cluster => {
                let (v, d, c) = self.clusters[i];
                moref(&self.world.vcenters[v].datacenters[d].clusters[c].id)
            }
            Kind::Host => moref(&w.hosts[i].1.id),
            Kind::Datastore => moref(&w.datastores[i].id),
            Kind::Network | Kind::Dvpg => moref(&w.networks[i].id),
            Kind::SecurityGroup => moref(&w.security_groups[i].id),
            Kind::Folder => moref(self.folder(i).2),
            Kind::Dvs => moref(self.dvs(i).1),
            Kind::Vnic | Kind::VirtualDisk | Kind::Vmknic | Kind::Flow => return None,
            // Kubernetes names its objects by `metadata.uid` (E99).
            k if k.is_kubernetes() => vec![("UUID", self.kubernetes(e).vendor_id.clone())],
            // HCX names its objects by UUID (E101).
            k if k.is_hcx() => vec![("UUID", self.hcx(e).vendor_id.clone())],
            // VMC's and AWS's ids (E103).
            k if k.is_vmc() => vec![("VMC_ID", self.vmc(e).vendor_id.clone())],
            // A Check Point server is known by its name (E104).
            Kind::FirewallManager => vec![("NAME", self.world.checkpoint_managers[i].name.clone())],
            // A switch, and its ports and interfaces, by name (E105).
            Kind::Switch | Kind::SwitchPort | Kind::RouterInterface => {
                let o = self.switching(e);
                let switch = &self.world.switches[o.switch].config.name;
                let name = if e.kind == Kind::Switch {
                    o.name.clone()
                } else {
                    format!("{switch}/{}", o.name)
                };
                vec![("NAME", name)]
            }
            // The cloud's own ids (E102).
            Kind::AwsAccountManager => {
                vec![("ACCOUNT_ID", self.world.aws_accounts[i].account_id.clone())]
            }
            Kind::AzureSubscription => {
                vec![(
                    "SUBSCRIPTION_ID",
                    self.world.azure_subscriptions[i].subscription.clone(),
                )]
            }
            // The NSX-T kinds: NSX-T names its objects by UUID (E96).
            _ => vec![("UUID", self.nsxt(e).vendor_id.clone())],
        })
    }
}
