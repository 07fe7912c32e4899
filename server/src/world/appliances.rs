//! The other managed devices (`[[world.appliances]]`, E107): NSX-V managers, firewalls and
//! their managers, load balancers, server managers, Cisco ACI, Infoblox, PKS, Log Insight,
//! ServiceNow and VeloCloud. Aria's data source of a device's type collects it at its address
//! (ServiceNow: its instance id; VeloCloud: its orchestrator URL) when it takes the data
//! source's credentials; the 6.12 entity API has none of their objects, so what a data source
//! sees of one is its health.

use serde::Deserialize;

/// The data-source types (their path segments) whose devices are appliances here.
pub const TYPES: [&str; 14] = [
    "nsxv-managers",
    "panorama-firewalls",
    "f5-bigip",
    "fortinet-firewalls",
    "nsxalb",
    "ucs-managers",
    "hpov-managers",
    "hpvc-managers",
    "cisco-aci",
    "infoblox-managers",
    "pks",
    "loginsight",
    "servicenow-instances",
    "velocloud",
];

/// One device as the configuration describes it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApplianceConfig {
    /// The data-source type that collects it (its path segment, one of [`TYPES`]).
    #[serde(rename = "type")]
    pub kind: String,
    pub name: String,
    #[serde(default)]
    pub ip: Option<String>,
    #[serde(default)]
    pub hostname: Option<String>,
    /// A ServiceNow instance's id.
    #[serde(default)]
    pub instance_id: Option<String>,
    /// A VeloCloud orchestrator's URL.
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default = "default_username")]
    pub username: String,
    pub password: String,
}

fn default_username() -> String {
    "admin".into()
}

/// The world's appliances unless the configuration names its own (an empty list for none):
/// one of each type, at 10.20.0.80 and up in [`TYPES`]' order, each `admin` with a password of
/// its own.
pub fn default_appliances() -> Vec<ApplianceConfig> {
    let named = [
        ("nsxv-managers", "nsxv01", "VMware1!VMware1!"),
        ("panorama-firewalls", "panorama01", "Panorama1!"),
        ("f5-bigip", "bigip01", "F5-Admin1!"),
        ("fortinet-firewalls", "fortimanager01", "Fortinet1!"),
        ("nsxalb", "avi01", "AviController1!"),
        ("ucs-managers", "ucsm01", "UcsManager1!"),
        ("hpov-managers", "oneview01", "OneView1!"),
        ("hpvc-managers", "hpvc01", "VirtualConnect1!"),
        ("cisco-aci", "apic01", "CiscoApic1!"),
        ("infoblox-managers", "infoblox01", "Infoblox1!"),
        ("pks", "pks01", "PksAdmin1!"),
        ("loginsight", "loginsight01", "LogInsight1!"),
        ("servicenow-instances", "servicenow01", "ServiceNow1!"),
        ("velocloud", "vco01", "VeloCloud1!"),
    ];
    (named.iter().enumerate())
        .map(|(n, (kind, name, password))| {
            let by_key = matches!(*kind, "servicenow-instances" | "velocloud");
            ApplianceConfig {
                kind: kind.to_string(),
                name: name.to_string(),
                ip: (!by_key).then(|| format!("10.20.0.{}", 80 + n)),
                hostname: (!by_key).then(|| format!("{name}.example.com")),
                instance_id: (*kind == "servicenow-instances").then(|| "sandbox-instance".into()),
                url: (*kind == "velocloud").then(|| "https://vco01.example.com".into()),
                username: default_username(),
                password: password.to_string(),
            }
        })
        .collect()
}

/// The appliances with their addresses canonical; a type the list does not have, a device of
/// an addressed type without an address, or an empty password is refused.
pub fn resolve(configs: &[ApplianceConfig]) -> Result<Vec<ApplianceConfig>, String> {
    configs
        .iter()
        .map(|c| {
            let bad = |what: &str| format!("world: appliance {}: {what}", c.name);
            if !TYPES.contains(&c.kind.as_str()) {
                return Err(bad(&format!(
                    "type {:?} is not one of {}",
                    c.kind,
                    TYPES.join(", ")
                )));
            }
            if c.password.is_empty() {
                return Err(bad("password must not be empty"));
            }
            let found = match c.kind.as_str() {
                "servicenow-instances" => c.instance_id.is_some(),
                "velocloud" => c.url.is_some(),
                _ => c.ip.is_some() || c.hostname.is_some(),
            };
            if !found {
                return Err(bad(
                    "it needs the address its type is found by (ip or hostname; \
                     a ServiceNow instance's instance_id, a VeloCloud orchestrator's url)",
                ));
            }
            let ip = match &c.ip {
                Some(ip) => Some(
                    ip.parse::<std::net::IpAddr>()
                        .map_err(|_| bad("ip is not an IP address"))?
                        .to_string(),
                ),
                None => None,
            };
            Ok(ApplianceConfig { ip, ..c.clone() })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_type_has_a_default_device_and_bad_ones_are_refused() {
        let defaults = default_appliances();
        let kinds: Vec<&str> = defaults.iter().map(|a| a.kind.as_str()).collect();
        assert_eq!(kinds, TYPES);
        assert!(resolve(&defaults).is_ok());
        let mut bad = defaults[0].clone();
        bad.kind = "toasters".into();
        assert!(resolve(&[bad])
            .unwrap_err()
            .contains("type \"toasters\" is not one of"));
        let mut bad = defaults[12].clone();
        bad.instance_id = None;
        assert!(resolve(&[bad]).unwrap_err().contains("instance_id"));
        let mut bad = defaults[1].clone();
        bad.ip = Some("10.0.0.300".into());
        assert!(resolve(&[bad]).unwrap_err().contains("not an IP address"));
    }
}
