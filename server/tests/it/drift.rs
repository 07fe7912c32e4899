//! The generated stubs' utoipa documents must say what the hand-authored specs say.

use crate::drift_check;
use appliance_sandbox::generated;
use drift_check::compare;
use serde_json::Value;
use utoipa::OpenApi;

fn spec(name: &str) -> Value {
    let path = format!("{}/../openapi/{name}.yaml", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn stubs() -> Vec<(&'static str, Value)> {
    vec![
        (
            "omivv",
            serde_json::to_value(generated::omivv::ApiDoc::openapi()).unwrap(),
        ),
        (
            "aria-networks",
            serde_json::to_value(generated::aria_networks::ApiDoc::openapi()).unwrap(),
        ),
        (
            "omevv",
            serde_json::to_value(generated::omevv::ApiDoc::openapi()).unwrap(),
        ),
        (
            "ome",
            serde_json::to_value(generated::ome::ApiDoc::openapi()).unwrap(),
        ),
        (
            "vlcm",
            serde_json::to_value(generated::vlcm::ApiDoc::openapi()).unwrap(),
        ),
        (
            "vidm",
            serde_json::to_value(generated::vidm::ApiDoc::openapi()).unwrap(),
        ),
        (
            "csp",
            serde_json::to_value(generated::csp::ApiDoc::openapi()).unwrap(),
        ),
        (
            "sandbox",
            serde_json::to_value(generated::sandbox::ApiDoc::openapi()).unwrap(),
        ),
    ]
}

#[test]
fn every_spec_matches_its_stubs() {
    let specs_on_disk = std::fs::read_dir(format!("{}/../openapi", env!("CARGO_MANIFEST_DIR")))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "yaml")
        })
        .count();
    let stubs = stubs();
    assert_eq!(
        specs_on_disk,
        stubs.len(),
        "a spec has no stubs wired into this test"
    );
    let mut problems = Vec::new();
    for (name, doc) in &stubs {
        for line in compare(&spec(name), doc) {
            problems.push(format!("openapi/{name}.yaml: {line}"));
        }
    }
    assert!(
        problems.is_empty(),
        "spec and stubs differ:\n{}",
        problems.join("\n")
    );
}

/// Runs the comparison on a mutated copy of the Aria spec and returns what it reports.
fn drift_after(mutate: impl FnOnce(&mut Value)) -> Vec<String> {
    let mut s = spec("aria-networks");
    mutate(&mut s);
    compare(
        &s,
        &serde_json::to_value(generated::aria_networks::ApiDoc::openapi()).unwrap(),
    )
}

#[test]
fn a_removed_parameter_is_reported() {
    let report = drift_after(|s| {
        s["paths"]["/settings/users"]["get"]["parameters"]
            .as_array_mut()
            .unwrap()
            .remove(1);
    });
    assert_eq!(
        report,
        ["GET /settings/users: parameter size (query): in the stubs but not in the spec"]
    );
}

#[test]
fn a_changed_type_is_reported() {
    let report = drift_after(|s| {
        s["components"]["parameters"]["PageSize"]["schema"] = serde_json::json!({"type": "number"});
    });
    assert!(
        report.contains(
            &"GET /settings/users: parameter size (query): type number != integer".to_string()
        ),
        "{report:#?}"
    );
}

#[test]
fn an_extra_status_code_is_reported() {
    let report = drift_after(|s| {
        s["paths"]["/info/version"]["get"]["responses"]["418"] =
            serde_json::json!({"description": "teapot"});
    });
    assert_eq!(
        report,
        ["GET /info/version: response 418: in the spec but not in the stubs"]
    );
}

#[test]
fn a_renamed_property_is_reported() {
    let report = drift_after(|s| {
        let props = s["components"]["schemas"]["Token"]["properties"]
            .as_object_mut()
            .unwrap();
        let v = props.remove("expiry").unwrap();
        props.insert("expires".into(), v);
    });
    assert!(
        report.contains(
            &"POST /auth/token: response 200: property expires: in the spec but not in the stubs"
                .to_string()
        ),
        "{report:#?}"
    );
    assert!(
        report.contains(
            &"POST /auth/token: response 200: property expiry: in the stubs but not in the spec"
                .to_string()
        ),
        "{report:#?}"
    );
}

#[test]
fn a_changed_operation_id_and_a_new_path_are_reported() {
    let report = drift_after(|s| {
        s["paths"]["/info/version"]["get"]["operationId"] = "version".into();
        s["paths"]["/info/other"] = serde_json::json!({"get": {"responses": {}}});
    });
    assert!(
        report.contains(&"GET /info/version: operationId version != get_api_version".to_string()),
        "{report:#?}"
    );
    assert!(
        report.contains(&"GET /info/other: in the spec but not in the stubs".to_string()),
        "{report:#?}"
    );
}
