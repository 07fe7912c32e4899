//! The appliances' specs, embedded once, and the one walk over their object schemas that the
//! proxy's unknown-field check and Aria's fields per release (E125) share.

use serde_json::{Map, Value};

pub const ARIA_NETWORKS: &str = include_str!("../../openapi/aria-networks.yaml");

/// The appliances' specs by name (the sandbox's own control API is not an appliance's).
pub const APPLIANCES: [(&str, &str); 7] = [
    ("omivv", include_str!("../../openapi/omivv.yaml")),
    ("omevv", include_str!("../../openapi/omevv.yaml")),
    ("vlcm", include_str!("../../openapi/vlcm.yaml")),
    ("ome", include_str!("../../openapi/ome.yaml")),
    ("aria-networks", ARIA_NETWORKS),
    ("vidm", include_str!("../../openapi/vidm.yaml")),
    ("csp", include_str!("../../openapi/csp.yaml")),
];

/// What an object schema declares, its `allOf` parts' included: their property maps (later
/// parts last: where several declare a key, the last one's schema holds) and required names.
#[derive(Debug, Clone, Default)]
pub struct Declared<'a> {
    pub maps: Vec<&'a Map<String, Value>>,
    pub required: Vec<&'a str>,
}

impl<'a> Declared<'a> {
    /// The schema of property `key`, if one is declared.
    pub fn property(&self, key: &str) -> Option<&'a Value> {
        self.maps.iter().rev().find_map(|m| m.get(key))
    }
}

/// Schemas read against a spec: `$ref`s resolve in it.
#[derive(Clone, Copy)]
pub struct Schemas<'a> {
    pub spec: &'a Value,
}

impl<'a> Schemas<'a> {
    /// `v`, or what its `$ref` names.
    pub fn resolve(&self, v: &'a Value) -> &'a Value {
        match v["$ref"].as_str().and_then(|r| r.strip_prefix("#/")) {
            Some(path) => self.resolve(path.split('/').fold(self.spec, |node, key| &node[key])),
            None => v,
        }
    }

    /// Adds what `schema` declares, `allOf` included, to `into`; false when any other key is
    /// allowed (`additionalProperties`, a `oneOf` or `anyOf`, or no properties said at all).
    pub fn declared(&self, schema: &'a Value, into: &mut Declared<'a>) -> bool {
        let schema = self.resolve(schema);
        let start = into.maps.len();
        let mut closed = schema["additionalProperties"].is_null()
            || schema["additionalProperties"] == Value::Bool(false);
        if let Some(p) = schema["properties"].as_object() {
            into.maps.push(p);
        }
        for r in schema["required"].as_array().into_iter().flatten() {
            into.required.extend(r.as_str());
        }
        for part in schema["allOf"].as_array().into_iter().flatten() {
            closed &= self.declared(part, into);
        }
        let says_nothing = into.maps[start..].iter().all(|m| m.is_empty());
        closed && !says_nothing && !schema["oneOf"].is_array() && !schema["anyOf"].is_array()
    }
}
