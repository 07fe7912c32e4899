//! What Aria sees of the world: an entity is visible while an enabled data source collects the
//! device it belongs to (E53): a vCenter, an NSX-T manager (E95), a Kubernetes cluster (E99), an
//! HCX connector (E101), an AWS account or an Azure subscription (E102), a VMC SDDC (E103), a
//! Check Point server (E104) or a switch (E105). Every caller asks
//! through `Visibility`, which keeps each family of devices apart.

use super::data_sources::collector::{self, switch_vendor, Reach};
use super::data_sources::DataSourceKind;
use super::inventory::{Device, EntityRef, Family, Inventory, Kind};
use super::Aria;
use crate::world::World;

/// Which of the world's devices are collected from, at one moment.
#[derive(Debug, Clone)]
pub struct Visibility {
    /// Per family, per device, whether it is collected.
    seen: [Vec<bool>; Family::COUNT],
    /// Per family, whether every device of it is collected: no entity's device need be looked
    /// up (kept per family, so that an uncollected NSX-T manager does not slow a flow search).
    all: [bool; Family::COUNT],
}

/// Per world device, since when an enabled data source has collected it (the earliest start
/// of collection among those that do), if one does.
#[derive(Debug, Clone)]
pub struct CollectionStarts {
    per_family: [Vec<Option<i64>>; Family::COUNT],
}

/// The fields of a VM, host or cluster that its vCenter's NSX-T manager gives (E128, E130).
const NSXT_FIELDS: [&str; 5] = [
    "nsx_manager",
    "security_tags",
    "ip_sets",
    "source_firewall_rules",
    "destination_firewall_rules",
];

impl CollectionStarts {
    /// No device collected, each family as many devices as `world` has.
    pub fn none(world: &World) -> CollectionStarts {
        CollectionStarts {
            per_family: Family::ALL.map(|f| vec![None; f.devices(world)]),
        }
    }

    /// The starts of one family's devices.
    pub fn of(&mut self, family: Family) -> &mut Vec<Option<i64>> {
        &mut self.per_family[family as usize]
    }

    /// The starts of one family's devices, to read.
    pub fn starts(&self, family: Family) -> &[Option<i64>] {
        &self.per_family[family as usize]
    }

    /// The vCenters' starts.
    pub fn into_vcenters(mut self) -> Vec<Option<i64>> {
        std::mem::take(self.of(Family::Vcenter))
    }
}

impl Visibility {
    /// What had been collected by `end` (`i64::MAX`: at all).
    pub fn by(starts: &CollectionStarts, end: i64) -> Visibility {
        let seen = starts.per_family.clone().map(|s| {
            s.iter()
                .map(|s| s.is_some_and(|s| s <= end))
                .collect::<Vec<_>>()
        });
        Visibility {
            all: std::array::from_fn(|f| seen[f].iter().all(|&v| v)),
            seen,
        }
    }

    /// Nothing of `world` collected.
    pub fn nothing(world: &World) -> Visibility {
        Visibility::by(&CollectionStarts::none(world), i64::MIN)
    }

    /// Whether the world vCenter `i` is collected from.
    pub fn vcenter(&self, i: usize) -> bool {
        self.seen[Family::Vcenter as usize][i]
    }

    /// Whether the world NSX-T manager `i` is collected from.
    pub fn nsxt_manager(&self, i: usize) -> bool {
        self.seen[Family::NsxtManager as usize][i]
    }

    /// Whether the entity `e` is visible.
    pub fn sees(&self, inv: &Inventory, e: EntityRef) -> bool {
        self.all_of(e.kind) || {
            let Device(family, i) = inv.device_of(e);
            self.seen[family as usize][i]
        }
    }

    /// The entity `e` as answered while this is what is collected: a vCenter object's NSX-T
    /// fields (its manager, tags, IP sets and firewall rules) only while that manager is
    /// collected too.
    pub fn answer(&self, inv: &Inventory, e: EntityRef) -> serde_json::Value {
        let mut v = inv.answer(e);
        if matches!(e.kind, Kind::Vm | Kind::Host | Kind::Cluster) {
            let manager = inv.vcenter_of(e).and_then(|vc| inv.nsx_manager_of(vc));
            if manager.is_some_and(|m| !self.nsxt_manager(m)) {
                if let Some(o) = v.as_object_mut() {
                    for field in NSXT_FIELDS {
                        o.remove(field);
                    }
                }
            }
        }
        if e.kind == Kind::Flow {
            // Each end's NSX-T objects only while its manager is collected (E132).
            let hidden = |vm: Option<usize>| {
                let manager =
                    vm.and_then(|v| inv.nsx_manager_of(inv.workload.vms[v].place.vcenter));
                manager.is_some_and(|m| !self.nsxt_manager(m))
            };
            let ends = [
                (Some(inv.flow_source[e.index] as usize), "source"),
                (inv.flow_destination_vm(e.index), "destination"),
            ];
            if let Some(o) = v.as_object_mut() {
                for (_, end) in ends.into_iter().filter(|(vm, _)| hidden(*vm)) {
                    o.remove(&format!("{end}_security_tags"));
                    o.remove(&format!("{end}_ip_sets"));
                    if end == "source" {
                        o.remove("firewall_rule_id");
                    }
                }
            }
        }
        v
    }

    /// Whether everything is visible.
    pub fn everything(&self) -> bool {
        self.all.iter().all(|&a| a)
    }

    /// Whether every entity of `kind` is visible (every device of its family is collected), so
    /// that a loop over one kind need not look up each entity's device.
    pub fn all_of(&self, kind: Kind) -> bool {
        self.all[kind.family() as usize]
    }
}

/// The family of devices a data source type collects, if the world has devices of it.
fn family_of(kind: DataSourceKind) -> Option<Family> {
    Some(match kind {
        DataSourceKind::Vcenters => Family::Vcenter,
        DataSourceKind::NsxtManagers => Family::NsxtManager,
        DataSourceKind::KubernetesClusters | DataSourceKind::OpenshiftClusters => {
            Family::KubernetesCluster
        }
        DataSourceKind::HcxConnectors => Family::HcxManager,
        DataSourceKind::AwsAccounts => Family::AwsAccount,
        DataSourceKind::AzureSubscriptions => Family::AzureSubscription,
        DataSourceKind::VmcNsxmanagers => Family::VmcSddc,
        DataSourceKind::CheckpointFirewalls => Family::CheckpointManager,
        kind if switch_vendor(kind).is_some() => Family::Switch,
        _ => return None,
    })
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
        self.device_starts().await.into_vcenters()
    }

    /// Per world device, since when an enabled data source has collected it.
    pub async fn device_starts(&self) -> CollectionStarts {
        let world = &self.inventory.world;
        let mut starts = CollectionStarts::none(world);
        let state = self.db.read().await;
        let t = state.aria();
        for kind in DataSourceKind::ALL {
            let Some(family) = family_of(kind) else {
                continue;
            };
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
                    let slot = &mut starts.of(family)[i];
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

    fn starts(vcenters: Vec<Option<i64>>, nsxt: Vec<Option<i64>>) -> CollectionStarts {
        let mut s = CollectionStarts {
            per_family: Default::default(),
        };
        *s.of(Family::Vcenter) = vcenters;
        *s.of(Family::NsxtManager) = nsxt;
        s
    }

    /// `Family::ALL` is in the enum's order: each family's index is its place in it.
    #[test]
    fn families_are_listed_in_their_order() {
        for (i, f) in Family::ALL.into_iter().enumerate() {
            assert_eq!(f as usize, i, "{f:?}");
        }
    }

    #[test]
    fn everything_only_when_every_device_is_collected() {
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
        let mut uncollected_cluster = starts(vec![Some(1)], vec![Some(1)]);
        *uncollected_cluster.of(Family::KubernetesCluster) = vec![None];
        let v = Visibility::by(&uncollected_cluster, 5);
        assert!(v.all_of(Kind::Flow) && v.all_of(Kind::NsxtManager));
        assert!(!v.all_of(Kind::KubernetesPod) && !v.everything());
        assert!(
            v.all_of(Kind::HcxAppliance),
            "no HCX connector in this world"
        );
    }
}
