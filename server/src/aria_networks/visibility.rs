//! What Aria sees of the world: an entity is visible while an enabled data source collects the
//! device it belongs to (E53). Today the devices are the world's vCenters; every caller asks
//! through `Visibility`, so that other devices (NSX-T managers, switches) join in one place.

use super::data_sources::collector::{self, Reach};
use super::data_sources::DataSourceKind;
use super::inventory::{EntityRef, Inventory};
use super::Aria;
use crate::world::World;

/// Which of the world's devices are collected from, at one moment.
#[derive(Debug, Clone)]
pub struct Visibility {
    vcenters: Vec<bool>,
    /// Every device is collected: no entity's device need be looked up.
    all: bool,
}

impl Visibility {
    pub fn of_vcenters(vcenters: Vec<bool>) -> Visibility {
        let all = vcenters.iter().all(|&v| v);
        Visibility { vcenters, all }
    }

    /// Nothing of `world` collected.
    pub fn nothing(world: &World) -> Visibility {
        Visibility {
            vcenters: vec![false; world.vcenters.len()],
            all: false,
        }
    }

    /// Whether the world vCenter `i` is collected from.
    pub fn vcenter(&self, i: usize) -> bool {
        self.vcenters[i]
    }

    /// Whether the entity `e` is visible.
    pub fn sees(&self, inv: &Inventory, e: EntityRef) -> bool {
        self.all || self.vcenters[inv.vcenter_of(e)]
    }

    /// Whether everything is visible.
    pub fn everything(&self) -> bool {
        self.all
    }
}

impl Aria {
    /// What an enabled data source collects now: a vCenter is collected by one at its `ip` or
    /// `fqdn` whose credentials it takes (E53).
    pub async fn visibility(&self) -> Visibility {
        let starts = self.collection_starts().await;
        Visibility::of_vcenters(starts.iter().map(Option::is_some).collect())
    }

    /// What had been collected by `end`: the searches and lists of a window show what was
    /// collected by its end (E94), so a window that ends before a vCenter data source was added
    /// finds none of that vCenter's entities.
    pub async fn visibility_by(&self, end: i64) -> Visibility {
        let starts = self.collection_starts().await;
        Visibility::of_vcenters(starts.iter().map(|s| s.is_some_and(|s| s <= end)).collect())
    }

    /// Per world vCenter, since when an enabled data source has collected it (the earliest
    /// start of collection among those that do), if one does.
    pub async fn collection_starts(&self) -> Vec<Option<i64>> {
        let world = &self.inventory.world;
        let mut starts: Vec<Option<i64>> = vec![None; world.vcenters.len()];
        let state = self.db.read().await;
        let t = state.aria();
        for id in t
            .data_sources
            .keys_where(DataSourceKind::Vcenters.segment())
        {
            let Some(row) = t.data_sources.get(&id) else {
                continue;
            };
            let Some(since) = row.collecting_since else {
                continue;
            };
            if let Reach::Collected(Some(i)) =
                collector::poll(world, &t.certificate_renewals, &id, row)
            {
                starts[i] = Some(starts[i].map_or(since, |s| s.min(since)));
            }
        }
        starts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn everything_only_when_every_vcenter_is_collected() {
        assert!(Visibility::of_vcenters(vec![true, true]).everything());
        let partial = Visibility::of_vcenters(vec![true, false]);
        assert!(!partial.everything());
        assert!(partial.vcenter(0) && !partial.vcenter(1));
    }
}
