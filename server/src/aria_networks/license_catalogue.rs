//! The licences the sandbox knows (`[[aria.licenses]]`, E110): a key stands for a licence only
//! when the catalogue lists it, since the appliance's own key check cannot be reproduced. Which
//! data-source types an edition covers is decided here.

use serde::Deserialize;

/// One licence a key can install.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LicenseConfig {
    /// Five groups of five letters or digits (`NIENT-SANDB-OX000-00000-00001`).
    pub key: String,
    /// The 6.12 `LicenseEdition` (`ENTERPRISE`, `ADVANCED`, `SDWAN`, ...).
    pub edition: String,
    /// The last day it is valid (`YYYY-MM-DD`, UTC); unset, it never expires.
    #[serde(default)]
    pub expires: Option<String>,
    /// The 6.12 `LicenseCapacityType` it counts in (`CPU` sockets by default, `CORE`, ...).
    #[serde(default = "default_capacity_type")]
    pub capacity_type: String,
    #[serde(default = "default_capacity")]
    pub capacity: i64,
    #[serde(default)]
    pub evaluation: bool,
    /// Whether it is installed when the appliance starts (a stored state keeps what was
    /// activated and deactivated since).
    #[serde(default)]
    pub installed: bool,
}

fn default_capacity_type() -> String {
    "CPU".into()
}

fn default_capacity() -> i64 {
    64
}

/// The catalogue unless the configuration lists its own: an Enterprise socket licence that is
/// installed, an Advanced one, an Enterprise one that expired, and an Enterprise core licence;
/// all but the expired one never expire, so that a sandbox started in any year can add data sources.
pub fn default_licenses() -> Vec<LicenseConfig> {
    let license =
        |key: &str, edition: &str, expires: Option<&str>, kind: &str, capacity, installed| {
            LicenseConfig {
                key: key.into(),
                edition: edition.into(),
                expires: expires.map(str::to_string),
                capacity_type: kind.into(),
                capacity,
                evaluation: false,
                installed,
            }
        };
    vec![
        license(
            "NIENT-SANDB-OX000-00000-00001",
            "ENTERPRISE",
            None,
            "CPU",
            64,
            true,
        ),
        license(
            "NIADV-SANDB-OX000-00000-00002",
            "ADVANCED",
            None,
            "CPU",
            32,
            false,
        ),
        license(
            "NIEXP-SANDB-OX000-00000-00003",
            "ENTERPRISE",
            Some("2025-12-31"),
            "CPU",
            16,
            false,
        ),
        license(
            "NICOR-SANDB-OX000-00000-00004",
            "ENTERPRISE",
            None,
            "CORE",
            512,
            false,
        ),
    ]
}

/// Whether `key` has the shape of a licence key.
pub fn well_formed(key: &str) -> bool {
    let groups: Vec<&str> = key.split('-').collect();
    groups.len() == 5
        && (groups.iter()).all(|g| g.len() == 5 && g.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Data-source types only an Enterprise-class edition covers: the public clouds, container
/// platforms and the third-party services.
const ENTERPRISE_ONLY: [&str; 7] = [
    "aws-accounts",
    "azure-subscriptions",
    "kubernetes-clusters",
    "openshift-clusters",
    "pks",
    "servicenow-instances",
    "infoblox-managers",
];

/// Whether an edition covers a data-source type (its path segment).
pub fn covers(edition: &str, segment: &str) -> bool {
    match edition {
        "ENTERPRISE" | "UNIVERSAL" | "VRNIC_ENTERPRISE" | "VRNIC_UNIVERSAL" => true,
        // SD-WAN is an add-on: VeloCloud only.
        "SDWAN" => segment == "velocloud",
        _ => segment != "velocloud" && !ENTERPRISE_ONLY.contains(&segment),
    }
}

/// Checks the catalogue: keys well formed and unique, editions and capacity types of the 6.12
/// enums, dates that parse.
pub fn check(licenses: &[LicenseConfig]) -> Result<(), String> {
    let mut keys = std::collections::HashSet::new();
    for l in licenses {
        let bad = |what: String| Err(format!("aria licence {}: {what}", l.key));
        if !well_formed(&l.key) {
            return bad("a key is five groups of five letters or digits".into());
        }
        if !keys.insert(l.key.to_ascii_uppercase()) {
            return bad("appears twice".into());
        }
        if l.edition
            .parse::<crate::generated::aria_networks::types::LicenseEdition>()
            .is_err()
        {
            return bad(format!("{:?} is not a LicenseEdition", l.edition));
        }
        let kind = &l.capacity_type;
        if kind
            .parse::<crate::generated::aria_networks::types::LicenseCapacityType>()
            .is_err()
        {
            return bad(format!("{kind:?} is not a LicenseCapacityType"));
        }
        if l.expires.as_deref().is_some_and(|d| expiry(d).is_none()) {
            return bad("expires is a date, YYYY-MM-DD".into());
        }
    }
    Ok(())
}

/// The first second after the last valid day `date`.
pub fn expiry(date: &str) -> Option<i64> {
    crate::clock::days_of_date(date).map(|days| (days + 1) * 86_400)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_editions_and_coverage() {
        assert!(well_formed("NIENT-SANDB-OX000-00000-00001"));
        assert!(!well_formed("NIENT-SANDB-OX000-00000"));
        assert!(!well_formed("NIENT-SANDB-OX000-00000-0000!"));
        assert!(covers("ENTERPRISE", "aws-accounts"));
        assert!(!covers("ADVANCED", "aws-accounts") && covers("ADVANCED", "vcenters"));
        assert!(covers("SDWAN", "velocloud") && !covers("SDWAN", "vcenters"));
        assert!(check(&default_licenses()).is_ok());
        let mut twice = default_licenses();
        twice.push(twice[0].clone());
        assert!(check(&twice).unwrap_err().contains("twice"));
        assert_eq!(expiry("1970-01-01"), Some(86_400));
    }
}
