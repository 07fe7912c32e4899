//! The appliance release the sandbox presents itself as (`--appliance-version`,
//! `aria.appliance_version`, E106): what `/info/version` says and the limits that changed with
//! the releases, where the vendor's clients meet them.

use std::fmt;
use std::str::FromStr;

use serde::Deserialize;

/// A release, oldest first (so that `<` reads "before").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(try_from = "String")]
pub enum ApplianceVersion {
    /// The API of the 1.1.8 reference (vRealize Network Insight 5.x).
    V1_1_8,
    V6_5_1,
    V6_7_0,
    V6_12,
}

impl ApplianceVersion {
    pub const ALL: [ApplianceVersion; 4] = [
        ApplianceVersion::V1_1_8,
        ApplianceVersion::V6_5_1,
        ApplianceVersion::V6_7_0,
        ApplianceVersion::V6_12,
    ];

    /// What `GET /info/version` answers as `api_version`: from 6.x on, the release itself in
    /// three parts (PowervRNI casts it to `[System.Version]`).
    pub fn api_version(self) -> &'static str {
        match self {
            ApplianceVersion::V1_1_8 => "1.1.8",
            ApplianceVersion::V6_5_1 => "6.5.1",
            ApplianceVersion::V6_7_0 => "6.7.0",
            ApplianceVersion::V6_12 => "6.12.0",
        }
    }

    /// The most applications `/groups/applications/fetch` (and the discovered applications'
    /// fetch) answers a page: 100 since 6.5.1, when PowervRNI's 2500 broke; before, 10,000 (the
    /// older limit is not documented; 2500 worked).
    pub fn application_fetch_limit(self) -> i32 {
        if self >= ApplianceVersion::V6_5_1 {
            100
        } else {
            10_000
        }
    }
}

impl FromStr for ApplianceVersion {
    type Err = String;

    /// `6.12`, `6.12.0`, `6.7.0`, `6.7`, `6.5.1` or `1.1.8`.
    fn from_str(s: &str) -> Result<Self, String> {
        Ok(match s.trim() {
            "6.12" | "6.12.0" => ApplianceVersion::V6_12,
            "6.7" | "6.7.0" => ApplianceVersion::V6_7_0,
            "6.5.1" => ApplianceVersion::V6_5_1,
            "1.1.8" => ApplianceVersion::V1_1_8,
            other => {
                return Err(format!(
                    "appliance version {other:?} is not one the sandbox presents: 6.12 (the \
                     default), 6.7.0, 6.5.1 or 1.1.8"
                ))
            }
        })
    }
}

impl TryFrom<String> for ApplianceVersion {
    type Error = String;

    fn try_from(s: String) -> Result<Self, String> {
        s.parse()
    }
}

impl fmt::Display for ApplianceVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.api_version())
    }
}

#[cfg(test)]
mod tests {
    use super::ApplianceVersion;

    #[test]
    fn versions_parse_in_either_spelling_and_order_by_release() {
        for v in ApplianceVersion::ALL {
            assert_eq!(v.api_version().parse::<ApplianceVersion>(), Ok(v));
        }
        assert_eq!("6.12".parse(), Ok(ApplianceVersion::V6_12));
        let e = "6.6".parse::<ApplianceVersion>().unwrap_err();
        assert!(
            e.contains("6.12 (the default), 6.7.0, 6.5.1 or 1.1.8"),
            "{e}"
        );
        assert!(ApplianceVersion::V1_1_8 < ApplianceVersion::V6_5_1);
        assert!(ApplianceVersion::V6_7_0 < ApplianceVersion::V6_12);
        assert_eq!(ApplianceVersion::V6_5_1.application_fetch_limit(), 100);
        assert_eq!(ApplianceVersion::V1_1_8.application_fetch_limit(), 10_000);
    }
}
