//! Fields a release's models did not have (E125): a property the spec marks with an `x-since`
//! later than the release presented is left out of the answers, wherever the answer's schema
//! reaches it (its `allOf` parts, list items, maps' values, `$ref`s; not the branches of a
//! `oneOf` or `anyOf`, whose choice is the client's), unless the schema requires it. At the
//! newest release the layer is not mounted, so answers pass untouched.

use std::collections::HashMap;
use std::sync::OnceLock;

use axum::body::{to_bytes, Body};
use axum::extract::{MatchedPath, Request, State};
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use axum::middleware::Next;
use axum::response::Response;
use serde_json::Value;

use super::appliance_version::ApplianceVersion;
use super::release_gate::Gate;
use crate::specs::{Declared, Schemas};

/// The most an answer this layer rewrites may hold; a larger one passes whole.
const MAX_BODY: usize = 64 << 20;

/// The spec, and each operation's answers' schemas by method, route and status.
struct Model {
    spec: Value,
    answers: HashMap<(String, String, u16), Value>,
}

fn model() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| {
        let spec: Value = serde_yaml::from_str(crate::specs::ARIA_NETWORKS).unwrap_or(Value::Null);
        let mut answers = HashMap::new();
        for (route, item) in spec["paths"].as_object().into_iter().flatten() {
            for (method, op) in item.as_object().into_iter().flatten() {
                for (status, answer) in op["responses"].as_object().into_iter().flatten() {
                    let schema = &answer["content"]["application/json"]["schema"];
                    if let (Ok(status), false) = (status.parse::<u16>(), schema.is_null()) {
                        let key = (method.to_ascii_uppercase(), route.clone(), status);
                        answers.insert(key, schema.clone());
                    }
                }
            }
        }
        Model { spec, answers }
    })
}

/// The first release of a property, when the spec names one.
fn since(property: &Value) -> Option<ApplianceVersion> {
    property["x-since"].as_str()?.parse().ok()
}

impl Model {
    fn schemas(&self) -> Schemas<'_> {
        Schemas { spec: &self.spec }
    }

    /// Leaves out of `value` what `schema` says came after `release`.
    fn strip(&self, schema: &Value, value: &mut Value, release: ApplianceVersion) {
        let schema = self.schemas().resolve(schema);
        match value {
            Value::Object(map) => {
                let mut declared = Declared::default();
                self.schemas().declared(schema, &mut declared);
                let property = |k: &str| declared.property(k);
                map.retain(|k, _| {
                    let later = property(k).and_then(since).is_some_and(|s| s > release);
                    !later || declared.required.contains(&k.as_str())
                });
                let others = &schema["additionalProperties"];
                for (k, v) in map.iter_mut() {
                    match property(k) {
                        Some(p) => self.strip(p, v, release),
                        None if others.is_object() => self.strip(others, v, release),
                        None => {}
                    }
                }
            }
            Value::Array(items) if schema["items"].is_object() => {
                for v in items {
                    self.strip(&schema["items"], v, release);
                }
            }
            _ => {}
        }
    }
}

/// The layer: rewrites a JSON answer of an operation whose schema names later fields.
pub async fn strip_later_fields(State(g): State<Gate>, req: Request, next: Next) -> Response {
    let route = req.extensions().get::<MatchedPath>().map(|m| {
        let m = m.as_str();
        m.strip_prefix(g.base).unwrap_or(m).to_string()
    });
    let method = req.method().as_str().to_string();
    let response = next.run(req).await;
    let Some(route) = route else {
        return response;
    };
    let key = (method, route, response.status().as_u16());
    let Some(schema) = model().answers.get(&key) else {
        return response;
    };
    let json = (response.headers().get(CONTENT_TYPE))
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !json {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_BODY).await else {
        return Response::from_parts(parts, Body::empty());
    };
    let Ok(mut value) = serde_json::from_slice::<Value>(&bytes) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    model().strip(schema, &mut value, g.version);
    let bytes = serde_json::to_vec(&value).unwrap_or_else(|_| bytes.to_vec());
    parts.headers.remove(CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(bytes))
}

/// Whether any field of the spec came after `release`: else the layer need not be mounted.
pub fn any_later_than(release: ApplianceVersion) -> bool {
    fn walk(v: &Value, release: ApplianceVersion) -> bool {
        match v {
            Value::Object(map) => {
                let later = (map.get("properties").and_then(Value::as_object))
                    .is_some_and(|p| p.values().any(|p| since(p).is_some_and(|s| s > release)));
                later || map.values().any(|v| walk(v, release))
            }
            Value::Array(items) => items.iter().any(|v| walk(v, release)),
            _ => false,
        }
    }
    // The newest release has every field: no need to parse the spec at start-up.
    let newest = ApplianceVersion::ALL[ApplianceVersion::ALL.len() - 1];
    release < newest && walk(&model().spec["components"], release)
}
