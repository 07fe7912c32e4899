//! `appliance-sandbox import` with Aria as the source of the workload (VMs, networks, groups, a
//! sample of flows) and, without a Dell appliance, of the topology; and with OMEVV as the source
//! of the topology. A second sandbox on what it wrote answers the same entity lists.

use crate::common::*;
use crate::import::options;
use appliance_sandbox::config::Config;
use appliance_sandbox::import::{import, Appliance, ImportOptions, OmevvAccess};
use appliance_sandbox::world::HostHealth;
use reqwest::Method;
use serde_json::{json, Value};

/// A workload unlike the default one in every setting.
fn custom_workload() -> Config {
    let mut config = Config::default();
    let w = &mut config.world.workload;
    w.vms_per_host = 2;
    w.flows = 90;
    w.internet_flow_percent = 40;
    w.networks_per_datacenter = 3;
    w.first_vlan = 2100;
    w.security_groups = vec!["frontend".into(), "backend".into()];
    w.seed = 42;
    config
}

/// Every entity of a kind, whole.
async fn entities(sb: &TestSandbox, admin: &str, kind: &str) -> Vec<Value> {
    let list = sb
        .aria_call(
            Method::GET,
            &format!("/entities/{kind}?size=100"),
            admin,
            None,
        )
        .await
        .json();
    let ids: Vec<Value> = list["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| json!({"entity_id": r["entity_id"]}))
        .collect();
    let fetched = sb
        .aria_call(
            Method::POST,
            "/entities/fetch",
            admin,
            Some(json!({"entity_ids": ids})),
        )
        .await
        .json();
    fetched["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["entity"].clone())
        .collect()
}

fn name(v: &Value) -> String {
    v["entity_name"]
        .as_str()
        .or(v["name"].as_str())
        .unwrap_or_default()
        .into()
}

/// Aria collects from every vCenter of the world (once).
async fn collect_all(sb: &TestSandbox, config: &Config) -> String {
    let admin = sb.admin().await;
    let sources = sb
        .aria_call(Method::GET, "/data-sources/vcenters", &admin, None)
        .await
        .json();
    if sources["results"].as_array().is_none_or(Vec::is_empty) {
        for vc in &config.world.vcenters {
            sb.collect_vcenter(&admin, &vc.ip).await;
        }
    }
    admin
}

/// What Aria answers of the estate once every vCenter is collected from: each VM with its
/// address, host, cluster, network and group; each network; the flows grouped by source,
/// destination and port with their counts and bytes.
async fn aria_view(sb: &TestSandbox, config: &Config) -> Vec<String> {
    let admin = collect_all(sb, config).await;
    let mut out = Vec::new();
    for vm in entities(sb, &admin, "vms").await {
        out.push(format!(
            "vm {} {} on {} in {} / {} net {} group {} cpu {} mem {}",
            name(&vm),
            vm["ip_addresses"][0]["ip_address"],
            name(&vm["host"]),
            name(&vm["datacenter"]),
            name(&vm["cluster"]),
            name(&vm["layer2_networks"][0]),
            name(&vm["security_groups"][0]),
            vm["cpu_count"],
            vm["memory"]
        ));
    }
    for n in entities(sb, &admin, "layer2-networks").await {
        out.push(format!(
            "network {} vlan {} {} via {}",
            name(&n),
            n["vlan_id"],
            n["network_addresses"][0],
            n["gateways"][0]
        ));
    }
    let q = "sum(flow.totalBytes.delta.summation.bytes) of flows group by source_vm.name, destination_ip.ip_address, port.start";
    let groups = sb
        .aria_call(
            Method::POST,
            "/search/ql",
            &admin,
            Some(json!({"query": q, "size": 1000})),
        )
        .await
        .json();
    for b in groups["groupby_response"]["results"].as_array().unwrap() {
        out.push(format!(
            "flows {} {} {}",
            b["bucket"], b["count"], b["aggregations"][0]["value"]
        ));
    }
    out.sort();
    out
}

/// An application of two tiers: one by security group, one by address.
pub(crate) async fn make_application(sb: &TestSandbox, admin: &str, group: &str, subnet: &str) {
    let app = sb
        .aria_call(
            Method::POST,
            "/groups/applications",
            admin,
            Some(json!({"name": "shop"})),
        )
        .await
        .json();
    let id = app["entity_id"].as_str().unwrap();
    let tiers = [
        json!({"name": "web", "group_membership_criteria": [{"membership_type": "SearchMembershipCriteria",
            "search_membership_criteria": {"entity_type": "BaseVirtualMachine", "filter": format!("security_groups.name = '{group}'")}}]}),
        json!({"name": "data", "group_membership_criteria": [{"membership_type": "IPAddressMembershipCriteria",
            "ip_address_membership_criteria": {"ip_addresses": [subnet]}}]}),
    ];
    for t in tiers {
        let path = format!("/groups/applications/{id}/tiers");
        let a = sb.aria_call(Method::POST, &path, admin, Some(t)).await;
        assert_eq!(a.status, 201, "{}", a.text);
    }
}

/// Each application's tiers with their criteria and members.
async fn applications_view(sb: &TestSandbox) -> Vec<String> {
    let admin = sb.admin().await;
    let list = sb
        .aria_call(Method::GET, "/groups/applications?size=100", &admin, None)
        .await
        .json();
    let mut out = Vec::new();
    for app in list["results"].as_array().unwrap() {
        let id = app["entity_id"].as_str().unwrap();
        let path = format!("/groups/applications/{id}/tiers");
        let tiers = sb.aria_call(Method::GET, &path, &admin, None).await.json();
        for t in tiers["results"].as_array().unwrap() {
            let mut members: Vec<String> = t["member_list"]["vms"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| name(&v["key"]))
                .collect();
            members.sort();
            out.push(format!(
                "{} / {} {} {members:?}",
                name(app),
                t["name"],
                t["group_membership_criteria"]
            ));
        }
    }
    out.sort();
    out
}

fn aria(sb: &TestSandbox) -> Option<Appliance> {
    Some(Appliance {
        url: sb.base.clone(),
        user: "admin@local".into(),
        password: "admin".into(),
    })
}

fn only(aria: Option<Appliance>, omevv: Option<OmevvAccess>) -> ImportOptions {
    ImportOptions {
        omivv: None,
        omevv,
        aria,
        anonymize: false,
        insecure: false,
        flow_samples: 1000,
    }
}

#[tokio::test]
async fn the_workload_from_aria_comes_back_vm_for_vm_and_flow_for_flow() {
    let config = custom_workload();
    let first = start_with(config.clone(), options()).await;
    let admin = collect_all(&first, &config).await;
    make_application(&first, &admin, "frontend", "10.101.0.0/16").await;
    let text = crate::import::run(&first, false).await;
    let imported = Config::from_toml(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(imported.world.workload.vms.len(), 10, "{text}");
    let second = start_with(imported.clone(), options()).await;
    let a = aria_view(&first, &config).await;
    assert!(a.iter().any(|l| l.contains("backend-vm-001")), "{a:#?}");
    assert!(
        a.iter()
            .any(|l| l.contains("vlan 2100") || l.contains("vlan \"2100\"")),
        "{a:#?}"
    );
    assert!(a.iter().any(|l| l.starts_with("flows")), "{a:#?}");
    assert_eq!(a, aria_view(&second, &imported).await);
    let apps = applications_view(&first).await;
    assert_eq!(apps.len(), 2, "{apps:#?}");
    assert!(
        apps.iter().all(|l| !l.ends_with("[]")),
        "every tier has members: {apps:#?}"
    );
    assert_eq!(apps, applications_view(&second).await);
}

#[tokio::test]
async fn aria_alone_gives_the_topology_too() {
    let config = custom_workload();
    let first = start_with(config.clone(), options()).await;
    collect_all(&first, &config).await;
    let text = import(&only(aria(&first), None), &|_| ()).await.unwrap();
    assert!(
        text.contains("topology from Aria: 2 vCenter(s), 5 host(s)"),
        "{text}"
    );
    let imported = Config::from_toml(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    let second = start_with(imported.clone(), options()).await;
    assert_eq!(
        aria_view(&first, &config).await,
        aria_view(&second, &imported).await
    );
}

/// Each host OMEVV manages: its vCenter, name, service tag, cluster or group, health, iDRAC
/// and warranty.
async fn omevv_view(sb: &TestSandbox) -> Vec<String> {
    let http = reqwest::Client::new();
    let consoles: Value = http
        .get(sb.omevv("/Consoles"))
        .basic_auth("admin", Some("OmeAdmin1!"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let mut out = Vec::new();
    for c in consoles.as_array().unwrap() {
        let get = |path: String| {
            let req = http
                .get(sb.omevv(&path))
                .basic_auth("administrator@vsphere.local", Some("VMware1!"));
            async move { req.send().await.unwrap().json::<Value>().await.unwrap() }
        };
        let id = c["uuid"].as_str().unwrap();
        for h in get(format!("/Consoles/{id}/ManagedHosts"))
            .await
            .as_array()
            .unwrap()
        {
            let hid = &h["id"];
            let idrac = get(format!("/Consoles/{id}/ManagedHosts/{hid}/idrac")).await;
            let warranty = get(format!("/Consoles/{id}/ManagedHosts/{hid}/Warranty")).await;
            out.push(format!(
                "{} {} {} {} {} {} {} {}",
                c["consoleAddress"],
                h["hostName"],
                h["serviceTag"],
                h["clusterName"],
                h["groupName"],
                h["healthStatus"],
                idrac["ipAddress"],
                warranty[0]["warrantyDetails"]
            ));
        }
    }
    out.sort();
    out
}

#[tokio::test]
async fn omevv_gives_the_topology_with_health_and_warranty() {
    let mut config = Config::default();
    let cluster = &mut config.world.vcenters[0].datacenters[0].clusters[1];
    cluster.hosts[0].health = HostHealth::Critical;
    cluster.hosts[0].warranty_end = "2027-06-30".into();
    let first = start_with(config, options()).await;
    let omevv = OmevvAccess {
        url: first.base.clone(),
        ome_user: "admin".into(),
        ome_password: "OmeAdmin1!".into(),
        vcenter_user: "administrator@vsphere.local".into(),
        vcenter_password: "VMware1!".into(),
    };
    let text = import(&only(None, Some(omevv)), &|_| ()).await.unwrap();
    assert!(
        text.contains("topology from OMEVV: 2 vCenter(s), 5 host(s)"),
        "{text}"
    );
    let imported = Config::from_toml(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    let second = start_with(imported, options()).await;
    let a = omevv_view(&first).await;
    assert!(a.iter().any(|l| l.contains("CRITICAL")), "{a:#?}");
    assert_eq!(a, omevv_view(&second).await);
}

#[tokio::test]
async fn a_small_sample_keeps_the_largest_flows_and_the_count() {
    let config = custom_workload();
    let first = start_with(config.clone(), options()).await;
    collect_all(&first, &config).await;
    let mut opts = only(aria(&first), None);
    opts.flow_samples = 10;
    let text = import(&opts, &|_| ()).await.unwrap();
    let imported = Config::from_toml(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(imported.world.workload.flow_samples.len(), 10, "{text}");
    let second = start_with(imported.clone(), options()).await;
    let flows = |v: &[String]| {
        v.iter()
            .filter(|l| l.starts_with("flows"))
            .cloned()
            .collect::<Vec<_>>()
    };
    let (a, b) = (
        aria_view(&first, &config).await,
        aria_view(&second, &imported).await,
    );
    let count = |v: &[String]| -> u64 {
        flows(v)
            .iter()
            .map(|l| l.split(' ').nth_back(1).unwrap().parse::<u64>().unwrap())
            .sum()
    };
    assert_eq!(count(&a), 90);
    assert_eq!(count(&b), 90);
    // The ten sampled groups are the first sandbox's largest, whole.
    let bytes = |l: &String| l.rsplit(' ').next().unwrap().parse::<f64>().unwrap() as u64;
    let mut largest: Vec<u64> = flows(&a).iter().map(bytes).collect();
    largest.sort_unstable_by(|x, y| y.cmp(x));
    let sampled: Vec<u64> = imported
        .world
        .workload
        .flow_samples
        .iter()
        .map(|s| s.bytes)
        .collect();
    assert_eq!(sampled, largest[..10]);
    for s in &imported.world.workload.flow_samples {
        let seen = flows(&b).into_iter().any(|l| {
            l.contains(&format!("\"{}\"", s.source))
                && l.contains(&format!("\"{}\"", s.destination))
        });
        assert!(seen, "{s:?}");
    }
}
