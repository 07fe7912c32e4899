//! What the databus would have posted to each subscriber (E124, E126, E127, E129). Like problems, the
//! messages are read off the world and the clock, never stored: a subscriber's messages are
//! those its group produced between its subscription and now (at most [`RETENTION`] back).
//!
//! - every subscription: a heartbeat each hour;
//! - `problems`: each problem's opening (`OPEN`) and closing (`CLOSE`) when the appliance
//!   learnt of it, the problem as the API answers it;
//! - `vms`, `hosts`, `nics` and `switchports`: the inventory (`INVENTORY`, batches of
//!   [`BATCH`]) of each device collected, at its first poll or at the subscription if later;
//! - `vms-metrics`, `hosts-metrics`, `nics-metrics`, `flows-metrics` and `metrics` (all four):
//!   every five minutes, each metric of each batch of collected entities over the five minutes
//!   just ended (`stream`);
//! - `application`: each application made, changed or removed, noted (stored) in the
//!   transaction that did it, the one thing here that is;
//! - `flows`: each collected vCenter's flows by reference, as the inventory groups, narrowed
//!   by the subscriber's `appName` filter tags and posted anew when they change (`flows`,
//!   E129).
//!
//! Only the messages of one page are built.

mod build;
mod flows;
mod stream;

use std::sync::{Arc, OnceLock};

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde_json::Value;

use crate::aria_networks::data_sources::health::FIRST_POLL_SECS;
use crate::aria_networks::errors::AriaError;
use crate::aria_networks::inventory::{Device, EntityRef, Family, Kind};
use crate::aria_networks::tables::{ApplicationChangeRow, SubscriberRow};
use crate::aria_networks::visibility::{CollectionStarts, Visibility};
use crate::aria_networks::Aria;
use stream::{Body, Due, Key, MetricStream, Stream, METRIC_SECS};

const HEARTBEAT_SECS: i64 = 3600;
/// Entities per inventory or metrics message.
pub const BATCH: usize = 100;
/// How far back messages are answered (as far as problems are kept).
const RETENTION: i64 = 30 * 86_400;
/// Messages per page: 10 by default, at most 100 (a page of inventory is 10,000 entities).
const MAX_PAGE: i32 = 100;
/// The kinds with metrics, in the order their streams are keyed.
const METRIC_KINDS: [Kind; 4] = [Kind::Vm, Kind::Host, Kind::Vnic, Kind::Flow];

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

/// The entity kind whose inventory a group is posted.
fn inventory_kind(group: &str) -> Option<Kind> {
    Some(match group {
        "vms" => Kind::Vm,
        "hosts" => Kind::Host,
        "nics" => Kind::Vnic,
        "switchports" => Kind::SwitchPort,
        "flows" => Kind::Flow,
        _ => return None,
    })
}

/// The entity kinds whose metrics a group is posted (switch ports have none).
fn metric_kinds(group: &str) -> &'static [Kind] {
    match group {
        "vms-metrics" => &METRIC_KINDS[0..1],
        "hosts-metrics" => &METRIC_KINDS[1..2],
        "nics-metrics" => &METRIC_KINDS[2..3],
        "flows-metrics" => &METRIC_KINDS[3..4],
        "metrics" => &METRIC_KINDS,
        _ => &[],
    }
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
    let at = parts.next().and_then(|p| p.parse::<i64>().ok());
    let at = at.ok_or_else(bad)?;
    let mut number = || {
        parts
            .next()
            .and_then(|p| p.parse::<u64>().ok())
            .ok_or_else(bad)
    };
    let (seq, order) = (number()?, number()?);
    let tie = parts.next().ok_or_else(bad)?.to_string();
    Ok((at, seq, order, tie))
}

/// The kinds whose entities are posted per device, and so kept in [`DeviceMembers`].
const POSTED_KINDS: [Kind; 5] = [
    Kind::Vm,
    Kind::Host,
    Kind::Vnic,
    Kind::Flow,
    Kind::SwitchPort,
];

/// Per posted kind, per device of its family, its entities of that kind in world order: made
/// once, when first asked for (the world does not change).
#[derive(Default)]
pub struct DeviceMembers([OnceLock<Vec<Arc<Vec<usize>>>>; POSTED_KINDS.len()]);

impl Aria {
    fn posted_members(&self, kind: Kind) -> &[Arc<Vec<usize>>] {
        let slot = POSTED_KINDS.iter().position(|k| *k == kind);
        let slot = slot.expect("only posted kinds are asked for");
        self.databus_members.0[slot].get_or_init(|| {
            let inv = &self.inventory;
            let mut lists = vec![Vec::new(); kind.family().devices(&inv.world)];
            for i in 0..inv.count(kind) {
                let Device(_, d) = inv.device_of(EntityRef::new(kind, i));
                lists[d].push(i);
            }
            lists.into_iter().map(Arc::new).collect()
        })
    }
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
        let starts = self.device_starts().await;
        // Only seconds that have ended are listed: whatever is noted in this one (a change, a
        // heartbeat) then never sorts behind a cursor already served.
        let streams = self.streams(&subscribers, &starts, now - 1).await;
        let (page, total_count) = stream::page(&streams, after.as_ref(), size as usize);
        // Also after the last page: a test polls with it for what comes next.
        let cursor = page.last().map(|d| cursor_of(&d.key));
        let mut results = Vec::with_capacity(page.len());
        let mut context = build::PageContext {
            vcenters: starts.starts(Family::Vcenter),
            visible: Visibility::by(&starts, i64::MAX),
            now,
            applications: Default::default(),
        };
        for d in page {
            let row = &subscribers[d.subscriber];
            results.push(Delivery {
                subscription_id: row.subscriber.id.clone().unwrap_or_default(),
                url: row.subscriber.url.clone(),
                message_group: row.subscriber.message_group.clone(),
                timestamp: d.key.0,
                message: self.message(row, &d, &mut context).await,
            });
        }
        Ok(DeliveryPage {
            results,
            cursor,
            total_count,
        })
    }

    /// Every subscriber's messages: the few listed in one stream, metrics in streams of their
    /// own.
    async fn streams(
        &self,
        subscribers: &[SubscriberRow],
        starts: &CollectionStarts,
        now: i64,
    ) -> Vec<Stream> {
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
        // Application changes likewise, from the earliest subscription to them (a change in
        // the second of the subscription is posted: a test subscribes, then changes).
        let applications_from = (subscribers.iter())
            .filter(|r| {
                matches!(
                    r.subscriber.message_group.as_str(),
                    "application" | "applications"
                )
            })
            .map(from)
            .min();
        let changes_of_applications: Vec<ApplicationChangeRow> = match applications_from {
            Some(f) => {
                let state = self.db.read().await;
                let t = &state.aria().application_changes;
                // At most the 10,000 kept.
                let listed = |c: &&ApplicationChangeRow| (f..=now).contains(&c.timestamp);
                t.values().filter(listed).cloned().collect()
            }
            None => Vec::new(),
        };
        let mut listed = Vec::new();
        let mut streams = Vec::new();
        for (i, row) in subscribers.iter().enumerate() {
            let (seq, from) = (row.seq, from(row));
            let mut push = |at: i64, order: u64, tie: String, body: Body| {
                let key = (at, seq, order, tie);
                listed.push(Due {
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
            let group = row.subscriber.message_group.as_str();
            if group == "problems" {
                for (at, open, id) in changes.iter().filter(|c| c.0 > from) {
                    let tie = format!("{id}|{}", if *open { "OPEN" } else { "CLOSE" });
                    let (id, open) = (id.clone(), *open);
                    push(*at, 1, tie, Body::Problem { id, open });
                }
            }
            if matches!(group, "application" | "applications") {
                for c in changes_of_applications
                    .iter()
                    .filter(|c| c.timestamp >= from)
                {
                    // The change's number orders changes of one second.
                    let tie = format!("{:020}", c.seq);
                    let body = Body::Application {
                        id: c.application.clone(),
                        name: c.name.clone(),
                        status: c.status.clone(),
                    };
                    push(c.timestamp, 1, tie, body);
                }
            }
            if let Some(kind) = inventory_kind(group) {
                let device_starts = starts.starts(kind.family());
                // A filtered `flows` subscriber's flows are posted anew at each change of what
                // they are (E129).
                let names = (kind == Kind::Flow)
                    .then(|| flows::app_names(row))
                    .flatten();
                let since = match &names {
                    Some(names) => self.filtered_since(row, names, starts).await,
                    // A filter taken away or replaced by keys that narrow nothing also changes
                    // what the flows are.
                    None if kind == Kind::Flow => row.created.max(row.filtered),
                    None => row.created,
                };
                let members = self.posted_members(kind);
                let due: Vec<(usize, i64)> = (device_starts.iter().enumerate())
                    .filter_map(|(device, start)| {
                        let at = (start.as_ref()? + FIRST_POLL_SECS).max(row.created);
                        Some((device, at.max(since)))
                    })
                    .filter(|(_, at)| (from..=now).contains(at))
                    .collect();
                // Read only when something is due.
                let narrowing = match (&names, due.is_empty()) {
                    (Some(names), false) => Some(self.app_members(names).await),
                    _ => None,
                };
                for (device, at) in due {
                    let of = match &narrowing {
                        Some(m) => m.narrow(self, &members[device]),
                        None => members[device].clone(),
                    };
                    for (b, chunk) in (0..of.len()).step_by(BATCH).enumerate() {
                        let order = 2 + ((device as u64) << 32) + b as u64;
                        let end = (chunk + BATCH).min(of.len());
                        let (kind, of) = (kind, of.clone());
                        let body = Body::Inventory {
                            kind,
                            of,
                            start: chunk,
                            end,
                        };
                        push(at, order, String::new(), body);
                    }
                }
            }
            for &kind in metric_kinds(group) {
                let slot = METRIC_KINDS.iter().position(|k| *k == kind).unwrap_or(0) as u64;
                let device_starts = starts.starts(kind.family());
                for (device, of) in self.posted_members(kind).iter().enumerate() {
                    let Some(start) = device_starts[device] else {
                        continue;
                    };
                    // Intervals that end after the first poll and the subscription.
                    let since = (start + FIRST_POLL_SECS).max(from);
                    let first = (since.div_euclid(METRIC_SECS) + 1) * METRIC_SECS;
                    let times = if now < first {
                        0
                    } else {
                        (now - first) / METRIC_SECS + 1
                    };
                    streams.push(Stream::Metrics(MetricStream {
                        subscriber: i,
                        seq,
                        kind,
                        defs: Aria::metric_defs(kind),
                        of: of.clone(),
                        order_base: (1 << 62) + (slot << 56) + ((device as u64) << 32),
                        first,
                        times,
                    }));
                }
            }
        }
        listed.sort_by(|a, b| a.key.cmp(&b.key));
        streams.push(Stream::Listed(listed));
        streams
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
}
