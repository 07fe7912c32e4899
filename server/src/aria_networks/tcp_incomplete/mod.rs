//! Incomplete TCP sessions: handshakes to a VM that no one answered, counted per source VM and
//! destination port over one interval (E88). One TCP flow to a VM in eight is unanswered (chosen
//! by its id); each session of such a flow is a SYN sent three times, so its sessions over an
//! interval are its packets there (the metrics' own figures, E83) divided by three.
//!
//! - `api`: the `Incomplete TCP flow sessions` tag, translated to the functions here

mod api;

use std::collections::BTreeMap;

use super::errors::AriaError;
use super::inventory::{EntityRef, Kind};
use super::Aria;
use crate::generated::aria_networks::types;

/// The interval lengths offered, minutes.
const RESOLUTIONS: [i32; 2] = [5, 30];
/// The most rows one call answers.
const MAX_LIMIT: i32 = 1000;
/// The SYNs an unanswered session sends before it gives up.
const SYNS_PER_SESSION: f64 = 3.0;

/// What a drill-down asks: the VM, the interval and how many rows from where.
pub struct Ask<'a> {
    pub destination: &'a str,
    pub resolution_in_minutes: i32,
    pub end_time_ms: i64,
    pub start: i32,
    pub limit: i32,
}

/// The rows, most sessions first, and the interval in epoch milliseconds.
pub struct Drill {
    pub rows: Vec<types::IncompleteSessionDrillDownResponse>,
    pub start_ms: i64,
    pub end_ms: i64,
}

impl Aria {
    /// Every row of the drill-down, ranked, before paging.
    async fn incomplete_rows(&self, ask: &Ask<'_>) -> Result<Drill, AriaError> {
        let bad = |m: String| Err(AriaError::InvalidInput(m));
        if !RESOLUTIONS.contains(&ask.resolution_in_minutes) {
            return bad(format!(
                "resolution_in_minutes must be 5 or 30, not {}",
                ask.resolution_in_minutes
            ));
        }
        if ask.end_time_ms < 0 {
            return bad("end_time must be epoch milliseconds, not before 1970".into());
        }
        if !(1..=MAX_LIMIT).contains(&ask.limit) {
            return bad(format!("limit must be 1 to {MAX_LIMIT}, not {}", ask.limit));
        }
        if ask.start < 0 {
            return bad(format!("start must be 0 or more, not {}", ask.start));
        }
        let inv = &self.inventory;
        let missing = || AriaError::NotFound(format!("No entity with id {}", ask.destination));
        let e = inv.find(ask.destination).ok_or_else(missing)?;
        let visible = self.visibility().await;
        if !visible.sees(inv, e) {
            return Err(missing());
        }
        if e.kind != Kind::Vm {
            return bad(format!(
                "destination_vm_entity_id must be a VirtualMachine, not a {}",
                e.kind.entity_type()
            ));
        }
        let end = ask.end_time_ms.div_euclid(1000);
        let start = (end - i64::from(ask.resolution_in_minutes) * 60).max(0);
        // Only what has happened by now is counted.
        let until = end.min(self.clock.now_secs());
        let mut counts: BTreeMap<(usize, u16), u64> = BTreeMap::new();
        if until > start {
            for &f in self.unanswered_tcp_flows(e.index) {
                let flow = &inv.workload.flows[f];
                let source = EntityRef::vm(flow.source);
                if !visible.sees(inv, source) {
                    continue;
                }
                let sessions =
                    (self.flow_packets(f, start, until - start) / SYNS_PER_SESSION) as u64;
                if sessions > 0 {
                    *counts.entry((flow.source, flow.port)).or_default() += sessions;
                }
            }
        }
        let mut ranked: Vec<((usize, u16), u64)> = counts.into_iter().collect();
        let vms = &inv.workload.vms;
        ranked.sort_by(|((a, pa), ca), ((b, pb), cb)| {
            (cb.cmp(ca))
                .then_with(|| vms[*a].name.cmp(&vms[*b].name))
                .then(pa.cmp(pb))
        });
        let rows = ranked
            .into_iter()
            .map(
                |((vm, port), count)| types::IncompleteSessionDrillDownResponse {
                    src_entity: vms[vm].name.clone(),
                    src_entity_id: (inv.id(EntityRef::vm(vm))).to_string(),
                    src_entity_type: Kind::Vm.entity_type().to_string(),
                    dst_port: port.to_string(),
                    firewall_rule: None,
                    firewall_rule_id: None,
                    incomplete_tcp_session_count: count as i64,
                },
            )
            .collect();
        // The interval as asked, to the millisecond (counted in whole seconds).
        let length_ms = i64::from(ask.resolution_in_minutes) * 60_000;
        Ok(Drill {
            rows,
            start_ms: (ask.end_time_ms - length_ms).max(0),
            end_ms: ask.end_time_ms,
        })
    }

    /// `GET /flows/tcp-incomplete/list`.
    pub async fn incomplete_sessions(
        &self,
        ask: &Ask<'_>,
    ) -> Result<types::IncompleteSessionDrillDownListResponse, AriaError> {
        let drill = self.incomplete_rows(ask).await?;
        let total = drill.rows.len() as i64;
        let results = (drill.rows.into_iter())
            .skip(ask.start as usize)
            .take(ask.limit as usize)
            .collect();
        Ok(types::IncompleteSessionDrillDownListResponse {
            results,
            start_time: drill.start_ms,
            end_time: drill.end_ms,
            total_count: total,
        })
    }

    /// `POST /flows/tcp-incomplete/csv-export`: the first `limit` rows as CSV.
    pub async fn incomplete_sessions_csv(&self, ask: &Ask<'_>) -> Result<Vec<u8>, AriaError> {
        let drill = self.incomplete_rows(ask).await?;
        let mut out = String::from(
            "source,source_entity_id,source_entity_type,destination_port,firewall_rule,incomplete_tcp_sessions\r\n",
        );
        for r in drill.rows.iter().take(ask.limit as usize) {
            let fields = [
                r.src_entity.as_str(),
                &r.src_entity_id,
                &r.src_entity_type,
                &r.dst_port,
                r.firewall_rule.as_deref().unwrap_or(""),
                &r.incomplete_tcp_session_count.to_string(),
            ];
            let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
            out.push_str(&line.join(","));
            out.push_str("\r\n");
        }
        Ok(out.into_bytes())
    }
}

/// A CSV field (RFC 4180): quoted, its quotes doubled, when it holds a comma, quote or line end.
fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}
