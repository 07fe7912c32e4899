//! Runs a parsed query: a list, a count, a function or groups.

use super::{bad, OrderKey, Projection, Query};
use crate::aria_networks::errors::AriaError;
use crate::aria_networks::paging::PageRequest;
use crate::aria_networks::search::grouping::{self, Grouping};
use crate::aria_networks::search::{window, Window};
use crate::aria_networks::Aria;
use crate::generated::aria_networks::types;

impl Aria {
    pub async fn search_by_query(
        &self,
        body: &types::SearchQueryRequest,
    ) -> Result<types::SearchQueryResponse, AriaError> {
        let q = Query::parse(&body.query)?;
        let (start, end) = window(self, body.time_range.as_ref())?;
        let page = PageRequest::parse(body.size, body.cursor.as_deref())?;
        let kind = q.kind;
        let visible = self.visibility_by(end).await;
        let mut hits = self.matching(kind, q.condition.as_deref(), &visible)?;
        let function = match &q.projection {
            Some(Projection::Function(f, path)) => Some((
                types::Aggregation {
                    field: path.clone(),
                    aggregation_type: *f,
                },
                grouping::numeric(kind, path)?,
            )),
            _ => None,
        };
        let mut answer = types::SearchQueryResponse {
            search_response_total_hits: 0,
            entity_list_response: None,
            aggregation_response: None,
            groupby_response: None,
        };
        if !q.group_by.is_empty() {
            let order = match &q.order {
                None => (None, true),
                Some((OrderKey::Count, desc)) => (None, *desc),
                Some((OrderKey::Function(f, path), desc))
                    if function
                        .as_ref()
                        .is_some_and(|(a, _)| a.aggregation_type == *f && &a.field == path) =>
                {
                    (Some(0), *desc)
                }
                Some(_) => {
                    return Err(bad(
                        "groups are ordered by count or by the query's own function".into(),
                    ))
                }
            };
            let grouping = Grouping {
                group_by: Grouping::properties(kind, &q.group_by)?,
                aggregations: function.into_iter().collect(),
                order,
            };
            // `limit` caps the buckets; the page is cut to what is left under it.
            let limit = q.limit.unwrap_or(usize::MAX);
            let limited = PageRequest {
                offset: page.offset,
                size: page.size.min(limit.saturating_sub(page.offset)),
            };
            let (results, buckets, _) = grouping.page(&self.inventory, &hits, limited)?;
            let buckets = buckets.min(limit);
            let cursor = page.next_cursor(results.len(), buckets)?;
            answer.search_response_total_hits = hits.len() as i32;
            let time_range = types::TimeRange {
                start_time: Some(start),
                end_time: Some(end),
            };
            answer.groupby_response = Some(grouping::answer(
                results,
                buckets,
                hits.len(),
                time_range,
                cursor,
            ));
            return Ok(answer);
        }
        match &q.order {
            None => {}
            Some((OrderKey::Property(field), desc)) => {
                let order = if *desc {
                    types::SortByClauseOrder::Desc
                } else {
                    types::SortByClauseOrder::Asc
                };
                // Sorted as far as the limit (its hits are the first of the order) or else the
                // page needs.
                let keep = q
                    .limit
                    .unwrap_or_else(|| page.offset.saturating_add(page.size));
                self.sort(
                    kind,
                    &mut hits,
                    &types::SortByClause {
                        field: field.clone(),
                        order,
                    },
                    keep,
                )?;
            }
            Some(_) => {
                return Err(bad(
                    "order by count or a function is for queries with group by".into(),
                ))
            }
        }
        if let Some(limit) = q.limit {
            hits.truncate(limit);
        }
        answer.search_response_total_hits = hits.len() as i32;
        match function {
            Some((aggregation, get)) => {
                let (inv, mut scratch) = (&*self.inventory, Vec::new());
                let mut acc = grouping::Acc::default();
                for &i in &hits {
                    grouping::accumulate(inv, get, i, &mut scratch, &mut acc);
                }
                let aggregations = vec![types::AggregationWithValue {
                    value: acc.value(aggregation.aggregation_type),
                    field: aggregation.field,
                    aggregation_type: aggregation.aggregation_type,
                }];
                answer.aggregation_response = Some(types::AggregationResponse {
                    aggregations,
                    total_count: hits.len() as i32,
                    start_time: start,
                    end_time: end,
                });
            }
            None if q.projection == Some(Projection::Count) => {}
            None => {
                answer.entity_list_response =
                    Some(self.id_page(kind, Window::of(hits, page), page, (start, end))?);
            }
        }
        Ok(answer)
    }
}
