//! The documented samples, held to the generated code and to the sandbox with insta snapshots
//! (stored under the top-level `snapshots/`). Review changes with `cargo insta review`.

use crate::common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use appliance_sandbox::generated;
use common::*;
use serde::Serialize;
use serde_json::{json, Value};

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
        "vidm" => generated::vidm::sample_roundtrip(op, kind, json),
        "sandbox" => generated::sandbox::sample_roundtrip(op, kind, json),
        other => panic!("no generated module for samples/{other}"),
    }
}

/// Every sample, through the generated types (shared by the client and the server stubs) and
/// back: request samples through the body reader every generated handler uses
/// (`stub::parse_json`), response samples through serde. A field the types drop, rename or
/// retype shows up as a snapshot difference.
#[test]
fn samples_round_trip_through_the_generated_types() {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(root().join("snapshots/samples"));
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        insta::glob!("../../../openapi/samples", "**/*.json", |path| {
            let (api, op, kind) = sample_parts(path);
            let bytes = std::fs::read(path).unwrap();
            let tripped = roundtrip(&api, &op, &kind, &bytes)
                .unwrap_or_else(|| panic!("{api}/{op} has no JSON {kind} body"))
                .unwrap_or_else(|e| panic!("{}: does not parse as its type: {e}", path.display()));
            // The handlers' reader accepted the request sample; it must also keep every field.
            if kind == "request" {
                let original: Value = serde_json::from_slice(&bytes).unwrap();
                assert_eq!(
                    serde_json::to_value(&tripped)
                        .unwrap()
                        .as_object()
                        .map(|o| o.len()),
                    original.as_object().map(|o| o.len()),
                    "{}: the request type keeps every documented field",
                    path.display()
                );
            }
            insta::assert_json_snapshot!(tripped);
        });
    });
}

/// Snapshot files that no test writes any more are rejected (insta would leave them behind).
#[test]
fn no_unreferenced_snapshots() {
    let mut expected = BTreeSet::new();
    for api in std::fs::read_dir(root().join("openapi/samples")).unwrap() {
        let api = api.unwrap().path();
        for f in std::fs::read_dir(&api).unwrap() {
            let f = f.unwrap().path();
            let rel = f
                .strip_prefix(root().join("openapi/samples"))
                .unwrap()
                .display()
                .to_string()
                .replace('/', "__");
            expected.insert(format!(
                "samples/samples_round_trip_through_the_generated_types@{rel}.snap"
            ));
        }
    }
    for step in REPLAY_STEPS {
        expected.insert(format!("replay/{step}.snap"));
    }
    // aria_search.rs: one entity of each type the inventory serves.
    for segment in [
        "vms",
        "hosts",
        "clusters",
        "vc-datacenters",
        "datastores",
        "security-groups",
        "layer2-networks",
        "vnics",
        "vcenter-managers",
        "flows",
    ] {
        expected.insert(format!("inventory/aria_entity_{segment}.snap"));
    }
    let mut found = BTreeSet::new();
    for dir in ["samples", "replay", "inventory"] {
        let Ok(entries) = std::fs::read_dir(root().join("snapshots").join(dir)) else {
            continue;
        };
        for e in entries {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            found.insert(format!("{dir}/{name}"));
        }
    }
    let stale: Vec<_> = found.difference(&expected).collect();
    assert!(
        stale.is_empty(),
        "unreferenced snapshot files (delete them): {stale:?}"
    );
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

#[tokio::test]
async fn the_guides_requests_replayed_against_the_sandbox() {
    use appliance_client::{aria_networks as aria, omivv, vidm};
    let sb = start().await;
    let r = Replay {
        errata: std::fs::read_to_string(root().join("openapi/ERRATA.md")).unwrap(),
    };
    let mut steps = REPLAY_STEPS.iter();
    let mut next = || *steps.next().unwrap();

    // OMIVV: Dell's sample script logs in (E16: the guide's code indexes the response object).
    let o = omivv::Client::new(&format!("{}/Spectre/api/rest/v1", sb.base));
    let login = o
        .login()
        .body(typed::<omivv::types::LoginRequest>(
            "omivv",
            "login.request",
        ))
        .send()
        .await;
    let got = outcome(login).await;
    r.check(next(), got, 200, None, &[]);

    // Aria: an administrator configures vIDM (E6: `enable` is a boolean; E11: the answer also
    // carries certificate_validation_enabled; E12: 201).
    let admin = sb.admin().await;
    let a = aria::Client::new_with_client(
        &format!("{}/api/ni", sb.base),
        authorized("NetworkInsight", &admin),
    );
    let cfg_diff = &[("/certificate_validation_enabled", "E11")];
    let got = outcome(
        a.create_vidm_config()
            .body(typed::<aria::types::VidmConfigRequest>(
                "aria-networks",
                "create_vidm_config.request",
            ))
            .send()
            .await,
    )
    .await;
    r.check(
        next(),
        got,
        201,
        Some(sample("aria-networks", "create_vidm_config.response")),
        cfg_diff,
    );
    let got = outcome(
        a.update_vidm_config()
            .body(typed::<aria::types::VidmConfigRequest>(
                "aria-networks",
                "update_vidm_config.request",
            ))
            .send()
            .await,
    )
    .await;
    r.check(
        next(),
        got,
        200,
        Some(sample("aria-networks", "update_vidm_config.response")),
        cfg_diff,
    );
    let got = outcome(a.get_vidm_config().send().await).await;
    r.check(
        next(),
        got,
        200,
        Some(sample("aria-networks", "get_vidm_config.response")),
        cfg_diff,
    );
    let got = outcome(a.enable_vidm().send().await).await;
    r.check(next(), got, 204, Some(Value::Null), &[]);

    // The vIDM sign-on, as the guide walks it.
    let anon = aria::Client::new(&format!("{}/api/ni", sb.base));
    let got = outcome(anon.get_vidm_client_id().send().await).await;
    let client_id = got.body["client_id"].as_str().unwrap().to_string();
    r.check(
        next(),
        got,
        200,
        Some(sample("aria-networks", "get_vidm_client_id.response")),
        &[],
    );
    let v = vidm::Client::new(&sb.base);
    let grant = v
        .get_oauth_token()
        .grant_type(vidm::types::GrantType::Password)
        .client_id(&client_id)
        .username("testuser")
        .password("vidm-password")
        .send()
        .await;
    let got = outcome(grant).await;
    let jwt = got.body["access_token"].as_str().unwrap().to_string();
    r.check(
        next(),
        got,
        200,
        Some(sample("vidm", "get_oauth_token.response")),
        &[("/expires_in", "E13"), ("/scope", "E13")],
    );
    // The user must be mapped before the exchange; the guide documents the add further down (E1: POST).
    let got = outcome(
        a.add_vidm_user()
            .body(typed::<aria::types::VidmUserRequest>(
                "aria-networks",
                "add_vidm_user.request",
            ))
            .send()
            .await,
    )
    .await;
    r.check(
        next(),
        got,
        201,
        Some(sample("aria-networks", "add_vidm_user.response")),
        &[],
    );
    let got = outcome(
        anon.login_with_vidm_token()
            .body(aria::types::VidmTokenRequest { vidm_token: jwt })
            .send()
            .await,
    )
    .await;
    r.check(
        next(),
        got,
        200,
        Some(sample("aria-networks", "login_with_vidm_token.response")),
        &[],
    );
    let got = outcome(
        a.update_vidm_user()
            .body(typed::<aria::types::VidmUserRequest>(
                "aria-networks",
                "update_vidm_user.request",
            ))
            .send()
            .await,
    )
    .await;
    r.check(
        next(),
        got,
        200,
        Some(sample("aria-networks", "update_vidm_user.response")),
        &[],
    );

    // Listing (E8: the documented page is `size=2` of three users).
    for (name, display) in [("testuser1", "test user1"), ("testuser2", "test user2")] {
        let body = aria::types::VidmUserRequest {
            username: name.into(),
            domain: "vidmlabs.com".into(),
            display_name: Some(display.into()),
            role: aria::types::Role::Member,
        };
        a.add_vidm_user().body(body).send().await.unwrap();
    }
    let got = outcome(
        a.list_users()
            .type_("vidm".parse::<aria::types::PrincipalTypeFilter>().unwrap())
            .size(2)
            .send()
            .await,
    )
    .await;
    r.check(
        next(),
        got,
        200,
        Some(sample("aria-networks", "list_users.response")),
        &[],
    );

    // Get and delete by URL-encoded id (E3: `system domain`, not `sytem`).
    let system_user = aria::types::VidmUserRequest {
        username: "testuser1".into(),
        domain: "system domain".into(),
        display_name: Some("test user1".into()),
        role: aria::types::Role::Member,
    };
    a.add_vidm_user().body(system_user).send().await.unwrap();
    let got = outcome(a.get_user().id("testuser1@system domain").send().await).await;
    r.check(
        next(),
        got,
        200,
        Some(sample("aria-networks", "get_user.response")),
        &[],
    );
    let got = outcome(a.delete_user().id("testuser1@system domain").send().await).await;
    r.check(next(), got, 204, Some(Value::Null), &[]);

    // Groups.
    let got = outcome(
        a.add_vidm_user_group()
            .body(typed::<aria::types::VidmUserGroupRequest>(
                "aria-networks",
                "add_vidm_user_group.request",
            ))
            .send()
            .await,
    )
    .await;
    r.check(
        next(),
        got,
        201,
        Some(sample("aria-networks", "add_vidm_user_group.response")),
        &[],
    );
    let got = outcome(
        a.update_vidm_user_group()
            .body(typed::<aria::types::VidmUserGroupRequest>(
                "aria-networks",
                "update_vidm_user_group.request",
            ))
            .send()
            .await,
    )
    .await;
    r.check(
        next(),
        got,
        200,
        Some(sample("aria-networks", "update_vidm_user_group.response")),
        &[],
    );
    for name in ["testgroup2", "testgroup3"] {
        let body = aria::types::VidmUserGroupRequest {
            group_name: name.into(),
            domain: "vidmlabs.com".into(),
            role: aria::types::Role::Member,
        };
        a.add_vidm_user_group().body(body).send().await.unwrap();
    }
    let got = outcome(
        a.list_user_groups()
            .type_("vidm".parse::<aria::types::PrincipalTypeFilter>().unwrap())
            .size(2)
            .send()
            .await,
    )
    .await;
    r.check(
        next(),
        got,
        200,
        Some(sample("aria-networks", "list_user_groups.response")),
        &[],
    );
    // E2: groups live under /settings/user-groups; E4: the id and the domain agree.
    let sysadmins = aria::types::VidmUserGroupRequest {
        group_name: "sysadmins".into(),
        domain: "system domain".into(),
        role: aria::types::Role::Admin,
    };
    a.add_vidm_user_group()
        .body(sysadmins)
        .send()
        .await
        .unwrap();
    let got = outcome(
        a.get_user_group()
            .id("sysadmins@system domain")
            .send()
            .await,
    )
    .await;
    r.check(
        next(),
        got,
        200,
        Some(sample("aria-networks", "get_user_group.response")),
        &[],
    );
    let got = outcome(
        a.delete_user_group()
            .id("sysadmins@system domain")
            .send()
            .await,
    )
    .await;
    r.check(next(), got, 204, Some(Value::Null), &[]);

    let got = outcome(a.disable_vidm().send().await).await;
    r.check(next(), got, 204, Some(Value::Null), &[]);
    let got = outcome(a.delete_vidm_config().send().await).await;
    r.check(next(), got, 204, Some(Value::Null), &[]);
    assert!(steps.next().is_none(), "every replay step ran");
}
