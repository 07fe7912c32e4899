//! Reading OMEVV: its consoles (vCenters), their clusters and datacenters, and every managed
//! host with its service tag, health, iDRAC address and warranty. OMEVV does not say a host's
//! own address or model: the first comes from `import`'s numbering, the second is the world's
//! default. Console calls sign in as the OME user, the rest as the vCenter user.

use std::collections::HashMap;

use base64::Engine;
use serde_json::Value;

use super::sources::{call, text};
use super::{Datacenter, Host, Step, Vcenter};

/// OMEVV's address, an OME user and a vCenter user that every console accepts.
pub struct OmevvAccess {
    pub url: String,
    pub ome_user: String,
    pub ome_password: String,
    pub vcenter_user: String,
    pub vcenter_password: String,
}

fn basic(user: &str, password: &str) -> String {
    let pair = format!("{user}:{password}");
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(pair)
    )
}

/// The health the world knows (`healthy`, `warning`, `critical`) for OMEVV's.
pub(super) fn health(status: &str) -> Option<String> {
    match status.to_ascii_uppercase().as_str() {
        "HEALTHY" | "OK" | "NORMAL" => Some("healthy".into()),
        "WARNING" => Some("warning".into()),
        "CRITICAL" | "ERROR" => Some("critical".into()),
        _ => None,
    }
}

pub(super) async fn omevv_estate(
    client: &reqwest::Client,
    o: &OmevvAccess,
    progress: &dyn Fn(Step),
) -> Result<Vec<Vcenter>, String> {
    let base = format!("{}/omevv/GatewayService/v1", o.url.trim_end_matches('/'));
    let ome = basic(&o.ome_user, &o.ome_password);
    let vc = basic(&o.vcenter_user, &o.vcenter_password);
    let get = |path: String, auth: &str| {
        let auth = auth.to_string();
        let url = format!("{base}{path}");
        async move { call(client, reqwest::Method::GET, &url, Some(&auth), None).await }
    };
    let mut out = Vec::new();
    for console in get("/Consoles".into(), &ome)
        .await?
        .as_array()
        .into_iter()
        .flatten()
    {
        let id = text(console, "uuid");
        let address = text(console, "consoleAddress");
        progress(Step::new(&format!("OMEVV: {address}"), 0, 0));
        let clusters = get(format!("/Consoles/{id}/Clusters"), &vc).await?;
        let groups = get(format!("/Consoles/{id}/Groups"), &vc).await?;
        let hosts = get(format!("/Consoles/{id}/ManagedHosts"), &vc).await?;
        // A datacenter's name is known where it holds standalone hosts (their group); other
        // datacenters are named by their id.
        let mut dc_names: HashMap<String, String> = HashMap::new();
        for g in groups.as_array().into_iter().flatten() {
            if g["groupType"] == "DATACENTER_NONCLUSTER" {
                dc_names.insert(text(g, "consoleEntityId"), text(g, "consoleEntityName"));
            }
        }
        let mut datacenters: Vec<Datacenter> = Vec::new();
        let dc_of = |entity: &str, datacenters: &mut Vec<Datacenter>| -> usize {
            let name = dc_names.get(entity).cloned().unwrap_or(entity.to_string());
            match datacenters.iter().position(|d| d.name == name) {
                Some(i) => i,
                None => {
                    datacenters.push(Datacenter {
                        name,
                        clusters: Vec::new(),
                        hosts: Vec::new(),
                    });
                    datacenters.len() - 1
                }
            }
        };
        let mut cluster_at: HashMap<String, (usize, usize)> = HashMap::new();
        for c in clusters.as_array().into_iter().flatten() {
            let d = dc_of(&text(c, "parentEntityId"), &mut datacenters);
            let name = text(c, "name");
            datacenters[d]
                .clusters
                .push((name.clone(), false, Vec::new()));
            cluster_at.insert(name, (d, datacenters[d].clusters.len() - 1));
        }
        let hosts = hosts.as_array().cloned().unwrap_or_default();
        for (i, h) in hosts.iter().enumerate() {
            let hid = h["id"].to_string();
            progress(Step::new(
                &format!("OMEVV: hosts of {address}"),
                i,
                hosts.len(),
            ));
            let idrac = get(format!("/Consoles/{id}/ManagedHosts/{hid}/idrac"), &vc).await?;
            let warranty = get(format!("/Consoles/{id}/ManagedHosts/{hid}/Warranty"), &vc)
                .await
                .unwrap_or(Value::Null);
            let warranty_end = warranty[0]["warrantyDetails"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|w| w["endDate"].as_str())
                .max()
                .map(|d| d.chars().take(10).collect());
            let host = Host {
                name: text(h, "hostName"),
                ip: String::new(),
                service_tag: text(h, "serviceTag"),
                model: String::new(),
                idrac_ip: text(&idrac, "ipAddress"),
                health: health(&text(h, "healthStatus")),
                warranty_end,
            };
            match cluster_at.get(&text(h, "clusterName")) {
                Some(&(d, c)) => datacenters[d].clusters[c].2.push(host),
                None => {
                    // A standalone host's group is its datacenter.
                    let group = text(h, "groupName");
                    let entity = dc_names
                        .iter()
                        .find(|(_, n)| **n == group)
                        .map(|(e, _)| e.clone())
                        .unwrap_or(group);
                    let d = dc_of(&entity, &mut datacenters);
                    datacenters[d].hosts.push(host);
                }
            }
        }
        out.push(Vcenter {
            console_id: id,
            hostname: address,
            ip: String::new(),
            datacenters,
        });
    }
    Ok(out)
}

/// Each managed host's health by service tag, to add to a topology read elsewhere.
pub(super) async fn omevv_health(
    client: &reqwest::Client,
    o: &OmevvAccess,
    progress: &dyn Fn(Step),
) -> Result<HashMap<String, String>, String> {
    let mut out = HashMap::new();
    for vc in omevv_estate(client, o, progress).await? {
        for dc in vc.datacenters {
            let clustered = dc.clusters.into_iter().flat_map(|c| c.2);
            for h in clustered.chain(dc.hosts) {
                if let Some(health) = h.health {
                    out.insert(h.service_tag, health);
                }
            }
        }
    }
    Ok(out)
}
