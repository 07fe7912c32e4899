//! Search over the inventory: filters in the filter language (`filter_language`) compiled
//! against an entity type (`compiled`), and the calls built on them: search, aggregation, bulk fetch, and
//! each entity type's list and getter. Only entities of vCenters a vCenter data source collects
//! from are found.

mod api;
mod by_id;
mod compiled;
mod grouping;
mod query;
mod sort;

use serde_json::Value;

use super::errors::AriaError;
use super::filter_language as filter;
use super::inventory::{EntityRef, Inventory, Kind};
use super::paging::PageRequest;
use super::visibility::Visibility;
use super::Aria;
use crate::generated::aria_networks::types;
use compiled::Compiled;

/// The entities a filter can match, in inventory order: an enum, not a boxed iterator, so that
/// the loop over 100,000 flows inlines its `next`.
enum Candidates {
    All(std::ops::Range<usize>),
    Narrowed(std::vec::IntoIter<usize>),
}

impl Iterator for Candidates {
    type Item = usize;
    fn next(&mut self) -> Option<usize> {
        match self {
            Candidates::All(r) => r.next(),
            Candidates::Narrowed(v) => v.next(),
        }
    }
}

/// One page of the entities a call matched, and how many it matched.
pub struct Window {
    pub hits: Vec<usize>,
    pub total: usize,
}

impl Window {
    /// The page of `hits` that `page` asks for.
    pub fn of(hits: Vec<usize>, page: PageRequest) -> Window {
        let total = hits.len();
        let hits = hits.into_iter().skip(page.offset).take(page.size).collect();
        Window { hits, total }
    }
}

/// At most this many ids in one bulk fetch (the SDK's documented limit).
pub const MAX_FETCH: usize = 1000;

/// The time a call is for: its `[start, end]`, epoch seconds, the sandbox clock by default.
/// The window a body's `time_range` names.
fn window(aria: &Aria, range: Option<&types::TimeRange>) -> Result<(i64, i64), AriaError> {
    let start = range.and_then(|r| r.start_time);
    aria.window("time_range: ", start, range.and_then(|r| r.end_time))
}

fn kind_of(entity_type: Option<&str>) -> Result<Option<Kind>, AriaError> {
    let t = entity_type.ok_or_else(|| AriaError::InvalidInput("entity_type is required".into()))?;
    Ok(Kind::for_search(t))
}

impl Aria {
    /// The entities of `kind` that are visible and match `filter`, in inventory order.
    pub(super) fn matching(
        &self,
        kind: Kind,
        filter: Option<&str>,
        visible: &Visibility,
    ) -> Result<Vec<usize>, AriaError> {
        // Its own loop, not `each_matching` with a closure that pushes: built that way the flow
        // search of the bench measured 7.4-8.4 ms instead of 2.3 (BENCHMARKS.md).
        let inv: &Inventory = &self.inventory;
        let (compiled, candidates) = self.filtered(kind, filter)?;
        let mut scratch = Vec::new();
        let all = visible.all_of(kind);
        Ok(candidates
            .filter(|&i| all || visible.sees(inv, EntityRef { kind, index: i }))
            .filter(|&i| {
                compiled
                    .as_ref()
                    .is_none_or(|c| c.matches(inv, i, &mut scratch))
            })
            .collect())
    }

    /// Calls `hit` with each entity of `kind` that is visible and matches `filter`, in
    /// inventory order: an aggregation over 100,000 flows need not collect them first.
    pub(super) fn each_matching(
        &self,
        kind: Kind,
        filter: Option<&str>,
        visible: &Visibility,
        mut hit: impl FnMut(usize),
    ) -> Result<(), AriaError> {
        let inv: &Inventory = &self.inventory;
        let (compiled, candidates) = self.filtered(kind, filter)?;
        let mut scratch = Vec::new();
        let all = visible.all_of(kind);
        for i in candidates {
            if !all && !visible.sees(inv, EntityRef { kind, index: i }) {
                continue;
            }
            if compiled
                .as_ref()
                .is_none_or(|c| c.matches(inv, i, &mut scratch))
            {
                hit(i);
            }
        }
        Ok(())
    }

    /// The page `page` of the entities of `kind` that are visible and match `filter`, in
    /// inventory order or as `sort` orders them. Unsorted, only the page is kept: a search of
    /// 100,000 flows need not collect (and page-fault in) every hit to answer 100 of them.
    pub(super) fn matching_page(
        &self,
        kind: Kind,
        filter: Option<&str>,
        visible: &Visibility,
        sort: Option<&types::SortByClause>,
        page: PageRequest,
    ) -> Result<Window, AriaError> {
        if let Some(sort) = sort {
            let mut hits = self.matching(kind, filter, visible)?;
            self.sort(kind, &mut hits, sort, page.offset.saturating_add(page.size))?;
            return Ok(Window::of(hits, page));
        }
        let mut window = Window {
            hits: Vec::with_capacity(page.size.min(1000)),
            total: 0,
        };
        let end = page.offset.saturating_add(page.size);
        self.each_matching(kind, filter, visible, |i| {
            if (page.offset..end).contains(&window.total) {
                window.hits.push(i);
            }
            window.total += 1;
        })?;
        Ok(window)
    }

    /// Whether `text` is a query `search_by_query` would run: its grammar, its entity type and
    /// its condition's properties.
    pub fn check_query(&self, text: &str) -> Result<(), AriaError> {
        let q = query::Query::parse(text)?;
        self.filtered(q.kind, q.condition.as_deref()).map(|_| ())
    }

    /// `filter` compiled against `kind`, and the entities it can match: those an index narrows
    /// it to, or all of the kind.
    fn filtered(
        &self,
        kind: Kind,
        filter: Option<&str>,
    ) -> Result<(Option<Compiled>, Candidates), AriaError> {
        let inv: &Inventory = &self.inventory;
        let compiled = match filter.filter(|f| !f.trim().is_empty()) {
            Some(text) => {
                let expr =
                    filter::parse(text).map_err(|e| AriaError::InvalidInput(e.to_string()))?;
                Some(Compiled::new(kind, &expr, text, inv)?)
            }
            None => None,
        };
        let candidates = match compiled.as_ref().and_then(|c| c.candidates(inv)) {
            Some(narrowed) => Candidates::Narrowed(narrowed.into_iter()),
            None => Candidates::All(0..inv.count(kind)),
        };
        Ok((compiled, candidates))
    }

    pub async fn search(
        &self,
        body: &types::SearchRequest,
    ) -> Result<types::PagedListResponseWithTime, AriaError> {
        let (start, end) = window(self, body.time_range.as_ref())?;
        let page = PageRequest::parse(body.size, body.cursor.as_deref())?;
        let Some(kind) = kind_of(body.entity_type.map(|t| t.to_string()).as_deref())? else {
            return Ok(types::PagedListResponseWithTime {
                results: Vec::new(),
                cursor: None,
                total_count: 0,
                start_time: start,
                end_time: end,
            });
        };
        let visible = self.visibility_by(end).await;
        let filter = body.filter.as_deref();
        let window = self.matching_page(kind, filter, &visible, body.sort_by.as_ref(), page)?;
        self.id_page(kind, window, page, (start, end))
    }

    /// A page of ids, stamped with the search's time.
    fn id_page(
        &self,
        kind: Kind,
        Window { hits, total }: Window,
        page: PageRequest,
        (start, end): (i64, i64),
    ) -> Result<types::PagedListResponseWithTime, AriaError> {
        let cursor = page.next_cursor(hits.len(), total)?;
        let inv = &self.inventory;
        Ok(types::PagedListResponseWithTime {
            results: hits
                .into_iter()
                .map(|index| types::EntityIdWithTime {
                    entity_id: inv.id(EntityRef { kind, index }).to_string(),
                    entity_type: entity_type(kind),
                    time: end,
                })
                .collect(),
            cursor,
            total_count: total as i32,
            start_time: start,
            end_time: end,
        })
    }

    pub async fn aggregate(
        &self,
        body: &types::AggregationRequest,
    ) -> Result<types::AggregationResponse, AriaError> {
        let (start, end) = window(self, body.time_range.as_ref())?;
        let kind = Kind::for_search(&body.entity_type.to_string());
        let getters = match kind {
            Some(kind) => body
                .aggregations
                .iter()
                .map(|a| grouping::numeric(kind, &a.field).map(Some))
                .collect::<Result<Vec<_>, _>>()?,
            None => vec![None; body.aggregations.len()],
        };
        let mut accs = vec![grouping::Acc::default(); getters.len()];
        let mut total = 0;
        if let Some(kind) = kind {
            let visible = self.visibility_by(end).await;
            let (inv, mut scratch) = (&*self.inventory, Vec::new());
            self.each_matching(kind, body.filter.as_deref(), &visible, |i| {
                total += 1;
                for (get, acc) in getters.iter().zip(&mut accs) {
                    if let Some(get) = get {
                        grouping::accumulate(inv, *get, i, &mut scratch, acc);
                    }
                }
            })?;
        }
        let aggregations = body
            .aggregations
            .iter()
            .zip(accs)
            .map(|(a, acc)| types::AggregationWithValue {
                field: a.field.clone(),
                aggregation_type: a.aggregation_type,
                value: acc.value(a.aggregation_type),
            })
            .collect();
        Ok(types::AggregationResponse {
            aggregations,
            total_count: total,
            start_time: start,
            end_time: end,
        })
    }

    /// One page of an entity type's ids.
    pub async fn list_entities(
        &self,
        kind: Kind,
        size: Option<i32>,
        cursor: Option<&str>,
        start_time: Option<i64>,
        end_time: Option<i64>,
    ) -> Result<types::PagedListResponse, AriaError> {
        self.list_entities_where(kind, None, size, cursor, start_time, end_time)
            .await
    }

    /// `list_entities` of those that match `filter` (the filter language's).
    pub async fn list_entities_where(
        &self,
        kind: Kind,
        filter: Option<&str>,
        size: Option<i32>,
        cursor: Option<&str>,
        start_time: Option<i64>,
        end_time: Option<i64>,
    ) -> Result<types::PagedListResponse, AriaError> {
        let range = types::TimeRange {
            start_time,
            end_time,
        };
        let (start, end) = window(self, Some(&range))?;
        let page = PageRequest::parse(size, cursor)?;
        let visible = self.visibility_by(end).await;
        let Window { hits, total } = self.matching_page(kind, filter, &visible, None, page)?;
        let cursor = page.next_cursor(hits.len(), total)?;
        let inv = &self.inventory;
        let results = hits
            .into_iter()
            .map(|index| {
                let e = EntityRef { kind, index };
                types::EntityId {
                    entity_id: inv.id(e).to_string(),
                    entity_type: entity_type(kind),
                    entity_name: inv.name(e).map(str::to_string),
                }
            })
            .collect();
        Ok(types::PagedListResponse {
            results,
            cursor,
            total_count: total as i32,
            start_time: start,
            end_time: end,
        })
    }

    /// An entity of `kind` as JSON, if it exists and its vCenter is collected from.
    pub async fn entity(
        &self,
        kind: Kind,
        id: &str,
    ) -> Result<serde_json::Map<String, Value>, AriaError> {
        let inv = &self.inventory;
        let missing = || AriaError::NotFound(format!("No {} with id {id}", kind.entity_type()));
        let e = inv
            .find(id)
            .filter(|e| e.kind == kind)
            .ok_or_else(missing)?;
        let visible = self.visibility().await;
        if !visible.sees(inv, e) {
            return Err(missing());
        }
        match visible.answer(inv, e) {
            Value::Object(m) => Ok(m),
            _ => Err(missing()),
        }
    }
}

fn entity_type(kind: Kind) -> types::EntityType {
    kind.entity_type()
        .parse()
        .expect("the sandbox's kinds are EntityType values")
}
