//! Ordering search hits by a field, as far as a page needs.

use super::compiled::property;
use crate::aria_networks::errors::AriaError;
use crate::aria_networks::inventory::fields::Val;
use crate::aria_networks::inventory::{Inventory, Kind};
use crate::aria_networks::Aria;
use crate::generated::aria_networks::types;

impl Aria {
    /// Orders `hits` by `sort` as far as their first `keep`: those are the first `keep` in
    /// that order, in order; the rest follow in no order (a page of 100 of 100,000 VMs needs
    /// only its 100 sorted).
    pub(super) fn sort(
        &self,
        kind: Kind,
        hits: &mut [usize],
        sort: &types::SortByClause,
        keep: usize,
    ) -> Result<(), AriaError> {
        let get = property(kind, &sort.field, &sort.field)?.get;
        let inv: &Inventory = &self.inventory;
        let mut scratch = Vec::new();
        // Each key made once (a text key lower-cased once, not in every comparison: sorting
        // 100,000 VMs by name lower-cased two strings per comparison, a million times).
        let mut keyed: Vec<(SortKey, usize)> = hits
            .iter()
            .map(|&i| {
                scratch.clear();
                get(inv, i, &mut scratch);
                let key = match scratch.first() {
                    Some(Val::Num(x)) => SortKey::Num(*x),
                    Some(Val::Text(x)) => SortKey::Text(x.to_lowercase()),
                    None => SortKey::Missing,
                };
                (key, i)
            })
            .collect();
        // Ties keep the inventory's order (descending: reversed, as a reversed ascending
        // sort would have it).
        let ascending = |a: &(SortKey, usize), b: &(SortKey, usize)| {
            let by = match (&a.0, &b.0) {
                (SortKey::Num(x), SortKey::Num(y)) => x.total_cmp(y),
                (SortKey::Text(x), SortKey::Text(y)) => x.cmp(y),
                // Numbers, then texts, then entities without the field.
                _ => a.0.rank().cmp(&b.0.rank()),
            };
            by.then(a.1.cmp(&b.1))
        };
        let desc = sort.order == types::SortByClauseOrder::Desc;
        let order = |a: &(SortKey, usize), b: &(SortKey, usize)| {
            if desc {
                ascending(b, a)
            } else {
                ascending(a, b)
            }
        };
        let keep = keep.min(keyed.len());
        if keep < keyed.len() {
            keyed.select_nth_unstable_by(keep, order);
        }
        keyed[..keep].sort_by(order);
        for (slot, (_, i)) in hits.iter_mut().zip(keyed) {
            *slot = i;
        }
        Ok(())
    }
}

/// An entity's value of the field a search sorts by.
enum SortKey {
    Num(f64),
    /// Lower-cased: texts sort without regard to case.
    Text(String),
    Missing,
}

impl SortKey {
    fn rank(&self) -> u8 {
        match self {
            SortKey::Num(_) => 0,
            SortKey::Text(_) => 1,
            SortKey::Missing => 2,
        }
    }
}
