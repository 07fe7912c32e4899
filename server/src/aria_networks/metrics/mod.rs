//! Metrics: series of the world's VMs, hosts, vNICs and flows on the sandbox clock, and the
//! schema that names them (E83).
//!
//! - `catalogue`: which metrics each entity type has, their units and intervals
//! - `series`: a metric's value over an interval, from the world
//! - `api`: the `Metrics` and `Schema` tags, translated to the above

mod api;
mod catalogue;
mod series;

use std::sync::OnceLock;

pub use catalogue::MetricDef;
use catalogue::{Measure, INTERVALS, MAX_POINTS};
use series::Traffic;

use super::errors::AriaError;
use super::inventory::{EntityRef, Kind};
use super::search::MAX_FETCH;
use super::Aria;
use crate::generated::aria_networks::types;

/// One entity's points: their times (interval starts) and values.
#[derive(Debug, Default)]
pub struct Points {
    pub timestamps: Vec<i64>,
    pub values: Vec<f64>,
}

/// What a metrics call answers around its points.
pub struct Series {
    pub def: &'static MetricDef,
    pub interval: i32,
    pub start: i64,
    pub end: i64,
}

/// What metrics and the problems read from them make once, when first needed: per VM, its
/// flows' daily traffic, and the VMs whose CPU usage can pass a threshold, with that threshold.
#[derive(Default)]
pub struct MetricsCache {
    traffic: OnceLock<Vec<Traffic>>,
    hot_vms: OnceLock<(f64, Vec<usize>)>,
    /// Per VM, the TCP flows to it that no one answers (E88).
    unanswered: OnceLock<Vec<Vec<usize>>>,
}

impl Aria {
    fn traffic(&self) -> &[Traffic] {
        self.metrics_cache
            .traffic
            .get_or_init(|| series::traffic(&self.inventory))
    }

    /// A VM's CPU usage, percent, averaged over `[t0, t0 + len)`.
    pub(super) fn vm_cpu(&self, vm: usize, t0: i64, len: i64) -> f64 {
        self.measure(EntityRef::vm(vm), Measure::CpuPercent, t0, len)
    }

    /// The metrics of an entity kind (none for kinds without).
    pub(super) fn metric_defs(kind: Kind) -> &'static [MetricDef] {
        catalogue::metrics_of(kind)
    }

    /// The value of `def` for `e` over `[t0, t0 + len)`.
    pub(super) fn metric_value(&self, e: EntityRef, def: &MetricDef, t0: i64, len: i64) -> f64 {
        self.measure(e, def.measure, t0, len)
    }

    /// `measure` of `e` over `[t0, t0 + len)`.
    fn measure(&self, e: EntityRef, measure: Measure, t0: i64, len: i64) -> f64 {
        series::value(&self.inventory, self.traffic(), e, measure, t0, len)
    }

    /// The VMs whose CPU usage can average over `threshold` across 1800 seconds or more (the
    /// threshold is the same on every call).
    pub(super) fn vms_that_can_exceed(&self, threshold: f64) -> &[usize] {
        let (cached, vms) = self.metrics_cache.hot_vms.get_or_init(|| {
            let inv = &self.inventory;
            let hot =
                (0..inv.workload.vms.len()).filter(|&v| series::cpu_ceiling(inv, v) > threshold);
            (threshold, hot.collect())
        });
        debug_assert_eq!(*cached, threshold);
        vms
    }

    /// The TCP flows to VM `vm` whose handshakes are never answered (E88), in flow order.
    pub(super) fn unanswered_tcp_flows(&self, vm: usize) -> &[usize] {
        let all = self.metrics_cache.unanswered.get_or_init(|| {
            let inv = &self.inventory;
            let mut to = vec![Vec::new(); inv.workload.vms.len()];
            for (f, flow) in inv.workload.flows.iter().enumerate() {
                if let (Some(d), true) = (flow.vm_destination(), series::unanswered(inv, f)) {
                    to[d].push(f);
                }
            }
            to
        });
        &all[vm]
    }

    /// A flow's packets over `[t0, t0 + len)`, as its metric has them.
    pub(super) fn flow_packets(&self, f: usize, t0: i64, len: i64) -> f64 {
        self.measure(EntityRef::flow(f), Measure::FlowPackets, t0, len)
    }

    /// `interval` and the window checked; the window (`end` now and `start` `end` if not given).
    fn metric_window(
        &self,
        interval: i32,
        start: Option<i64>,
        end: Option<i64>,
    ) -> Result<(i64, i64), AriaError> {
        if !INTERVALS.contains(&interval) {
            let allowed: Vec<String> = INTERVALS.iter().map(i32::to_string).collect();
            return Err(AriaError::InvalidInput(format!(
                "interval {interval} is not one of {} (seconds)",
                allowed.join(", ")
            )));
        }
        self.window("", start, end)
    }

    /// The points of `def` for `e`: interval starts in `[start, end]` whose interval has ended,
    /// at most [`MAX_POINTS`].
    fn points(&self, e: EntityRef, def: &MetricDef, interval: i32, start: i64, end: i64) -> Points {
        let len = i64::from(interval);
        let now = self.clock.now_secs();
        if start > now {
            // Nothing has ended yet (and the arithmetic below stays far from overflow).
            return Points::default();
        }
        // No point is older than the epoch.
        let start = start.max(0);
        let first = start.div_euclid(len) * len + if start.rem_euclid(len) == 0 { 0 } else { len };
        let timestamps: Vec<i64> = (0..)
            .map(|n| first + n * len)
            .take_while(|t| *t <= end && t + len <= now)
            .take(MAX_POINTS)
            .collect();
        let values = timestamps
            .iter()
            .map(|t| self.measure(e, def.measure, *t, len))
            .collect();
        Points { timestamps, values }
    }

    /// One entity's points (`GET /metrics`, `/metrics/v2`).
    pub async fn metric_points(
        &self,
        entity_id: &str,
        metric: &str,
        interval: i32,
        start: i64,
        end: i64,
    ) -> Result<(Series, Points), AriaError> {
        let (start, end) = self.metric_window(interval, Some(start), Some(end))?;
        let inv = &self.inventory;
        let missing = || AriaError::NotFound(format!("No entity with id {entity_id}"));
        let e = inv.find(entity_id).ok_or_else(missing)?;
        if !self.visibility().await.sees(inv, e) {
            return Err(missing());
        }
        let def = catalogue::metric(e.kind, metric).map_err(AriaError::InvalidInput)?;
        let series = Series {
            def,
            interval,
            start,
            end,
        };
        Ok((series, self.points(e, def, interval, start, end)))
    }

    /// Several entities' points (`POST /metrics/fetch`, `/metrics/fetch/v2`), in request order;
    /// ids Aria does not see are left out.
    pub async fn bulk_metric_points(
        &self,
        body: &types::MetricsBulkFetchRequest,
    ) -> Result<(Series, Vec<(String, Points)>), AriaError> {
        let required = |what: &str| AriaError::InvalidInput(format!("{what} is required"));
        let metric = body.metric.as_deref().ok_or_else(|| required("metric"))?;
        let interval = body.interval.ok_or_else(|| required("interval"))?;
        if body.entity_ids.is_empty() || body.entity_ids.len() > MAX_FETCH {
            return Err(AriaError::InvalidInput(format!(
                "entity_ids must name 1 to {MAX_FETCH} entities, not {}",
                body.entity_ids.len()
            )));
        }
        let (start, end) = self.metric_window(interval, body.start_time, body.end_time)?;
        let inv = &self.inventory;
        let visible = self.visibility().await;
        let seen: Vec<(&String, EntityRef)> = body
            .entity_ids
            .iter()
            .filter_map(|id| inv.find(id).map(|e| (id, e)))
            .filter(|(_, e)| visible.sees(inv, *e))
            .collect();
        let kind = match seen.first() {
            Some((_, e)) => e.kind,
            // Nothing seen: the metric must still be one some entity type has.
            None => *Kind::ALL
                .iter()
                .find(|k| catalogue::metric(**k, metric).is_ok())
                .ok_or_else(|| {
                    AriaError::InvalidInput(format!("No entity type has a metric {metric:?}"))
                })?,
        };
        if let Some((id, e)) = seen.iter().find(|(_, e)| e.kind != kind) {
            return Err(AriaError::InvalidInput(format!(
                "entity_ids must all be of one entity type: {id} is a {}, not a {}",
                e.kind.entity_type(),
                kind.entity_type()
            )));
        }
        let def = catalogue::metric(kind, metric).map_err(AriaError::InvalidInput)?;
        let results = seen
            .into_iter()
            .map(|(id, e)| (id.clone(), self.points(e, def, interval, start, end)))
            .collect();
        let series = Series {
            def,
            interval,
            start,
            end,
        };
        Ok((series, results))
    }

    /// The metrics of an entity type (`GET /schema/{entity-type}/metrics`).
    pub fn metrics_schema(&self, entity_type: types::EntityType) -> types::EntityMetricsSchema {
        let name = entity_type.to_string();
        let defs = Kind::ALL
            .into_iter()
            .find(|k| k.entity_type() == name)
            .map(catalogue::metrics_of)
            .unwrap_or_default();
        let results = defs
            .iter()
            .map(|d| types::MetricSchema {
                metric: d.metric.to_string(),
                display_name: d.display_name.to_string(),
                intervals: INTERVALS.to_vec(),
                description: d.description.to_string(),
                unit: d.unit().to_string(),
            })
            .collect();
        types::EntityMetricsSchema { results }
    }
}
