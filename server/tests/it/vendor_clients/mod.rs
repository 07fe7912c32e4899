//! What the vendors' own clients send (VMware's SDK 6.12 and its examples, PowervRNI, Dell's
//! OMIVV scripts) must work: Aria's part (issue 11). OMIVV's console tree and the requests
//! both appliances must tolerate are in `vendor_requests.rs`.

mod aria;
mod vidm;

use crate::common;
use common::*;
use reqwest::Method;
use serde_json::{json, Value};

fn local_login(domain: Value) -> Value {
    json!({"username": "admin@local", "password": "admin", "domain": domain})
}
