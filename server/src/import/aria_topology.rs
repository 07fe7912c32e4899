//! The vCenters, datacenters, clusters and hosts as Aria Operations for Networks sees them, for
//! an import without OMIVV or OMEVV. Aria names a host's cluster but not a standalone host's
//! datacenter (it goes to its vCenter's first), and knows no iDRAC: addresses and service tags
//! Aria does not give are left empty for `import` to number.

use std::collections::HashMap;

use serde_json::Value;

use super::sources::text;
use super::{Datacenter, Host, Vcenter};

type Entities = HashMap<String, Value>;

fn reference(v: &Value, key: &str) -> String {
    v[key]["entity_id"].as_str().unwrap_or_default().to_string()
}

/// Sorted by name, so that the same estate always gives the same configuration.
fn sorted(entities: &Entities) -> Vec<&Value> {
    let mut out: Vec<&Value> = entities.values().collect();
    out.sort_by_key(|v| text(v, "name"));
    out
}

pub(super) fn topology(
    vcenters: &Entities,
    datacenters: &Entities,
    clusters: &Entities,
    hosts: &Entities,
) -> Vec<Vcenter> {
    let mut out = Vec::new();
    for vc in sorted(vcenters) {
        let vc_id = text(vc, "entity_id");
        let mut dcs: Vec<(String, Datacenter)> = sorted(datacenters)
            .into_iter()
            .filter(|d| reference(d, "vcenter_manager") == vc_id)
            .map(|d| {
                let dc = Datacenter {
                    name: text(d, "name"),
                    clusters: Vec::new(),
                    hosts: Vec::new(),
                };
                (text(d, "entity_id"), dc)
            })
            .collect();
        if dcs.is_empty() {
            continue;
        }
        let mut cluster_at: HashMap<String, (usize, usize)> = HashMap::new();
        for c in sorted(clusters) {
            let Some(d) = dcs
                .iter()
                .position(|(id, _)| *id == reference(c, "datacenter"))
            else {
                continue;
            };
            dcs[d].1.clusters.push((text(c, "name"), false, Vec::new()));
            cluster_at.insert(text(c, "entity_id"), (d, dcs[d].1.clusters.len() - 1));
        }
        for h in sorted(hosts) {
            if reference(h, "vcenter_manager") != vc_id {
                continue;
            }
            let host = Host {
                name: text(h, "name"),
                ip: String::new(),
                service_tag: text(h, "service_tag"),
                model: String::new(),
                idrac_ip: String::new(),
                health: None,
                warranty_end: None,
            };
            match cluster_at.get(&reference(h, "cluster")) {
                Some(&(d, c)) => dcs[d].1.clusters[c].2.push(host),
                None => dcs[0].1.hosts.push(host),
            }
        }
        let fqdn = text(vc, "fqdn");
        let ip = text(vc, "ip_address");
        out.push(Vcenter {
            console_id: String::new(),
            hostname: if fqdn.is_empty() { ip.clone() } else { fqdn },
            ip,
            datacenters: dcs.into_iter().map(|(_, d)| d).collect(),
        });
    }
    out
}
