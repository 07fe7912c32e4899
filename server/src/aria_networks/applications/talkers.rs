//! An application's top talkers (E81): its member VMs, or the (source, destination) pairs of
//! its flows, ranked by bytes or by flows, one paged list per ranking asked for.

use std::collections::BTreeMap;

use crate::aria_networks::errors::AriaError;
use crate::aria_networks::nodes::entity_id;
use crate::aria_networks::paging::PageRequest;
use crate::aria_networks::Aria;
use crate::generated::aria_networks::{queries, types};
use crate::world::workload::FlowEnd;

use types::TopTalkerSortEnum as Sort;

/// Bytes and flows, added up.
#[derive(Default, Clone, Copy)]
struct Talk {
    bytes: u64,
    flows: u64,
}

impl Talk {
    fn add(&mut self, bytes: u64) {
        self.bytes += bytes;
        self.flows += 1;
    }

    fn score(self, sort: Sort) -> u64 {
        match sort {
            Sort::FlowVolume | Sort::TrafficRate => self.bytes,
            Sort::FlowCount | Sort::SessionCount => self.flows,
        }
    }
}

/// `items` most first by `sort`, ties by key; the page `page` of it.
fn ranked<K: Ord + Clone>(
    items: &BTreeMap<K, Talk>,
    sort: Sort,
    page: PageRequest,
) -> Result<(Vec<K>, Option<String>, usize), AriaError> {
    let mut all: Vec<(&K, &Talk)> = items.iter().collect();
    all.sort_by(|a, b| b.1.score(sort).cmp(&a.1.score(sort)).then(a.0.cmp(b.0)));
    let keys: Vec<K> = all
        .iter()
        .skip(page.offset)
        .take(page.size)
        .map(|(k, _)| (*k).clone())
        .collect();
    let cursor = page.next_cursor(keys.len(), all.len())?;
    Ok((keys, cursor, all.len()))
}

/// A query's rankings, checked.
pub struct Ask<'a> {
    pub sorts: &'a [Sort],
    pub size: Option<i32>,
    pub cursor: Option<&'a str>,
    pub start: Option<i64>,
    pub end: Option<i64>,
}

// Both rankings read the same query; the generated query types are two.
impl<'a> From<&'a queries::GetAppTopTalkingMembersQuery> for Ask<'a> {
    fn from(q: &'a queries::GetAppTopTalkingMembersQuery) -> Self {
        Ask {
            sorts: &q.sort_criteria,
            size: q.size,
            cursor: q.cursor.as_deref(),
            start: q.start_time,
            end: q.end_time,
        }
    }
}

impl<'a> From<&'a queries::GetAppTopTalkingPairsQuery> for Ask<'a> {
    fn from(q: &'a queries::GetAppTopTalkingPairsQuery) -> Self {
        Ask {
            sorts: &q.sort_criteria,
            size: q.size,
            cursor: q.cursor.as_deref(),
            start: q.start_time,
            end: q.end_time,
        }
    }
}

impl Aria {
    /// (member VM -> its talk), ((source, destination) -> their talk) of an application.
    async fn talk(
        &self,
        app_id: &str,
    ) -> Result<(BTreeMap<usize, Talk>, BTreeMap<(usize, Peer), Talk>), AriaError> {
        let app = self.application_vm_set(app_id).await?;
        let visible = self.visibility().await;
        let (mut members, mut pairs) = (BTreeMap::new(), BTreeMap::new());
        for f in self.seen_flows(&visible) {
            let dst = match &f.destination {
                FlowEnd::Vm(d) => Peer::Vm(*d),
                FlowEnd::Internet(a) => Peer::Address(a.clone()),
            };
            let from = app.contains(&f.source);
            let to = matches!(dst, Peer::Vm(d) if app.contains(&d));
            if !(from || to) {
                continue;
            }
            if from {
                members
                    .entry(f.source)
                    .or_insert_with(Talk::default)
                    .add(f.bytes);
            }
            if let (true, Peer::Vm(d)) = (to, &dst) {
                members.entry(*d).or_insert_with(Talk::default).add(f.bytes);
            }
            pairs
                .entry((f.source, dst))
                .or_insert_with(Talk::default)
                .add(f.bytes);
        }
        Ok((members, pairs))
    }

    fn check(&self, ask: &Ask) -> Result<(PageRequest, i64, i64), AriaError> {
        if ask.sorts.is_empty() {
            return Err(AriaError::InvalidInput(
                "sort_criteria must name at least one ranking".into(),
            ));
        }
        let page = PageRequest::parse(ask.size, ask.cursor)?;
        let (start, end) = self.window("", ask.start, ask.end)?;
        Ok((page, start, end))
    }

    pub async fn top_talking_members(
        &self,
        app_id: &str,
        ask: Ask<'_>,
    ) -> Result<types::ApplicationTopTalkingMemberData, AriaError> {
        let (page, start_time, end_time) = self.check(&ask)?;
        let (members, _) = self.talk(app_id).await?;
        let names = &self.inventory.workload.vms;
        let mut out = Vec::new();
        for &sort in ask.sorts {
            let (keys, cursor, total) = ranked(&members, sort, page)?;
            let results = keys
                .into_iter()
                .map(|v| types::EntityId {
                    entity_id: self.vm_id(v),
                    entity_type: types::EntityType::VirtualMachine,
                    entity_name: Some(names[v].name.clone()),
                })
                .collect();
            out.push(types::TopTalkingMemberData {
                sort_criteria: sort,
                sorted_list: types::PagedListResponse {
                    results,
                    cursor,
                    total_count: total as i32,
                    start_time,
                    end_time,
                },
            });
        }
        Ok(types::ApplicationTopTalkingMemberData {
            application_id: app_id.to_string(),
            top_talker_member: out,
        })
    }

    pub async fn top_talking_pairs(
        &self,
        app_id: &str,
        ask: Ask<'_>,
    ) -> Result<types::ApplicationTopTalkingPairData, AriaError> {
        let (page, start_time, end_time) = self.check(&ask)?;
        let (_, pairs) = self.talk(app_id).await?;
        let mut out = Vec::new();
        for &sort in ask.sorts {
            let (keys, cursor, total) = ranked(&pairs, sort, page)?;
            let results = keys
                .into_iter()
                .map(|(s, d)| {
                    let (dst_entity_id, dst_entity_type) = match d {
                        Peer::Vm(d) => (self.vm_id(d), types::EntityType::VirtualMachine),
                        Peer::Address(a) => (entity_id(541, &a), types::EntityType::IpEndpoint),
                    };
                    types::EntityPair {
                        src_entity_id: self.vm_id(s),
                        src_entity_type: types::EntityType::VirtualMachine,
                        dst_entity_id,
                        dst_entity_type,
                    }
                })
                .collect();
            out.push(types::TopTalkingPairData {
                sort_criteria: sort,
                sorted_list: types::PagedEntityPairListResponse {
                    results,
                    cursor,
                    total_count: total as i32,
                    start_time,
                    end_time,
                },
            });
        }
        Ok(types::ApplicationTopTalkingPairData {
            application_id: app_id.to_string(),
            top_talker_member: out,
        })
    }
}

/// A flow's destination as a ranking key: a VM, or an address outside the world.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Peer {
    Vm(usize),
    Address(String),
}
