//! Aria's inventory and search: what a vCenter data source makes visible, search results
//! checked against a brute-force evaluation over the same world, aggregation, bulk fetch, and
//! each entity type's list and getter (snapshotted).

mod checkpoint_objects;
mod cloud_objects;
mod filters;
mod hcx_objects;
mod kubernetes_objects;
mod nsxt_firewall;
mod nsxt_objects;
mod query_language;
mod switch_objects;
mod visibility;
mod vmc_objects;
mod vsphere_objects;

use crate::common;
use appliance_sandbox::config::Config;
use appliance_sandbox::world::{Workload, World};
use common::*;
use reqwest::Method;
use serde_json::{json, Value};
use std::collections::BTreeSet;

/// Every entity type the inventory serves: its path segment and `EntityType` (one getter
/// answer of each is snapshotted, with the first vCenter, the NSX-T manager, the Kubernetes
/// cluster, the HCX connector, the cloud accounts, the SDDC, the Check Point server and the
/// first switch collected).
pub const ENTITY_TYPES: [(&str, &str); 53] = [
    ("vms", "VirtualMachine"),
    ("hosts", "Host"),
    ("clusters", "Cluster"),
    ("vc-datacenters", "VCDatacenter"),
    ("datastores", "Datastore"),
    ("security-groups", "NSXSecurityGroup"),
    ("layer2-networks", "VlanL2Network"),
    ("vnics", "Vnic"),
    ("vcenter-managers", "VCenterManager"),
    ("flows", "Flow"),
    ("folders", "Folder"),
    ("virtual-disk", "VirtualDisk"),
    ("distributed-virtual-switches", "DistributedVirtualSwitch"),
    (
        "distributed-virtual-portgroups",
        "DistributedVirtualPortgroup",
    ),
    ("vmknics", "Vmknic"),
    ("nsx-managers", "NSXTManager"),
    ("nsxt-mp-nodes", "NSXTManagementNode"),
    ("nsxt-controllers", "NSXTController"),
    ("nsxt-transport-nodes", "NSXTTransportNode"),
    ("nsxt-edge-clusters", "NSXTEdgeCluster"),
    ("nsxt-edge-node-cpu-cores", "NSXTTransportNodeCPUCore"),
    ("logical-routers", "LogicalRouter"),
    ("firewalls", "NSXTFirewall"),
    ("firewall-rules", "NSXTFirewallRule"),
    ("services", "NSService"),
    ("service-groups", "NSServiceGroup"),
    ("ip-sets", "NSXTIPSet"),
    ("kubernetes-clusters", "KubernetesCluster"),
    ("kubernetes-nodes", "KubernetesNode"),
    ("kubernetes-namespaces", "KubernetesNamespace"),
    ("kubernetes-pods", "KubernetesPod"),
    ("kubernetes-services", "KubernetesService"),
    ("security-tags", "SecurityTag"),
    ("hcx-managers", "HCXManager"),
    ("hcx-sites", "HCXSite"),
    ("hcx-compute-profiles", "HCXComputeProfile"),
    ("hcx-network-profiles", "HCXNetworkProfile"),
    ("hcx-service-meshes", "HCXServiceMesh"),
    ("hcx-services", "HCXService"),
    ("hcx-appliances", "HCXAppliance"),
    ("hcx-tunnels", "HCXTunnel"),
    ("hcx-l2extensions", "HCXL2Extension"),
    ("aws-account-managers", "AWSAccountManager"),
    ("azure-subscriptions", "AzureSubscription"),
    ("vmc-sddc", "VMCSDDC"),
    ("sddc-groups", "VMCSDDCGROUP"),
    ("vmware-transit-gateways", "VMWareTransitGateway"),
    ("direct-connect", "VmcAWSDxConnection"),
    ("dx-tunnels", "DirectConnectInterface"),
    (
        "ipsec-vpn-sessions",
        "PolicyManagerPolicyBasedIPSecVPNSession",
    ),
    ("firewall-managers", "CheckpointManager"),
    ("switchports", "SwitchPort"),
    ("routerinterfaces", "RouterInterface"),
];

/// A sandbox with a vCenter data source for the first world vCenter (10.20.0.10).
async fn collecting() -> (TestSandbox, String) {
    let sb = start().await;
    let admin = sb.admin().await;
    sb.collect_vcenter(&admin, "10.20.0.10").await;
    (sb, admin)
}

/// How many entities an entity type's list counts.
async fn total(sb: &TestSandbox, token: &str, segment: &str) -> u64 {
    let a = sb
        .aria_call(Method::GET, &format!("/entities/{segment}"), token, None)
        .await;
    assert_eq!(a.status, 200, "{segment}: {}", a.text);
    a.json()["total_count"].as_u64().unwrap()
}

/// Every hit of a search, following cursors.
async fn search_all(sb: &TestSandbox, token: &str, entity_type: &str, filter: &str) -> Vec<String> {
    let mut ids = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let mut body = json!({"entity_type": entity_type, "filter": filter, "size": 7});
        if let Some(c) = &cursor {
            body["cursor"] = json!(c);
        }
        let a = sb
            .aria_call(Method::POST, "/search", token, Some(body))
            .await;
        assert_eq!(a.status, 200, "{filter}: {}", a.text);
        let page = a.json();
        for r in page["results"].as_array().unwrap() {
            assert_eq!(r["entity_type"], entity_type);
            ids.push(r["entity_id"].as_str().unwrap().to_string());
        }
        match page["cursor"].as_str() {
            Some(c) => cursor = Some(c.to_string()),
            None => {
                assert_eq!(page["total_count"].as_u64().unwrap() as usize, ids.len());
                return ids;
            }
        }
    }
}

/// How many entities a query-language query finds.
async fn ql_hits(sb: &TestSandbox, token: &str, query: &str) -> u64 {
    let body = json!({"query": query, "size": 10});
    let answer = sb
        .aria_call(Method::POST, "/search/ql", token, Some(body))
        .await;
    assert_eq!(answer.status, 200, "{query}: {}", answer.text);
    answer.json()["search_response_total_hits"]
        .as_u64()
        .unwrap()
}

async fn names(sb: &TestSandbox, token: &str, segment: &str, ids: &[String]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for id in ids {
        let a = sb
            .aria_call(
                Method::GET,
                &format!("/entities/{segment}/{id}"),
                token,
                None,
            )
            .await;
        assert_eq!(a.status, 200, "{}", a.text);
        out.insert(a.json()["name"].as_str().unwrap().to_string());
    }
    out
}

fn world() -> (World, Workload) {
    let config = Config::default();
    let world = World::build(&config.world).unwrap();
    let workload = Workload::generate(&world, &config.world.workload).unwrap();
    (world, workload)
}
