//! An application's traffic, computed from the world's flows that Aria sees (a flow is seen
//! while its source VM's vCenter is collected from): what enters and leaves the application
//! and each tier, and how many flows of each kind it has (E80). Traffic between members of the
//! same application (or tier) neither enters nor leaves it.

use std::collections::BTreeSet;

use crate::aria_networks::errors::AriaError;
use crate::aria_networks::inventory::EntityRef;
use crate::aria_networks::visibility::Visibility;
use crate::aria_networks::Aria;
use crate::generated::aria_networks::types;
use crate::world::workload::{Flow, FlowEnd, Protocol};

/// The time a call is for, `[start, end]` in epoch seconds; the sandbox clock by default.
/// How a flow stands to a set of VMs.
fn ends(flow: &Flow, set: &BTreeSet<usize>) -> (bool, bool) {
    let from = set.contains(&flow.source);
    let to = flow.vm_destination().is_some_and(|d| set.contains(&d));
    (from, to)
}

impl Aria {
    /// The flows Aria sees now.
    pub(crate) fn seen_flows<'a>(
        &'a self,
        visible: &'a Visibility,
    ) -> impl Iterator<Item = &'a Flow> {
        let inv = &self.inventory;
        inv.workload
            .flows
            .iter()
            .enumerate()
            .filter_map(move |(i, f)| visible.sees(inv, EntityRef::flow(i)).then_some(f))
    }

    pub async fn app_flow_metrics(
        &self,
        app_id: &str,
        metrics: &[types::AppFlowMetricEnum],
        start: Option<i64>,
        end: Option<i64>,
    ) -> Result<types::ApplicationFlowData, AriaError> {
        if metrics.is_empty() {
            return Err(AriaError::InvalidInput(
                "metrics must name at least one metric".into(),
            ));
        }
        self.window("", start, end)?;
        let app = self.application_vm_set(app_id).await?;
        let visible = self.visibility().await;
        let (mut incoming, mut outgoing) = (0u64, 0u64);
        for f in self.seen_flows(&visible) {
            match ends(f, &app) {
                (false, true) => incoming += f.bytes,
                (true, false) => outgoing += f.bytes,
                _ => {}
            }
        }
        let flow_data = metrics
            .iter()
            .map(|m| types::FlowData {
                name: m.to_string(),
                value: match m {
                    types::AppFlowMetricEnum::IncomingVolume => incoming,
                    types::AppFlowMetricEnum::OutgoingVolume => outgoing,
                } as f64,
            })
            .collect();
        Ok(types::ApplicationFlowData {
            application_id: app_id.to_string(),
            flow_data,
        })
    }

    pub async fn app_flow_properties(
        &self,
        app_id: &str,
        props: &[types::AppFlowPropEnum],
        start: Option<i64>,
        end: Option<i64>,
    ) -> Result<types::ApplicationFlowData, AriaError> {
        if props.is_empty() {
            return Err(AriaError::InvalidInput(
                "props must name at least one property".into(),
            ));
        }
        self.window("", start, end)?;
        let app = self.application_vm_set(app_id).await?;
        let visible = self.visibility().await;
        let (mut all, mut internet) = (0u64, 0u64);
        for f in self.seen_flows(&visible) {
            let (from, to) = ends(f, &app);
            if from || to {
                all += 1;
                internet += u64::from(matches!(f.destination, FlowEnd::Internet(_)));
            }
        }
        let flow_data = props
            .iter()
            .map(|p| types::FlowData {
                name: p.to_string(),
                value: match p {
                    types::AppFlowPropEnum::FlowCount => all,
                    types::AppFlowPropEnum::InternetFlows => internet,
                    // Every flow of the world is allowed, and no firewall rule covers it.
                    types::AppFlowPropEnum::DroppedFlows => 0,
                    types::AppFlowPropEnum::UnprotectedFlows => all,
                } as f64,
            })
            .collect();
        Ok(types::ApplicationFlowData {
            application_id: app_id.to_string(),
            flow_data,
        })
    }

    pub async fn app_flow_summary(
        &self,
        app_id: &str,
        start: Option<i64>,
        end: Option<i64>,
    ) -> Result<types::ApplicationFlowSummary, AriaError> {
        let (start_time, end_time) = self.window("", start, end)?;
        let app = self.application_vm_set(app_id).await?;
        let visible = self.visibility().await;
        let tiers: Vec<(String, BTreeSet<usize>)> = self
            .tier_rows(app_id)
            .await
            .into_iter()
            .map(|(id, row)| (id, self.member_set(&row.criteria, &visible).vms))
            .collect();
        let mut sums = vec![(0i64, 0i64); tiers.len()];
        let mut endpoints = BTreeSet::new();
        for f in self.seen_flows(&visible) {
            let (from, to) = ends(f, &app);
            if let (false, true, FlowEnd::Vm(d)) = (from, to, &f.destination) {
                endpoints.insert((*d, f.port, f.protocol == Protocol::Tcp));
            }
            for (i, (_, members)) in tiers.iter().enumerate() {
                match ends(f, members) {
                    (false, true) => sums[i].0 = sums[i].0.saturating_add(f.bytes as i64),
                    (true, false) => sums[i].1 = sums[i].1.saturating_add(f.bytes as i64),
                    _ => {}
                }
            }
        }
        let groups = tiers
            .iter()
            .zip(sums)
            .map(|((id, _), (ingress, egress))| types::GroupEntry {
                group_id: id.clone(),
                entity_id: id.clone(),
                entity_type: "Tier".into(),
                flow_summary: types::FlowSummary {
                    ingress_bytes: ingress,
                    egress_bytes: egress,
                },
            })
            .collect();
        Ok(types::ApplicationFlowSummary {
            service_endpoint_count: endpoints.len() as i32,
            groups,
            start_time,
            end_time,
        })
    }
}
