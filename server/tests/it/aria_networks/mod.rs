//! Aria Operations for Networks (and its vIDM sign-on) over HTTP.

mod entity_fields;
mod principals;
mod tokens;
mod versions;
mod vidm;

use crate::common;
use common::*;
use reqwest::Method;
use serde_json::{json, Value};

/// Decodes a JWT's payload without verifying it (the test verifies separately).
fn claims(jwt: &str) -> Value {
    use base64::Engine;
    let payload = jwt.split('.').nth(1).unwrap();
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload)
        .unwrap();
    serde_json::from_slice(&bytes).unwrap()
}

fn urlencode(s: &str) -> String {
    s.replace('=', "%3D")
        .replace('+', "%2B")
        .replace('/', "%2F")
}
