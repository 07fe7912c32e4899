//! Reading Aria Operations for Networks: its VMs (with their host, network and security group),
//! networks, security groups, how many flows it has, and a sample of them with their volumes.
//! Entities are listed page by page (100 at a time, following the cursor) and read in batches
//! through `/entities/fetch`; the sample is the query language's group-by, largest first.

use std::collections::HashMap;

use serde_json::{json, Value};

use super::sources::{call, paged, text, Appliance};
use super::Step;

pub struct AriaVm {
    pub name: String,
    pub ip: String,
    pub host: String,
    pub network: String,
    pub group: Option<String>,
    pub cpu_count: Option<u64>,
    pub memory_mb: Option<u64>,
    pub os: Option<String>,
}

pub struct AriaNetwork {
    pub name: String,
    pub vlan_id: u32,
    pub subnet: String,
    pub gateway: String,
}

/// Flows that share a source VM, a destination address and a port.
pub struct AriaSample {
    pub source: String,
    pub destination: String,
    pub port: u16,
    pub protocol: String,
    pub bytes: u64,
    pub count: u32,
}

pub struct AriaEstate {
    /// The vCenters and what they hold, as Aria sees them.
    pub topology: Vec<super::Vcenter>,
    pub vms: Vec<AriaVm>,
    pub networks: Vec<AriaNetwork>,
    pub security_groups: Vec<String>,
    pub flows: usize,
    pub samples: Vec<AriaSample>,
    pub applications: Vec<super::applications::AriaApplication>,
}

const BYTES: &str = "flow.totalBytes.delta.summation.bytes";

struct Session<'a> {
    client: &'a reqwest::Client,
    base: String,
    auth: String,
}

impl Session<'_> {
    async fn get(&self, path: &str) -> Result<Value, String> {
        let url = format!("{}{path}", self.base);
        call(
            self.client,
            reqwest::Method::GET,
            &url,
            Some(&self.auth),
            None,
        )
        .await
    }

    async fn post(&self, path: &str, body: &Value) -> Result<Value, String> {
        let url = format!("{}{path}", self.base);
        let post = reqwest::Method::POST;
        call(self.client, post, &url, Some(&self.auth), Some(body)).await
    }

    /// Every entity of a kind (`vms`), whole, by entity id.
    async fn all(
        &self,
        kind: &str,
        progress: &dyn Fn(Step),
    ) -> Result<HashMap<String, Value>, String> {
        let url = format!("{}/entities/{kind}", self.base);
        let listed = paged(self.client, &url, &self.auth).await?;
        let ids: Vec<Value> = listed
            .iter()
            .map(|r| json!({"entity_id": r["entity_id"], "entity_type": r["entity_type"]}))
            .collect();
        let mut out = HashMap::new();
        for batch in ids.chunks(100) {
            progress(Step::new(&format!("Aria: {kind}"), out.len(), ids.len()));
            let fetched = self
                .post("/entities/fetch", &json!({"entity_ids": batch}))
                .await?;
            for r in fetched["results"].as_array().into_iter().flatten() {
                out.insert(text(&r["entity"], "entity_id"), r["entity"].clone());
            }
        }
        progress(Step::new(&format!("Aria: {kind}"), out.len(), ids.len()));
        Ok(out)
    }

    /// The query language's group-by answer, every bucket up to `limit`.
    async fn buckets(&self, query: &str, limit: usize) -> Result<Vec<Value>, String> {
        let mut out = Vec::new();
        let mut cursor = Value::Null;
        while out.len() < limit {
            let mut body = json!({"query": query, "size": 100});
            if !cursor.is_null() {
                body["cursor"] = cursor;
            }
            let answer = self.post("/search/ql", &body).await?;
            let page = &answer["groupby_response"];
            let results = page["results"].as_array().cloned().unwrap_or_default();
            out.extend(results.iter().cloned());
            cursor = page["cursor"].clone();
            if results.is_empty() || cursor.is_null() {
                break;
            }
        }
        out.truncate(limit);
        Ok(out)
    }
}

/// A bucket's value for `field`.
fn bucket<'a>(b: &'a Value, field: &str) -> Option<&'a str> {
    b["bucket"]
        .as_array()?
        .iter()
        .find(|f| f["field"] == field)?["value"]
        .as_str()
}

/// The name of the entity a reference (or the first of a list of them) points at.
fn name_of(reference: &Value, names: &HashMap<String, Value>) -> Option<String> {
    let r = if reference.is_array() {
        &reference[0]
    } else {
        reference
    };
    let entity = names.get(r["entity_id"].as_str()?)?;
    Some(text(entity, "name")).filter(|n| !n.is_empty())
}

pub(super) async fn aria_estate(
    client: &reqwest::Client,
    aria: &Appliance,
    samples: usize,
    progress: &dyn Fn(Step),
) -> Result<AriaEstate, String> {
    let base = format!("{}/api/ni", aria.url.trim_end_matches('/'));
    let login = json!({"username": aria.user, "password": aria.password, "domain": {"domain_type": "LOCAL", "value": "local"}});
    let post = reqwest::Method::POST;
    let token = call(
        client,
        post,
        &format!("{base}/auth/token"),
        None,
        Some(&login),
    )
    .await?;
    let s = Session {
        client,
        auth: format!("NetworkInsight {}", text(&token, "token")),
        base,
    };
    let vcenters = s.all("vcenter-managers", progress).await?;
    let datacenters = s.all("vc-datacenters", progress).await?;
    let clusters = s.all("clusters", progress).await?;
    let hosts = s.all("hosts", progress).await?;
    let networks = s.all("layer2-networks", progress).await?;
    let groups = s.all("security-groups", progress).await?;
    let vms = s.all("vms", progress).await?;
    let mut estate = AriaEstate {
        topology: super::aria_topology::topology(&vcenters, &datacenters, &clusters, &hosts),
        vms: Vec::new(),
        networks: Vec::new(),
        security_groups: Vec::new(),
        flows: 0,
        samples: Vec::new(),
        applications: Vec::new(),
    };
    for n in networks.values() {
        let vlan = &n["vlan_id"];
        estate.networks.push(AriaNetwork {
            name: text(n, "name"),
            vlan_id: vlan
                .as_u64()
                .or_else(|| vlan.as_str()?.parse().ok())
                .unwrap_or(0) as u32,
            subnet: n["network_addresses"][0]
                .as_str()
                .unwrap_or_default()
                .into(),
            gateway: n["gateways"][0].as_str().unwrap_or_default().into(),
        });
    }
    estate.networks.sort_by(|a, b| a.name.cmp(&b.name));
    let mut group_names: Vec<String> = groups.values().map(|g| text(g, "name")).collect();
    group_names.sort();
    group_names.dedup();
    estate.security_groups = group_names;
    for vm in vms.values() {
        let (Some(host), Some(network)) = (
            name_of(&vm["host"], &hosts),
            name_of(&vm["layer2_networks"], &networks),
        ) else {
            continue;
        };
        estate.vms.push(AriaVm {
            name: text(vm, "name"),
            ip: vm["ip_addresses"][0]["ip_address"]
                .as_str()
                .unwrap_or_default()
                .into(),
            host,
            network,
            group: name_of(&vm["security_groups"], &groups),
            cpu_count: vm["cpu_count"].as_u64(),
            memory_mb: vm["memory"].as_u64(),
            os: vm["os_full_name"].as_str().map(str::to_string),
        });
    }
    estate.vms.sort_by(|a, b| a.name.cmp(&b.name));
    progress(Step::new("Aria: flows", 0, 0));
    estate.flows = s.get("/entities/flows?size=1").await?["total_count"]
        .as_u64()
        .unwrap_or(0) as usize;
    // Each port's protocol, the commoner where a port carries both.
    let mut protocols: HashMap<String, (String, u64)> = HashMap::new();
    for b in s
        .buckets("count of flows group by port.start, protocol", 10_000)
        .await?
    {
        let (Some(port), Some(protocol)) = (bucket(&b, "port.start"), bucket(&b, "protocol"))
        else {
            continue;
        };
        let count = b["count"].as_u64().unwrap_or(0);
        let seen = protocols.entry(port.into()).or_default();
        if count > seen.1 {
            *seen = (protocol.into(), count);
        }
    }
    let query = format!("sum({BYTES}) of flows group by source_vm.name, destination_ip.ip_address, port.start order by sum({BYTES}) desc");
    for b in s.buckets(&query, samples).await? {
        let (Some(source), Some(destination), Some(port)) = (
            bucket(&b, "source_vm.name"),
            bucket(&b, "destination_ip.ip_address"),
            bucket(&b, "port.start"),
        ) else {
            continue;
        };
        let Some(protocol) = protocols.get(port) else {
            continue;
        };
        estate.samples.push(AriaSample {
            source: source.into(),
            destination: destination.into(),
            port: port.parse().unwrap_or(0),
            protocol: protocol.0.clone(),
            bytes: b["aggregations"][0]["value"].as_f64().unwrap_or(0.0) as u64,
            count: b["count"].as_u64().unwrap_or(1).max(1) as u32,
        });
    }
    progress(Step::new("Aria: applications", 0, 0));
    estate.applications = super::applications::applications(client, aria, &s.auth).await?;
    let delete = reqwest::Method::DELETE;
    let _ = call(
        client,
        delete,
        &format!("{}/auth/token", s.base),
        Some(&s.auth),
        None,
    )
    .await;
    Ok(estate)
}
