//! Appliance versions (E106): the release the sandbox presents, from the configuration, says
//! what `/info/version` answers (PowervRNI casts it to `[System.Version]`) and where the
//! applications' fetch caps its pages (100 since 6.5.1, with the appliance's message).

use super::*;
use appliance_sandbox::aria_networks::appliance_version::ApplianceVersion;
use appliance_sandbox::config::Config;
use appliance_sandbox::Options;

async fn presenting(version: &str) -> (TestSandbox, String) {
    let toml = format!("[aria]\nappliance_version = \"{version}\"\n");
    let sb = start_with(Config::from_toml(&toml).unwrap(), Options::default()).await;
    let token = sb.admin().await;
    (sb, token)
}

#[tokio::test]
async fn each_release_names_itself_and_caps_the_application_fetch_as_it_did() {
    // (release, api_version, the saved applications' fetch of 2500, the discovered ones')
    for (version, api_version, fetch_2500, discovered_2500) in [
        ("6.12", "6.12.0", 400, 400),
        ("6.7.0", "6.7.0", 400, 400),
        ("6.5.1", "6.5.1", 400, 404),
        ("1.1.8", "1.1.8", 200, 404),
    ] {
        let (sb, token) = presenting(version).await;
        let v = sb
            .aria_call(Method::GET, "/info/version", &token, None)
            .await;
        assert_eq!(v.json(), json!({ "api_version": api_version }), "{version}");
        let fetch = "/groups/applications/fetch?size=2500";
        let a = sb.aria_call(Method::GET, fetch, &token, None).await;
        assert_eq!(a.status, fetch_2500, "{version}: {}", a.text);
        if fetch_2500 == 400 {
            assert_eq!(
                a.json()["message"],
                "Requested size: 2500 exceeds the supported limit: 100."
            );
        }
        let a = sb
            .aria_call(
                Method::GET,
                "/groups/applications/fetch?size=100",
                &token,
                None,
            )
            .await;
        assert_eq!(a.status, 200, "{version}: {}", a.text);
        // The discovered applications' fetch caps as the saved ones' does, from 6.7.0 (E123).
        let discovered =
            "/groups/discovered-applications/fetch?discovery_type=FLOW_BASED_DISCOVERY&size=2500";
        let a = sb.aria_call(Method::GET, discovered, &token, None).await;
        assert_eq!(a.status, discovered_2500, "{version}: {}", a.text);
    }
}

#[test]
fn an_unknown_release_is_refused_with_the_ones_there_are() {
    let e = Config::from_toml("[aria]\nappliance_version = \"6.6\"\n").unwrap_err();
    assert!(
        e.contains("6.12 (the default), 6.7.0, 6.5.1 or 1.1.8"),
        "{e}"
    );
    // An explicit api_version still overrides what the release says.
    let c = Config::from_toml("[aria]\nappliance_version = \"6.7.0\"\napi_version = \"6.7.0.1\"\n")
        .unwrap();
    assert_eq!(c.aria.appliance_version, ApplianceVersion::V6_7_0);
    assert_eq!(c.aria.api_version.as_deref(), Some("6.7.0.1"));
}

#[tokio::test]
async fn operations_a_release_did_not_have_are_not_there() {
    // (method, path, body, first release): one of each later release.
    let ops = [
        (
            Method::POST,
            "/search/ql",
            Some(json!({"query": "vms"})),
            "6.5.1",
        ),
        (Method::GET, "/custom-dashboards", None, "6.12"),
    ];
    for version in ["1.1.8", "6.5.1", "6.7.0", "6.12"] {
        let (sb, token) = presenting(version).await;
        let presented: ApplianceVersion = version.parse().unwrap();
        for (method, path, body, first) in &ops {
            let served = presented >= first.parse::<ApplianceVersion>().unwrap();
            let a = (sb.aria_call(method.clone(), path, &token, body.clone())).await;
            if served {
                assert_eq!(a.status, 200, "{version} {path}: {}", a.text);
            } else {
                assert_aria_error(&a, 404);
                // As an unknown path: before authentication.
                let anonymous = sb
                    .send(sb.http.request(method.clone(), sb.aria(path)))
                    .await;
                assert_eq!(anonymous.status, 404, "{version} {path}");
            }
        }
        // What every release had stays.
        let v = sb
            .aria_call(Method::GET, "/info/version", &token, None)
            .await;
        assert_eq!(v.status, 200);
    }
}

#[tokio::test]
async fn a_path_a_release_did_not_have_is_unknown_to_every_method_and_never_counted() {
    // (release, method, path, status): a method the path never had is the router's 405
    // where the path is served, and a 404 where the release has nothing there at all.
    for (version, method, path, status) in [
        ("6.5.1", Method::DELETE, "/custom-dashboards", 404),
        ("6.12", Method::DELETE, "/custom-dashboards", 405),
        ("1.1.8", Method::GET, "/search/ql", 404),
        ("6.5.1", Method::GET, "/search/ql", 405),
    ] {
        let (sb, token) = presenting(version).await;
        let a = sb.aria_call(method.clone(), path, &token, None).await;
        assert_eq!(a.status, status, "{version} {method} {path}: {}", a.text);
    }
    // What is not there is not counted toward the request limit.
    let mut config = Config::from_toml("[aria]\nappliance_version = \"6.5.1\"\n").unwrap();
    config.aria.requests_per_minute = 3;
    let sb = start_with(config, Options::default()).await;
    for _ in 0..10 {
        let a = sb.send(sb.http.get(sb.aria("/custom-dashboards"))).await;
        assert_eq!(a.status, 404, "{}", a.text);
    }
    let a = sb.send(sb.http.get(sb.aria("/info/version"))).await;
    assert_ne!(a.status, 429, "{}", a.text);
}

#[tokio::test]
async fn fields_a_release_did_not_have_are_left_out_of_its_answers() {
    // (release, whether the fields the 1.1.8 models lack are answered)
    for (version, later_fields) in [("1.1.8", false), ("6.5.1", true), ("6.12", true)] {
        let (sb, token) = presenting(version).await;
        sb.collect_vcenter(&token, "10.20.0.10").await;
        let vms = sb
            .aria_call(Method::GET, "/entities/vms?size=1", &token, None)
            .await
            .json();
        let id = vms["results"][0]["entity_id"].as_str().unwrap().to_string();
        let vm = sb
            .aria_call(Method::GET, &format!("/entities/vms/{id}"), &token, None)
            .await
            .json();
        // Fields 1.1.8 had stay; vm_UUID and os_full_name came after it (E125).
        assert!(
            vm["name"].is_string() && vm["entity_id"] == json!(id),
            "{vm}"
        );
        for field in ["vm_UUID", "os_full_name"] {
            assert_eq!(
                vm.get(field).is_some(),
                later_fields,
                "{version} {field}: {vm}"
            );
        }
        // The same in a list's items and in a data source (a shared part's fields).
        let sources = sb
            .aria_call(Method::GET, "/data-sources/vcenters", &token, None)
            .await
            .json();
        let ds = sources["results"][0]["entity_id"]
            .as_str()
            .unwrap()
            .to_string();
        let one = sb
            .aria_call(
                Method::GET,
                &format!("/data-sources/vcenters/{ds}"),
                &token,
                None,
            )
            .await
            .json();
        assert!(one["ip"].is_string(), "{one}");
        assert_eq!(
            one.get("sha_thumbprint").is_some(),
            later_fields,
            "{version}: {one}"
        );
        // A schema 1.1.8 names otherwise (its `VCDatacenter` had no `manager_uuid`).
        let dcs = sb
            .aria_call(Method::GET, "/entities/vc-datacenters", &token, None)
            .await
            .json();
        let dc = dcs["results"][0]["entity_id"].as_str().unwrap().to_string();
        let path = format!("/entities/vc-datacenters/{dc}");
        let dc = sb.aria_call(Method::GET, &path, &token, None).await.json();
        assert!(dc["name"].is_string(), "{dc}");
        assert_eq!(
            dc.get("manager_uuid").is_some(),
            later_fields,
            "{version}: {dc}"
        );
    }
}
