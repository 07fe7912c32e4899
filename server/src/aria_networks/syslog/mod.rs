//! Syslog forwarding (the `Syslog` tag, E114): the servers logs would go to, which of the
//! appliance's sources log to which, and whether forwarding is on. Servers are stored and
//! checked, never contacted; a test log answers the line it would send.

mod api;

use std::net::IpAddr;

use super::errors::AriaError;
use super::nodes::node_id;
use super::outbox::Message;
use super::tables::{AriaTables, SyslogStatusRow, SyslogTargetRow, SYSLOG_STATUS};
use super::Aria;
use crate::generated::aria_networks::types;

const MAX_TARGETS: usize = 5;
const DEFAULT_PORT: i32 = 514;
const SOURCES: [&str; 4] = ["platform", "collector", "niEvents", "auditLogs"];

fn bad(message: String) -> AriaError {
    AriaError::InvalidInput(message)
}

fn not_found(key: &str) -> AriaError {
    AriaError::NotFound(format!("No syslog server {key}"))
}

/// The key a server is stored under: its address or name in lower case.
fn key(ip_or_fqdn: &str) -> Result<String, AriaError> {
    let text = ip_or_fqdn.trim();
    let name_like = |c: char| c.is_ascii_alphanumeric() || c == '.' || c == '-';
    let valid = text.parse::<IpAddr>().is_ok()
        || (!text.is_empty() && text.len() <= 253 && text.chars().all(name_like));
    if !valid {
        return Err(bad(format!(
            "ip_or_fqdn: {ip_or_fqdn:?} is not an IP address or host name"
        )));
    }
    Ok(text.to_ascii_lowercase())
}

impl Aria {
    /// The ids of the nodes present (configured, not removed).
    fn node_ids(&self, t: &AriaTables) -> Vec<String> {
        (self.config.nodes.iter())
            .map(node_id)
            .filter(|id| !t.removed_nodes.contains(id))
            .collect()
    }

    /// The body checked: canonical key, port, protocol and collector.
    fn checked_target(
        &self,
        t: &AriaTables,
        body: &types::SyslogTarget,
    ) -> Result<types::SyslogTarget, AriaError> {
        let ip_or_fqdn = key(&body.ip_or_fqdn)?;
        let port = body.port.unwrap_or(DEFAULT_PORT);
        if !(1..=65_535).contains(&port) {
            return Err(bad(format!("port: {port} is not 1 to 65535")));
        }
        let protocol = body.protocol.as_deref().unwrap_or("UDP");
        if !protocol.eq_ignore_ascii_case("UDP") {
            return Err(bad(format!(
                "protocol: {protocol:?}; only UDP is supported"
            )));
        }
        if let Some(c) = &body.collector_id {
            if !self.node_ids(t).contains(c) {
                return Err(bad(format!("collector_id: no node {c}")));
            }
        }
        Ok(types::SyslogTarget {
            ip_or_fqdn,
            port: Some(port),
            protocol: Some("UDP".into()),
            nick_name: body.nick_name.clone(),
            collector_id: body.collector_id.clone(),
        })
    }

    pub async fn syslog_targets(&self) -> types::SyslogTargetListResponse {
        let state = self.db.read().await;
        let mut rows: Vec<&SyslogTargetRow> = state.aria().syslog_targets.values().collect();
        rows.sort_by_key(|r| r.seq);
        types::SyslogTargetListResponse {
            data: rows.into_iter().map(|r| r.target.clone()).collect(),
        }
    }

    pub async fn add_syslog_target(
        &self,
        body: &types::SyslogTarget,
    ) -> Result<types::SyslogTarget, AriaError> {
        self.db
            .write(|s| {
                let target = self.checked_target(s.aria(), body)?;
                let t = &mut s.aria_mut().syslog_targets;
                if t.contains(&target.ip_or_fqdn) {
                    return Err(bad(format!(
                        "The syslog server {} exists",
                        target.ip_or_fqdn
                    )));
                }
                if t.len() >= MAX_TARGETS {
                    return Err(bad(format!("At most {MAX_TARGETS} syslog servers")));
                }
                let seq = t.values().map(|r| r.seq + 1).max().unwrap_or(0);
                let row = SyslogTargetRow {
                    seq,
                    target: target.clone(),
                };
                t.insert(target.ip_or_fqdn.clone(), row);
                Ok(target)
            })
            .await
    }

    pub async fn update_syslog_target(
        &self,
        ip_or_fqdn: &str,
        body: &types::SyslogTarget,
    ) -> Result<types::SyslogTarget, AriaError> {
        let at = key(ip_or_fqdn)?;
        self.db
            .write(|s| {
                let target = self.checked_target(s.aria(), body)?;
                if target.ip_or_fqdn != at {
                    return Err(bad(format!(
                        "ip_or_fqdn: {} is not the path's {at}; add the other server instead",
                        target.ip_or_fqdn
                    )));
                }
                let t = &mut s.aria_mut().syslog_targets;
                let mut row = t.get(&at).cloned().ok_or_else(|| not_found(&at))?;
                row.target = target.clone();
                t.insert(at.clone(), row);
                Ok(target)
            })
            .await
    }

    pub async fn delete_syslog_target(&self, ip_or_fqdn: &str) -> Result<(), AriaError> {
        // A name that is no address or host name names no server.
        let at = key(ip_or_fqdn).map_err(|_| not_found(ip_or_fqdn))?;
        self.db
            .write(|s| {
                let t = s.aria_mut();
                t.syslog_targets.remove(&at).ok_or_else(|| not_found(&at))?;
                t.syslog_mappings
                    .retain(|m| m.syslog_ip.as_deref() != Some(at.as_str()));
                Ok(())
            })
            .await
    }

    pub async fn syslog_mapping(&self) -> types::SyslogMapperResponse {
        let state = self.db.read().await;
        types::SyslogMapperResponse {
            data: state.aria().syslog_mappings.values().cloned().collect(),
        }
    }

    /// Applies every entry or none.
    pub async fn update_syslog_mapping(
        &self,
        entries: &[types::SyslogMapperRequestInner],
    ) -> Result<types::SyslogMapperResponse, AriaError> {
        self.db
            .write(|s| {
                let nodes = self.node_ids(s.aria());
                let t = s.aria_mut();
                for e in entries {
                    let source = (SOURCES.iter())
                        .find(|s| s.eq_ignore_ascii_case(e.syslog_source.trim()))
                        .ok_or_else(|| {
                            bad(format!(
                                "syslog_source: {:?} is not one of {}",
                                e.syslog_source,
                                SOURCES.join(", ")
                            ))
                        })?;
                    let unmapping = e.syslog_ip.as_deref().is_none_or(|ip| ip.trim().is_empty());
                    let slot = match (*source, &e.collector_id) {
                        // A removed node's mapping can still be taken away.
                        ("collector", Some(c)) if unmapping || nodes.contains(c) => {
                            format!("collector:{c}")
                        }
                        ("collector", Some(c)) => {
                            return Err(bad(format!("collector_id: no node {c}")))
                        }
                        ("collector", None) => {
                            return Err(bad("collector_id is needed for a collector".into()))
                        }
                        (source, _) => source.to_string(),
                    };
                    match e.syslog_ip.as_deref().filter(|ip| !ip.trim().is_empty()) {
                        None => {
                            t.syslog_mappings.remove(&slot);
                        }
                        Some(ip) => {
                            let server = key(ip)?;
                            if !t.syslog_targets.contains(&server) {
                                return Err(bad(format!("syslog_ip: no syslog server {server}")));
                            }
                            let mapping = types::SyslogMapperRequestInner {
                                syslog_source: source.to_string(),
                                collector_id: (*source == "collector")
                                    .then(|| e.collector_id.clone())
                                    .flatten(),
                                syslog_ip: Some(server),
                            };
                            t.syslog_mappings.insert(slot, mapping);
                        }
                    }
                }
                Ok(types::SyslogMapperResponse {
                    data: t.syslog_mappings.values().cloned().collect(),
                })
            })
            .await
    }

    pub async fn syslog_status(&self) -> types::SyslogStatus {
        let state = self.db.read().await;
        answer(state.aria().syslog_status.get(SYSLOG_STATUS))
    }

    pub async fn set_syslog_status(
        &self,
        body: &types::SyslogStatus,
    ) -> Result<types::SyslogStatus, AriaError> {
        let now_ms = self.clock.now_secs() * 1000;
        self.db
            .write(|s| {
                let t = &mut s.aria_mut().syslog_status;
                let was = t.get(SYSLOG_STATUS).is_some_and(|r| r.enabled);
                if was != body.enabled {
                    let row = SyslogStatusRow {
                        enabled: body.enabled,
                        change_time: now_ms,
                    };
                    t.insert(SYSLOG_STATUS.into(), row);
                }
                Ok(answer(t.get(SYSLOG_STATUS)))
            })
            .await
    }

    /// The line a test log would be, to a configured server while forwarding is on.
    pub async fn syslog_test(
        &self,
        body: &types::SyslogTarget,
    ) -> Result<types::StatusResponse, AriaError> {
        let at = key(&body.ip_or_fqdn)?;
        let state = self.db.read().await;
        let t = state.aria();
        let row = t.syslog_targets.get(&at).ok_or_else(|| {
            bad(format!(
                "ip_or_fqdn: {at} is not a configured syslog server"
            ))
        })?;
        if !t
            .syslog_status
            .get(SYSLOG_STATUS)
            .is_some_and(|r| r.enabled)
        {
            return Err(bad("Syslog forwarding is disabled; enable it first".into()));
        }
        let host = self
            .config
            .nodes
            .first()
            .map_or("platform", |n| n.name.as_str());
        let time = crate::clock::rfc3339(self.clock.now_secs() * 1000);
        // user.notice (1 * 8 + 5), RFC 5424.
        let line = format!(
            "<13>1 {time} {host} vrni - - - Test message from VMware Aria Operations for Networks"
        );
        let port = row.target.port.unwrap_or(DEFAULT_PORT);
        drop(state);
        let destination = format!("{at}:{port}");
        let message = format!("Would send over UDP to {destination}: {line}");
        self.send(Message {
            kind: "syslog",
            destination,
            protocol: "UDP",
            text: line,
        })
        .await?;
        Ok(types::StatusResponse {
            status: true,
            message,
        })
    }
}

fn answer(row: Option<&SyslogStatusRow>) -> types::SyslogStatus {
    let enabled = row.is_some_and(|r| r.enabled);
    types::SyslogStatus {
        enabled,
        change_time: row.map(|r| r.change_time),
        message: Some(format!(
            "Syslog forwarding is {}",
            if enabled { "enabled" } else { "disabled" }
        )),
    }
}
