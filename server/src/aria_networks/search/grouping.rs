//! Aggregations and groups over the entities a search found: `POST /search/aggregation`'s
//! arithmetic, `POST /search/groupby`, and the query language's `sum(...) of` and `group by`
//! (E51).

use std::collections::HashMap;

use super::compiled::property;
use super::window;
use crate::aria_networks::errors::AriaError;
pub use crate::aria_networks::inventory::fields::Getter;
use crate::aria_networks::inventory::fields::Val;
use crate::aria_networks::inventory::{Inventory, Kind};
use crate::aria_networks::paging::PageRequest;
use crate::aria_networks::Aria;
use crate::generated::aria_networks::types;

/// At most this many `group_by` properties (each adds a dimension to the buckets).
pub const MAX_GROUP_BY: usize = 3;
/// At most this many buckets in one grouping, and this many per entity (an entity counts in
/// every combination of its values): beyond, a 400 rather than memory without bound.
pub const MAX_BUCKETS: usize = 100_000;
pub const MAX_COMBINATIONS: usize = 10_000;

/// A running SUM/MIN/MAX/AVG over numbers.
#[derive(Clone, Copy)]
pub struct Acc {
    sum: f64,
    min: f64,
    max: f64,
    n: u64,
}

impl Default for Acc {
    fn default() -> Self {
        Acc {
            sum: 0.0,
            min: f64::INFINITY,
            max: f64::NEG_INFINITY,
            n: 0,
        }
    }
}

impl Acc {
    pub fn add(&mut self, x: f64) {
        self.sum += x;
        self.min = self.min.min(x);
        self.max = self.max.max(x);
        self.n += 1;
    }

    /// The aggregate; 0 over nothing.
    pub fn value(&self, of: types::AggregationType) -> f64 {
        match (of, self.n) {
            (_, 0) => 0.0,
            (types::AggregationType::Sum, _) => self.sum,
            (types::AggregationType::Min, _) => self.min,
            (types::AggregationType::Max, _) => self.max,
            (types::AggregationType::Avg, _) => self.sum / self.n as f64,
        }
    }
}

/// The getter of a numeric property of `kind`, or a 400 naming it.
pub fn numeric(kind: Kind, field: &str) -> Result<Getter, AriaError> {
    let f = property(kind, field, field)?;
    if !f.numeric {
        return Err(AriaError::InvalidInput(format!(
            "{field} is not a numeric property of {}",
            kind.entity_type()
        )));
    }
    Ok(f.get)
}

/// Adds every number `get` reads of entity `i` to `acc`.
pub fn accumulate<'a>(
    inv: &'a Inventory,
    get: Getter,
    i: usize,
    scratch: &mut Vec<Val<'a>>,
    acc: &mut Acc,
) {
    scratch.clear();
    get(inv, i, scratch);
    for v in scratch.iter() {
        if let Val::Num(x) = v {
            acc.add(*x);
        }
    }
}

fn text(v: &Val) -> String {
    match v {
        Val::Text(t) => (*t).to_string(),
        Val::Num(x) if x.fract() == 0.0 && x.abs() < 1e15 => format!("{}", *x as i64),
        Val::Num(x) => x.to_string(),
    }
}

/// 1 to 3 `group_by` properties, none twice (checked before the type is known).
pub fn check_count(names: &[String]) -> Result<(), AriaError> {
    if names.is_empty() || names.len() > MAX_GROUP_BY {
        return Err(AriaError::InvalidInput(format!(
            "group_by takes 1 to {MAX_GROUP_BY} properties, not {}",
            names.len()
        )));
    }
    let mut seen = std::collections::HashSet::new();
    match names.iter().find(|n| !seen.insert(n.as_str())) {
        Some(twice) => Err(AriaError::InvalidInput(format!(
            "group_by names {twice} twice"
        ))),
        None => Ok(()),
    }
}

fn too_many(what: &str, limit: usize) -> AriaError {
    AriaError::InvalidInput(format!(
        "The grouping makes more than {limit} {what}; group by fewer or narrower properties, or filter first"
    ))
}

/// What to group by and what to compute per group.
pub struct Grouping {
    pub group_by: Vec<(String, Getter)>,
    pub aggregations: Vec<(types::Aggregation, Getter)>,
    /// Order by the aggregation at this index (else by count), descending when true.
    pub order: (Option<usize>, bool),
}

struct Bucket {
    values: Vec<String>,
    count: usize,
    accs: Vec<Acc>,
}

impl Grouping {
    /// Checks `group_by` (1 to 3 properties of `kind`) and answers their getters.
    pub fn properties(kind: Kind, names: &[String]) -> Result<Vec<(String, Getter)>, AriaError> {
        check_count(names)?;
        names
            .iter()
            .map(|n| Ok((n.clone(), property(kind, n, n)?.get)))
            .collect()
    }

    /// The groups of `hits`, ordered, one page of them, and how many there are.
    pub fn page(
        &self,
        inv: &Inventory,
        hits: &[usize],
        page: PageRequest,
    ) -> Result<(Vec<types::GroupWithValue>, usize, Option<String>), AriaError> {
        let mut buckets: HashMap<Vec<String>, Bucket> = HashMap::new();
        let mut scratch = Vec::new();
        for &i in hits {
            // Each property's values; every combination is a bucket the entity counts in.
            let mut combos: Vec<Vec<String>> = vec![Vec::new()];
            for (_, get) in &self.group_by {
                scratch.clear();
                get(inv, i, &mut scratch);
                let mut values: Vec<String> = scratch.iter().map(text).collect();
                values.sort();
                values.dedup();
                if combos.len().saturating_mul(values.len()) > MAX_COMBINATIONS {
                    return Err(too_many(
                        "combinations of values for one entity",
                        MAX_COMBINATIONS,
                    ));
                }
                combos = combos
                    .into_iter()
                    .flat_map(|c| {
                        values.iter().map(move |v| {
                            let mut c = c.clone();
                            c.push(v.clone());
                            c
                        })
                    })
                    .collect();
            }
            let mut accs = vec![Acc::default(); self.aggregations.len()];
            if !combos.is_empty() {
                for (acc, (_, get)) in accs.iter_mut().zip(&self.aggregations) {
                    accumulate(inv, *get, i, &mut scratch, acc);
                }
            }
            for values in combos {
                if buckets.len() >= MAX_BUCKETS && !buckets.contains_key(&values) {
                    return Err(too_many("buckets", MAX_BUCKETS));
                }
                let bucket = buckets.entry(values.clone()).or_insert_with(|| Bucket {
                    values,
                    count: 0,
                    accs: vec![Acc::default(); self.aggregations.len()],
                });
                bucket.count += 1;
                for (into, from) in bucket.accs.iter_mut().zip(&accs) {
                    if from.n > 0 {
                        into.sum += from.sum;
                        into.min = into.min.min(from.min);
                        into.max = into.max.max(from.max);
                        into.n += from.n;
                    }
                }
            }
        }
        let mut buckets: Vec<Bucket> = buckets.into_values().collect();
        let (by, descending) = self.order;
        let key = |b: &Bucket| match by {
            Some(a) => b.accs[a].value(self.aggregations[a].0.aggregation_type),
            None => b.count as f64,
        };
        buckets.sort_by(|a, b| {
            let o = key(a).total_cmp(&key(b));
            (if descending { o.reverse() } else { o }).then_with(|| a.values.cmp(&b.values))
        });
        let total = buckets.len();
        let results: Vec<types::GroupWithValue> = buckets
            .into_iter()
            .skip(page.offset)
            .take(page.size)
            .map(|b| types::GroupWithValue {
                bucket: self
                    .group_by
                    .iter()
                    .zip(b.values)
                    .map(|((field, _), value)| types::BucketValue {
                        field: field.clone(),
                        value,
                    })
                    .collect(),
                count: b.count as i32,
                aggregations: self
                    .aggregations
                    .iter()
                    .zip(&b.accs)
                    .map(|((a, _), acc)| types::AggregationWithValue {
                        field: a.field.clone(),
                        aggregation_type: a.aggregation_type,
                        value: acc.value(a.aggregation_type),
                    })
                    .collect(),
            })
            .collect();
        let cursor = page.next_cursor(results.len(), total)?;
        Ok((results, total, cursor))
    }
}

impl Aria {
    pub async fn group_search_results(
        &self,
        body: &types::SearchGroupByRequest,
    ) -> Result<types::SearchGroupByResponse, AriaError> {
        let (start, end) = window(self, body.time_range.as_ref())?;
        let page = PageRequest::parse(body.size, body.cursor.as_deref())?;
        let time_range = types::TimeRange {
            start_time: Some(start),
            end_time: Some(end),
        };
        check_count(&body.group_by)?;
        if body.sort_by.len() > 1 {
            return Err(AriaError::InvalidInput(
                "sort_by takes at most one clause".into(),
            ));
        }
        let Some(kind) = Kind::for_search(&body.entity_type.to_string()) else {
            return Ok(answer(Vec::new(), 0, 0, time_range, None));
        };
        let group_by = Grouping::properties(kind, &body.group_by)?;
        let aggregations = body
            .aggregations
            .iter()
            .map(|a| Ok((a.clone(), numeric(kind, &a.field)?)))
            .collect::<Result<Vec<_>, AriaError>>()?;
        let order = match body.sort_by.as_slice() {
            [] => (None, true),
            [s] => {
                let at = aggregations
                    .iter()
                    .position(|(a, _)| {
                        a.field == s.field && a.aggregation_type == s.aggregation_type
                    })
                    .ok_or_else(|| {
                        AriaError::InvalidInput(format!(
                            "sort_by {}({}) is not one of the aggregations",
                            s.aggregation_type, s.field
                        ))
                    })?;
                (
                    Some(at),
                    s.order == types::AggregateOrderByClauseOrder::Desc,
                )
            }
            _ => {
                return Err(AriaError::InvalidInput(
                    "sort_by takes at most one clause".into(),
                ))
            }
        };
        let grouping = Grouping {
            group_by,
            aggregations,
            order,
        };
        let visible = self.visibility_by(end).await;
        let hits = self.matching(kind, body.filter.as_deref(), &visible)?;
        let inv: &Inventory = &self.inventory;
        let (results, buckets, cursor) = grouping.page(inv, &hits, page)?;
        Ok(answer(results, buckets, hits.len(), time_range, cursor))
    }
}

/// A page of groups as answered: `buckets` in all, `found` entities.
pub fn answer(
    results: Vec<types::GroupWithValue>,
    buckets: usize,
    found: usize,
    time_range: types::TimeRange,
    cursor: Option<String>,
) -> types::SearchGroupByResponse {
    types::SearchGroupByResponse {
        size: results.len() as i32,
        results,
        total_bucket: types::Cardinality {
            value: buckets as i32,
            is_approx: false,
        },
        total_count: found as i32,
        time_range,
        cursor,
    }
}
