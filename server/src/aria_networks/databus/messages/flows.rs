//! The `flows` group (E129): each collected vCenter's flows, and the subscriber's `filter_tags`
//! that narrow them to applications.

use std::sync::Arc;

use crate::aria_networks::data_sources::health::FIRST_POLL_SECS;
use crate::aria_networks::inventory::{Family, NO_VM};
use crate::aria_networks::tables::SubscriberRow;
use crate::aria_networks::visibility::CollectionStarts;
use crate::aria_networks::Aria;

/// The one filter key the vendor documents: application names.
const APP_NAME: &str = "appName";

/// The application names a subscriber's `appName` tags give (key in any case, values trimmed
/// and lower-cased, as names are unique without regard to case); `None` without such a tag.
pub(super) fn app_names(row: &SubscriberRow) -> Option<Vec<String>> {
    let tags = row.subscriber.filter_tags.iter();
    let tags: Vec<_> = tags
        .filter(|t| (t.filter_key.as_deref()).is_some_and(|k| k.eq_ignore_ascii_case(APP_NAME)))
        .collect();
    if tags.is_empty() {
        return None;
    }
    let values = tags.iter().flat_map(|t| t.filter_value.iter());
    Some(values.map(|v| v.trim().to_lowercase()).collect())
}

/// Per VM (by index), whether it is a member of a named application.
pub(super) struct Members(Vec<bool>);

impl Members {
    /// The flows of `of` whose source or destination VM is a member.
    pub(super) fn narrow(&self, aria: &Aria, of: &[usize]) -> Arc<Vec<usize>> {
        let inv = &aria.inventory;
        let member = |v: u32| v != NO_VM && self.0[v as usize];
        let kept = (of.iter().copied())
            .filter(|&f| member(inv.flow_source[f]) || member(inv.flow_destination[f]));
        Arc::new(kept.collect())
    }
}

impl Aria {
    /// Since when a filtered subscriber's flows are as they are now, so posted then (and
    /// again at the next such change, never behind a cursor): its filter's last change, the
    /// last change of an application so named (E127), and the first poll of the vCenter
    /// collected last (its VMs may be members).
    pub(super) async fn filtered_since(
        &self,
        row: &SubscriberRow,
        names: &[String],
        starts: &CollectionStarts,
    ) -> i64 {
        let collected = (starts.starts(Family::Vcenter).iter().flatten())
            .map(|s| s + FIRST_POLL_SECS)
            .max();
        let changed = {
            let state = self.db.read().await;
            let changes = state.aria().application_changes.values().rev();
            // Noted in time order: the newest of a name is the first from the end.
            let newest = changes
                .map(|c| (c.timestamp, c.name.to_lowercase()))
                .find(|(_, name)| names.contains(name));
            newest.map(|(at, _)| at)
        };
        [Some(row.filtered), collected, changed]
            .into_iter()
            .flatten()
            .max()
            .unwrap_or(row.filtered)
    }

    /// The VMs of the applications named (as they are now; a name no application has names
    /// no VM).
    pub(super) async fn app_members(&self, names: &[String]) -> Members {
        let ids: Vec<String> = {
            let state = self.db.read().await;
            let rows = state.aria().applications.iter();
            rows.filter(|(_, a)| names.contains(&a.name.to_lowercase()))
                .map(|(id, _)| id.to_string())
                .collect()
        };
        let mut member = vec![false; self.inventory.workload.vms.len()];
        for id in ids {
            // Removed since it was read: it names no VMs.
            for v in self.application_vm_set(&id).await.unwrap_or_default() {
                member[v] = true;
            }
        }
        Members(member)
    }
}
