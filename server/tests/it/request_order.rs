//! On every secured operation of every spec: 401 (no token) before 403 (wrong role) before 400
//! (bad input), whatever the input looks like. The operations are read from the specs, so a new
//! one is covered as soon as it is specified.

use crate::common;

use common::*;
use reqwest::Method;
use serde_json::Value;

struct Secured {
    api: &'static str,
    method: Method,
    /// The path with every parameter filled in.
    path: String,
    /// A query that does not parse, if the operation has parameters that can be wrong.
    bad_query: Option<String>,
    has_body: bool,
    role: Option<String>,
    /// The security schemes it accepts.
    schemes: Vec<String>,
}

fn secured_operations(spec_file: &str, api: &'static str) -> Vec<Secured> {
    let path = format!("{}/../openapi/{spec_file}", env!("CARGO_MANIFEST_DIR"));
    let spec: Value = serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let global = spec["security"].as_array().cloned().unwrap_or_default();
    let mut out = Vec::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            if !["get", "put", "post", "delete", "patch"].contains(&method.as_str()) {
                continue;
            }
            let security = op["security"].as_array().cloned().unwrap_or(global.clone());
            if security
                .iter()
                .all(|r| r.as_object().is_some_and(|o| o.is_empty()))
            {
                continue;
            }
            // The path item's parameters apply to each of its operations.
            let mut params = item["parameters"].as_array().cloned().unwrap_or_default();
            params.extend(op["parameters"].as_array().cloned().unwrap_or_default());
            let mut filled = path.clone();
            let mut query = Vec::new();
            for p in &params {
                let p = match p["$ref"].as_str() {
                    Some(r) => {
                        &spec["components"]["parameters"]
                            [r.trim_start_matches("#/components/parameters/")]
                    }
                    None => p,
                };
                let name = p["name"].as_str().unwrap();
                match p["in"].as_str().unwrap() {
                    "path" => filled = filled.replace(&format!("{{{name}}}"), "x"),
                    "query" => {
                        let ty = p["schema"]["type"].as_str().unwrap_or("");
                        let is_enum =
                            p["schema"]["$ref"].is_string() || p["schema"]["enum"].is_array();
                        if ty == "integer" || is_enum {
                            query.push(format!("{name}=not-a-valid-value"));
                        }
                    }
                    _ => {}
                }
            }
            out.push(Secured {
                api,
                method: method.to_uppercase().parse().unwrap(),
                path: filled,
                bad_query: (!query.is_empty()).then(|| query.join("&")),
                has_body: op["requestBody"].is_object(),
                role: op["x-required-role"].as_str().map(String::from),
                schemes: security
                    .iter()
                    .filter_map(|r| r.as_object())
                    .flat_map(|o| o.keys().cloned())
                    .collect(),
            });
        }
    }
    out
}

impl Secured {
    /// Sends the operation with every input malformed that can be.
    async fn send(&self, sb: &TestSandbox, authorization: Option<&str>) -> Answer {
        let base = match self.api {
            "omivv" => sb.omivv(&self.path),
            "omevv" => sb.omevv(&self.path),
            "vlcm" => sb.vlcm(&self.path),
            "ome" => format!("{}/api{}", sb.base, self.path),
            _ => sb.aria(&self.path),
        };
        let url = match &self.bad_query {
            Some(q) => format!("{base}?{q}"),
            None => base,
        };
        let mut req = sb.http.request(self.method.clone(), url);
        if self.has_body {
            req = req
                .header("content-type", "application/json")
                .body("{\"not json");
        }
        if let Some(a) = authorization {
            // OpenManage Enterprise takes its session token in a header of its own.
            let header = if self.api == "ome" {
                "x-auth-token"
            } else {
                "authorization"
            };
            req = req.header(header, a);
        }
        sb.send(req).await
    }

    fn name(&self) -> String {
        format!("{} {} {}", self.api, self.method, self.path)
    }

    fn can_be_malformed(&self) -> bool {
        self.has_body || self.bad_query.is_some()
    }
}

#[tokio::test]
async fn unauthenticated_then_forbidden_then_bad_input_on_every_secured_operation() {
    // Several calls per operation: more than OMIVV's 100 a minute.
    let options = appliance_sandbox::app::Options {
        no_rate_limits: true,
        ..Default::default()
    };
    let sb = start_with(Default::default(), options).await;
    let mut ops = secured_operations("omivv.yaml", "omivv");
    ops.extend(secured_operations("aria-networks.yaml", "aria"));
    ops.extend(secured_operations("omevv.yaml", "omevv"));
    ops.extend(secured_operations("vlcm.yaml", "vlcm"));
    ops.extend(secured_operations("ome.yaml", "ome"));
    assert!(
        ops.len() >= 20,
        "the specs were read ({} operations)",
        ops.len()
    );
    // OMIVV's role rules are about the operational context: none, read-only, full.
    let omivv = format!(
        "Bearer {}",
        sb.omivv_token_in_context("administrator").await
    );
    let omivv_no_context = format!("Bearer {}", sb.omivv_token().await);
    let omivv_read_only = format!("Bearer {}", sb.omivv_token_in_context("readonly").await);
    let member = format!(
        "NetworkInsight {}",
        sb.aria_token("member@local", "member").await
    );
    let auditor = format!(
        "NetworkInsight {}",
        sb.aria_token("auditor@local", "auditor").await
    );
    let admin = format!("NetworkInsight {}", sb.admin().await);
    let omevv = "Basic YWRtaW5pc3RyYXRvckB2c3BoZXJlLmxvY2FsOlZNd2FyZTEh".to_string();
    let ome = "Basic YWRtaW46T21lQWRtaW4xIQ==".to_string();
    let ome_token = sb.ome_token().await;
    let mut checked_403 = 0;
    let mut checked_400 = 0;
    for op in &ops {
        let bad_token = match op.api {
            "omivv" => "Bearer not.a.token",
            // OMEVV: HTTP Basic on every call; these credentials are nobody's.
            "omevv" | "vlcm" => "Basic bm9ib2R5Om5vdC1hLXBhc3N3b3Jk",
            "ome" => "not-a-session-token",
            _ => "NetworkInsight not-a-token",
        };
        for auth in [None, Some(bad_token)] {
            let a = op.send(&sb, auth).await;
            assert_eq!(a.status, 401, "{} with {auth:?}: {}", op.name(), a.text);
            assert!(
                !a.text.contains("JSON"),
                "{}: a 401 that tells about the input: {}",
                op.name(),
                a.text
            );
        }
        let right = match op.api {
            "omivv" => &omivv,
            // OMEVV's console management takes an OpenManage Enterprise user.
            "omevv" if op.schemes.iter().any(|s| s == "omeBasic") => &ome,
            "omevv" | "vlcm" => &omevv,
            "ome" => &ome_token,
            _ => &admin,
        };
        let forbidden: Vec<&str> = match (op.api, op.role.as_deref()) {
            (_, None) => vec![],
            ("omivv", Some("VCENTER_MODIFY")) => vec![&omivv_read_only],
            ("omivv", Some(_)) => vec![],
            // Aria's roles rank ADMIN over MEMBER over AUDITOR.
            (_, Some("MEMBER")) => vec![&auditor],
            (_, Some("ADMIN,AUDITOR")) => vec![&member],
            (_, Some(_)) => vec![&member, &auditor],
        };
        for caller in forbidden {
            let a = op.send(&sb, Some(caller)).await;
            assert_eq!(a.status, 403, "{} as {caller}: {}", op.name(), a.text);
            checked_403 += 1;
        }
        // OMIVV's guide answers a missing operational context with 400 (E31): the role rule's
        // answer still comes before the input is read, so it names the context, not the input.
        if op.api == "omivv" && op.role.is_some() {
            let a = op.send(&sb, Some(&omivv_no_context)).await;
            assert_eq!(a.status, 400, "{} without a context: {}", op.name(), a.text);
            assert_eq!(
                a.json()["errorCode"],
                "OPERATIONAL_CONTEXT_REQUIRED",
                "{}",
                a.text
            );
            checked_403 += 1;
        }
        if op.can_be_malformed() {
            let a = op.send(&sb, Some(right)).await;
            assert_eq!(
                a.status,
                400,
                "{} authorized, bad input: {}",
                op.name(),
                a.text
            );
            checked_400 += 1;
        }
    }
    assert!(
        checked_403 >= 40 && checked_400 >= 10,
        "{checked_403} role checks, {checked_400} input checks"
    );
}
