//! The client's sessions (login, token on every call, paging, polite retries) against the sandbox.

mod aria_session;
mod omivv_session;

use crate::common;
use appliance_client::{aria_networks as aria, omivv, RetryPolicy, SessionOptions};
use common::*;
use serde_json::json;
use std::time::Duration;

fn quick_retries(max_attempts: u32) -> SessionOptions {
    SessionOptions {
        retry: RetryPolicy {
            max_attempts,
            max_wait: Duration::from_secs(2),
            default_wait: Duration::from_millis(10),
        },
        ..Default::default()
    }
}
