//! What the databus would have posted to each subscriber (E124). Like problems, the messages
//! are read off the world and the clock, never stored: a subscriber's messages are those its
//! group produced between its subscription and now (at most [`RETENTION`] back).
//!
//! - every subscription: a heartbeat each hour;
//! - `problems`: each problem's opening (`OPEN`) and closing (`CLOSE`), the problem as the API
//!   answers it at that moment;
//! - `vms` and `hosts`: the inventory (`INVENTORY`, batches of [`BATCH`]) of each vCenter
//!   collected, at its first poll or at the subscription if later.
//!
//! Only the messages of one page are built, so a page costs its size, not the inventory's.

use serde_json::{json, Value};

use crate::aria_networks::data_sources::health::FIRST_POLL_SECS;
use crate::aria_networks::errors::AriaError;
use crate::aria_networks::inventory::{EntityRef, Kind};
use crate::aria_networks::nodes::CUSTOMER;
use crate::aria_networks::paging::PageRequest;
use crate::aria_networks::tables::SubscriberRow;
use crate::aria_networks::Aria;

const HEARTBEAT_SECS: i64 = 3600;
/// Entities per inventory message.
pub const BATCH: usize = 100;
/// How far back messages are answered (as far as problems are kept).
const RETENTION: i64 = 30 * 86_400;

/// One message, as posted to a subscriber.
#[derive(Debug, Clone)]
pub struct Delivery {
    pub subscription_id: String,
    pub url: String,
    pub message_group: String,
    /// Epoch seconds on the sandbox clock.
    pub timestamp: i64,
    pub message: Value,
}

/// One page of deliveries, oldest first.
#[derive(Debug, Clone)]
pub struct DeliveryPage {
    pub results: Vec<Delivery>,
    pub cursor: Option<String>,
    pub total_count: usize,
}

/// What a message will say, before it is built.
#[derive(Debug, Clone)]
enum Body {
    Heartbeat,
    Problem {
        id: String,
        open: bool,
    },
    /// Entities `start..end` of `of`, out of `total`.
    Inventory {
        kind: Kind,
        of: std::sync::Arc<Vec<usize>>,
        start: usize,
        end: usize,
    },
}

#[derive(Debug, Clone)]
struct Due {
    at: i64,
    subscriber: usize,
    order: u64,
    body: Body,
}

impl Aria {
    /// The deliveries to one subscriber (`subscription_id`) or to all, oldest first, paged as
    /// the API pages (`size` 1 to 1000, 10 by default; the cursor a base64 offset).
    pub async fn databus_deliveries(
        &self,
        subscription_id: Option<&str>,
        size: Option<i32>,
        cursor: Option<&str>,
    ) -> Result<DeliveryPage, AriaError> {
        let page = PageRequest::parse(size, cursor)?;
        let now = self.clock.now_secs();
        let subscribers = self.subscribers_of(subscription_id).await?;
        let starts = self.collection_starts().await;
        let mut due = Vec::new();
        let mut per_vcenter: [Option<Vec<std::sync::Arc<Vec<usize>>>>; 2] = [None, None];
        for (i, row) in subscribers.iter().enumerate() {
            let from = row.created.max(now - RETENTION);
            let heartbeats = (now - row.created).max(0) / HEARTBEAT_SECS;
            let first = ((from - row.created).max(0) + HEARTBEAT_SECS - 1) / HEARTBEAT_SECS;
            for k in first.max(1)..=heartbeats {
                let at = row.created + k * HEARTBEAT_SECS;
                due.push(Due {
                    at,
                    subscriber: i,
                    order: 0,
                    body: Body::Heartbeat,
                });
            }
            match row.subscriber.message_group.as_str() {
                "problems" => {
                    for (at, open, id) in self.problem_changes(from, now).await {
                        let body = Body::Problem { id, open };
                        due.push(Due {
                            at,
                            subscriber: i,
                            order: 1,
                            body,
                        });
                    }
                }
                group @ ("vms" | "hosts") => {
                    let (slot, kind) = if group == "vms" {
                        (0, Kind::Vm)
                    } else {
                        (1, Kind::Host)
                    };
                    let lists = per_vcenter[slot].get_or_insert_with(|| self.vcenter_members(kind));
                    for (vc, start) in starts.iter().enumerate() {
                        let Some(start) = start else { continue };
                        let at = (start + FIRST_POLL_SECS).max(row.created);
                        if at > now || at < from {
                            continue;
                        }
                        let of = lists[vc].clone();
                        for (b, chunk) in (0..of.len()).step_by(BATCH).enumerate() {
                            let end = (chunk + BATCH).min(of.len());
                            let body = Body::Inventory {
                                kind,
                                of: of.clone(),
                                start: chunk,
                                end,
                            };
                            let order = 2 + ((vc as u64) << 32) + b as u64;
                            due.push(Due {
                                at,
                                subscriber: i,
                                order,
                                body,
                            });
                        }
                    }
                }
                _ => {}
            }
        }
        due.sort_by_key(|d| (d.at, d.subscriber, d.order));
        let total = due.len();
        let slice: Vec<&Due> = due.iter().skip(page.offset).take(page.size).collect();
        let cursor = page.next_cursor(slice.len(), total)?;
        let mut results = Vec::with_capacity(slice.len());
        for d in slice {
            let row = &subscribers[d.subscriber];
            results.push(Delivery {
                subscription_id: row.subscriber.id.clone().unwrap_or_default(),
                url: row.subscriber.url.clone(),
                message_group: row.subscriber.message_group.clone(),
                timestamp: d.at,
                message: self.message(row, d).await,
            });
        }
        Ok(DeliveryPage {
            results,
            cursor,
            total_count: total,
        })
    }

    async fn subscribers_of(&self, id: Option<&str>) -> Result<Vec<SubscriberRow>, AriaError> {
        let state = self.db.read().await;
        let t = &state.aria().subscribers;
        let mut rows: Vec<SubscriberRow> = match id {
            Some(id) => vec![t.get(id).cloned().ok_or_else(|| {
                AriaError::NotFound(format!("No databus subscriber with id {id}"))
            })?],
            None => t.values().cloned().collect(),
        };
        rows.sort_by_key(|r| r.seq);
        Ok(rows)
    }

    /// Per vCenter, the indices of its VMs or hosts, in world order.
    fn vcenter_members(&self, kind: Kind) -> Vec<std::sync::Arc<Vec<usize>>> {
        let w = &self.inventory.workload;
        let mut lists = vec![Vec::new(); self.inventory.world.vcenters.len()];
        if kind == Kind::Vm {
            for (i, vm) in w.vms.iter().enumerate() {
                lists[vm.place.vcenter].push(i);
            }
        } else {
            for (i, (place, _)) in w.hosts.iter().enumerate() {
                lists[place.vcenter].push(i);
            }
        }
        lists.into_iter().map(std::sync::Arc::new).collect()
    }

    async fn message(&self, row: &SubscriberRow, d: &Due) -> Value {
        let sub = row.subscriber.id.as_deref().unwrap_or_default();
        let name = format!("databus-message|{sub}|{}|{}", d.at, d.order);
        let id = uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, name.as_bytes());
        let mut m = json!({
            "id": id.to_string(),
            "specversion": "1.0",
            "source": format!("{CUSTOMER}"),
            "message_group": row.subscriber.message_group,
            "timestamp": d.at * 1000,
        });
        match &d.body {
            Body::Heartbeat => {
                m["type"] = json!("HEARTBEAT");
                m["status"] = json!("HEARTBEAT");
            }
            Body::Problem { id, open } => {
                let mut data = match self.problem(id).await {
                    Ok(p) => serde_json::to_value(p).unwrap_or_default(),
                    Err(_) => json!({"entity_id": id, "entity_type": "ProblemEvent"}),
                };
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
                kind,
                of,
                start,
                end,
            } => {
                let inv = &self.inventory;
                let data: Vec<Value> = of[*start..*end]
                    .iter()
                    .map(|&i| inv.answer(EntityRef::new(*kind, i)))
                    .collect();
                m["type"] = json!("EntityInventoryBatch");
                m["status"] = json!("INVENTORY");
                m["total"] = json!(of.len());
                m["start"] = json!(start);
                m["end"] = json!(end);
                m["data"] = json!(data);
            }
        }
        m
    }
}
