//! What the databus would have posted to each subscriber (E124). Like problems, the messages
//! are read off the world and the clock, never stored: a subscriber's messages are those its
//! group produced between its subscription and now (at most [`RETENTION`] back).
//!
//! - every subscription: a heartbeat each hour;
//! - `problems`: each problem's opening (`OPEN`) and closing (`CLOSE`) when the appliance
//!   learnt of it, the problem as the API answers it;
//! - `vms` and `hosts`: the inventory (`INVENTORY`, batches of [`BATCH`]) of each vCenter
//!   collected, at its first poll or at the subscription if later.
//!
//! Only the messages of one page are built.

use std::sync::Arc;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde_json::{json, Value};

use crate::aria_networks::data_sources::health::FIRST_POLL_SECS;
use crate::aria_networks::errors::AriaError;
use crate::aria_networks::inventory::{EntityRef, Kind};
use crate::aria_networks::nodes::CUSTOMER;
use crate::aria_networks::tables::SubscriberRow;
use crate::aria_networks::Aria;

const HEARTBEAT_SECS: i64 = 3600;
/// Entities per inventory message.
pub const BATCH: usize = 100;
/// How far back messages are answered (as far as problems are kept).
const RETENTION: i64 = 30 * 86_400;
/// Messages per page: 10 by default, at most 100 (a page of inventory is 10,000 entities).
const MAX_PAGE: i32 = 100;

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
    /// Entities `start..end` of `of`.
    Inventory {
        kind: Kind,
        of: Arc<Vec<usize>>,
        start: usize,
        end: usize,
    },
}

/// Where a message stands among all: by time, subscriber, then its place among that
/// subscriber's messages of that time. Unique, and only ever followed by later messages as
/// the clock moves, so a cursor holding the last one served never repeats or skips one.
type Key = (i64, u64, u64, String);

#[derive(Debug, Clone)]
struct Due {
    key: Key,
    subscriber: usize,
    body: Body,
}

fn cursor_of(key: &Key) -> String {
    let (at, seq, order, tie) = key;
    STANDARD.encode(format!("{at}|{seq}|{order}|{tie}"))
}

fn key_of(cursor: &str) -> Result<Key, AriaError> {
    let bad = || AriaError::InvalidInput(format!("Invalid cursor {cursor:?}"));
    let text = STANDARD
        .decode(cursor)
        .ok()
        .and_then(|b| String::from_utf8(b).ok());
    let text = text.ok_or_else(bad)?;
    let mut parts = text.splitn(4, '|');
    let mut number = || {
        parts
            .next()
            .and_then(|p| p.parse::<i64>().ok())
            .ok_or_else(bad)
    };
    let (at, seq, order) = (number()?, number()?, number()?);
    let tie = parts.next().ok_or_else(bad)?.to_string();
    Ok((at, seq as u64, order as u64, tie))
}

impl Aria {
    /// The deliveries to one subscriber (`subscription_id`) or to all, oldest first, `size` (1
    /// to 100, 10 by default) after the message `cursor` names.
    pub async fn databus_deliveries(
        &self,
        subscription_id: Option<&str>,
        size: Option<i32>,
        cursor: Option<&str>,
    ) -> Result<DeliveryPage, AriaError> {
        let size = size.unwrap_or(10);
        if !(1..=MAX_PAGE).contains(&size) {
            return Err(AriaError::InvalidInput(format!(
                "size must be between 1 and {MAX_PAGE}, not {size}"
            )));
        }
        let after = cursor.filter(|c| !c.is_empty()).map(key_of).transpose()?;
        let now = self.clock.now_secs();
        let subscribers = self.subscribers_of(subscription_id).await?;
        let starts = self.collection_starts().await;
        let from = |row: &SubscriberRow| row.created.max(now - RETENTION);
        // Problems are read once for every subscriber to them.
        let problems_from = (subscribers.iter())
            .filter(|r| r.subscriber.message_group == "problems")
            .map(from)
            .min();
        let changes = match problems_from {
            Some(f) => self.problem_changes(f, now).await,
            None => Vec::new(),
        };
        let mut due = Vec::new();
        let mut members: [Option<Vec<Arc<Vec<usize>>>>; 2] = [None, None];
        for (i, row) in subscribers.iter().enumerate() {
            let (seq, from) = (row.seq, from(row));
            let mut push = |at: i64, order: u64, tie: String, body: Body| {
                let key = (at, seq, order, tie);
                due.push(Due {
                    key,
                    subscriber: i,
                    body,
                });
            };
            // Hourly from the subscription, those of the last 30 days.
            let first = ((from - row.created).max(0) + HEARTBEAT_SECS - 1) / HEARTBEAT_SECS;
            for k in first.max(1)..=(now - row.created).max(0) / HEARTBEAT_SECS {
                let at = row.created + k * HEARTBEAT_SECS;
                push(at, 0, String::new(), Body::Heartbeat);
            }
            match row.subscriber.message_group.as_str() {
                "problems" => {
                    for (at, open, id) in changes.iter().filter(|c| c.0 > from) {
                        let tie = format!("{id}|{}", if *open { "OPEN" } else { "CLOSE" });
                        push(
                            *at,
                            1,
                            tie,
                            Body::Problem {
                                id: id.clone(),
                                open: *open,
                            },
                        );
                    }
                }
                group @ ("vms" | "hosts") => {
                    let (slot, kind) = if group == "vms" {
                        (0, Kind::Vm)
                    } else {
                        (1, Kind::Host)
                    };
                    let lists = members[slot].get_or_insert_with(|| self.vcenter_members(kind));
                    for (vc, start) in starts.iter().enumerate() {
                        let Some(start) = start else { continue };
                        let at = (start + FIRST_POLL_SECS).max(row.created);
                        if at > now || at < from {
                            continue;
                        }
                        let of = &lists[vc];
                        for (b, chunk) in (0..of.len()).step_by(BATCH).enumerate() {
                            let end = (chunk + BATCH).min(of.len());
                            let order = 2 + ((vc as u64) << 32) + b as u64;
                            let body = Body::Inventory {
                                kind,
                                of: of.clone(),
                                start: chunk,
                                end,
                            };
                            push(at, order, String::new(), body);
                        }
                    }
                }
                _ => {}
            }
        }
        due.sort_by(|a, b| a.key.cmp(&b.key));
        let total_count = due.len();
        let skip = after.map_or(0, |k| due.partition_point(|d| d.key <= k));
        let page: Vec<&Due> = due[skip..].iter().take(size as usize).collect();
        // Also after the last page: a test polls with it for what comes next.
        let cursor = page.last().map(|d| cursor_of(&d.key));
        let mut results = Vec::with_capacity(page.len());
        for d in page {
            let row = &subscribers[d.subscriber];
            results.push(Delivery {
                subscription_id: row.subscriber.id.clone().unwrap_or_default(),
                url: row.subscriber.url.clone(),
                message_group: row.subscriber.message_group.clone(),
                timestamp: d.key.0,
                message: self.message(row, d, &starts, now),
            });
        }
        Ok(DeliveryPage {
            results,
            cursor,
            total_count,
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
    fn vcenter_members(&self, kind: Kind) -> Vec<Arc<Vec<usize>>> {
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
        lists.into_iter().map(Arc::new).collect()
    }

    fn message(&self, row: &SubscriberRow, d: &Due, starts: &[Option<i64>], now: i64) -> Value {
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
                let mut data = (self.problem_entity(id, starts, now))
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
