//! OMIVV behaviour over HTTP.

mod consoles;
mod firmware_sequence;
mod limits;
mod sessions;

use crate::common;
use appliance_sandbox::config::Config;
use appliance_sandbox::Options;
use common::*;
use serde_json::json;

const CONSOLES: &str = "/Services/ConsoleService/Consoles";

const CONTEXT: &str = "/Services/ConsoleService/OperationalContext";

const LOGOFF: &str = "/Services/AuthenticationService/logoff";

/// The session id inside an OMIVV token (the test reads it; clients must not).
fn session_id(token: &str) -> String {
    use base64::Engine;
    let payload = token.split('.').nth(1).unwrap();
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload)
        .unwrap();
    serde_json::from_slice::<serde_json::Value>(&bytes).unwrap()["sid"]
        .as_str()
        .unwrap()
        .to_string()
}
