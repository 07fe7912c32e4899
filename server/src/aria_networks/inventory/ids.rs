//! Entity ids: derived from each object's identity in the world, so that they are stable across
//! restarts.

use std::fmt::{self, Write};

use super::kind::Kind;
use super::par_map::par_map;
use super::{EntityRef, Inventory};
use crate::aria_networks::nodes::{Fnv1a, CUSTOMER};

impl Inventory {
    /// Ids derived from each object's identity in the world, so they are stable across
    /// restarts; a rare collision of the 32-bit number is resolved by re-hashing. The key
    /// `{kind:?}/{identity}|{n}` is hashed as it is written (the same FNV-1a as `entity_id`):
    /// building 150,000 keys and ids as strings and hashing them into a set was most of the
    /// start-up of a large world (BENCHMARKS.md).
    pub(super) fn assign_ids(&mut self) {
        for kind in Kind::ALL {
            let code = kind.type_code();
            // Each key hashed on the cores there are; only the collisions need one order.
            let keys = par_map(self.count(kind), |i| {
                let mut key = Fnv1a::default();
                write!(key, "{kind:?}/")
                    .and_then(|()| self.write_identity(kind, i, &mut key))
                    .expect("hashing never fails");
                key
            });
            let mut hashes = Vec::with_capacity(keys.len());
            for (i, key) in keys.into_iter().enumerate() {
                let hash = (0u32..)
                    .map(|n| key.with(n))
                    .find(|hash| !self.by_id.contains_key(&id_key(code, *hash)))
                    .expect("an unused id");
                self.by_id
                    .insert(id_key(code, hash), EntityRef { kind, index: i });
                hashes.push(hash);
            }
            let ids = par_map(hashes.len(), |i| format!("{CUSTOMER}:{code}:{}", hashes[i]));
            self.ids.insert(kind, ids);
        }
    }

    /// Writes what names an object in the world, whatever its place in the lists (into the
    /// hash of its id: no string is built for it).
    pub(super) fn write_identity(
        &self,
        kind: Kind,
        i: usize,
        out: &mut impl fmt::Write,
    ) -> fmt::Result {
        let w = &self.workload;
        let vcenter = |v: usize| &self.world.vcenters[v];
        match kind {
            Kind::Vcenter => out.write_str(&vcenter(i).config.name),
            Kind::Datacenter => {
                let (v, d) = self.datacenters[i];
                let vc = vcenter(v);
                write!(out, "{}/{}", vc.config.name, vc.datacenters[d].id)
            }
            Kind::Cluster => {
                let (v, d, c) = self.clusters[i];
                let vc = vcenter(v);
                let cluster = &vc.datacenters[d].clusters[c].id;
                write!(out, "{}/{cluster}", vc.config.name)
            }
            Kind::Host | Kind::Vmknic => out.write_str(&w.hosts[i].1.id),
            Kind::Datastore => out.write_str(&w.datastores[i].id),
            Kind::Network | Kind::Dvpg => out.write_str(&w.networks[i].id),
            Kind::SecurityGroup => out.write_str(&w.security_groups[i].id),
            Kind::Vm | Kind::Vnic | Kind::VirtualDisk => out.write_str(&w.vms[i].uuid),
            Kind::Folder => {
                let (dc, name, _) = self.folder(i);
                self.write_identity(Kind::Datacenter, dc, out)?;
                write!(out, "/{name}")
            }
            Kind::Dvs => self.write_identity(Kind::Datacenter, i, out),
            Kind::Flow => {
                let f = &w.flows[i];
                out.write_str(&w.vms[f.source].uuid)?;
                out.write_str("|")?;
                out.write_str(&self.flow_names[i])?;
                write!(out, "|{}|{i}", f.port)
            }
            k if k.is_kubernetes() => {
                out.write_str(&self.kubernetes(EntityRef::new(k, i)).vendor_id)
            }
            k if k.is_hcx() => out.write_str(&self.hcx(EntityRef::new(k, i)).vendor_id),
            k if k.is_vmc() => out.write_str(&self.vmc(EntityRef::new(k, i)).vendor_id),
            Kind::AwsAccountManager => out.write_str(&self.world.aws_accounts[i].account_id),
            Kind::FirewallManager => out.write_str(&self.world.checkpoint_managers[i].name),
            Kind::Switch | Kind::SwitchPort | Kind::RouterInterface => {
                let o = self.switching(EntityRef::new(kind, i));
                write!(
                    out,
                    "{}/{}",
                    self.world.switches[o.switch].config.name, o.name
                )
            }
            Kind::AzureSubscription => {
                out.write_str(&self.world.azure_subscriptions[i].subscription)
            }
            // The NSX-T kinds (E96): unique (its manager's name and what it is, as a UUID),
            // where names may repeat.
            _ => out.write_str(&self.nsxt(EntityRef::new(kind, i)).vendor_id),
        }
    }
}

/// The inventory's key for an id: its type code and number (the customer part is the same for
/// every id).
pub(super) fn id_key(code: u32, hash: u32) -> u64 {
    (u64::from(code) << 32) | u64::from(hash)
}
