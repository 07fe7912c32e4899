//! Bulk data-source calls (E91): adding from a CSV in the layout of VMware's own example, and
//! enabling, disabling, deleting or retagging several data sources; each call one change whose
//! report `view-details` answers. A row or data source that fails is reported and changes
//! nothing; the others are made.

use std::collections::HashMap;

use serde_json::{json, Value};

use super::checks;
use super::kind::Credentials;
use super::rows::{self, BulkReportRow, LendTables, Tables};
use super::{DataSourceKind, Model};
use crate::aria_networks::config::AriaNodeConfig;
use crate::aria_networks::csv_upload;
use crate::aria_networks::errors::AriaError;
use crate::aria_networks::nodes::node_id;
use crate::aria_networks::Aria;
use crate::generated::aria_networks::types;
use crate::store::Table;
use crate::stub::FormData;

/// The reports kept; older ones are forgotten.
const KEPT_REPORTS: usize = 100;
/// The most rows or data sources one call may name.
const MAX_ITEMS: usize = 1000;
/// The columns a bulk add needs (VMware's example has these and more).
const NEEDED: [&str; 5] = ["datasourcetype", "ip", "fqdn", "nickname", "proxyip"];

/// What each item came to: ids made or changed, and the rest with why.
#[derive(Default)]
struct Outcome {
    done: Vec<String>,
    failed: Vec<types::DataSourceDetails>,
}

impl Outcome {
    fn fail(&mut self, entity_id: String, reason: impl ToString) {
        self.failed.push(types::DataSourceDetails {
            entity_id,
            reason: reason.to_string(),
        });
    }
}

/// Stores the report of one call and answers its id.
fn keep(reports: &mut Table<BulkReportRow>, o: Outcome) -> types::BulkRequestAccepted {
    let seq = reports.next_seq();
    let report = types::BulkOperationReportResponse {
        total_count: (o.done.len() + o.failed.len()) as i32,
        success_count: o.done.len() as i32,
        failed_count: o.failed.len() as i32,
        successful_data_sources: o.done,
        failed_data_sources: o.failed,
    };
    let request_id = format!("bulk-{seq}");
    reports.insert(request_id.clone(), BulkReportRow { seq, report });
    reports.drop_oldest(KEPT_REPORTS, None);
    types::BulkRequestAccepted { request_id }
}

fn flag(text: &str, column: &str) -> Result<bool, String> {
    match text.to_ascii_lowercase().as_str() {
        "true" | "yes" => Ok(true),
        "false" | "no" => Ok(false),
        _ => Err(format!("{column} {text:?} is not TRUE or FALSE")),
    }
}

/// The add request one CSV row stands for.
fn request(
    row: &HashMap<String, String>,
    nodes: &[AriaNodeConfig],
    addresses: &Table<String>,
) -> Result<(DataSourceKind, Model), String> {
    let col = |name: &str| row.get(name).map(String::as_str).unwrap_or("").trim();
    let named = col("datasourcetype");
    let kind = DataSourceKind::ALL
        .into_iter()
        .find(|k| k.entity_type().eq_ignore_ascii_case(named) || k.segment() == named)
        .ok_or_else(|| format!("DataSourceType {named:?} is not a data-source type"))?;
    if !matches!(
        kind.credentials(),
        Credentials::Password | Credentials::OptionalPassword | Credentials::None
    ) {
        return Err(format!(
            "A {} data source cannot be added in bulk: its credentials have no column",
            kind.label()
        ));
    }
    let proxy = nodes
        .iter()
        .find(|n| n.ip_address == col("proxyip"))
        .map(node_id)
        .ok_or_else(|| format!("ProxyIP {:?} is not a node's address", col("proxyip")))?;
    let mut m = Model::new();
    for (field, column) in [("ip", "ip"), ("fqdn", "fqdn"), ("nickname", "nickname")] {
        if !col(column).is_empty() {
            m.insert(field.into(), json!(col(column)));
        }
    }
    m.insert("proxy_id".into(), json!(proxy));
    m.insert("enabled".into(), json!(true));
    if !col("username").is_empty() {
        m.insert(
            "credentials".into(),
            json!({"username": col("username"), "password": col("password")}),
        );
    }
    if kind == DataSourceKind::VmcNsxmanagers && !col("csprefreshtoken").is_empty() {
        m.insert("csp_refresh_token".into(), json!(col("csprefreshtoken")));
    }
    if kind.needs_vcenter() {
        let parent = col("parentvcenter").to_ascii_lowercase();
        let id = ["ip", "fqdn"]
            .iter()
            .find_map(|f| addresses.get(&format!("vcenters {f} {parent}")))
            .ok_or_else(|| format!("ParentvCenter {parent:?} is no vCenter data source"))?;
        m.insert("vcenter_id".into(), json!(id));
    }
    let flags: &[(&str, &str)] = match kind {
        DataSourceKind::NsxvManagers => &[
            ("centralclienabled", "central_cli_enabled"),
            ("ipfixenabled", "ipfix_enabled"),
        ],
        DataSourceKind::VmcNsxmanagers => &[("ipfixenabled", "ipfix_enabled")],
        DataSourceKind::Vcenters => &[("isvmc", "is_vmc")],
        _ => &[],
    };
    for (column, field) in flags {
        if !col(column).is_empty() {
            m.insert((*field).into(), json!(flag(col(column), column)?));
        }
    }
    let switch_type = col("switchtype");
    if !switch_type.is_empty() {
        let known = match kind {
            DataSourceKind::CiscoSwitches => switch_type.parse::<types::CiscoSwitchType>().is_ok(),
            // Only a Dell switch has one (E52); an OS10 switch has none.
            DataSourceKind::DellSwitches => switch_type.parse::<types::DellSwitchType>().is_ok(),
            _ => false,
        };
        if !known {
            return Err(format!(
                "SwitchType {switch_type:?} is not one a {} data source has",
                kind.label()
            ));
        }
        m.insert("switch_type".into(), json!(switch_type));
    }
    Ok((kind, m))
}

/// One CSV record: its line, and its fields by column (lower-cased), or why it cannot be read.
type Record = (u64, Result<HashMap<String, String>, String>);

/// The CSV's records; the header must name [`NEEDED`], and there must be 1 to [`MAX_ITEMS`]
/// records. A record whose field count is not the header's is set aside (its columns would
/// shift, a password's comma moving a secret into another field).
fn csv_rows(bytes: &[u8]) -> Result<Vec<Record>, AriaError> {
    let bad = |m: String| AriaError::InvalidInput(m);
    let text = csv_upload::text(bytes, "attachment")?;
    let mut reader = csv_upload::reader(text, true);
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| bad(format!("attachment is not CSV: {e}")))?
        .iter()
        .map(str::to_ascii_lowercase)
        .collect();
    if let Some(missing) = NEEDED.iter().find(|n| !header.iter().any(|h| h == *n)) {
        return Err(bad(format!("the CSV's header has no {missing} column")));
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| bad(format!("attachment is not CSV: {e}")))?;
        let line = record.position().map_or(0, csv::Position::line);
        let fields = if record.len() == header.len() {
            Ok(header
                .iter()
                .cloned()
                .zip(record.iter().map(String::from))
                .collect())
        } else {
            Err(format!(
                "{} fields, the header has {}",
                record.len(),
                header.len()
            ))
        };
        rows.push((line, fields));
        if rows.len() > MAX_ITEMS {
            return Err(bad(format!("the CSV has more than {MAX_ITEMS} rows")));
        }
    }
    if rows.is_empty() {
        return Err(bad("the CSV has no rows".into()));
    }
    Ok(rows)
}

/// Applies one data source's tag fields to its tags.
fn retag(model: &mut Model, fields: &[types::BulkDataSourceEntityFields]) -> Result<(), String> {
    use types::BulkDataSourceEntityFieldsActionOnField as Action;
    let mut tags: Vec<(String, String)> = model
        .get("tags")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|t| {
            let text = |k: &str| t.get(k).and_then(Value::as_str).unwrap_or("").to_string();
            (text("tag_key"), text("tag_value"))
        })
        .collect();
    let value = |f: &types::BulkDataSourceEntityFields| f.value.clone().unwrap_or_default();
    let overrides: Vec<_> = (fields.iter())
        .filter(|f| f.action_on_field == Some(Action::OverrideTags))
        .map(|f| (f.key.clone(), value(f)))
        .collect();
    if !overrides.is_empty() {
        tags = overrides;
    }
    for f in fields {
        match f.action_on_field {
            None => return Err(format!("field {:?} needs action_on_field", f.key)),
            Some(Action::AddTags) if !tags.iter().any(|t| t.0 == f.key && t.1 == value(f)) => {
                tags.push((f.key.clone(), value(f)));
            }
            Some(Action::RemoveTags) => {
                tags.retain(|t| !(t.0 == f.key && (value(f).is_empty() || t.1 == value(f))));
            }
            _ => {}
        }
    }
    let tags: Vec<Value> = (tags.into_iter())
        .map(|(k, v)| json!({"tag_key": k, "tag_value": v}))
        .collect();
    model.insert("tags".into(), Value::Array(tags));
    Ok(())
}

impl Aria {
    pub async fn bulk_add_data_sources(
        &self,
        form: FormData,
    ) -> Result<types::BulkRequestAccepted, AriaError> {
        let part = form.part("attachment").ok_or_else(|| {
            AriaError::InvalidInput("the body needs a part named attachment".into())
        })?;
        let rows = csv_rows(&part.bytes)?;
        let now = self.clock.now_secs();
        let nodes = &self.config.nodes;
        let world = &self.inventory.world;
        self.db
            .write(|s| {
                let coverage = self.coverage(s.aria(), now);
                let t: &mut Tables<'_> = &mut s.aria_mut().data_source_tables();
                let mut o = Outcome::default();
                for (line, row) in &rows {
                    let row = match row {
                        Ok(row) => row,
                        Err(why) => {
                            o.fail(format!("row {line}"), why);
                            continue;
                        }
                    };
                    let address = ["ip", "fqdn", "nickname"]
                        .iter()
                        .find_map(|c| row.get(*c).filter(|v| !v.is_empty()))
                        .map_or(String::new(), |a| format!(" ({a})"));
                    let label = format!("row {line}{address}");
                    let made = request(row, nodes, t.addresses)
                        .map_err(AriaError::InvalidInput)
                        .and_then(|(kind, m)| {
                            coverage.check(kind.segment(), kind.label())?;
                            Ok((kind, checks::add(kind, m, nodes)?))
                        })
                        .and_then(|(kind, checked)| rows::insert(t, kind, checked, now, world));
                    match made {
                        Ok(model) => o.done.push(
                            model
                                .get("entity_id")
                                .and_then(Value::as_str)
                                .unwrap_or("")
                                .into(),
                        ),
                        Err(e) => o.fail(label, e),
                    }
                }
                Ok(keep(t.bulk_reports, o))
            })
            .await
    }

    pub async fn bulk_data_source_operation(
        &self,
        body: &types::BulkDataSourceRequest,
    ) -> Result<types::BulkRequestAccepted, AriaError> {
        use types::BulkDataSourceRequestActionType as Action;
        if body.data_sources.is_empty() || body.data_sources.len() > MAX_ITEMS {
            return Err(AriaError::InvalidInput(format!(
                "data_sources must name 1 to {MAX_ITEMS} data sources"
            )));
        }
        let now = self.clock.now_secs();
        self.db
            .write(|s| {
                let coverage = self.coverage(s.aria(), now);
                let t: &mut Tables<'_> = &mut s.aria_mut().data_source_tables();
                let mut o = Outcome::default();
                for item in &body.data_sources {
                    let id = item.entity_id.clone();
                    let Some(mut row) = t.data_sources.get(&id).cloned() else {
                        o.fail(id.clone(), format!("No data source with id {id}"));
                        continue;
                    };
                    match body.action_type {
                        Action::Enable | Action::Disable => {
                            let on = body.action_type == Action::Enable;
                            if on && row.collecting_since.is_none() {
                                let kind = row.kind;
                                if let Err(e) = coverage.check(kind.segment(), kind.label()) {
                                    o.fail(id, e);
                                    continue;
                                }
                            }
                            rows::set_enabled(t, &id, row, on, now);
                        }
                        Action::Delete => rows::remove(t, &id),
                        Action::Update if !row.kind.has_tags() => {
                            o.fail(
                                id,
                                format!("A {} data source has no tags", row.kind.label()),
                            );
                            continue;
                        }
                        Action::Update => {
                            if let Err(why) = retag(&mut row.model, &item.fields) {
                                o.fail(id, why);
                                continue;
                            }
                            row.modified_secs = now;
                            t.data_sources.insert(id.clone(), row);
                        }
                    }
                    o.done.push(id);
                }
                Ok(keep(t.bulk_reports, o))
            })
            .await
    }

    pub async fn bulk_report(
        &self,
        request_id: &str,
    ) -> Result<types::BulkOperationReportResponse, AriaError> {
        let state = self.db.read().await;
        let row = state.aria().bulk_reports.get(request_id).cloned();
        row.map(|r| r.report)
            .ok_or_else(|| AriaError::NotFound(format!("No bulk request with id {request_id}")))
    }
}
