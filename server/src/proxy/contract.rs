//! The specs as the proxy holds an exchange to them: each operation found by method and path
//! template, its parameters, request body and responses checked with a JSON Schema validator
//! (the `jsonschema` crate, Draft 4 as OpenAPI 3.0 is, `nullable` read as JSON Schema's null).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use regex::Regex;
use serde_json::{json, Value};

pub struct Operation {
    pub api: &'static str,
    pub id: String,
    pub method: String,
    /// The spec's path, base included (`/api/ni/groups/applications/{id}`).
    pub path: String,
    pattern: Regex,
    /// The template's text before its first parameter: a path that does not start with it is
    /// not this operation's, whatever the pattern says.
    prefix: String,
    pub(super) spec: Arc<Value>,
    pub(super) op: Value,
    /// The ERRATA entries the operation's text cites (`E72`): what a divergence bears on.
    pub errata: Vec<String>,
}

/// One way an exchange departs from the spec.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Divergence {
    /// `request.query.size`, `request.body`, `response.status`, `response.body`.
    pub place: String,
    /// JSON pointer into the body (empty for the whole of it, or outside bodies).
    pub pointer: String,
    /// What the spec expects.
    pub expected: String,
    /// The value seen, with text masked (a length and its first characters at most).
    pub example: String,
}

pub struct Contract {
    ops: Vec<Operation>,
    /// Indices into `ops` by the number of segments their templates have (a parameter matches
    /// one segment), in `ops`' order: a request is matched against those alone.
    by_segments: HashMap<usize, Vec<usize>>,
    pub(super) validators: Mutex<HashMap<String, Arc<jsonschema::Validator>>>,
}

fn base_of(spec: &Value) -> String {
    let url = spec["servers"][0]["url"].as_str().unwrap_or_default();
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.find('/')
        .map_or(String::new(), |i| rest[i..].to_string())
}

/// `{name}` matches one segment; the rest of the template is literal (OData's `('{Id}')` too).
fn pattern(path: &str) -> Regex {
    let mut re = String::from("^");
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        re.push_str(&regex::escape(&rest[..open]));
        let close = rest[open..].find('}').map_or(rest.len(), |c| open + c + 1);
        re.push_str("[^/]+");
        rest = &rest[close.min(rest.len())..];
    }
    re.push_str(&regex::escape(rest));
    re.push('$');
    Regex::new(&re).expect("a spec path makes a valid pattern")
}

fn errata_of(op: &Value) -> Vec<String> {
    let text = format!("{} {}", op["summary"], op["description"]);
    let re = Regex::new(r"\bE\d{1,3}\b").expect("valid");
    let mut ids: Vec<String> = re
        .find_iter(&text)
        .map(|m| m.as_str().to_string())
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

/// OpenAPI 3.0's `nullable: true` as JSON Schema says it.
pub(super) fn nullable_as_json_schema(v: &mut Value) {
    match v {
        Value::Object(map) => {
            if map.remove("nullable") == Some(json!(true)) {
                if let Some(Value::String(t)) = map.get("type").cloned() {
                    map.insert("type".into(), json!([t, "null"]));
                }
                if let Some(Value::Array(values)) = map.get_mut("enum") {
                    if !values.contains(&Value::Null) {
                        values.push(Value::Null);
                    }
                }
            }
            map.values_mut().for_each(nullable_as_json_schema);
        }
        Value::Array(items) => items.iter_mut().for_each(nullable_as_json_schema),
        _ => {}
    }
}

/// Whether a field's name says it holds a secret (`password`, `client_secret`, `accessToken`).
pub fn secret_name(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    [
        "password",
        "secret",
        "token",
        "credential",
        "apikey",
        "api_key",
        "passwd",
        "pwd",
    ]
    .iter()
    .any(|s| n.contains(s))
}

/// A value as a report may show it, where `at` names it (a JSON pointer or a parameter): a
/// secret's never, other text by its length and first two characters.
pub fn masked_at(at: &str, v: &Value) -> String {
    let last = at.rsplit('/').next().unwrap_or(at);
    if secret_name(last) {
        return "(a secret, not shown)".into();
    }
    masked(v)
}

/// A value as a report may show it: numbers and booleans as they are, text by its length and
/// first two characters, containers by their size.
pub fn masked(v: &Value) -> String {
    match v {
        Value::String(s) => {
            let head: String = s.chars().take(2).collect();
            format!("\"{head}…\" ({} chars)", s.chars().count())
        }
        Value::Array(a) => format!("an array of {}", a.len()),
        Value::Object(o) => format!("an object with {} keys", o.len()),
        other => other.to_string(),
    }
}

impl Operation {
    pub(super) fn resolve<'a>(&'a self, v: &'a Value) -> &'a Value {
        match v["$ref"].as_str().and_then(|r| r.strip_prefix("#/")) {
            Some(path) => path.split('/').fold(&*self.spec, |node, key| &node[key]),
            None => v,
        }
    }

    /// Its parameters (the path item's included), references resolved.
    pub fn parameters(&self) -> Vec<Value> {
        self.op["parameters"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|p| self.resolve(p).clone())
            .collect()
    }

    /// The JSON schema of the request body, if it has a JSON one.
    pub(super) fn request_schema(&self) -> Option<Value> {
        let body = self.resolve(&self.op["requestBody"]);
        body["content"]["application/json"]["schema"]
            .is_object()
            .then(|| body["content"]["application/json"]["schema"].clone())
    }

    /// The documented response for a status (or `default`), and its JSON schema if any.
    pub(super) fn response(&self, status: u16) -> Option<(Value, Option<Value>)> {
        let responses = &self.op["responses"];
        let r = responses
            .get(status.to_string())
            .or_else(|| responses.get(format!("{}XX", status / 100)))
            .or_else(|| responses.get("default"))?;
        let r = self.resolve(r).clone();
        let schema = r["content"]["application/json"]["schema"].clone();
        Some((r, schema.is_object().then_some(schema)))
    }
}

impl Contract {
    pub fn load() -> Contract {
        let mut ops = Vec::new();
        for (api, text) in crate::specs::APPLIANCES {
            let spec: Value = serde_yaml::from_str(text).expect("the specs parse (tested)");
            let spec = Arc::new(spec);
            let base = base_of(&spec);
            for (path, item) in spec["paths"].as_object().into_iter().flatten() {
                for (method, op) in item.as_object().into_iter().flatten() {
                    if !["get", "put", "post", "delete", "patch"].contains(&method.as_str()) {
                        continue;
                    }
                    let mut op = op.clone();
                    // The path item's parameters apply to each of its operations.
                    if let Some(shared) = item["parameters"].as_array() {
                        let mut all = shared.clone();
                        all.extend(op["parameters"].as_array().cloned().unwrap_or_default());
                        op["parameters"] = Value::Array(all);
                    }
                    let full = format!("{base}{path}");
                    ops.push(Operation {
                        api,
                        id: op["operationId"].as_str().unwrap_or_default().to_string(),
                        method: method.to_uppercase(),
                        pattern: pattern(&full),
                        prefix: full[..full.find('{').unwrap_or(full.len())].to_string(),
                        path: full,
                        errata: errata_of(&op),
                        spec: spec.clone(),
                        op,
                    });
                }
            }
        }
        // Literal segments win over parameters: the template with the most literal text first.
        ops.sort_by_key(|o| std::cmp::Reverse(literal_len(&o.path)));
        let mut by_segments: HashMap<usize, Vec<usize>> = HashMap::new();
        for (i, o) in ops.iter().enumerate() {
            by_segments.entry(segments(&o.path)).or_default().push(i);
        }
        Contract {
            ops,
            by_segments,
            validators: Mutex::new(HashMap::new()),
        }
    }

    /// The operation a request is, if the specs have it.
    /// The path first, then the method, as the appliances' routers do: a literal segment wins
    /// over a parameter whatever the method (`GET /RepositoryProfiles/TestConnection` is that
    /// path's, which has no GET, not `GET /RepositoryProfiles/{id}`'s).
    pub fn find(&self, method: &str, path: &str) -> Option<&Operation> {
        let path = normalized(path);
        // Matching every template's pattern in turn cost tens of microseconds a request
        // (BENCHMARKS.md, the proxy's overhead); most are ruled out by their length or prefix.
        let same_length = || {
            self.by_segments
                .get(&segments(&path))
                .into_iter()
                .flatten()
                .map(|&i| &self.ops[i])
        };
        let template = &same_length()
            .filter(|o| path.starts_with(&o.prefix))
            .find(|o| o.pattern.is_match(&path))?
            .path;
        same_length().find(|o| o.path == *template && o.method == method)
    }
}

/// How many segments a path or template has (`/api/ni/groups/{id}`: 4).
fn segments(path: &str) -> usize {
    path.bytes().filter(|&b| b == b'/').count()
}

/// How much of a template is literal text (parameters left out).
fn literal_len(path: &str) -> usize {
    let mut n = 0;
    let mut inside = false;
    for c in path.chars() {
        match c {
            '{' => inside = true,
            '}' => inside = false,
            _ if !inside => n += 1,
            _ => {}
        }
    }
    n
}

/// The path as the appliances read it: doubled slashes merged, a trailing slash dropped (E48).
pub fn normalized(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        if !(c == '/' && out.ends_with('/')) {
            out.push(c);
        }
    }
    if out.len() > 1 && out.ends_with('/') {
        out.pop();
    }
    out
}
