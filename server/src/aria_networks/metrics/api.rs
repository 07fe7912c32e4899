//! The `Metrics` and `Schema` tags: the same points, answered as v1's `[timestamp, value]`
//! pairs or v2's two lists.

use super::{Points, Series};
use crate::aria_networks::caller::Caller;
use crate::aria_networks::AriaApi;
use crate::generated::aria_networks::{self as api, queries, types, Failure, RequestContext};

fn pairs(points: Points) -> Vec<types::MetricPoints> {
    let pairs = points.timestamps.iter().zip(points.values);
    pairs
        .map(|(t, v)| types::MetricPoints(vec![*t as f64, v]))
        .collect()
}

impl api::MetricsApi for AriaApi {
    async fn get_metrics(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        q: queries::GetMetricsQuery,
    ) -> Result<api::GetMetricsResponse, Failure> {
        let (s, points) = (self.0)
            .metric_points(&q.entity_id, &q.metric, q.interval, q.start, q.end)
            .await?;
        Ok(api::GetMetricsResponse::Ok(types::MetricResponse {
            metric: s.def.metric.to_string(),
            display_name: s.def.display_name.to_string(),
            interval: s.interval,
            unit: s.def.unit().to_string(),
            start: s.start,
            end: s.end,
            pointlist: pairs(points),
        }))
    }

    async fn get_metrics_v2(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        q: queries::GetMetricsV2Query,
    ) -> Result<api::GetMetricsV2Response, Failure> {
        let (s, points) = (self.0)
            .metric_points(&q.entity_id, &q.metric, q.interval, q.start, q.end)
            .await?;
        Ok(api::GetMetricsV2Response::Ok(types::MetricResponseV2 {
            metric: s.def.metric.to_string(),
            display_name: s.def.display_name.to_string(),
            interval: s.interval,
            unit: s.def.unit().to_string(),
            start: s.start,
            end: s.end,
            pointlist: vec![types::MetricResponseV2Pointlist {
                timestamps: points.timestamps,
                values: points.values,
            }],
        }))
    }

    async fn fetch_bulk_metrics(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: types::MetricsBulkFetchRequest,
    ) -> Result<api::FetchBulkMetricsResponse, Failure> {
        let (s, results): (Series, _) = self.0.bulk_metric_points(&body).await?;
        let results = results
            .into_iter()
            .map(|(entity_id, points)| types::MetricResponseForEntity {
                entity_id,
                pointlist: pairs(points),
            })
            .collect();
        Ok(api::FetchBulkMetricsResponse::Ok(
            types::MetricsBulkFetchResponse {
                metric: s.def.metric.to_string(),
                display_name: s.def.display_name.to_string(),
                interval: s.interval,
                unit: s.def.unit().to_string(),
                start: s.start,
                end: s.end,
                results,
            },
        ))
    }

    async fn fetch_bulk_metrics_v2(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: types::MetricsBulkFetchRequest,
    ) -> Result<api::FetchBulkMetricsV2Response, Failure> {
        let (s, results) = self.0.bulk_metric_points(&body).await?;
        let results = results
            .into_iter()
            .map(|(entity_id, p)| types::MetricResponseForEntityV2 {
                entity_id,
                timestamps: p.timestamps,
                values: p.values,
            })
            .collect();
        Ok(api::FetchBulkMetricsV2Response::Ok(
            types::MetricsBulkFetchResponseV2 {
                metric: s.def.metric.to_string(),
                display_name: s.def.display_name.to_string(),
                interval: s.interval,
                unit: s.def.unit().to_string(),
                start: s.start,
                end: s.end,
                results,
            },
        ))
    }
}

impl api::SchemaApi for AriaApi {
    async fn get_metrics_schema(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        entity_type: types::EntityType,
    ) -> Result<api::GetMetricsSchemaResponse, Failure> {
        Ok(api::GetMetricsSchemaResponse::Ok(
            self.0.metrics_schema(entity_type),
        ))
    }
}
