//! Aria data sources, one table of eight types driving the same checks, plus their SNMP
//! settings, the generic switch's upload, collection on the clock, SNMP trap profiles and
//! user-defined events.

mod appliances;
mod bulk;
mod certificates;
mod cloud;
mod collection;
mod devices;
mod listing;
mod nsxt;
mod settings;
mod traps;
mod types;
mod validation;

use crate::common;
use appliance_sandbox::config::Config;
use appliance_sandbox::store::SqliteStore;
use appliance_sandbox::{Options, Sandbox};
use common::*;
use reqwest::Method;
use serde_json::{json, Value};
use std::sync::Arc;

/// The default collector's id, as `/infra/nodes` answers it.
async fn collector(sb: &TestSandbox, admin: &str) -> String {
    let nodes = sb
        .aria_call(Method::GET, "/infra/nodes", admin, None)
        .await
        .json();
    for n in nodes["results"].as_array().unwrap() {
        let id = n["id"].as_str().unwrap();
        let node = sb
            .aria_call(Method::GET, &format!("/infra/nodes/{id}"), admin, None)
            .await
            .json();
        if node["node_type"] == "PROXY_VM" {
            return id.to_string();
        }
    }
    panic!("no collector");
}

/// One type: its path segment, the `entity_type` it answers, its type code, and what an add
/// needs beyond the common fields (`VCENTER` is replaced by a vCenter data source's id).
struct Kind {
    segment: &'static str,
    entity_type: &'static str,
    code: u32,
    extra: fn() -> Value,
    secret: Option<&'static str>,
}

fn credentials() -> Value {
    json!({"credentials": {"username": "admin", "password": "MyPassword"}})
}

const KINDS: [Kind; 8] = [
    Kind {
        segment: "vcenters",
        entity_type: "VCenterDataSource",
        code: 902,
        extra: credentials,
        secret: Some("credentials.password"),
    },
    Kind {
        segment: "nsxv-managers",
        entity_type: "NSXVManagerDataSource",
        code: 903,
        extra: || json!({"credentials": {"username": "admin", "password": "MyPassword"}, "vcenter_id": "VCENTER", "central_cli_enabled": true}),
        secret: Some("credentials.password"),
    },
    Kind {
        segment: "nsxt-managers",
        entity_type: "NSXTManagerDataSource",
        code: 904,
        extra: || json!({"credentials": {"username": "audit", "password": "MyPassword"}, "vcenter_id": "ignored, not in the model"}),
        secret: Some("credentials.password"),
    },
    Kind {
        segment: "panorama-firewalls",
        entity_type: "PanFirewallDataSource",
        code: 905,
        extra: credentials,
        secret: Some("credentials.password"),
    },
    Kind {
        segment: "cisco-switches",
        entity_type: "CiscoSwitchDataSource",
        code: 906,
        extra: || json!({"credentials": {"username": "admin", "password": "MyPassword"}, "switch_type": "NEXUS_5K"}),
        secret: Some("credentials.password"),
    },
    Kind {
        segment: "vmc-nsxmanagers",
        entity_type: "PolicyManagerDataSource",
        code: 907,
        extra: || json!({"csp_refresh_token": "LongString", "vcenter_id": "VCENTER"}),
        secret: Some("csp_refresh_token"),
    },
    Kind {
        segment: "f5-bigip",
        entity_type: "F5BIGIPDataSource",
        code: 908,
        extra: credentials,
        secret: Some("credentials.password"),
    },
    Kind {
        segment: "generic-switches",
        entity_type: "UANIDataSource",
        code: 909,
        extra: || json!({"entity_type": "GenericSwitchDataSource"}),
        secret: None,
    },
];

fn at<'a>(v: &'a Value, path: &str) -> &'a Value {
    path.split('.').fold(v, |v, k| &v[k])
}

/// The body to add a data source of `kind` at `ip`.
fn add_body(kind: &Kind, ip: &str, proxy: &str, vcenter: &str) -> Value {
    let mut body = json!({"ip": ip, "proxy_id": proxy, "nickname": format!("{}-{ip}", kind.segment), "enabled": true, "notes": "added by public api"});
    for (k, v) in (kind.extra)().as_object().unwrap() {
        let v = if v == "VCENTER" {
            json!(vcenter)
        } else {
            v.clone()
        };
        body[k] = v;
    }
    body
}

/// A vCenter data source with the world vCenters' credentials (E53).
async fn add_vcenter(sb: &TestSandbox, admin: &str, proxy: &str, ip: &str) -> String {
    let mut body = add_body(&KINDS[0], ip, proxy, "");
    body["credentials"] =
        json!({"username": "administrator@vsphere.local", "password": "VMware1!"});
    let a = sb
        .aria_call(Method::POST, "/data-sources/vcenters", admin, Some(body))
        .await;
    assert_eq!(a.status, 201, "{}", a.text);
    a.json()["entity_id"].as_str().unwrap().to_string()
}
