//! Fields the spec does not name. JSON Schema lets an object carry any other key unless it says
//! otherwise, and the specs do not say so (the appliances' Java stacks ignore unknown input), so
//! the validator cannot see them; this walks a body alongside its schema and names each key that
//! no `properties` of the object's schema (or of the schemas its `allOf` combines) declares,
//! where the schema does not allow others (`additionalProperties`). A `oneOf` or `anyOf` is not
//! walked: which branch a value meant is the validator's call.

use serde_json::{Map, Value};

/// What `$ref`s resolve against: the spec.
pub struct Fields<'a> {
    pub spec: &'a Value,
}

impl Fields<'_> {
    fn resolve<'b>(&'b self, v: &'b Value) -> &'b Value {
        match v["$ref"].as_str().and_then(|r| r.strip_prefix("#/")) {
            Some(path) => self.resolve(path.split('/').fold(self.spec, |node, key| &node[key])),
            None => v,
        }
    }

    /// The declared properties of an object schema, with `allOf` merged; `None` when any other
    /// key is allowed (or the schema says nothing of properties).
    fn properties(&self, schema: &Value) -> Option<Map<String, Value>> {
        let schema = self.resolve(schema);
        let mut props = Map::new();
        let mut open = !schema["additionalProperties"].is_null()
            && schema["additionalProperties"] != Value::Bool(false);
        if let Some(p) = schema["properties"].as_object() {
            props.extend(p.clone());
        }
        for part in schema["allOf"].as_array().into_iter().flatten() {
            match self.properties(part) {
                Some(p) => props.extend(p),
                None => open = true,
            }
        }
        let says_nothing = props.is_empty();
        if open || says_nothing || schema["oneOf"].is_array() || schema["anyOf"].is_array() {
            return None;
        }
        Some(props)
    }

    /// Pointers of the keys under `value` that `schema` does not declare.
    pub fn unknown(&self, schema: &Value, value: &Value, at: &str, out: &mut Vec<String>) {
        let schema = self.resolve(schema);
        match value {
            Value::Object(map) => {
                let Some(props) = self.properties(schema) else {
                    return;
                };
                for (k, v) in map {
                    let here = format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"));
                    match props.get(k) {
                        Some(s) => self.unknown(s, v, &here, out),
                        None => out.push(here),
                    }
                }
            }
            Value::Array(items) => {
                let item = &schema["items"];
                if item.is_object() {
                    for (i, v) in items.iter().enumerate() {
                        self.unknown(item, v, &format!("{at}/{i}"), out);
                    }
                }
            }
            _ => {}
        }
    }
}
