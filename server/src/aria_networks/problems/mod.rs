//! Problems: what is wrong in the world as Aria sees it, on the sandbox clock (E84).
//!
//! - `kinds`: the kinds of problem, with their severities, tags and advice
//! - `occurrences`: where and when each happens, read off the world and the clock
//! - `api`: the `Problems` tag, translated to the above

mod api;
mod kinds;
mod occurrences;

use std::collections::BTreeSet;

use serde_json::{json, Value};

use self::kinds::ProblemKind;
use self::occurrences::Problem;
use super::errors::AriaError;
use super::inventory::{EntityRef, Kind};
use super::paging::PageRequest;
use super::search::MAX_FETCH;
use super::Aria;
use crate::generated::aria_networks::{queries, types};

/// What a problem list asks for; every filter given must hold.
#[derive(Debug, Default)]
pub struct ProblemFilter<'a> {
    pub start: Option<i64>,
    pub end: Option<i64>,
    pub event_type: Option<&'a str>,
    pub tags: &'a [String],
    pub status: Option<types::EventStatus>,
    pub updated_from: Option<i64>,
    pub updated_to: Option<i64>,
    pub severities: &'a [types::EventSeverity],
    pub managers: &'a [String],
}

impl<'a> From<&'a queries::ListProblemEventsQuery> for ProblemFilter<'a> {
    fn from(q: &'a queries::ListProblemEventsQuery) -> Self {
        ProblemFilter {
            start: q.start_time,
            end: q.end_time,
            event_type: q.event_type.as_deref(),
            tags: q.event_tags.as_deref().unwrap_or_default(),
            status: q.event_status,
            updated_from: q.update_time_from,
            updated_to: q.update_time_to,
            severities: q.event_severity.as_deref().unwrap_or_default(),
            managers: q.managers.as_deref().unwrap_or_default(),
        }
    }
}

impl<'a> From<&'a queries::ListProblemEventDetailsQuery> for ProblemFilter<'a> {
    fn from(q: &'a queries::ListProblemEventDetailsQuery) -> Self {
        ProblemFilter {
            start: q.start_time,
            end: q.end_time,
            event_type: q.event_type.as_deref(),
            tags: q.event_tags.as_deref().unwrap_or_default(),
            status: q.event_status,
            updated_from: q.update_time_from,
            updated_to: q.update_time_to,
            severities: q.event_severity.as_deref().unwrap_or_default(),
            managers: q.managers.as_deref().unwrap_or_default(),
        }
    }
}

impl<'a> From<&'a queries::GetAppProblemsQuery> for ProblemFilter<'a> {
    fn from(q: &'a queries::GetAppProblemsQuery) -> Self {
        ProblemFilter {
            start: q.start_time,
            end: q.end_time,
            event_type: q.event_type.as_deref(),
            tags: q.event_tags.as_deref().unwrap_or_default(),
            status: q.event_status,
            updated_from: q.update_time_from,
            updated_to: q.update_time_to,
            ..ProblemFilter::default()
        }
    }
}

fn reference(entity_id: &str, entity_type: &str, name: &str) -> Value {
    json!({"entity_id": entity_id, "entity_type": entity_type, "entity_name": name})
}

impl Aria {
    /// The VM or host a problem is about, and the vCenter it belongs to.
    fn subject(&self, p: &Problem) -> (EntityRef, usize) {
        let w = &self.inventory.workload;
        let (kind, vcenter) = match p.kind {
            ProblemKind::VmCpuHigh => (Kind::Vm, w.vms[p.subject].place.vcenter),
            ProblemKind::HostCritical | ProblemKind::HostWarning => {
                (Kind::Host, w.hosts[p.subject].0.vcenter)
            }
        };
        (EntityRef::new(kind, p.subject), vcenter)
    }

    /// The problems `filter` asks for, ordered by when they opened (then by id), and the
    /// window they were looked for in; `among`, if given, narrows them to problems of those VMs
    /// and of the hosts those VMs run on.
    pub(super) async fn problems(
        &self,
        filter: &ProblemFilter<'_>,
        among: Option<&BTreeSet<usize>>,
    ) -> Result<(Vec<Problem>, i64, i64), AriaError> {
        let (start, end) = self.window("", filter.start, filter.end)?;
        let inv = &self.inventory;
        let managers: Vec<usize> = filter
            .managers
            .iter()
            .filter_map(|id| inv.find(id))
            .filter(|e| e.kind == Kind::Vcenter)
            .map(|e| e.index)
            .collect();
        let hosts: Option<BTreeSet<usize>> =
            among.map(|vms| vms.iter().map(|&v| inv.workload.vms[v].host).collect());
        let mut found: Vec<(Problem, String)> = self
            .occurrences(start, end)
            .await
            .into_iter()
            .filter(|p| {
                let (e, vcenter) = self.subject(p);
                let status = match filter.status.unwrap_or(types::EventStatus::All) {
                    types::EventStatus::Open => p.closed.is_none(),
                    types::EventStatus::Closed => p.closed.is_some(),
                    types::EventStatus::All => true,
                };
                let updated = |t: i64| {
                    filter.updated_from.is_none_or(|f| t >= f)
                        && filter.updated_to.is_none_or(|u| t <= u)
                };
                let tags = p.kind.tags();
                status
                    && filter.event_type.is_none_or(|t| t == "ProblemEvent")
                    && (filter.tags.is_empty() || filter.tags.iter().any(|t| tags.contains(t)))
                    && (filter.severities.is_empty()
                        || filter.severities.contains(&p.kind.filter_severity()))
                    && (filter.managers.is_empty() || managers.contains(&vcenter))
                    && (filter.updated_from.is_none() && filter.updated_to.is_none()
                        || updated(p.opened)
                        || p.closed.is_some_and(updated))
                    && match (among, &hosts, e.kind) {
                        (None, _, _) => true,
                        (Some(vms), _, Kind::Vm) => vms.contains(&e.index),
                        (Some(_), Some(hosts), _) => hosts.contains(&e.index),
                        _ => false,
                    }
            })
            .map(|p| (p, p.id()))
            .collect();
        found.sort_by(|(a, ida), (b, idb)| a.opened.cmp(&b.opened).then(ida.cmp(idb)));
        Ok((found.into_iter().map(|(p, _)| p).collect(), start, end))
    }

    /// Every problem's opening and closing the appliance learnt of in `(after, until]`: when it
    /// learnt it (a VM's CPU run once its half hour has ended; a host's health at the poll),
    /// whether it opened, and its id; in no particular order.
    pub(super) async fn problem_changes(&self, after: i64, until: i64) -> Vec<(i64, bool, String)> {
        let mut out = Vec::new();
        for p in self.occurrences(after - kinds::CPU_STEP, until).await {
            let delay = match p.kind {
                ProblemKind::VmCpuHigh => kinds::CPU_STEP,
                ProblemKind::HostCritical | ProblemKind::HostWarning => 0,
            };
            let learnt = |t: i64| Some(t + delay).filter(|&t| t > after && t <= until);
            if let Some(t) = learnt(p.opened) {
                out.push((t, true, p.id()));
            }
            if let Some(t) = p.closed.and_then(learnt) {
                out.push((t, false, p.id()));
            }
        }
        out
    }

    /// One page of problems, as their ids with the time each opened.
    pub(super) async fn problem_page(
        &self,
        filter: &ProblemFilter<'_>,
        among: Option<&BTreeSet<usize>>,
        size: Option<i32>,
        cursor: Option<&str>,
    ) -> Result<types::PagedListResponseWithTime, AriaError> {
        let page = PageRequest::parse(size, cursor)?;
        let (all, start_time, end_time) = self.problems(filter, among).await?;
        let slice: Vec<&Problem> = all.iter().skip(page.offset).take(page.size).collect();
        let cursor = page.next_cursor(slice.len(), all.len())?;
        let results = slice
            .into_iter()
            .map(|p| types::EntityIdWithTime {
                entity_id: p.id(),
                entity_type: types::EntityType::ProblemEvent,
                time: p.opened,
            })
            .collect();
        Ok(types::PagedListResponseWithTime {
            results,
            cursor,
            total_count: all.len() as i32,
            start_time,
            end_time,
        })
    }

    /// A problem as the appliance answers it.
    fn problem_model(&self, p: &Problem) -> types::ProblemEvent {
        let inv = &self.inventory;
        let (e, vcenter) = self.subject(p);
        let subject_name = inv.name(e).unwrap_or_default().to_string();
        let subject = reference(inv.id(e), e.kind.entity_type(), &subject_name);
        let vc = EntityRef::new(Kind::Vcenter, vcenter);
        let vc_name = &inv.world.vcenters[vcenter].config.ip;
        let mut related = vec![subject.clone()];
        let message = match p.kind {
            ProblemKind::VmCpuHigh => {
                let h = inv.workload.vms[p.subject].host;
                let host = EntityRef::new(Kind::Host, h);
                let host_name = &inv.workload.hosts[h].1.config.name;
                related.push(reference(inv.id(host), "Host", host_name));
                format!(
                    "CPU usage of VM {subject_name} averaged over {}% (peak {:.1}%).",
                    kinds::CPU_THRESHOLD,
                    p.peak
                )
            }
            ProblemKind::HostCritical => {
                format!("Host {subject_name} reports critical hardware health.")
            }
            ProblemKind::HostWarning => {
                format!("Host {subject_name} reports degraded hardware health.")
            }
        };
        related.push(reference(inv.id(vc), "VCenterManager", vc_name));
        let model = json!({
            "entity_id": p.id(),
            "name": p.kind.name(),
            "entity_type": "ProblemEvent",
            "anchor_entities": [subject],
            "related_entities": related,
            "message": message,
            "event_tags": p.kind.tags(),
            "admin_state": "ENABLED",
            "archived": false,
            "event_time_epoch_ms": p.opened * 1000,
            "event_close_time_epoch_ms": p.closed.map(|c| c * 1000),
            "recommendations": p.kind.recommendations(),
            "severity": p.kind.severity(),
        });
        serde_json::from_value(model).expect("a problem reads as a ProblemEvent")
    }

    pub async fn problem(&self, id: &str) -> Result<types::ProblemEvent, AriaError> {
        let p = self.occurrence(id).await;
        let p = p.ok_or_else(|| AriaError::NotFound(format!("No problem with id {id}")))?;
        Ok(self.problem_model(&p))
    }

    /// A problem as JSON, for the generic fetch (`/entities/fetch`, as PowervRNI reads them),
    /// given each vCenter's start of collection.
    pub(super) fn problem_entity(
        &self,
        id: &str,
        starts: &[Option<i64>],
        now: i64,
    ) -> Option<Value> {
        let p = self.occurrence_among(id, starts, now)?;
        serde_json::to_value(self.problem_model(&p)).ok()
    }

    pub async fn fetch_problems(
        &self,
        body: Option<&types::FetchRequest>,
    ) -> Result<types::BulkProblemFetchResponse, AriaError> {
        let ids = body.map(|b| b.entity_ids.as_slice()).unwrap_or_default();
        if ids.len() > MAX_FETCH {
            return Err(AriaError::InvalidInput(format!(
                "At most {MAX_FETCH} entity ids can be fetched at once, not {}",
                ids.len()
            )));
        }
        let now = self.clock.now_secs();
        let starts = self.collection_starts().await;
        let mut results = Vec::new();
        for want in ids {
            if let Some(p) = self.occurrence_among(&want.entity_id, &starts, now) {
                results.push(types::ProblemWithTime {
                    entity_id: want.entity_id.clone(),
                    entity_type: types::EntityType::ProblemEvent,
                    entity: self.problem_model(&p),
                    time: want.time.unwrap_or(now),
                });
            }
        }
        Ok(types::BulkProblemFetchResponse { results })
    }

    /// Every problem a list would answer, whole, at most [`MAX_FETCH`].
    pub async fn problem_details(
        &self,
        filter: &ProblemFilter<'_>,
    ) -> Result<types::BulkFetchResponse, AriaError> {
        let (all, _, _) = self.problems(filter, None).await?;
        let results = all
            .iter()
            .take(MAX_FETCH)
            .map(|p| {
                let entity = match serde_json::to_value(self.problem_model(p)) {
                    Ok(Value::Object(m)) => m,
                    _ => Default::default(),
                };
                types::EntityWithTime {
                    entity_id: p.id(),
                    entity_type: types::EntityType::ProblemEvent,
                    entity,
                    time: p.opened,
                }
            })
            .collect();
        Ok(types::BulkFetchResponse { results })
    }

    /// The kinds of problem (`/schema/problems`).
    pub fn problem_kinds(&self) -> types::EventMetaInfoResponse {
        let results = ProblemKind::ALL
            .into_iter()
            .map(ProblemKind::meta)
            .collect();
        types::EventMetaInfoResponse { results }
    }
}
