//! The documented samples, held to the generated code and to the sandbox with insta snapshots
//! (stored under the top-level `snapshots/`). Review changes with `cargo insta review`.

mod replay;
mod samples;

use crate::common;
use appliance_sandbox::generated;
use common::*;
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// `openapi/samples/<api>/<operationId>.<kind>.json` -> (api, operationId, kind).
fn sample_parts(path: &Path) -> (String, String, String) {
    let api = path
        .parent()
        .unwrap()
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let stem = name.strip_suffix(".json").unwrap();
    let (op, kind) = stem.rsplit_once('.').unwrap();
    (api, op.to_string(), kind.to_string())
}

fn roundtrip(api: &str, op: &str, kind: &str, json: &[u8]) -> Option<Result<Value, String>> {
    match api {
        "omivv" => generated::omivv::sample_roundtrip(op, kind, json),
        "aria-networks" => generated::aria_networks::sample_roundtrip(op, kind, json),
        "omevv" => generated::omevv::sample_roundtrip(op, kind, json),
        "vidm" => generated::vidm::sample_roundtrip(op, kind, json),
        "vlcm" => generated::vlcm::sample_roundtrip(op, kind, json),
        "sandbox" => generated::sandbox::sample_roundtrip(op, kind, json),
        other => panic!("no generated module for samples/{other}"),
    }
}

/// The guides' requests, in the order a user follows them. Each name is also a snapshot.
const REPLAY_STEPS: &[&str] = &[
    "omivv__login",
    "aria__create_vidm_config",
    "aria__update_vidm_config",
    "aria__get_vidm_config",
    "aria__enable_vidm",
    "aria__get_vidm_client_id",
    "vidm__get_oauth_token",
    "aria__add_vidm_user",
    "aria__login_with_vidm_token",
    "aria__update_vidm_user",
    "aria__list_users",
    "aria__get_user",
    "aria__delete_user",
    "aria__add_vidm_user_group",
    "aria__update_vidm_user_group",
    "aria__list_user_groups",
    "aria__get_user_group",
    "aria__delete_user_group",
    "aria__disable_vidm",
    "aria__delete_vidm_config",
];

/// What the sandbox answered: status and body (tokens, JWTs and expiries redacted).
#[derive(Serialize)]
struct Outcome {
    status: u16,
    body: Value,
}

async fn outcome<T: Serialize, E: Serialize + std::fmt::Debug>(
    r: Result<progenitor_client::ResponseValue<T>, progenitor_client::Error<E>>,
) -> Outcome {
    match r {
        Ok(v) => Outcome {
            status: v.status().as_u16(),
            body: serde_json::to_value(v.into_inner()).unwrap(),
        },
        Err(progenitor_client::Error::ErrorResponse(v)) => Outcome {
            status: v.status().as_u16(),
            body: serde_json::to_value(v.into_inner()).unwrap(),
        },
        Err(e) => panic!("transport error: {e:?}"),
    }
}

fn redact(v: &mut Value) {
    if let Value::Object(map) = v {
        for (k, val) in map.iter_mut() {
            match k.as_str() {
                "token" | "access_token" | "accessToken" | "vidm_token" => *val = json!("[token]"),
                "expiry" | "expiresAt" => *val = json!("[expiry]"),
                _ => redact(val),
            }
        }
    } else if let Value::Array(items) = v {
        items.iter_mut().for_each(redact);
    }
}

fn sample(api: &str, name: &str) -> Value {
    let path = root().join(format!("openapi/samples/{api}/{name}.json"));
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

fn typed<T: serde::de::DeserializeOwned>(api: &str, name: &str) -> T {
    serde_json::from_value(sample(api, name)).unwrap()
}

/// The JSON pointers at which two values differ.
fn differences(a: &Value, b: &Value, at: String, out: &mut Vec<String>) {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys: BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            for k in keys {
                let null = Value::Null;
                differences(
                    x.get(k).unwrap_or(&null),
                    y.get(k).unwrap_or(&null),
                    format!("{at}/{k}"),
                    out,
                );
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (p, q)) in x.iter().zip(y).enumerate() {
                differences(p, q, format!("{at}/{i}"), out);
            }
        }
        _ if a != b => out.push(at),
        _ => {}
    }
}

struct Replay {
    errata: String,
}

impl Replay {
    /// Snapshots the outcome, and checks it against the documented response: equal after
    /// redaction, except at the pointers listed with the ERRATA.md entry that explains them.
    fn check(
        &self,
        step: &str,
        mut got: Outcome,
        status: u16,
        documented: Option<Value>,
        allowed: &[(&str, &str)],
    ) {
        redact(&mut got.body);
        assert_eq!(got.status, status, "{step}: {}", got.body);
        if let Some(mut doc) = documented {
            redact(&mut doc);
            let mut diffs = Vec::new();
            differences(&got.body, &doc, String::new(), &mut diffs);
            for d in &diffs {
                let entry = allowed.iter().find(|(p, _)| p == d);
                let Some((_, id)) = entry else {
                    panic!("{step}: the sandbox differs from the guide at {d:?} and ERRATA.md has no entry for it\nsandbox: {}\nguide:   {doc}", got.body);
                };
                assert!(
                    self.errata.contains(&format!("| {id} |")),
                    "{step}: ERRATA.md has no entry {id}"
                );
            }
            for (p, id) in allowed {
                assert!(
                    diffs.iter().any(|d| d == p),
                    "{step}: {p} ({id}) is listed as a difference but matches now"
                );
            }
        }
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path(root().join("snapshots/replay"));
        settings.set_prepend_module_to_snapshot(false);
        settings.bind(|| insta::assert_json_snapshot!(step, got));
    }
}

fn authorized(scheme: &str, token: &str) -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        "authorization",
        format!("{scheme} {token}").parse().unwrap(),
    );
    reqwest::Client::builder()
        .default_headers(headers)
        .build()
        .unwrap()
}
