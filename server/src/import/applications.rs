//! Aria's applications and their tiers, read as `GET /groups/applications` and `.../tiers` give
//! them and written as `[[aria.applications]]`: names and membership criteria (search filters,
//! address lists) as they are, so that a sandbox on the same workload finds the same members.

use serde_json::{json, Value};

use super::anonymize::Anonymizer;
use super::sources::{call, paged, text, Appliance};

pub struct AriaApplication {
    pub name: String,
    /// (name, `group_membership_criteria`)
    pub tiers: Vec<(String, Value)>,
}

pub(super) async fn applications(
    client: &reqwest::Client,
    aria: &Appliance,
    auth: &str,
) -> Result<Vec<AriaApplication>, String> {
    let base = format!(
        "{}/api/ni/groups/applications",
        aria.url.trim_end_matches('/')
    );
    let get = |url: String| async move {
        call(client, reqwest::Method::GET, &url, Some(auth), None).await
    };
    let listed = paged(client, &base, auth).await?;
    let ids = listed.iter().map(|r| text(r, "entity_id"));
    let mut out = Vec::new();
    for id in ids {
        let app = get(format!("{base}/{id}")).await?;
        let tiers = get(format!("{base}/{id}/tiers")).await?;
        let tiers = tiers["results"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|t| (text(t, "name"), t["group_membership_criteria"].clone()))
            .collect();
        out.push(AriaApplication {
            name: text(&app, "name"),
            tiers,
        });
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// The criteria a sandbox can evaluate: search filters its filter language parses, address lists
/// of IPv4 addresses and subnets (others are left out: the sandbox would refuse to start).
fn usable(criteria: &Value) -> Value {
    let address = |t: &str| {
        let (a, len) = t.split_once('/').unwrap_or((t, "32"));
        a.parse::<std::net::Ipv4Addr>().is_ok() && len.parse::<u8>().is_ok_and(|l| l <= 32)
    };
    let kept: Vec<Value> = criteria
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| {
            let mut c = c.clone();
            if let Some(f) = c.pointer("/search_membership_criteria/filter") {
                let text = f.as_str().unwrap_or_default();
                let parses = crate::aria_networks::filter_language::parse(text).is_ok();
                return parses.then_some(c);
            }
            let ips = c.pointer_mut("/ip_address_membership_criteria/ip_addresses")?;
            let list: Vec<Value> = ips
                .as_array()?
                .iter()
                .filter(|ip| ip.as_str().is_some_and(address))
                .cloned()
                .collect();
            *ips = json!(list);
            (!list.is_empty()).then_some(c)
        })
        .collect();
    json!(kept)
}

/// `[[aria.applications]]`, every name and address anonymized when `a` is on (run it after the
/// workload, so that filters naming its VMs, groups and networks name their fakes).
pub(super) fn seeds(apps: &[AriaApplication], a: &mut Anonymizer) -> Value {
    let seeds: Vec<Value> = apps
        .iter()
        .map(|app| {
            let tiers: Vec<Value> = app
                .tiers
                .iter()
                .filter(|(_, c)| usable(c).as_array().is_some_and(|c| !c.is_empty()))
                .map(|(name, criteria)| {
                    let mut criteria = usable(criteria);
                    for c in criteria.as_array_mut().into_iter().flatten() {
                        let filter = c.pointer_mut("/search_membership_criteria/filter");
                        if let Some(f) = filter {
                            *f = json!(a.scrub(f.as_str().unwrap_or_default()));
                        }
                        let ips = c.pointer_mut("/ip_address_membership_criteria/ip_addresses");
                        for ip in ips.and_then(Value::as_array_mut).into_iter().flatten() {
                            let real = ip.as_str().unwrap_or_default().to_string();
                            *ip = json!(a.subnet(&real));
                        }
                    }
                    json!({"name": a.tier(name), "group_membership_criteria": criteria})
                })
                .collect();
            json!({"name": a.application(&app.name), "tiers": tiers})
        })
        .collect();
    json!(seeds)
}
