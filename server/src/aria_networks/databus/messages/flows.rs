//! The `flows` group (E129): each collected vCenter's flows, and the subscriber's `filter_tags`
//! that narrow them to applications.

use std::sync::Arc;

use crate::aria_networks::inventory::NO_VM;
use crate::aria_networks::tables::SubscriberRow;
use crate::aria_networks::Aria;

/// The one filter key the vendor documents: application names.
const APP_NAME: &str = "appName";

/// Which flows a `flows` subscriber is posted.
pub(super) enum FlowFilter {
    All,
    /// Per VM (by index), whether it is a member of a named application now.
    Touching(Vec<bool>),
}

impl FlowFilter {
    /// The flows of `of` this filter posts (all of them, shared, when unfiltered).
    pub(super) fn narrow(&self, aria: &Aria, of: &Arc<Vec<usize>>) -> Arc<Vec<usize>> {
        let FlowFilter::Touching(member) = self else {
            return of.clone();
        };
        let inv = &aria.inventory;
        let touches = |v: u32| v != NO_VM && member[v as usize];
        let kept = of
            .iter()
            .copied()
            .filter(|&f| touches(inv.flow_source[f]) || touches(inv.flow_destination[f]));
        Arc::new(kept.collect())
    }
}

impl Aria {
    /// The subscriber's flow filter: its `appName` tags' applications (by name, as they are
    /// now; a name no application has matches nothing). Other keys are kept, not applied.
    pub(super) async fn flow_filter(&self, row: &SubscriberRow) -> FlowFilter {
        let tags = row.subscriber.filter_tags.iter();
        let apps: Vec<_> = tags
            .filter(|t| t.filter_key.as_deref() == Some(APP_NAME))
            .collect();
        if apps.is_empty() {
            return FlowFilter::All;
        }
        let named = |name: &str| {
            apps.iter()
                .any(|t| t.filter_value.iter().any(|v| v == name))
        };
        let ids: Vec<String> = {
            let state = self.db.read().await;
            let rows = state.aria().applications.iter();
            rows.filter(|(_, a)| named(&a.name))
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
        FlowFilter::Touching(member)
    }
}
