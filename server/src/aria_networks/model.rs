//! Rows kept as JSON models: what the answers carry (every secret `""`), stored as the sandbox
//! read it rather than as a generated type, so that an edit of the spec does not change what a
//! `--db` file holds; the edge reads a model back as the operation's type.

use serde::Serialize;
use serde_json::{Map, Value};

use super::errors::AriaError;

/// A model as JSON.
pub type Model = Map<String, Value>;

/// Any generated type as a model.
pub fn to_model<T: Serialize>(value: &T) -> Model {
    match serde_json::to_value(value) {
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    }
}

/// A model as a generated type; a model the type cannot read is the sandbox's fault (500).
pub fn from_model<T: serde::de::DeserializeOwned>(model: Model) -> Result<T, AriaError> {
    serde_json::from_value(Value::Object(model))
        .map_err(|e| AriaError::Internal(format!("a stored row does not read back: {e}")))
}
