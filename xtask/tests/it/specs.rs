//! The specs parse, are complete enough to generate from and to read, and every sample payload
//! from the vendors' guides validates against the schema of its operation.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::{json, Value};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn spec_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root().join("openapi"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn spec_json(name: &str) -> Value {
    let text = std::fs::read_to_string(root().join(format!("openapi/{name}.yaml"))).unwrap();
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("openapi/{name}.yaml: {e}"))
}

/// (path, method, operation) for every operation of a spec.
fn operations(spec: &Value) -> Vec<(String, String, Value)> {
    let mut out = Vec::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        for method in ["get", "put", "post", "delete", "patch"] {
            if let Some(op) = item.get(method) {
                out.push((path.clone(), method.to_string(), op.clone()));
            }
        }
    }
    out
}

fn resolve<'a>(spec: &'a Value, v: &'a Value) -> &'a Value {
    match v.get("$ref").and_then(Value::as_str) {
        Some(r) => spec
            .pointer(r.trim_start_matches('#'))
            .unwrap_or_else(|| panic!("bad $ref {r}")),
        None => v,
    }
}

/// The JSON media type object of an operation's request body or success response.
fn media<'a>(spec: &'a Value, op: &'a Value, kind: &str) -> Option<&'a Value> {
    let holder = if kind == "request" {
        resolve(spec, op.get("requestBody")?)
    } else {
        let responses = op["responses"].as_object()?;
        let (_, resp) = responses
            .iter()
            .filter(|(code, _)| code.starts_with('2'))
            .min_by_key(|(c, _)| *c)?;
        resolve(spec, resp)
    };
    holder.get("content")?.get("application/json")
}

/// Validates `instance` against the schema of `operation_id`'s request or success response.
/// Each error names the JSON pointer of the offending value.
fn validate(
    spec: &Value,
    operation_id: &str,
    kind: &str,
    instance: &Value,
) -> Result<(), Vec<String>> {
    let (_, _, op) = operations(spec)
        .into_iter()
        .find(|(_, _, op)| op["operationId"] == operation_id)
        .ok_or_else(|| vec![format!("no operation {operation_id}")])?;
    let media = media(spec, &op, kind)
        .ok_or_else(|| vec![format!("{operation_id} has no JSON {kind} body")])?;
    // The schema's $refs point into #/components, so validate against a document that has them.
    let mut schema = media["schema"].clone();
    if let Value::Object(map) = &mut schema {
        map.insert("components".into(), spec["components"].clone());
    }
    nullable_as_json_schema(&mut schema);
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft4)
        .build(&schema)
        .map_err(|e| vec![format!("schema of {operation_id} does not compile: {e}")])?;
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("at {:?}: {e}", e.instance_path.to_string()))
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Validates as the sandbox reads a request (the specs' "lenient input"): a boolean or number
/// written as a string is read as that scalar (Dell's repository-profile sample sends
/// `"globalDefault": "false"`). Responses are held to the schema as written.
fn validate_as_sent(
    spec: &Value,
    operation_id: &str,
    kind: &str,
    instance: &Value,
) -> Result<(), Vec<String>> {
    let first = validate(spec, operation_id, kind, instance);
    if kind != "request" || first.is_ok() {
        return first;
    }
    // Only type errors on booleans may be excused, and only if the coerced body then validates.
    let errors = first.unwrap_err();
    let type_errors_only = errors
        .iter()
        .all(|e| e.contains("is not of type \"boolean\""));
    let mut coerced = instance.clone();
    coerce_scalar_strings(&mut coerced);
    if type_errors_only && validate(spec, operation_id, kind, &coerced).is_ok() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// OpenAPI 3.0's `nullable: true` as JSON Schema says it: `null` is one of the types (and of
/// the enum values, when there is an enum).
fn nullable_as_json_schema(v: &mut Value) {
    match v {
        Value::Object(map) => {
            if map.remove("nullable") == Some(json!(true)) {
                if let Some(Value::String(t)) = map.get("type").cloned() {
                    map.insert("type".into(), json!([t, "null"]));
                }
                if let Some(Value::Array(values)) = map.get_mut("enum") {
                    if !values.contains(&Value::Null) {
                        values.push(Value::Null);
                    }
                }
            }
            map.values_mut().for_each(nullable_as_json_schema);
        }
        Value::Array(items) => items.iter_mut().for_each(nullable_as_json_schema),
        _ => {}
    }
}

fn coerce_scalar_strings(v: &mut Value) {
    match v {
        Value::Object(map) => map.values_mut().for_each(coerce_scalar_strings),
        Value::Array(items) => items.iter_mut().for_each(coerce_scalar_strings),
        Value::String(s) if s == "true" || s == "false" => *v = json!(s == "true"),
        _ => {}
    }
}

#[test]
fn specs_parse_as_openapi_3_0() {
    let names = spec_names();
    assert!(
        names.len() >= 3,
        "expected the omivv, aria-networks and vidm specs, found {names:?}"
    );
    for name in names {
        let text = std::fs::read_to_string(root().join(format!("openapi/{name}.yaml"))).unwrap();
        let api: openapiv3::OpenAPI =
            serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("openapi/{name}.yaml: {e}"));
        assert_eq!(api.openapi, "3.0.3", "openapi/{name}.yaml");
    }
}

#[test]
fn operations_have_unique_ids_tags_summaries_and_descriptions() {
    for name in spec_names() {
        let spec = spec_json(&name);
        let declared: BTreeSet<&str> = spec["tags"]
            .as_array()
            .map(|t| t.iter().filter_map(|t| t["name"].as_str()).collect())
            .unwrap_or_default();
        let mut ids = BTreeSet::new();
        for (path, method, op) in operations(&spec) {
            let at = format!("openapi/{name}.yaml {} {path}", method.to_uppercase());
            let id = op["operationId"]
                .as_str()
                .unwrap_or_else(|| panic!("{at}: no operationId"));
            assert!(
                id.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                "{at}: operationId {id} is not snake_case"
            );
            assert!(
                ids.insert(id.to_string()),
                "{at}: operationId {id} is used twice"
            );
            let tags = op["tags"]
                .as_array()
                .unwrap_or_else(|| panic!("{at}: no tags"));
            assert!(!tags.is_empty(), "{at}: no tags");
            for t in tags {
                assert!(
                    declared.contains(t.as_str().unwrap()),
                    "{at}: tag {t} is not declared"
                );
            }
            for field in ["summary", "description"] {
                assert!(
                    op[field].as_str().is_some_and(|s| !s.trim().is_empty()),
                    "{at}: no {field}"
                );
            }
            let responses = op["responses"].as_object().unwrap();
            let successes = responses.keys().filter(|c| c.starts_with('2')).count();
            assert_eq!(successes, 1, "{at}: one success response expected");
        }
    }
}

/// Every sample file, as (api, operationId, kind, path).
fn samples() -> Vec<(String, String, String, PathBuf)> {
    let mut out = Vec::new();
    for api in std::fs::read_dir(root().join("openapi/samples")).unwrap() {
        let api = api.unwrap().path();
        for file in std::fs::read_dir(&api).unwrap() {
            let file = file.unwrap().path();
            let fname = file.file_name().unwrap().to_string_lossy().into_owned();
            let stem = fname
                .strip_suffix(".json")
                .unwrap_or_else(|| panic!("{fname}: not .json"));
            let (op, kind) = stem
                .rsplit_once('.')
                .unwrap_or_else(|| panic!("{fname}: not <op>.<kind>.json"));
            assert!(
                kind == "request" || kind == "response",
                "{fname}: kind must be request or response"
            );
            out.push((
                api.file_name().unwrap().to_string_lossy().into_owned(),
                op.to_string(),
                kind.to_string(),
                file,
            ));
        }
    }
    out.sort();
    out
}

#[test]
fn every_sample_validates_and_matches_the_spec_example() {
    let all = samples();
    assert!(
        all.len() >= 20,
        "expected the guides' samples, found {}",
        all.len()
    );
    let mut failures = Vec::new();
    for (api, op, kind, path) in all {
        let rel = path.strip_prefix(root()).unwrap().display().to_string();
        let spec = spec_json(&api);
        let text = std::fs::read_to_string(&path).unwrap();
        let value: Value = match serde_json::from_str(&text) {
            Ok(v) => v,
            Err(e) => {
                failures.push(format!("{rel}: not JSON: {e}"));
                continue;
            }
        };
        if let Err(errors) = validate_as_sent(&spec, &op, &kind, &value) {
            for e in errors {
                failures.push(format!("{rel}: {e}"));
            }
        }
        let (_, _, operation) = operations(&spec)
            .into_iter()
            .find(|(_, _, o)| o["operationId"] == op.as_str())
            .unwrap();
        let example = media(&spec, &operation, &kind).and_then(|m| m.get("example"));
        if example != Some(&value) {
            failures.push(format!(
                "{rel}: the spec's {kind} example of {op} differs from the sample"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_wrong_sample_is_rejected_with_its_pointer() {
    let spec = spec_json("aria-networks");
    let mut page: Value = serde_json::from_str(
        &std::fs::read_to_string(
            root().join("openapi/samples/aria-networks/list_users.response.json"),
        )
        .unwrap(),
    )
    .unwrap();
    assert!(validate(&spec, "list_users", "response", &page).is_ok());
    page["results"][1]["role"] = json!("OWNER");
    page["total_count"] = json!("3");
    let errors = validate(&spec, "list_users", "response", &page).unwrap_err();
    assert!(
        errors.iter().any(|e| e.contains("\"/results/1/role\"")),
        "{errors:#?}"
    );
    assert!(
        errors.iter().any(|e| e.contains("\"/total_count\"")),
        "{errors:#?}"
    );

    let config = json!({"vidm_appliance": "identity.domain.com", "client_id": "c", "client_secret": "s", "enable": "true"});
    let errors = validate(&spec, "create_vidm_config", "request", &config).unwrap_err();
    assert!(
        errors.iter().any(|e| e.contains("\"/enable\"")),
        "{errors:#?}"
    );

    let missing = json!({"token": "abc"});
    let errors = validate(&spec, "login", "response", &missing).unwrap_err();
    assert!(errors.iter().any(|e| e.contains("expiry")), "{errors:#?}");
}

#[test]
fn nullable_only_on_request_fields_a_vendor_client_sends_null() {
    // The sandbox refuses `null` in request bodies except where a field is declared nullable;
    // each such field is an erratum (a vendor client sends it). A response field is nullable
    // only where a vendor client reads the key as present and null (Dell's OMEVV modules, E60).
    let allowed = [
        "AlarmsAndEventsUpdate.eventPostType",
        // application_backups.py restore posts tiers as it read them (E45).
        "GroupMembershipCriteria.search_membership_criteria",
        "GroupMembershipCriteria.ip_address_membership_criteria",
        "TierRequest.member_list",
        "MemberList.vms",
        "MemberList.physical_ips",
        "MemberList.kubernetes_services",
        // Dell's omevv_* Ansible modules send unset share credentials and protocol as null,
        // and compare a profile's description key, null when none (E60).
        "ShareCredential.username",
        "ShareCredential.password",
        "ShareCredential.domain",
        "RepoTestConnectionRequest.protocolType",
        "RepositoryProfile.description",
        "BaselineProfile.description",
        // Dell's manage, unmanage and discovery scripts send `jobDescription: null` (E66).
        "ManageHostsRequest.jobDescription",
        "CreateHostsDiscoverRequest.jobDescription",
        // registerVcenter.py sends `description: null` when none is given (E66).
        "ConsoleCreateRequest.description",
        // Dell's OMEVV scripts send `null` for every optional field they were not given (E70).
        "CreateRepositoryProfileRequest.description",
        "CreateRepositoryProfileRequest.checkCertificate",
        "CreateRepositoryProfileRequest.createdBy",
        "BaselineProfileCreateRequest.description",
        "BaselineProfileCreateRequest.driverRepoId",
        "BaselineProfileCreateRequest.configurationRepoId",
        "BaselineProfileCreateRequest.createdBy",
        "BaselineProfileModifyRequest.description",
        "BaselineProfileModifyRequest.modifiedBy",
        "BaselineProfileModifyRequest.firmwareRepoId",
        "BaselineProfileModifyRequest.driverRepoId",
        "BaselineProfileModifyRequest.configurationRepoId",
        "BaselineProfileModifyRequest.addgroupIds",
        "BaselineProfileModifyRequest.removeGroupIds",
        "DaysAndTimeOfWeekChange.monday",
        "DaysAndTimeOfWeekChange.tuesday",
        "DaysAndTimeOfWeekChange.wednesday",
        "DaysAndTimeOfWeekChange.thursday",
        "DaysAndTimeOfWeekChange.friday",
        "DaysAndTimeOfWeekChange.saturday",
        "DaysAndTimeOfWeekChange.sunday",
        "DaysAndTimeOfWeekChange.time",
    ];
    for name in spec_names() {
        let spec = spec_json(&name);
        for (schema, body) in spec["components"]["schemas"].as_object().unwrap() {
            for (field, prop) in body["properties"].as_object().into_iter().flatten() {
                if prop["nullable"] == json!(true) {
                    let key = format!("{schema}.{field}");
                    assert!(
                        allowed.contains(&key.as_str()),
                        "openapi/{name}.yaml: {key} is nullable"
                    );
                }
            }
        }
    }
}
