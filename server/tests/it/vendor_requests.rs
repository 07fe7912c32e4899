//! OMIVV's console tree as Dell's scripts walk it, and the requests a Java servlet container
//! accepts that the vendors' clients send (issue 11).

use crate::common;

use appliance_sandbox::config::Config;
use appliance_sandbox::Options;
use common::*;
use reqwest::Method;
use serde_json::{json, Value};

const CONSOLES: &str = "/Services/ConsoleService/Consoles";

#[tokio::test]
async fn dells_scripts_find_the_vcenter_by_ip_and_walk_its_tree() {
    let sb = start().await;
    let token = sb.omivv_token().await;
    let consoles = sb.omivv_get(CONSOLES, &token).await.json();
    // `get_vcenter_id_by_vcener_ip.py`: match `ip` case-insensitively against the address given.
    let vc = consoles
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["ip"].as_str().unwrap().to_uppercase() == "10.20.0.10")
        .unwrap();
    let id = vc["id"].as_str().unwrap();
    let tree = sb.omivv_get(&format!("{CONSOLES}/{id}"), &token).await;
    assert_eq!(tree.status, 200, "{}", tree.text);
    let tree = tree.json();
    assert_eq!(tree["hostname"], "vcenter01.example.com");
    let dc = &tree["datacenters"][0];
    assert_eq!(dc["name"], "Datacenter-A");
    // Standalone hosts sit in the datacenter; clusters carry ids, names, hrefs and vLCM.
    assert_eq!(dc["hosts"][0]["serviceTag"], "1AN5TL5");
    let clusters = dc["clusters"].as_array().unwrap();
    assert_eq!(clusters.len(), 2);
    assert_eq!(clusters[0]["registeredWithVlcm"], true);
    assert_eq!(clusters[1]["registeredWithVlcm"], false);
    // `get_cluster_id_by_host_id.py`: follow each cluster's href as it is.
    let mut found = Vec::new();
    for c in clusters {
        let href = c["href"].as_str().unwrap();
        assert!(
            href.starts_with(&sb.base),
            "{href} is absolute, at the address called"
        );
        assert!(href.contains(c["id"].as_str().unwrap()));
        let cluster = sb.send(sb.http.get(href).bearer_auth(&token)).await.json();
        assert_eq!(cluster["id"], c["id"]);
        for h in cluster["hosts"].as_array().unwrap() {
            found.push(h["serviceTag"].as_str().unwrap().to_string());
            // A host's href answers the host, with where it sits.
            let host = sb
                .send(sb.http.get(h["href"].as_str().unwrap()).bearer_auth(&token))
                .await
                .json();
            assert_eq!(host["clusterId"], c["id"]);
            assert_eq!(host["datacenterId"], dc["id"]);
        }
    }
    assert_eq!(found, ["7XK2QH2", "8YL3RJ3", "9ZM4SK4"]);
    // `GetAllHostsByVCenterId.py`: every host of the vCenter.
    let hosts = sb
        .omivv_get(&format!("{CONSOLES}/{id}/Hosts"), &token)
        .await
        .json();
    assert_eq!(hosts.as_array().unwrap().len(), 4);
    for (path, needle) in [
        (format!("{CONSOLES}/{id}/Hosts/host-999"), "host-999"),
        (
            format!("{CONSOLES}/{id}/Clusters/domain-c999"),
            "domain-c999",
        ),
        (format!("{CONSOLES}/nope/Hosts"), "nope"),
    ] {
        assert_omivv_error(&sb.omivv_get(&path, &token).await, 404, needle);
    }
    // The tree needs a session, not a context.
    assert_eq!(
        sb.send(sb.http.get(sb.omivv(&format!("{CONSOLES}/{id}"))))
            .await
            .status,
        401
    );
}

#[tokio::test]
async fn doubled_slashes_are_merged_as_a_servlet_container_does() {
    let sb = start().await;
    let token = sb.omivv_token().await;
    // Dell's UpdateService script: `/Spectre/api/rest/v1//Services/...`.
    let doubled = format!(
        "{}/Spectre/api/rest/v1//Services/ConsoleService//Consoles",
        sb.base
    );
    let a = sb.send(sb.http.get(&doubled).bearer_auth(&token)).await;
    assert_eq!(a.status, 200, "{}", a.text);
    let admin = sb.admin().await;
    let a = sb
        .send(
            sb.http
                .get(format!("{}/api/ni//info//version?x=a//b", sb.base))
                .header("Authorization", format!("NetworkInsight {admin}")),
        )
        .await;
    assert_eq!(a.status, 200, "{}", a.text);
}

/// VMware's PowerValidatedSolutions module reads `/api/ni/infra/nodes/`: a trailing slash is
/// dropped (E48), on any API; before, it was a 404.
#[tokio::test]
async fn a_trailing_slash_is_dropped() {
    let sb = start().await;
    let admin = sb.admin().await;
    let auth = format!("NetworkInsight {admin}");
    let plain = sb
        .send(
            sb.http
                .get(sb.aria("/infra/nodes"))
                .header("Authorization", &auth),
        )
        .await;
    let slashed = sb
        .send(
            sb.http
                .get(sb.aria("/infra/nodes/"))
                .header("Authorization", &auth),
        )
        .await;
    assert_eq!(slashed.status, 200, "{}", slashed.text);
    assert_eq!(slashed.json(), plain.json());
    let token = sb.omivv_token().await;
    let a = sb
        .send(
            sb.http
                .get(format!(
                    "{}/Spectre/api/rest/v1/Services/ConsoleService/Consoles/",
                    sb.base
                ))
                .bearer_auth(&token),
        )
        .await;
    assert_eq!(a.status, 200, "{}", a.text);
    // The query survives, and an unknown path is still a 404 in the API's shape.
    let a = sb
        .send(
            sb.http
                .get(sb.aria("/settings/users/?type=local"))
                .header("Authorization", &auth),
        )
        .await;
    assert_eq!(a.status, 200, "{}", a.text);
    assert_aria_error(
        &sb.send(
            sb.http
                .get(sb.aria("/no/such/"))
                .header("Authorization", &auth),
        )
        .await,
        404,
    );
}

#[tokio::test]
async fn calls_without_a_body_may_still_say_json() {
    let sb = start().await;
    let admin = sb.admin().await;
    assert_eq!(sb.configure_vidm(&admin).await.status, 201);
    let empty_json = |method: Method, path: &str| {
        sb.aria_req(method, path, &admin)
            .header("Content-Type", "application/json")
    };
    for path in ["/settings/vidm/disable", "/settings/vidm/enable"] {
        let a = sb.send(empty_json(Method::POST, path)).await;
        assert_eq!(a.status, 204, "{path}: {}", a.text);
    }
    let body = json!({"username": "testuser", "domain": "vidmlabs.com", "role": "MEMBER"});
    sb.aria_call(Method::POST, "/settings/users/vidm", &admin, Some(body))
        .await;
    let a = sb
        .send(empty_json(
            Method::DELETE,
            "/settings/users/testuser%40vidmlabs.com",
        ))
        .await;
    assert_eq!(a.status, 204, "{}", a.text);
    // OMIVV's logoff: POST with JSON content type and nothing in it.
    let token = sb.omivv_token().await;
    let a = sb
        .send(
            sb.http
                .post(sb.omivv("/Services/AuthenticationService/logoff"))
                .bearer_auth(&token)
                .header("Content-Type", "application/json"),
        )
        .await;
    assert_eq!(a.status, 200, "{}", a.text);
}

#[tokio::test]
async fn percent_encoded_ids_are_decoded() {
    let mut config = Config::default();
    config.omivv.consoles[0].id = "vc:01".into();
    let sb = start_with(config, Options::default()).await;
    let token = sb.omivv_token().await;
    let a = sb.omivv_get(&format!("{CONSOLES}/vc%3A01"), &token).await;
    assert_eq!(a.status, 200, "{}", a.text);
    assert_eq!(a.json()["id"], "vc:01");
    assert!(a.json()["href"].as_str().unwrap().ends_with("/vc:01"));
}

#[tokio::test]
async fn console_configuration_must_name_a_world_vcenter() {
    let mut config = Config::default();
    config.omivv.consoles[0].vcenter = "vcenter99".into();
    let err = config.check().unwrap_err();
    assert!(err.contains("vcenter99"), "{err}");
    let text = "[[omivv.consoles]]\nid = \"a\"\nvcenter = \"vcenter01\"\n[[omivv.consoles]]\nid = \"a\"\nvcenter = \"vcenter02\"\n";
    assert!(Config::from_toml(text).unwrap_err().contains("twice"));
}

/// Dell's own sample file for a repository profile sends `"globalDefault": "false"`; the
/// reader every handler uses takes it as Jackson does (no OMIVV operation takes it yet, so the
/// reader is held to it through a type with the same field).
#[test]
fn dells_string_booleans_are_read_as_booleans() {
    #[derive(serde::Deserialize)]
    #[allow(dead_code)]
    struct RepositoryProfile {
        name: String,
        #[serde(rename = "globalDefault")]
        global_default: bool,
    }
    let sample: Value = json!({"name": "LocalOnelineCatalog4", "globalDefault": "false"});
    let parsed: RepositoryProfile =
        appliance_sandbox::stub::parse_json(sample.to_string().as_bytes(), &[])
            .unwrap()
            .unwrap();
    assert!(!parsed.global_default);
}
