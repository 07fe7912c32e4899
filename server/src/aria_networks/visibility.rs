//! What Aria sees of the world: an entity is visible while an enabled data source collects the
//! device it belongs to (E53): a vCenter, an NSX-T manager (E95), a Kubernetes cluster (E99) or an HCX connector (E101). Every caller asks
//! through `Visibility`, so that other devices (switches, firewalls) join in one place.

use super::data_sources::collector::{self, Reach};
use super::data_sources::DataSourceKind;
use super::inventory::{Device, EntityRef, Inventory, Kind};
use super::Aria;
use crate::world::World;

/// Which of the world's devices are collected from, at one moment.
#[derive(Debug, Clone)]
pub struct Visibility {
    vcenters: Vec<bool>,
    nsxt_managers: Vec<bool>,
    kubernetes_clusters: Vec<bool>,
    hcx_managers: Vec<bool>,
    /// Every vCenter, every NSX-T manager is collected: no entity's device need be looked up
    /// (kept per family, so that an uncollected NSX-T manager does not slow a flow search).
    all_vcenters: bool,
    all_nsxt_managers: bool,
    all_kubernetes_clusters: bool,
    all_hcx_managers: bool,
}

/// Per world device, since when an enabled data source has collected it (the earliest start
/// of collection among those that do), if one does.
#[derive(Debug, Clone, Default)]
pub struct CollectionStarts {
    pub vcenters: Vec<Option<i64>>,
    pub nsxt_managers: Vec<Option<i64>>,
    pub kubernetes_clusters: Vec<Option<i64>>,
    pub hcx_managers: Vec<Option<i64>>,
}

impl Visibility {
    /// What had been collected by `end` (`i64::MAX`: at all).
    pub fn by(starts: &CollectionStarts, end: i64) -> Visibility {
        let seen = |s: &[Option<i64>]| -> Vec<bool> {
            s.iter().map(|s| s.is_some_and(|s| s <= end)).collect()
        };
        let (vcenters, nsxt_managers) = (seen(&starts.vcenters), seen(&starts.nsxt_managers));
        let kubernetes_clusters = seen(&starts.kubernetes_clusters);
        let hcx_managers = seen(&starts.hcx_managers);
        Visibility {
            all_vcenters: vcenters.iter().all(|&v| v),
            all_nsxt_managers: nsxt_managers.iter().all(|&v| v),
            all_kubernetes_clusters: kubernetes_clusters.iter().all(|&v| v),
            all_hcx_managers: hcx_managers.iter().all(|&v| v),
            vcenters,
            nsxt_managers,
            kubernetes_clusters,
            hcx_managers,
        }
    }

    /// Nothing of `world` collected.
    pub fn nothing(world: &World) -> Visibility {
        Visibility {
            vcenters: vec![false; world.vcenters.len()],
            nsxt_managers: vec![false; world.nsxt_managers.len()],
            kubernetes_clusters: vec![false; world.kubernetes_clusters.len()],
            hcx_managers: vec![false; world.hcx_managers.len()],
            all_vcenters: world.vcenters.is_empty(),
            all_nsxt_managers: world.nsxt_managers.is_empty(),
            all_kubernetes_clusters: world.kubernetes_clusters.is_empty(),
            all_hcx_managers: world.hcx_managers.is_empty(),
        }
    }

    /// Whether the world vCenter `i` is collected from.
    pub fn vcenter(&self, i: usize) -> bool {
        self.vcenters[i]
    }

    /// Whether the world NSX-T manager `i` is collected from.
    pub fn nsxt_manager(&self, i: usize) -> bool {
        self.nsxt_managers[i]
    }

    /// Whether the entity `e` is visible.
    pub fn sees(&self, inv: &Inventory, e: EntityRef) -> bool {
        self.all_of(e.kind)
            || match inv.device_of(e) {
                Device::Vcenter(v) => self.vcenters[v],
                Device::NsxtManager(m) => self.nsxt_managers[m],
                Device::KubernetesCluster(k) => self.kubernetes_clusters[k],
                Device::HcxManager(c) => self.hcx_managers[c],
            }
    }

    /// Whether everything is visible.
    pub fn everything(&self) -> bool {
        self.all_vcenters
            && self.all_nsxt_managers
            && self.all_kubernetes_clusters
            && self.all_hcx_managers
    }

    /// Whether every entity of `kind` is visible (every device of its family is collected), so
    /// that a loop over one kind need not look up each entity's device.
    pub fn all_of(&self, kind: Kind) -> bool {
        if kind.is_nsxt() {
            self.all_nsxt_managers
        } else if kind.is_kubernetes() {
            self.all_kubernetes_clusters
        } else if kind.is_hcx() {
            self.all_hcx_managers
        } else {
            self.all_vcenters
        }
    }
}

impl Aria {
    /// What an enabled data source collects now: a device is collected by one at its address
    /// whose credentials it takes (E53, E95).
    pub async fn visibility(&self) -> Visibility {
        Visibility::by(&self.device_starts().await, i64::MAX)
    }

    /// What had been collected by `end`: the searches and lists of a window show what was
    /// collected by its end (E94), so a window that ends before a vCenter data source was added
    /// finds none of that vCenter's entities.
    pub async fn visibility_by(&self, end: i64) -> Visibility {
        Visibility::by(&self.device_starts().await, end)
    }

    /// Per world vCenter, since when an enabled data source has collected it, if one does.
    pub async fn collection_starts(&self) -> Vec<Option<i64>> {
        self.device_starts().await.vcenters
    }

    /// Per world device, since when an enabled data source has collected it.
    pub async fn device_starts(&self) -> CollectionStarts {
        let world = &self.inventory.world;
        let mut starts = CollectionStarts {
            vcenters: vec![None; world.vcenters.len()],
            nsxt_managers: vec![None; world.nsxt_managers.len()],
            kubernetes_clusters: vec![None; world.kubernetes_clusters.len()],
            hcx_managers: vec![None; world.hcx_managers.len()],
        };
        let state = self.db.read().await;
        let t = state.aria();
        let kinds = [
            DataSourceKind::Vcenters,
            DataSourceKind::NsxtManagers,
            DataSourceKind::KubernetesClusters,
            DataSourceKind::OpenshiftClusters,
            DataSourceKind::HcxConnectors,
        ];
        for kind in kinds {
            for id in t.data_sources.keys_where(kind.segment()) {
                let Some(row) = t.data_sources.get(&id) else {
                    continue;
                };
                let Some(since) = row.collecting_since else {
                    continue;
                };
                if let Reach::Collected(Some(i)) =
                    collector::poll(world, &t.certificate_renewals, &id, row)
                {
                    let slot = match kind {
                        DataSourceKind::Vcenters => &mut starts.vcenters[i],
                        DataSourceKind::NsxtManagers => &mut starts.nsxt_managers[i],
                        DataSourceKind::HcxConnectors => &mut starts.hcx_managers[i],
                        _ => &mut starts.kubernetes_clusters[i],
                    };
                    *slot = Some(slot.map_or(since, |s| s.min(since)));
                }
            }
        }
        starts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn everything_only_when_every_device_is_collected() {
        let starts = |v: Vec<Option<i64>>, n: Vec<Option<i64>>| CollectionStarts {
            vcenters: v,
            nsxt_managers: n,
            kubernetes_clusters: vec![],
            hcx_managers: vec![],
        };
        assert!(Visibility::by(&starts(vec![Some(1), Some(2)], vec![]), 5).everything());
        assert!(!Visibility::by(&starts(vec![Some(1)], vec![None]), 5).everything());
        assert!(!Visibility::by(&starts(vec![Some(1), Some(9)], vec![]), 5).everything());
        let partial = Visibility::by(&starts(vec![Some(1), None], vec![]), 5);
        assert!(!partial.everything());
        assert!(partial.vcenter(0) && !partial.vcenter(1));
        // Each family on its own: an uncollected NSX-T manager leaves every vCenter entity
        // visible without a look-up.
        let vcenters_only = Visibility::by(&starts(vec![Some(1)], vec![None]), 5);
        assert!(vcenters_only.all_of(Kind::Vm) && vcenters_only.all_of(Kind::Flow));
        assert!(!vcenters_only.all_of(Kind::NsxtManager));
        assert!(!vcenters_only.all_of(Kind::NsxtFirewallRule));
        let uncollected_cluster = CollectionStarts {
            vcenters: vec![Some(1)],
            nsxt_managers: vec![Some(1)],
            kubernetes_clusters: vec![None],
            hcx_managers: vec![],
        };
        let v = Visibility::by(&uncollected_cluster, 5);
        assert!(v.all_of(Kind::Flow) && v.all_of(Kind::NsxtManager));
        assert!(!v.all_of(Kind::KubernetesPod) && !v.everything());
    }
}
