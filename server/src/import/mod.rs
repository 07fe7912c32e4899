//! `appliance-sandbox import`: reads a real estate through the appliances' public APIs and writes
//! the configuration that makes a sandbox mirror it. From OMIVV: its consoles (vCenters) and
//! their datacenters, clusters (vLCM or not) and hosts, with addresses, models, service tags and
//! iDRAC addresses; from Aria Operations for Networks (optional): how many VMs and flows the
//! estate has and its security groups' names, for `[world.workload]`. Calls are sequential and a
//! 429 waits out its `Retry-After`, so the appliances' rate limits hold. `anonymize` replaces
//! every name, address and service tag consistently (the same real value always the same fake
//! one), keeping the topology.

mod anonymize;
mod sources;

use serde_json::{json, Value};

use anonymize::Anonymizer;
pub use sources::Appliance;

pub struct ImportOptions {
    pub omivv: Appliance,
    pub aria: Option<Appliance>,
    pub anonymize: bool,
    pub insecure: bool,
}

/// One vCenter as OMIVV knows it.
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

struct Host {
    name: String,
    ip: String,
    service_tag: String,
    model: String,
    idrac_ip: String,
}

fn host_json(h: &Host, a: &mut Anonymizer) -> Value {
    json!({
        "name": a.host_name(&h.name),
        "ip": a.address(&h.ip),
        "service_tag": a.service_tag(&h.service_tag),
        "model": h.model,
        "idrac_ip": a.address(&h.idrac_ip),
    })
}

/// The configuration (TOML) that mirrors the estate.
pub async fn import(opts: &ImportOptions, progress: &dyn Fn(&str)) -> Result<String, String> {
    let client = reqwest::Client::builder()
        .danger_accept_invalid_certs(opts.insecure)
        .build()
        .map_err(|e| e.to_string())?;
    let vcenters = sources::omivv_estate(&client, &opts.omivv, progress).await?;
    let workload = match &opts.aria {
        Some(aria) => Some(sources::aria_workload(&client, aria, progress).await?),
        None => None,
    };
    let mut a = Anonymizer::new(opts.anonymize);
    let mut world_vcenters = Vec::new();
    let mut consoles = Vec::new();
    let mut hosts = 0usize;
    for vc in &vcenters {
        let hostname = a.vcenter_hostname(&vc.hostname);
        let name = hostname.split('.').next().unwrap_or(&hostname).to_string();
        consoles.push(json!({
            "id": a.console_id(&vc.console_id),
            "vcenter": name,
            "description": format!("vCenter {name}"),
        }));
        let datacenters: Vec<Value> = vc
            .datacenters
            .iter()
            .map(|dc| {
                let clusters: Vec<Value> = dc
                    .clusters
                    .iter()
                    .map(|(cname, vlcm, members)| {
                        hosts += members.len();
                        json!({
                            "name": a.cluster(cname),
                            "vlcm": vlcm,
                            "hosts": members.iter().map(|h| host_json(h, &mut a)).collect::<Vec<_>>(),
                        })
                    })
                    .collect();
                hosts += dc.hosts.len();
                json!({
                    "name": a.datacenter(&dc.name),
                    "clusters": clusters,
                    "hosts": dc.hosts.iter().map(|h| host_json(h, &mut a)).collect::<Vec<_>>(),
                })
            })
            .collect();
        world_vcenters.push(json!({
            "name": name,
            "ip": a.address(&vc.ip),
            "hostname": hostname,
            // The real vCenter's accounts are not readable; the sandbox's defaults stand in.
            "username": "administrator",
            "domain": "vsphere.local",
            "password": "VMware1!",
            "datacenters": datacenters,
        }));
    }
    let mut world = json!({ "vcenters": world_vcenters });
    if let Some(w) = workload {
        let per_host = if hosts == 0 { 0 } else { w.vms.div_ceil(hosts) };
        let groups: Vec<String> = w.security_groups.iter().map(|g| a.group(g)).collect();
        let mut workload = json!({ "vms_per_host": per_host, "flows": w.flows });
        if !groups.is_empty() {
            workload["security_groups"] = json!(groups);
        }
        world["workload"] = workload;
    }
    let config = json!({
        // The imported vCenters replace the default world, and with it the default seeds that
        // name its vCenters and clusters.
        "omivv": { "consoles": consoles, "jobs": [], "cluster_profiles": [] },
        "world": world,
    });
    let text = toml::to_string(&config).map_err(|e| e.to_string())?;
    Ok(format!(
        "# Written by `appliance-sandbox import`{}: {} vCenter(s), {hosts} host(s).\n{text}",
        if opts.anonymize { " --anonymize" } else { "" },
        vcenters.len()
    ))
}
