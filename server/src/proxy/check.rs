//! Holding an exchange to its operation: the query parameters, the JSON bodies (the `jsonschema`
//! crate, Draft 4 as OpenAPI 3.0 is, validators compiled once per schema and kept), fields no
//! schema names, and the answer's status.

use std::sync::Arc;

use serde_json::{json, Value};

use super::contract::{masked_at, nullable_as_json_schema, Contract, Divergence, Operation};

impl Contract {
    fn validator(
        &self,
        key: String,
        op: &Operation,
        schema: &Value,
    ) -> Option<Arc<jsonschema::Validator>> {
        let mut cache = self.validators.lock().ok()?;
        if let Some(v) = cache.get(&key) {
            return Some(v.clone());
        }
        // The schema's $refs point into #/components: validate against a document that has them.
        let mut doc = schema.clone();
        if let Value::Object(map) = &mut doc {
            map.insert("components".into(), op.spec["components"].clone());
        }
        nullable_as_json_schema(&mut doc);
        let v = Arc::new(
            jsonschema::options()
                .with_draft(jsonschema::Draft::Draft4)
                .build(&doc)
                .ok()?,
        );
        cache.insert(key, v.clone());
        Some(v)
    }

    fn check_body(
        &self,
        op: &Operation,
        key: String,
        schema: &Value,
        body: &[u8],
        place: &str,
        out: &mut Vec<Divergence>,
    ) {
        let Ok(value) = serde_json::from_slice::<Value>(body) else {
            out.push(Divergence {
                place: place.into(),
                pointer: String::new(),
                expected: "must be JSON".into(),
                example: format!("{} bytes that are not", body.len()),
            });
            return;
        };
        let Some(validator) = self.validator(key, op, schema) else {
            return;
        };
        let mut unknown = Vec::new();
        super::fields::Fields { spec: &op.spec }.unknown(schema, &value, "", &mut unknown);
        for pointer in unknown {
            let at = value.pointer(&pointer).unwrap_or(&Value::Null);
            out.push(Divergence {
                place: place.into(),
                example: masked_at(&pointer, at),
                pointer,
                expected: "is not a field of the spec's schema".into(),
            });
        }
        // The common case, answered without building errors.
        if validator.is_valid(&value) {
            return;
        }
        for e in validator.iter_errors(&value) {
            let pointer = e.instance_path.to_string();
            let at = value.pointer(&pointer).unwrap_or(&Value::Null);
            out.push(Divergence {
                place: place.into(),
                example: masked_at(&pointer, at),
                pointer,
                expected: e
                    .to_string()
                    .replace(&serde_json::to_string(at).unwrap_or_default(), "the value"),
            });
        }
    }

    /// How a request departs from its operation: query parameters and the JSON body.
    /// (Query values are text; `scalar` reads them as their schema's type.)
    pub fn check_request(
        &self,
        op: &Operation,
        query: Option<&str>,
        json_body: Option<&[u8]>,
    ) -> Vec<Divergence> {
        let mut out = Vec::new();
        let pairs: Vec<(String, String)> = query
            .map(|q| serde_urlencoded::from_str(q).unwrap_or_default())
            .unwrap_or_default();
        let params = op.parameters();
        for p in params.iter().filter(|p| p["in"] == "query") {
            let name = p["name"].as_str().unwrap_or_default();
            let given = pairs.iter().find(|(k, _)| k == name);
            match given {
                None if p["required"] == json!(true) => out.push(Divergence {
                    place: format!("request.query.{name}"),
                    pointer: String::new(),
                    expected: "is required".into(),
                    example: "absent".into(),
                }),
                None => {}
                Some((_, text)) => {
                    let schema = op.resolve(&p["schema"]).clone();
                    let value = match schema["type"].as_str() {
                        // A list is its key repeated (`a=X&a=Y`), as VMware's SDK sends one.
                        Some("array") => {
                            let items = op.resolve(&schema["items"]).clone();
                            let all = pairs.iter().filter(|(k, _)| k == name);
                            Value::Array(all.map(|(_, t)| scalar(&items, t)).collect())
                        }
                        _ => scalar(&schema, text),
                    };
                    let key = format!("{}:{}:query:{name}", op.api, op.id);
                    self.check_body(
                        op,
                        key,
                        &schema,
                        value.to_string().as_bytes(),
                        &format!("request.query.{name}"),
                        &mut out,
                    );
                }
            }
        }
        for (k, v) in &pairs {
            if !params
                .iter()
                .any(|p| p["in"] == "query" && p["name"] == k.as_str())
            {
                out.push(Divergence {
                    place: format!("request.query.{k}"),
                    pointer: String::new(),
                    expected: "is not a parameter of this operation".into(),
                    example: masked_at(k, &Value::String(v.clone())),
                });
            }
        }
        if let (Some(schema), Some(body)) = (op.request_schema(), json_body) {
            if !body.is_empty() {
                let key = format!("{}:{}:request", op.api, op.id);
                self.check_body(op, key, &schema, body, "request.body", &mut out);
            }
        }
        out
    }

    /// How a response departs: an undocumented status, or a body outside its schema.
    pub fn check_response(
        &self,
        op: &Operation,
        status: u16,
        json: bool,
        body: &[u8],
    ) -> Vec<Divergence> {
        let mut out = Vec::new();
        let Some((_, schema)) = op.response(status) else {
            let documented: Vec<&String> = op.op["responses"]
                .as_object()
                .map(|r| r.keys().collect())
                .unwrap_or_default();
            out.push(Divergence {
                place: "response.status".into(),
                pointer: String::new(),
                expected: format!(
                    "is not documented (documented: {})",
                    documented
                        .iter()
                        .map(|s| s.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                example: status.to_string(),
            });
            return out;
        };
        if let Some(schema) = schema {
            if !json {
                out.push(Divergence {
                    place: "response.body".into(),
                    pointer: String::new(),
                    expected: "must be application/json".into(),
                    example: format!("{} bytes of another type", body.len()),
                });
            } else {
                let key = format!("{}:{}:response:{status}", op.api, op.id);
                self.check_body(op, key, &schema, body, "response.body", &mut out);
            }
        }
        out
    }
}

/// A query value as its schema's type: numbers and booleans parsed, anything else text.
fn scalar(schema: &Value, text: &str) -> Value {
    match schema["type"].as_str() {
        Some("integer") | Some("number") | Some("boolean") => {
            serde_json::from_str(text).unwrap_or(Value::String(text.to_string()))
        }
        _ => Value::String(text.to_string()),
    }
}
