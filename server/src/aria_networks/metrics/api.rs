//! The `Metrics` and `Schema` tags: the same points, answered as v1's `[timestamp, value]`
//! pairs or v2's two lists, around the same envelope.

use serde::de::DeserializeOwned;
use serde_json::{json, Value};

use super::{Points, Series};
use crate::aria_networks::caller::Caller;
use crate::aria_networks::errors::AriaError;
use crate::aria_networks::model::from_model;
use crate::aria_networks::AriaApi;
use crate::generated::aria_networks::{self as api, queries, types, Failure, RequestContext};

fn pairs(points: &Points) -> Value {
    let pairs = points.timestamps.iter().zip(&points.values);
    pairs.map(|(t, v)| json!([*t as f64, v])).collect()
}

/// The envelope every metrics answer shares, with `field` set to `value`.
fn answer<T: DeserializeOwned>(s: &Series, field: &str, value: Value) -> Result<T, AriaError> {
    let mut model = serde_json::Map::new();
    model.insert("metric".into(), json!(s.def.metric));
    model.insert("display_name".into(), json!(s.def.display_name));
    model.insert("interval".into(), json!(s.interval));
    model.insert("unit".into(), json!(s.def.unit()));
    model.insert("start".into(), json!(s.start));
    model.insert("end".into(), json!(s.end));
    model.insert(field.into(), value);
    from_model(model)
}

impl api::MetricsApi for AriaApi {
    async fn get_metrics(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        q: queries::GetMetricsQuery,
    ) -> Result<api::GetMetricsResponse, Failure> {
        let aria = &self.0;
        let (s, p) =
            (aria.metric_points(&q.entity_id, &q.metric, q.interval, q.start, q.end)).await?;
        let body = answer(&s, "pointlist", pairs(&p))?;
        Ok(api::GetMetricsResponse::Ok(body))
    }

    async fn get_metrics_v2(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        q: queries::GetMetricsV2Query,
    ) -> Result<api::GetMetricsV2Response, Failure> {
        let aria = &self.0;
        let (s, p) =
            (aria.metric_points(&q.entity_id, &q.metric, q.interval, q.start, q.end)).await?;
        let list = json!([{"timestamps": p.timestamps, "values": p.values}]);
        Ok(api::GetMetricsV2Response::Ok(answer(
            &s,
            "pointlist",
            list,
        )?))
    }

    async fn fetch_bulk_metrics(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: types::MetricsBulkFetchRequest,
    ) -> Result<api::FetchBulkMetricsResponse, Failure> {
        let (s, results) = self.0.bulk_metric_points(&body).await?;
        let results = results
            .iter()
            .map(|(id, p)| json!({"entity_id": id, "pointlist": pairs(p)}))
            .collect();
        Ok(api::FetchBulkMetricsResponse::Ok(answer(
            &s, "results", results,
        )?))
    }

    async fn fetch_bulk_metrics_v2(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: types::MetricsBulkFetchRequest,
    ) -> Result<api::FetchBulkMetricsV2Response, Failure> {
        let (s, results) = self.0.bulk_metric_points(&body).await?;
        let results = results
            .iter()
            .map(|(id, p)| json!({"entity_id": id, "timestamps": p.timestamps, "values": p.values}))
            .collect();
        Ok(api::FetchBulkMetricsV2Response::Ok(answer(
            &s, "results", results,
        )?))
    }
}

impl api::SchemaApi for AriaApi {
    async fn bulk_fetch_event_meta_info(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::BulkFetchEventMetaInfoResponse, Failure> {
        Ok(api::BulkFetchEventMetaInfoResponse::Ok(
            self.0.problem_kinds(),
        ))
    }

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
