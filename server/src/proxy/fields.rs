//! Fields the spec does not name. JSON Schema lets an object carry any other key unless it says
//! otherwise, and the specs do not say so (the appliances' Java stacks ignore unknown input), so
//! the validator cannot see them; this walks a body alongside its schema and names each key that
//! no `properties` of the object's schema (or of the schemas its `allOf` combines) declares,
//! where the schema does not allow others (`additionalProperties`). A `oneOf` or `anyOf` is not
//! walked: which branch a value meant is the validator's call.
//!
//! The walk runs on every proxied answer, so it borrows the spec's property maps rather than
//! merging copies, and writes a pointer only for a key it reports.

use std::collections::HashMap;

use serde_json::Value;

use crate::specs::{Declared, Schemas};

/// What `$ref`s resolve against: the spec.
pub struct Fields<'a> {
    pub spec: &'a Value,
}

impl<'a> Fields<'a> {
    /// Pointers of the keys under `value` that `schema` does not declare, `at` being `value`'s.
    pub fn unknown(&self, schema: &'a Value, value: &Value, at: &str, out: &mut Vec<String>) {
        let mut walk = Walk {
            fields: self,
            declared: HashMap::new(),
            at: at.to_string(),
            out,
        };
        walk.value(schema, value);
    }
}

/// One body's walk: the pointer being visited, and each object schema's declared properties
/// (a list's items share one schema, so it is read once).
struct Walk<'f, 'a, 'o> {
    fields: &'f Fields<'a>,
    declared: HashMap<*const Value, Option<Declared<'a>>>,
    at: String,
    out: &'o mut Vec<String>,
}

impl<'a> Walk<'_, 'a, '_> {
    fn value(&mut self, schema: &'a Value, value: &Value) {
        let schemas = Schemas {
            spec: self.fields.spec,
        };
        let schema = schemas.resolve(schema);
        let len = self.at.len();
        match value {
            Value::Object(map) => {
                let declared = self
                    .declared
                    .entry(schema as *const Value)
                    .or_insert_with(|| {
                        let mut declared = Declared::default();
                        schemas.declared(schema, &mut declared).then_some(declared)
                    })
                    .clone();
                let Some(declared) = declared else {
                    return;
                };
                for (k, v) in map {
                    self.at.push('/');
                    // JSON Pointer's escapes (RFC 6901).
                    for c in k.chars() {
                        match c {
                            '~' => self.at.push_str("~0"),
                            '/' => self.at.push_str("~1"),
                            c => self.at.push(c),
                        }
                    }
                    // Where several maps declare a key, the last one's schema holds (`allOf`
                    // parts after the schema's own properties, in order).
                    match declared.property(k) {
                        Some(s) => self.value(s, v),
                        None => self.out.push(self.at.clone()),
                    }
                    self.at.truncate(len);
                }
            }
            Value::Array(items) => {
                let item = &schema["items"];
                if item.is_object() {
                    for (i, v) in items.iter().enumerate() {
                        use std::fmt::Write;
                        let _ = write!(self.at, "/{i}");
                        self.value(item, v);
                        self.at.truncate(len);
                    }
                }
            }
            _ => {}
        }
    }
}
