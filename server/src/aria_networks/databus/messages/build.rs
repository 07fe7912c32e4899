//! A message as posted, built from what [`super::stream`] says it will be.

use std::collections::HashMap;

use serde_json::{json, Value};

use super::stream::{Body, Due, METRIC_SECS};
use crate::aria_networks::inventory::{EntityRef, Kind};
use crate::aria_networks::nodes::CUSTOMER;
use crate::aria_networks::tables::SubscriberRow;
use crate::aria_networks::visibility::Visibility;
use crate::aria_networks::Aria;

/// What every message of one page is built against, read once for the page.
pub(super) struct PageContext<'a> {
    pub vcenters: &'a [Option<i64>],
    pub visible: Visibility,
    pub now: i64,
    /// Applications as answered, by id, once each (`None`: removed since).
    pub applications: HashMap<String, Option<Value>>,
}

impl Aria {
    /// The message `d` to the subscriber `row`, as posted.
    pub(super) async fn message(
        &self,
        row: &SubscriberRow,
        d: &Due,
        page: &mut PageContext<'_>,
    ) -> Value {
        let sub = row.subscriber.id.as_deref().unwrap_or_default();
        let (at, _, order, tie) = &d.key;
        let name = format!("databus-message|{sub}|{at}|{order}|{tie}");
        let id = uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, name.as_bytes());
        let mut m = json!({
            "id": id.to_string(),
            "specversion": "1.0",
            "source": format!("{CUSTOMER}"),
            "message_group": row.subscriber.message_group,
            "timestamp": at * 1000,
        });
        match &d.body {
            Body::Heartbeat => {
                m["type"] = json!("HEARTBEAT");
                m["status"] = json!("HEARTBEAT");
            }
            Body::Problem { id, open } => {
                let mut data = (self.problem_entity(id, page.vcenters, page.now))
                    .unwrap_or_else(|| json!({"entity_id": id, "entity_type": "ProblemEvent"}));
                if *open {
                    // As it was when it opened: not closed yet.
                    if let Some(o) = data.as_object_mut() {
                        o.remove("event_close_time_epoch_ms");
                    }
                }
                m["type"] = json!("EntityMessage");
                m["status"] = json!(if *open { "OPEN" } else { "CLOSE" });
                m["data"] = data;
            }
            Body::Inventory {
                kind: Kind::Flow,
                of,
                start,
                end,
            } => {
                // E129: flows by reference, as the vendor's `FlowMessage` shows them.
                let inv = &self.inventory;
                let data: Vec<Value> = of[*start..*end]
                    .iter()
                    .map(|&f| {
                        let e = EntityRef::new(Kind::Flow, f);
                        json!({"entity_id": inv.id(e), "name": inv.name(e),
                               "entity_type": Kind::Flow.entity_type()})
                    })
                    .collect();
                m["type"] = json!("FlowMessage");
                m["status"] = json!("CREATE");
                m["data"] = json!(data);
            }
            Body::Inventory {
                kind,
                of,
                start,
                end,
            } => {
                let inv = &self.inventory;
                let data: Vec<Value> = of[*start..*end]
                    .iter()
                    .map(|&i| page.visible.answer(inv, EntityRef::new(*kind, i)))
                    .collect();
                m["type"] = json!("EntityInventoryBatch");
                m["status"] = json!("INVENTORY");
                m["total"] = json!(of.len());
                m["start"] = json!(start);
                m["end"] = json!(end);
                m["data"] = json!(data);
            }
            Body::Application { id, name, status } => {
                // As it is now; one removed since is known by its id and name only.
                let now = match status.as_str() {
                    "DELETE" => None,
                    _ => self.application_now(id, &mut page.applications).await,
                };
                let data = now.unwrap_or_else(|| {
                    json!({"entity_id": id, "entity_type": "Application", "name": name,
                           "tiers": []})
                });
                m["type"] = json!("ApplicationMessage");
                m["status"] = json!(status);
                if status == "DELETE" {
                    m["deleted_at"] = json!(at * 1000);
                }
                m["data"] = data;
            }
            Body::Metric {
                kind,
                def,
                of,
                start,
                end,
                t0,
            } => {
                let inv = &self.inventory;
                let points: Vec<Value> = of[*start..*end]
                    .iter()
                    .map(|&i| {
                        let e = EntityRef::new(*kind, i);
                        let value = self.metric_value(e, def, *t0, METRIC_SECS);
                        json!({"entity_id": inv.id(e), "value": value})
                    })
                    .collect();
                m["type"] = json!("MetricMessage");
                m["status"] = json!("CREATE");
                m["data"] = json!({
                    "metric": def.metric,
                    "interval": METRIC_SECS,
                    "timestamp": t0,
                    "unit": def.unit(),
                    "entity_type": kind.entity_type(),
                    "points": points,
                });
            }
        }
        m
    }
}

impl Aria {
    /// An application as answered now (`None`: removed since), read once a page.
    async fn application_now(
        &self,
        id: &str,
        known: &mut HashMap<String, Option<Value>>,
    ) -> Option<Value> {
        if let Some(answer) = known.get(id) {
            return answer.clone();
        }
        let answer = self.application_members_now(id).await;
        let answer = answer.and_then(|a| serde_json::to_value(a).ok());
        known.insert(id.to_string(), answer.clone());
        answer
    }
}
