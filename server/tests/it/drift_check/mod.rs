//! The drift check: does the OpenAPI document that utoipa derives from the generated stubs say
//! the same thing as the hand-authored spec?
//!
//! utoipa writes OpenAPI 3.1 and the specs are 3.0.3, so both sides are first brought to one
//! canonical form: `$ref`s resolved, `nullable` and `type: [T, "null"]` and `oneOf [null, T]`
//! reduced to `T`, documentation-only keywords dropped, string formats dropped (a `password`
//! format is a hint, not a type), integer and number formats kept.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

const METHODS: [&str; 5] = ["get", "put", "post", "delete", "patch"];

/// Every difference between the spec and the stubs, as readable lines
/// (`GET /settings/users: parameter size: type integer != number`). Empty when they agree.
pub fn compare(spec: &Value, stubs: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let spec_ops = operations(spec);
    let stub_ops = operations(stubs);
    for (key, s) in &spec_ops {
        let Some(t) = stub_ops.get(key) else {
            out.push(format!("{key}: in the spec but not in the stubs"));
            continue;
        };
        compare_operation(key, spec, s, stubs, t, &mut out);
    }
    for key in stub_ops.keys() {
        if !spec_ops.contains_key(key) {
            out.push(format!("{key}: in the stubs but not in the spec"));
        }
    }
    out
}

/// Every operation by `METHOD /path`, with the parameters its path item declares for all its
/// operations merged in (an operation's own parameter of the same name and place wins).
fn operations(doc: &Value) -> BTreeMap<String, Value> {
    let mut ops = BTreeMap::new();
    if let Some(paths) = doc.get("paths").and_then(Value::as_object) {
        for (path, item) in paths {
            let shared = item
                .get("parameters")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            for m in METHODS {
                if let Some(op) = item.get(m) {
                    let mut op = op.clone();
                    if !shared.is_empty() {
                        let own = op
                            .get("parameters")
                            .and_then(Value::as_array)
                            .cloned()
                            .unwrap_or_default();
                        let key = |p: &Value| {
                            let p = resolve(doc, p);
                            (p.get("name").cloned(), p.get("in").cloned())
                        };
                        let mut all: Vec<Value> = shared
                            .iter()
                            .filter(|s| !own.iter().any(|o| key(o) == key(s)))
                            .cloned()
                            .collect();
                        all.extend(own);
                        op["parameters"] = Value::Array(all);
                    }
                    ops.insert(format!("{} {path}", m.to_uppercase()), op);
                }
            }
        }
    }
    ops
}

fn compare_operation(
    key: &str,
    sdoc: &Value,
    s: &Value,
    tdoc: &Value,
    t: &Value,
    out: &mut Vec<String>,
) {
    let sid = s.get("operationId");
    let tid = t.get("operationId");
    if sid != tid {
        out.push(format!("{key}: operationId {} != {}", show(sid), show(tid)));
    }

    let sp = parameters(sdoc, s);
    let tp = parameters(tdoc, t);
    for (name, (sreq, sschema)) in &sp {
        match tp.get(name) {
            None => out.push(format!(
                "{key}: parameter {name}: in the spec but not in the stubs"
            )),
            Some((treq, tschema)) => {
                if sreq != treq {
                    out.push(format!(
                        "{key}: parameter {name}: required {sreq} != {treq}"
                    ));
                }
                diff_schema(&format!("{key}: parameter {name}"), sschema, tschema, out);
            }
        }
    }
    for name in tp.keys() {
        if !sp.contains_key(name) {
            out.push(format!(
                "{key}: parameter {name}: in the stubs but not in the spec"
            ));
        }
    }

    let sb = s.get("requestBody").map(|b| resolve(sdoc, b));
    let tb = t.get("requestBody").map(|b| resolve(tdoc, b));
    match (sb, tb) {
        (None, None) => {}
        (Some(_), None) => out.push(format!(
            "{key}: request body: in the spec but not in the stubs"
        )),
        (None, Some(_)) => out.push(format!(
            "{key}: request body: in the stubs but not in the spec"
        )),
        (Some(sb), Some(tb)) => {
            compare_content(&format!("{key}: request body"), sdoc, sb, tdoc, tb, out)
        }
    }

    let sr = responses(sdoc, s);
    let tr = responses(tdoc, t);
    for (status, sresp) in &sr {
        match tr.get(status) {
            None => out.push(format!(
                "{key}: response {status}: in the spec but not in the stubs"
            )),
            Some(tresp) => compare_content(
                &format!("{key}: response {status}"),
                sdoc,
                sresp,
                tdoc,
                tresp,
                out,
            ),
        }
    }
    for status in tr.keys() {
        if !sr.contains_key(status) {
            out.push(format!(
                "{key}: response {status}: in the stubs but not in the spec"
            ));
        }
    }
}

fn parameters(doc: &Value, op: &Value) -> BTreeMap<String, (bool, Value)> {
    let mut out = BTreeMap::new();
    for p in op
        .get("parameters")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let p = resolve(doc, p);
        let name = format!(
            "{} ({})",
            p.get("name").and_then(Value::as_str).unwrap_or("?"),
            p.get("in").and_then(Value::as_str).unwrap_or("?")
        );
        let required = p.get("required").and_then(Value::as_bool).unwrap_or(false);
        let schema = canonical(doc, p.get("schema").unwrap_or(&Value::Null), 0);
        out.insert(name, (required, schema));
    }
    out
}

fn responses<'a>(doc: &'a Value, op: &'a Value) -> BTreeMap<String, &'a Value> {
    op.get("responses")
        .and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .map(|(k, v)| (k.clone(), resolve(doc, v)))
                .collect()
        })
        .unwrap_or_default()
}

fn compare_content(
    at: &str,
    sdoc: &Value,
    s: &Value,
    tdoc: &Value,
    t: &Value,
    out: &mut Vec<String>,
) {
    let empty = Map::new();
    let sc = s
        .get("content")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let tc = t
        .get("content")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    for (ct, smedia) in sc {
        match tc.get(ct) {
            None => out.push(format!(
                "{at}: media type {ct}: in the spec but not in the stubs"
            )),
            Some(tmedia) => {
                let ss = canonical(sdoc, smedia.get("schema").unwrap_or(&Value::Null), 0);
                let ts = canonical(tdoc, tmedia.get("schema").unwrap_or(&Value::Null), 0);
                diff_schema(at, &ss, &ts, out);
            }
        }
    }
    for ct in tc.keys() {
        if !sc.contains_key(ct) {
            out.push(format!(
                "{at}: media type {ct}: in the stubs but not in the spec"
            ));
        }
    }
}

/// Follows a local `$ref` (to any component kind).
fn resolve<'a>(doc: &'a Value, v: &'a Value) -> &'a Value {
    let mut v = v;
    for _ in 0..16 {
        match v.get("$ref").and_then(Value::as_str) {
            Some(r) => match r.strip_prefix('#').and_then(|p| doc.pointer(p)) {
                Some(target) => v = target,
                None => return &Value::Null,
            },
            None => return v,
        }
    }
    v
}

/// The canonical form of a schema: only what both OpenAPI versions mean the same way.
pub fn canonical(doc: &Value, schema: &Value, depth: usize) -> Value {
    if depth > 32 {
        return Value::String("<recursive>".into());
    }
    let schema = resolve(doc, schema);
    let Some(obj) = schema.as_object() else {
        return Value::Null;
    };
    // 3.1 spells an optional reference `oneOf: [{type: null}, {$ref}]`.
    for key in ["oneOf", "anyOf", "allOf"] {
        if let Some(list) = obj.get(key).and_then(Value::as_array) {
            let non_null: Vec<&Value> = list
                .iter()
                .filter(|s| s.get("type").and_then(Value::as_str) != Some("null"))
                .collect();
            if non_null.len() == 1 {
                return canonical(doc, non_null[0], depth + 1);
            }
        }
    }
    // `allOf` of object schemas is one object with every member's properties.
    if let Some(list) = obj.get("allOf").and_then(Value::as_array) {
        let mut props = Map::new();
        let mut required = BTreeSet::new();
        for member in list {
            let c = canonical(doc, member, depth + 1);
            if let Some(p) = c.get("properties").and_then(Value::as_object) {
                props.extend(p.clone());
            }
            let names = c.get("required").and_then(Value::as_array).cloned();
            required.extend(
                names
                    .into_iter()
                    .flatten()
                    .filter_map(|r| r.as_str().map(String::from)),
            );
        }
        let mut out = Map::new();
        out.insert("type".into(), Value::String("object".into()));
        out.insert("properties".into(), Value::Object(props));
        out.insert(
            "required".into(),
            Value::Array(required.into_iter().map(Value::String).collect()),
        );
        return Value::Object(out);
    }
    let mut out = Map::new();
    let ty = match obj.get("type") {
        Some(Value::String(t)) => Some(t.clone()),
        Some(Value::Array(ts)) => {
            let ts: Vec<&str> = ts
                .iter()
                .filter_map(Value::as_str)
                .filter(|t| *t != "null")
                .collect();
            (ts.len() == 1).then(|| ts[0].to_string())
        }
        _ => None,
    };
    if let Some(t) = &ty {
        out.insert("type".into(), Value::String(t.clone()));
        if t == "integer" || t == "number" {
            if let Some(f) = obj.get("format") {
                out.insert("format".into(), f.clone());
            }
        }
    }
    if let Some(values) = obj.get("enum").and_then(Value::as_array) {
        let set: BTreeSet<String> = values
            .iter()
            .filter(|v| !v.is_null())
            .map(|v| v.to_string())
            .collect();
        out.insert(
            "enum".into(),
            Value::Array(set.into_iter().map(Value::String).collect()),
        );
    }
    if let Some(props) = obj.get("properties").and_then(Value::as_object) {
        let canon: Map<String, Value> = props
            .iter()
            .map(|(k, v)| (k.clone(), canonical(doc, v, depth + 1)))
            .collect();
        out.insert("properties".into(), Value::Object(canon));
        let required: BTreeSet<&str> = obj
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        out.insert(
            "required".into(),
            Value::Array(
                required
                    .into_iter()
                    .map(|s| Value::String(s.into()))
                    .collect(),
            ),
        );
    }
    if let Some(items) = obj.get("items") {
        out.insert("items".into(), canonical(doc, items, depth + 1));
    }
    Value::Object(out)
}

fn diff_schema(at: &str, s: &Value, t: &Value, out: &mut Vec<String>) {
    let get = |v: &Value, k: &str| v.get(k).cloned();
    for key in ["type", "format"] {
        let (a, b) = (get(s, key), get(t, key));
        if a != b {
            out.push(format!(
                "{at}: {key} {} != {}",
                show(a.as_ref()),
                show(b.as_ref())
            ));
        }
    }
    if get(s, "enum") != get(t, "enum") {
        out.push(format!(
            "{at}: enum {} != {}",
            show(get(s, "enum").as_ref()),
            show(get(t, "enum").as_ref())
        ));
    }
    let empty = Map::new();
    let sp = s
        .get("properties")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let tp = t
        .get("properties")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    for (name, sv) in sp {
        match tp.get(name) {
            None => out.push(format!(
                "{at}: property {name}: in the spec but not in the stubs"
            )),
            Some(tv) => diff_schema(&format!("{at}: property {name}"), sv, tv, out),
        }
    }
    for name in tp.keys() {
        if !sp.contains_key(name) {
            out.push(format!(
                "{at}: property {name}: in the stubs but not in the spec"
            ));
        }
    }
    if get(s, "required") != get(t, "required") {
        out.push(format!(
            "{at}: required {} != {}",
            show(get(s, "required").as_ref()),
            show(get(t, "required").as_ref())
        ));
    }
    match (s.get("items"), t.get("items")) {
        (Some(a), Some(b)) => diff_schema(&format!("{at}: items"), a, b, out),
        (None, None) => {}
        (a, b) => out.push(format!("{at}: items {} != {}", show(a), show(b))),
    }
}

fn show(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => "(none)".into(),
        Some(Value::String(s)) => s.clone(),
        Some(v) => v.to_string(),
    }
}
