//! The communication graph of a scope (applications, tiers or VMs) and its per-edge summary:
//! each VM stands for the first scope entity that holds it, else for the group of the scope's
//! type it belongs to, else for itself; an address outside the world for itself.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::groups::GroupType;
use super::{destination, End};
use crate::aria_networks::errors::AriaError;
use crate::aria_networks::inventory::{EntityRef, Kind};
use crate::aria_networks::Aria;
use crate::generated::aria_networks::types;

/// What each direction of traffic between two ends carried.
#[derive(Debug, Default, Clone, Copy)]
struct Traffic {
    flows: u64,
    bytes: u64,
}

/// The edges of a scope, by (source, destination), and the VMs each end stands for.
struct Edges {
    edges: BTreeMap<(End, End), Traffic>,
    members: HashMap<End, BTreeSet<usize>>,
}

impl Aria {
    async fn edges(
        &self,
        body: &types::EntityCommunicationSummaryRequest,
    ) -> Result<Edges, AriaError> {
        self.micro_seg_window(body.time_range.as_ref())?;
        let scope = &body.scope;
        if scope.entity_ids.is_empty() {
            return Err(AriaError::InvalidInput(
                "scope.entity_ids must name an entity".into(),
            ));
        }
        let visible = self.visibility().await;
        let inv = &self.inventory;
        let kind = match scope.scope_type {
            types::ScopeTypeEnum::Application => Some(GroupType::Application),
            types::ScopeTypeEnum::Tier => Some(GroupType::Tier),
            types::ScopeTypeEnum::Virtualmachine => None,
        };
        // Each VM's end: the scope entity holding it, else its group, else itself.
        let mut node: HashMap<usize, End> = HashMap::new();
        let mut in_scope: BTreeSet<End> = BTreeSet::new();
        let grouping = match kind {
            Some(kind) => Some(self.grouping(kind).await),
            None => None,
        };
        for id in &scope.entity_ids {
            let end = match &grouping {
                Some(g) => {
                    let group = g.find(id)?;
                    let end =
                        End::Group(group.id.clone(), g.kind.entity_type(), group.name.clone());
                    for &vm in &group.vms {
                        node.entry(vm).or_insert_with(|| end.clone());
                    }
                    end
                }
                None => {
                    let missing = || AriaError::NotFound(format!("No VirtualMachine with id {id}"));
                    let e = inv
                        .find(id)
                        .filter(|e| e.kind == Kind::Vm)
                        .ok_or_else(missing)?;
                    if !visible.sees(inv, e) {
                        return Err(missing());
                    }
                    node.insert(e.index, End::Vm(e.index));
                    End::Vm(e.index)
                }
            };
            in_scope.insert(end);
        }
        let end_of = |vm: usize| -> End {
            if let Some(end) = node.get(&vm) {
                return end.clone();
            }
            match grouping
                .as_ref()
                .and_then(|g| g.of(vm).map(|group| (g, group)))
            {
                Some((g, group)) => {
                    End::Group(group.id.clone(), g.kind.entity_type(), group.name.clone())
                }
                None => End::Vm(vm),
            }
        };
        let mut edges: BTreeMap<(End, End), Traffic> = BTreeMap::new();
        let mut members: HashMap<End, BTreeSet<usize>> = HashMap::new();
        for flow in self.seen_flows(&visible) {
            let src = end_of(flow.source);
            let dst = match destination(flow) {
                End::Vm(d) => end_of(d),
                address => address,
            };
            if src == dst || !(in_scope.contains(&src) || in_scope.contains(&dst)) {
                continue;
            }
            members.entry(src.clone()).or_default().insert(flow.source);
            if let Some(d) = flow.vm_destination() {
                members.entry(dst.clone()).or_default().insert(d);
            }
            let t = edges.entry((src, dst)).or_default();
            t.flows += 1;
            t.bytes += flow.bytes;
        }
        Ok(Edges { edges, members })
    }

    pub async fn connection_graph(
        &self,
        body: &types::EntityCommunicationSummaryRequest,
    ) -> Result<types::GraphResponse, AriaError> {
        let Edges { edges, .. } = self.edges(body).await?;
        let mut nodes: BTreeSet<&End> = BTreeSet::new();
        for (a, b) in edges.keys() {
            nodes.insert(a);
            nodes.insert(b);
        }
        let nodes = nodes
            .into_iter()
            .map(|end| {
                let r = self.end_reference(end);
                types::GraphNode {
                    id: r.entity_id.clone(),
                    name: r.entity_name.unwrap_or_default(),
                    entity_id: r.entity_id,
                }
            })
            .collect();
        let edges = edges
            .keys()
            .map(|(a, b)| types::GraphEdge {
                src_id: self.end_reference(a).entity_id,
                dst_id: self.end_reference(b).entity_id,
            })
            .collect();
        Ok(types::GraphResponse { nodes, edges })
    }

    pub async fn communication_summary(
        &self,
        body: &types::EntityCommunicationSummaryRequest,
    ) -> Result<types::EntityCommunicationSummaryListResponse, AriaError> {
        let Edges { edges, members } = self.edges(body).await?;
        let mut results = Vec::new();
        for ((a, b), t) in &edges {
            let back = edges
                .get(&(b.clone(), a.clone()))
                .copied()
                .unwrap_or_default();
            let (ra, rb) = (self.end_reference(a), self.end_reference(b));
            let query = format!(
                "flows where {} and {}",
                self.side("source", a, &members),
                self.side("destination", b, &members)
            );
            results.push(types::EntityCommunicationSummaryResponse {
                src_entity_id: ra.entity_id,
                src_entity_type: ra.entity_type.to_string(),
                dst_entity_id: rb.entity_id,
                dst_entity_type: rb.entity_type.to_string(),
                flow_properties: vec![types::FlowPropertiesResponse {
                    property_type: "FLOW_COUNT".into(),
                    count: t.flows as i64,
                    query,
                }],
                network_properties: vec![types::NetworkPropertiesResponse {
                    property_type: "BYTES".into(),
                    egress: t.bytes as f64,
                    ingress: back.bytes as f64,
                    total: (t.bytes + back.bytes) as f64,
                }],
            });
        }
        Ok(types::EntityCommunicationSummaryListResponse {
            total_count: results.len() as i32,
            results,
        })
    }

    /// The search-language condition on one side of a flow that the end's VMs (or address)
    /// meet, so that the summary's query finds exactly its flows.
    fn side(&self, side: &str, end: &End, members: &HashMap<End, BTreeSet<usize>>) -> String {
        if let End::Address(ip) = end {
            return format!("{side}_ip.ip_address = '{ip}'");
        }
        let ids: Vec<String> = members
            .get(end)
            .into_iter()
            .flatten()
            .map(|&v| format!("'{}'", self.vm_entity_id(v)))
            .collect();
        format!("{side}_vm.entity_id in ({})", ids.join(", "))
    }

    fn vm_entity_id(&self, vm: usize) -> String {
        let e = EntityRef::vm(vm);
        self.inventory.id(e).to_string()
    }
}
