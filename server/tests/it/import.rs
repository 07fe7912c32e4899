//! `appliance-sandbox import` reads a sandbox configured with a world of its own, as it would a
//! real estate: a second sandbox started on what it wrote answers the same inventory; with
//! `--anonymize` nothing of the original names, addresses or tags is left.

use crate::common::*;
use appliance_sandbox::app::Options;
use appliance_sandbox::config::Config;
use appliance_sandbox::import::{import, Appliance, ImportOptions};
use reqwest::Method;
use serde_json::Value;

/// Every datacenter, cluster and host of every console, as OMIVV lists them.
async fn estate(sb: &TestSandbox) -> Vec<String> {
    let token = sb.omivv_token().await;
    let get = |path: String| {
        let token = token.clone();
        async move { sb.omivv_call(Method::GET, &path, &token, None).await.json() }
    };
    let mut out = Vec::new();
    for c in get("/ConsoleService/Consoles".into())
        .await
        .as_array()
        .unwrap()
    {
        let id = c["id"].as_str().unwrap();
        let tree: Value = get(format!("/ConsoleService/Consoles/{id}")).await;
        for dc in tree["datacenters"].as_array().unwrap() {
            out.push(format!("{} / {}", c["hostname"], dc["name"]));
            for cl in dc["clusters"].as_array().unwrap() {
                let cid = cl["id"].as_str().unwrap();
                let cluster = get(format!("/ConsoleService/Consoles/{id}/Clusters/{cid}")).await;
                for h in cluster["hosts"].as_array().unwrap() {
                    out.push(format!(
                        "{} / {} / {} {} {}",
                        c["hostname"], dc["name"], cl["name"], h["name"], h["serviceTag"]
                    ));
                }
            }
        }
    }
    out
}

fn custom_world() -> Config {
    let mut config = Config::default();
    // The seeds name the default world's clusters; this world has others.
    config.omivv.jobs.clear();
    config.omivv.cluster_profiles.clear();
    let vc = &mut config.world.vcenters[0];
    vc.datacenters[0].name = "Frankfurt".into();
    vc.datacenters[0].clusters[0].name = "Prod-East".into();
    let mut extra = vc.datacenters[0].clusters[1].hosts[0].clone();
    extra.name = "esxi-99.corp.example".into();
    extra.ip = "10.20.1.99".into();
    extra.idrac_ip = "10.20.2.99".into();
    extra.service_tag = "ZZ99ZZ9".into();
    vc.datacenters[0].clusters[1].hosts.push(extra);
    config
}

pub(crate) async fn run(sb: &TestSandbox, anonymize: bool) -> String {
    let admin = sb.admin().await;
    let sources = sb
        .aria_call(Method::GET, "/data-sources/vcenters", &admin, None)
        .await
        .json();
    if sources["results"].as_array().is_none_or(Vec::is_empty) {
        sb.collect_vcenter(&admin, "10.20.0.10").await;
        sb.collect_vcenter(&admin, "10.20.0.20").await;
    }
    let opts = ImportOptions {
        omivv: Some(Appliance {
            url: sb.base.clone(),
            user: "admin".into(),
            password: "admin123".into(),
        }),
        omevv: None,
        flow_samples: 1000,
        aria: Some(Appliance {
            url: sb.base.clone(),
            user: "admin@local".into(),
            password: "admin".into(),
        }),
        anonymize,
        insecure: false,
    };
    import(&opts, &|_| {}).await.unwrap()
}

pub(crate) fn options() -> Options {
    Options {
        no_rate_limits: true,
        ..Default::default()
    }
}

#[tokio::test]
async fn a_second_sandbox_on_the_imported_configuration_has_the_same_estate() {
    let first = start_with(custom_world(), options()).await;
    let text = run(&first, false).await;
    let config = Config::from_toml(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(config.world.workload.vms.len(), 18, "{text}");
    let second = start_with(config, options()).await;
    let a = estate(&first).await;
    assert!(a.iter().any(|l| l.contains("Prod-East")), "{a:?}");
    assert!(a.iter().any(|l| l.contains("ZZ99ZZ9")), "{a:?}");
    assert_eq!(a, estate(&second).await);
}

#[tokio::test]
async fn anonymized_nothing_of_the_original_is_left_and_the_topology_is() {
    let first = start_with(custom_world(), options()).await;
    let admin = first.admin().await;
    first.collect_vcenter(&admin, "10.20.0.10").await;
    first.collect_vcenter(&admin, "10.20.0.20").await;
    crate::import_sources::make_application(&first, &admin, "web-tier", "10.101.0.0/16").await;
    let text = run(&first, true).await;
    assert!(text.contains("application-01"), "{text}");
    for original in [
        "Frankfurt",
        "Prod-East",
        "esxi-99.corp.example",
        "ZZ99ZZ9",
        "10.20.1.99",
        "10.20.2.99",
        "vcenter01",
        "7XK2QH2",
        "10.20.0.10",
        "web-tier",
        "web-vm-001",
        "vlan-1010",
        "10.100.0.",
        "10.101.0.",
        "203.0.113.",
        "shop",
        "10.101.0.0/16",
    ] {
        assert!(!text.contains(original), "{original} is in:\n{text}");
    }
    let config = Config::from_toml(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    let second = start_with(config, options()).await;
    let shape = |lines: Vec<String>| {
        lines
            .iter()
            .map(|l| l.matches(" / ").count())
            .collect::<Vec<_>>()
    };
    assert_eq!(shape(estate(&first).await), shape(estate(&second).await));
}
