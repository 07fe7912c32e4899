//! `GET /data-sources`: every data source of every type, filtered with the search filter
//! language over the fields all types share, ordered and paged (ERRATA E49).

use std::cmp::Ordering;

use serde_json::Value;

use super::kind::SHARED_FIELDS as FIELDS;
use super::{DataSourceRow, Model};
use crate::aria_networks::errors::AriaError;
use crate::aria_networks::filter_language::{self as filter, like_pattern, Expr, Literal, Op};
use crate::aria_networks::paging::PageRequest;
use crate::aria_networks::Aria;

/// One page of data sources as answered: the shared fields only, a cursor, the total.
pub struct DataSourcePage {
    pub results: Vec<Model>,
    pub cursor: Option<String>,
    pub total: usize,
}

fn field(name: &str) -> Result<&'static str, AriaError> {
    FIELDS.iter().copied().find(|f| *f == name).ok_or_else(|| {
        AriaError::InvalidInput(format!(
            "Unknown data source field {name:?}; filter and order_by take {}",
            FIELDS.join(", ")
        ))
    })
}

/// Every field `expr` names is one of `FIELDS` (checked before any row is read, so that a bad
/// filter is a 400 even when there is nothing to list).
fn check(expr: &Expr) -> Result<(), AriaError> {
    match expr {
        Expr::Or(parts) | Expr::And(parts) => parts.iter().try_for_each(check),
        Expr::Not(e) => check(e),
        Expr::Compare { path, .. } | Expr::In { path, .. } | Expr::Like { path, .. } => {
            field(path).map(|_| ())
        }
    }
}

/// A field's value as text (booleans as `true`/`false`), lower-cased; `""` when absent.
fn text_of(model: &Model, name: &str) -> String {
    match model.get(name) {
        Some(Value::String(s)) => s.to_lowercase(),
        Some(Value::Bool(b)) => b.to_string(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

fn literal(l: &Literal) -> String {
    match l {
        Literal::Text(t) | Literal::Word(t) => t.to_lowercase(),
        Literal::Number(n) => n.to_string(),
    }
}

fn matches(expr: &Expr, model: &Model) -> bool {
    match expr {
        Expr::Or(parts) => parts.iter().any(|e| matches(e, model)),
        Expr::And(parts) => parts.iter().all(|e| matches(e, model)),
        Expr::Not(e) => !matches(e, model),
        Expr::Compare { path, op, value } => {
            let (have, want) = (text_of(model, path), literal(value));
            let order = have.cmp(&want);
            match op {
                Op::Eq => order == Ordering::Equal,
                Op::Ne => order != Ordering::Equal,
                Op::Lt => order == Ordering::Less,
                Op::Le => order != Ordering::Greater,
                Op::Gt => order == Ordering::Greater,
                Op::Ge => order != Ordering::Less,
            }
        }
        Expr::In {
            path,
            values,
            negated,
        } => {
            let have = text_of(model, path);
            values.iter().any(|v| literal(v) == have) != *negated
        }
        Expr::Like {
            path,
            pattern,
            negated,
        } => like_pattern(pattern).is_match(&text_of(model, path)) != *negated,
    }
}

/// `order_by`: a field, then optionally `asc` or `desc`.
fn order(text: &str) -> Result<(&'static str, bool), AriaError> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let descending = match words.get(1).map(|w| w.to_ascii_lowercase()).as_deref() {
        None | Some("asc") => false,
        Some("desc") => true,
        Some(other) => {
            return Err(AriaError::InvalidInput(format!(
                "order_by direction must be asc or desc, not {other:?}"
            )))
        }
    };
    match words.as_slice() {
        [name] | [name, _] => Ok((field(name)?, descending)),
        _ => Err(AriaError::InvalidInput(format!(
            "order_by takes a field and an optional direction, not {text:?}"
        ))),
    }
}

/// What every type shares, as the list answers it (no credentials, settings or secrets).
fn shared(row: &DataSourceRow) -> Model {
    FIELDS
        .iter()
        .filter_map(|f| row.model.get(*f).map(|v| ((*f).to_string(), v.clone())))
        .collect()
}

impl Aria {
    pub async fn list_all_data_sources(
        &self,
        page: PageRequest,
        filter_text: Option<&str>,
        order_by: Option<&str>,
    ) -> Result<DataSourcePage, AriaError> {
        let filter = match filter_text.filter(|t| !t.trim().is_empty()) {
            Some(text) => {
                let expr =
                    filter::parse(text).map_err(|e| AriaError::InvalidInput(e.to_string()))?;
                check(&expr)?;
                Some(expr)
            }
            None => None,
        };
        let order = order_by
            .filter(|t| !t.trim().is_empty())
            .map(order)
            .transpose()?;
        let state = self.db.read().await;
        let table = &state.aria().data_sources;
        if filter.is_none() && order.is_none() {
            // Id order is the table's own: a page costs its size.
            let results: Vec<Model> = table
                .page(page.offset, page.size)
                .into_iter()
                .map(shared)
                .collect();
            let cursor = page.next_cursor(results.len(), table.len())?;
            return Ok(DataSourcePage {
                results,
                cursor,
                total: table.len(),
            });
        }
        let mut rows: Vec<Model> = table
            .values()
            .map(shared)
            .filter(|m| filter.as_ref().is_none_or(|e| matches(e, m)))
            .collect();
        if let Some((name, descending)) = order {
            // Stable: equal values stay in id order.
            rows.sort_by(|a, b| {
                let o = text_of(a, name).cmp(&text_of(b, name));
                if descending {
                    o.reverse()
                } else {
                    o
                }
            });
        }
        let total = rows.len();
        let results: Vec<Model> = rows.into_iter().skip(page.offset).take(page.size).collect();
        let cursor = page.next_cursor(results.len(), total)?;
        Ok(DataSourcePage {
            results,
            cursor,
            total,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_by_names_a_shared_field_and_a_direction() {
        assert_eq!(order("nickname").unwrap(), ("nickname", false));
        assert_eq!(order("ip DESC").unwrap(), ("ip", true));
        assert!(order("password").is_err());
        assert!(order("ip sideways").is_err());
        assert!(order("ip asc extra").is_err());
    }
}
