//! The calls Dell's published OMIVV scripts make, byte for byte where it matters (the project
//! must not depend on the scripts, so their requests are written out here): doubled slashes,
//! a bodiless `PUT .../Cancel` with `Content-Length: 0`, hrefs followed verbatim, the report
//! chosen by `clusterid in href.lower()`, and Dell's repository-profile sample files.

use crate::common;

use common::*;
use reqwest::header::{CONTENT_LENGTH, CONTENT_TYPE};
use serde_json::{json, Value};

fn sample(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/../openapi/samples/omivv/{name}.request.json",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(path).unwrap()
}

fn items(v: &Value) -> &Vec<Value> {
    v.as_array().expect("a top-level JSON array")
}

#[tokio::test]
async fn cancel_or_delete_a_job_by_name() {
    let sb = start().await;
    let token = sb.omivv_token_in_context("administrator").await;
    let root = format!("{}/Spectre/api/rest/v1/", sb.base);
    let jobs = sb
        .send(
            sb.http
                .get(format!("{root}/Services/UpdateService/Jobs"))
                .bearer_auth(&token),
        )
        .await;
    assert_eq!(jobs.status, 200, "{}", jobs.text);
    let mut acted = 0;
    for job in items(&jobs.json()) {
        let id = job["id"].as_str().expect("ids are strings");
        let detail = sb
            .send(
                sb.http
                    .get(format!("{root}/Services/UpdateService/Jobs/{id}"))
                    .bearer_auth(&token),
            )
            .await;
        let name = detail.json()["data"]["jobname"]
            .as_str()
            .unwrap()
            .to_string();
        if name == "FirmwareUpdate-Cluster-01" {
            // requests.put(url, data={}): no body, Content-Length: 0, no Content-Type.
            let cancel = sb
                .http
                .put(format!("{root}/Services/UpdateService/Jobs/{id}/Cancel"))
                .header(CONTENT_LENGTH, "0")
                .bearer_auth(&token)
                .build()
                .unwrap();
            assert!(cancel.headers().get(CONTENT_TYPE).is_none());
            let answer = sb.http.execute(cancel).await.unwrap();
            assert_eq!(answer.status(), 200);
            acted += 1;
        }
        if name == "FirmwareUpdate-Cluster-02" {
            let delete = sb
                .send(
                    sb.http
                        .delete(sb.omivv(&format!("/Services/UpdateService/Jobs/{id}")))
                        .bearer_auth(&token),
                )
                .await;
            assert_eq!(delete.status, 200, "{}", delete.text);
            acted += 1;
        }
    }
    assert_eq!(acted, 2);
}

#[tokio::test]
async fn cluster_of_a_host_and_host_by_service_tag_through_the_tree() {
    let sb = start().await;
    let token = sb.omivv_token().await;
    let consoles = sb
        .omivv_get("/Services/ConsoleService/Consoles", &token)
        .await
        .json();
    let console = items(&consoles)
        .iter()
        .find(|c| c["ip"].as_str().unwrap().to_uppercase() == "10.20.0.10")
        .unwrap();
    let tree = sb
        .omivv_get(
            &format!(
                "/Services/ConsoleService/Consoles/{}",
                console["id"].as_str().unwrap()
            ),
            &token,
        )
        .await
        .json();
    // The scripts set the context before following cluster hrefs.
    let token = sb.omivv_token_in_context("administrator").await;
    let mut found = None;
    for dc in items(&tree["datacenters"]) {
        for cluster in items(&dc["clusters"]) {
            let href = cluster["href"].as_str().unwrap();
            let answer = sb.send(sb.http.get(href).bearer_auth(&token)).await;
            assert_eq!(answer.status, 200, "{href}: {}", answer.text);
            let body = answer.json();
            for host in items(&body["hosts"]) {
                if host["serviceTag"] == "8YL3RJ3" {
                    found = Some((body["id"].clone(), host["id"].clone()));
                }
            }
        }
    }
    assert_eq!(found, Some((json!("domain-c3"), json!("host-5"))));
}

#[tokio::test]
async fn drift_reports_chosen_by_cluster_id_and_their_details() {
    let sb = start().await;
    let token = sb.omivv_token_in_context("administrator").await;
    let reports = sb
        .omivv_get("/Services/DriftDetectionService/DriftReport", &token)
        .await
        .json();
    let chosen: Vec<&str> = items(&reports)
        .iter()
        .map(|r| r["href"].as_str().unwrap())
        .filter(|href| href.to_lowercase().contains("domain-c6"))
        .collect();
    assert_eq!(chosen.len(), 1, "{reports}");
    for suffix in ["", "/ConfigurationDriftDetails", "/DriverDriftDetails"] {
        let url = format!("{}{suffix}", chosen[0]);
        let answer = sb.send(sb.http.get(&url).bearer_auth(&token)).await;
        assert_eq!(answer.status, 200, "{url}: {}", answer.text);
        assert!(answer.json().is_object());
    }
    let profiles = sb
        .omivv_get("/Services/PluginProfileService/ClusterProfiles", &token)
        .await
        .json();
    let href = items(&profiles)[0]["href"].as_str().unwrap().to_string();
    let profile = sb.send(sb.http.get(&href).bearer_auth(&token)).await;
    assert_eq!(profile.json()["clusterIds"], json!(["domain-c3"]));
}

#[tokio::test]
async fn repository_profile_from_dells_sample_files_then_license_upload_without_context() {
    let sb = start().await;
    let token = sb.omivv_token_in_context("administrator").await;
    let url = sb.omivv("/Services/PluginProfileService/RepositoryProfiles");
    let post = sample("create_repository_profile");
    let created = sb
        .send(
            sb.http
                .post(&url)
                .bearer_auth(&token)
                .header(CONTENT_TYPE, "application/json")
                .body(post),
        )
        .await;
    assert_eq!(created.status, 200, "{}", created.text);
    let id = created.json()["id"].as_str().unwrap().to_string();
    assert_eq!(id, "1010", "the id in Dell's PUT sample");
    let put = sample("modify_repository_profile");
    let modified = sb
        .send(
            sb.http
                .put(format!("{url}/{id}"))
                .bearer_auth(&token)
                .header(CONTENT_TYPE, "application/json")
                .body(put),
        )
        .await;
    assert_eq!(modified.status, 200, "{}", modified.text);
    assert_eq!(modified.json()["description"], "LocalOnlineCatalog4Changed");

    let plain = sb.omivv_token().await;
    let upload = sample("upload_license");
    let licenses = sb.omivv("/Services/LicenseService/Licenses");
    let send = |body: Vec<u8>| {
        sb.http
            .post(&licenses)
            .bearer_auth(&plain)
            .header(CONTENT_TYPE, "application/json")
            .body(body)
    };
    let first = sb.send(send(upload.clone())).await;
    assert_eq!(first.status, 200, "{}", first.text);
    // UploadLicense.py parses every answer as JSON, errors included.
    let second = sb.send(send(upload)).await;
    assert_omivv_error(&second, 400, "already imported");
}

/// The replay of Dell's sample files through the generated client, in a script's order. Each
/// name is a snapshot in `snapshots/dell/`.
const DELL_STEPS: &[&str] = &[
    "set_operational_context",
    "create_repository_profile",
    "modify_repository_profile",
    "set_alarms_and_events",
    "upload_license",
    "list_licenses",
];

/// Links carry the test's random port and times the wall clock: both are replaced.
fn redact(v: &mut Value) {
    match v {
        Value::Object(map) => {
            for (k, val) in map.iter_mut() {
                match (k.as_str(), val.as_str()) {
                    ("href", Some(h)) => {
                        let path = h.split("/Spectre").nth(1).unwrap_or(h).to_string();
                        *val = json!(format!("[base]/Spectre{path}"));
                    }
                    (k, Some(_)) if k.ends_with("Time") => *val = json!("[time]"),
                    _ => redact(val),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(redact),
        _ => {}
    }
}

fn snapshot(step: &str, status: u16, mut body: Value) {
    redact(&mut body);
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(format!("{}/../snapshots/dell", env!("CARGO_MANIFEST_DIR")));
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_json_snapshot!(step, json!({"status": status, "body": body})));
}

/// A request sample read as the handlers read it (Dell's files are lenient: E36).
fn lenient<T: serde::de::DeserializeOwned>(name: &str) -> T {
    appliance_sandbox::stub::parse_json(&sample(name), &[])
        .unwrap()
        .unwrap()
}

#[tokio::test]
async fn dells_sample_files_replayed_through_the_generated_client() {
    use appliance_client::omivv::{types, Session};
    let sb = start().await;
    let base = sb.omivv("");
    let s = Session::login(&base, "admin", "", "admin123", Default::default())
        .await
        .unwrap();
    let mut steps = DELL_STEPS.iter();
    let mut next = || *steps.next().unwrap();
    let c = s.client();

    let r = s
        .set_operational_context(FIRST_CONSOLE, "administrator", "vsphere.local", "VMware1!")
        .await
        .unwrap();
    snapshot(next(), r.status().as_u16(), Value::Null);
    let body: types::RepositoryProfileCreate = lenient("create_repository_profile");
    let r = c
        .create_repository_profile()
        .body(body)
        .send()
        .await
        .unwrap();
    let id = r.id.clone();
    snapshot(
        next(),
        r.status().as_u16(),
        serde_json::to_value(r.into_inner()).unwrap(),
    );
    let body: types::RepositoryProfileModify = lenient("modify_repository_profile");
    let r = c
        .modify_repository_profile()
        .profile_id(&id)
        .body(body)
        .send()
        .await
        .unwrap();
    snapshot(
        next(),
        r.status().as_u16(),
        serde_json::to_value(r.into_inner()).unwrap(),
    );
    let body: types::AlarmsAndEventsUpdate = lenient("set_alarms_and_events");
    let r = c.set_alarms_and_events().body(body).send().await.unwrap();
    snapshot(
        next(),
        r.status().as_u16(),
        serde_json::to_value(r.into_inner()).unwrap(),
    );
    let body: types::LicenseUpload = lenient("upload_license");
    let r = c.upload_license().body(body).send().await.unwrap();
    snapshot(
        next(),
        r.status().as_u16(),
        serde_json::to_value(r.into_inner()).unwrap(),
    );
    let r = c.list_licenses().send().await.unwrap();
    snapshot(
        next(),
        r.status().as_u16(),
        serde_json::to_value(r.into_inner()).unwrap(),
    );
    assert!(steps.next().is_none(), "every step ran");
    s.logoff().await.unwrap();
}

#[test]
fn no_stale_dell_snapshots() {
    let dir = format!("{}/../snapshots/dell", env!("CARGO_MANIFEST_DIR"));
    for entry in std::fs::read_dir(dir).into_iter().flatten() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        let step = name.strip_suffix(".snap").unwrap_or(&name);
        assert!(
            DELL_STEPS.contains(&step),
            "snapshots/dell/{name} is no step's snapshot"
        );
    }
}
