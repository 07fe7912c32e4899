//! `appliance-sandbox import`: reads a real estate through the appliances' public APIs and writes
//! the configuration that makes a sandbox mirror it.
//!
//! - The topology (vCenters, datacenters, clusters, hosts) comes from OMIVV (`sources`: with
//!   addresses, models, service tags and iDRAC addresses), else OMEVV (`omevv`: with health and
//!   warranty), else Aria (`aria_topology`). With OMIVV and OMEVV both, OMEVV adds each host's
//!   health.
//! - Aria Operations for Networks (`aria`) gives the workload (`workload`): every VM with its
//!   host, address, network and security group, the networks, and a sample of the flows; and its
//!   applications with their tiers (`applications`).
//!
//! Calls are sequential and a 429 waits out its `Retry-After`, so the appliances' rate limits
//! hold. `anonymize` replaces every name, address and service tag consistently (the same real
//! value always the same fake one), keeping the topology.

mod anonymize;
mod applications;
mod aria;
mod aria_topology;
mod omevv;
mod sources;
mod workload;

use serde_json::{json, Value};

use anonymize::Anonymizer;
pub use omevv::OmevvAccess;
pub use sources::Appliance;

pub struct ImportOptions {
    pub omivv: Option<Appliance>,
    pub omevv: Option<OmevvAccess>,
    pub aria: Option<Appliance>,
    pub anonymize: bool,
    pub insecure: bool,
    /// How many flow groups (source VM, destination, port) to sample, largest first.
    pub flow_samples: usize,
}

/// How far an import has got: what it reads, and how many of how many (`of` 0 when it cannot
/// tell).
pub struct Step<'a> {
    pub what: &'a str,
    pub done: usize,
    pub of: usize,
}

impl Step<'_> {
    fn new(what: &str, done: usize, of: usize) -> Step<'_> {
        Step { what, done, of }
    }
}

/// One vCenter as the appliances know it.
struct Vcenter {
    console_id: String,
    hostname: String,
    ip: String,
    datacenters: Vec<Datacenter>,
}

struct Datacenter {
    name: String,
    clusters: Vec<(String, bool, Vec<Host>)>,
    hosts: Vec<Host>,
}

/// A host; empty strings are what the source did not say.
struct Host {
    name: String,
    ip: String,
    service_tag: String,
    model: String,
    idrac_ip: String,
    health: Option<String>,
    warranty_end: Option<String>,
}

/// Numbers what the sources did not say: host and iDRAC addresses from 172.31/172.30, service
/// tags `IMP0001`..., in the order the hosts come.
struct Numbering(usize);

impl Numbering {
    fn fill(&mut self, h: &Host, a: &mut Anonymizer) -> Value {
        self.0 += 1;
        let n = self.0;
        let or = |real: &str, a: &mut Anonymizer, made: String| {
            if real.is_empty() {
                made
            } else {
                a.address(real)
            }
        };
        let mut host = json!({
            "name": a.host_name(&h.name),
            "ip": or(&h.ip, a, format!("172.31.{}.{}", n / 250, n % 250 + 2)),
            "idrac_ip": or(&h.idrac_ip, a, format!("172.30.{}.{}", n / 250, n % 250 + 2)),
            "service_tag": if h.service_tag.is_empty() { format!("IMP{n:04}") } else { a.service_tag(&h.service_tag) },
        });
        if !h.model.is_empty() {
            host["model"] = json!(h.model);
        }
        if let Some(health) = &h.health {
            host["health"] = json!(health);
        }
        if let Some(end) = &h.warranty_end {
            host["warranty_end"] = json!(end);
        }
        host
    }
}

/// TOML has no null: a field an appliance answered as null is left out.
fn strip_nulls(v: &mut Value) {
    match v {
        Value::Object(m) => {
            m.retain(|_, v| !v.is_null());
            m.values_mut().for_each(strip_nulls);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_nulls),
        _ => {}
    }
}

/// The configuration (TOML) that mirrors the estate.
pub async fn import(opts: &ImportOptions, progress: &dyn Fn(Step)) -> Result<String, String> {
    let client = reqwest::Client::builder()
        .danger_accept_invalid_certs(opts.insecure)
        .build()
        .map_err(|e| e.to_string())?;
    let mut estate = match &opts.aria {
        Some(aria) => Some(aria::aria_estate(&client, aria, opts.flow_samples, progress).await?),
        None => None,
    };
    let (mut vcenters, from) = match (&opts.omivv, &opts.omevv, &mut estate) {
        (Some(o), _, _) => (sources::omivv_estate(&client, o, progress).await?, "OMIVV"),
        (None, Some(o), _) => (omevv::omevv_estate(&client, o, progress).await?, "OMEVV"),
        (None, None, Some(e)) => (std::mem::take(&mut e.topology), "Aria"),
        (None, None, None) => return Err("give --omivv, --omevv or --aria".into()),
    };
    if let (Some(_), Some(o)) = (&opts.omivv, &opts.omevv) {
        let health = omevv::omevv_health(&client, o, progress).await?;
        for dc in vcenters.iter_mut().flat_map(|v| v.datacenters.iter_mut()) {
            let clustered = dc.clusters.iter_mut().flat_map(|c| c.2.iter_mut());
            for h in clustered.chain(dc.hosts.iter_mut()) {
                let known = health
                    .get(&h.service_tag)
                    .filter(|_| !h.service_tag.is_empty());
                h.health = known.cloned().or(h.health.take());
            }
        }
    }
    let mut a = Anonymizer::new(opts.anonymize);
    let mut numbering = Numbering(0);
    let mut places = workload::Places::new();
    let mut home = None;
    let mut world_vcenters = Vec::new();
    let mut consoles = Vec::new();
    let mut hosts = 0usize;
    for (i, vc) in vcenters.iter().enumerate() {
        let hostname = a.vcenter_hostname(&vc.hostname);
        // A vCenter known only by its address is named after all of it, not its first octet.
        let name = if hostname.parse::<std::net::IpAddr>().is_ok() {
            format!("vc-{}", hostname.replace(['.', ':'], "-"))
        } else {
            hostname.split('.').next().unwrap_or(&hostname).to_string()
        };
        let console_id = if vc.console_id.is_empty() {
            uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_DNS, hostname.as_bytes()).to_string()
        } else {
            a.console_id(&vc.console_id)
        };
        consoles.push(json!({
            "id": console_id,
            "vcenter": name,
            "description": format!("vCenter {name}"),
        }));
        let mut datacenters = Vec::new();
        for dc in &vc.datacenters {
            let dc_name = a.datacenter(&dc.name);
            home.get_or_insert_with(|| (name.clone(), dc_name.clone()));
            let mut place = |h: &Host| {
                places.insert(h.name.clone(), (name.clone(), dc_name.clone()));
            };
            let mut clusters = Vec::new();
            for (cname, vlcm, members) in &dc.clusters {
                hosts += members.len();
                members.iter().for_each(&mut place);
                clusters.push(json!({
                    "name": a.cluster(cname),
                    "vlcm": vlcm,
                    "hosts": members.iter().map(|h| numbering.fill(h, &mut a)).collect::<Vec<_>>(),
                }));
            }
            hosts += dc.hosts.len();
            dc.hosts.iter().for_each(&mut place);
            datacenters.push(json!({
                "name": dc_name,
                "clusters": clusters,
                "hosts": dc.hosts.iter().map(|h| numbering.fill(h, &mut a)).collect::<Vec<_>>(),
            }));
        }
        let ip = if vc.ip.is_empty() {
            format!("172.29.0.{}", i + 10)
        } else {
            a.address(&vc.ip)
        };
        world_vcenters.push(json!({
            "name": name,
            "ip": ip,
            "hostname": hostname,
            // The real vCenter's accounts are not readable; the sandbox's defaults stand in.
            "username": "administrator",
            "domain": "vsphere.local",
            "password": "VMware1!",
            "datacenters": datacenters,
        }));
    }
    // Only what the estate has: not the default NSX-T manager (E95), Kubernetes cluster (E99)
    // HCX connector (E101), cloud account (E102), SDDC (E103), Check Point server (E104) or
    // switch (E105) or other appliance (E107).
    let mut world = json!({ "vcenters": world_vcenters, "nsxt_managers": [],
        "kubernetes_clusters": [], "hcx_managers": [], "aws_accounts": [],
        "azure_subscriptions": [], "vmc_sddcs": [], "checkpoint_managers": [],
        "switches": [], "appliances": [] });
    let mut summary = format!(
        "topology from {from}: {} vCenter(s), {hosts} host(s)",
        vcenters.len()
    );
    if let Some(e) = &estate {
        let w = workload::workload(e, &places, home.as_ref(), &mut a);
        summary.push_str(&format!(
            "; from Aria: {} VM(s) ({} on hosts outside the topology left out), {} flow(s), {} flow sample(s)",
            w.vms,
            w.left_out,
            e.flows,
            w.workload["flow_samples"].as_array().map_or(0, Vec::len)
        ));
        world["workload"] = w.workload;
    }
    let mut config = json!({
        // The imported vCenters replace the default world, and with it the default seeds that
        // name its vCenters and clusters.
        "omivv": { "consoles": consoles, "jobs": [], "cluster_profiles": [] },
        "world": world,
    });
    if let Some(e) = estate.as_ref().filter(|e| !e.applications.is_empty()) {
        summary.push_str(&format!(", {} application(s)", e.applications.len()));
        config["aria"] = json!({ "applications": applications::seeds(&e.applications, &mut a) });
    }
    strip_nulls(&mut config);
    let text = toml::to_string(&config).map_err(|e| e.to_string())?;
    Ok(format!(
        "# Written by `appliance-sandbox import`{}: {summary}.\n{text}",
        if opts.anonymize { " --anonymize" } else { "" },
    ))
}
