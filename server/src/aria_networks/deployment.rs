//! Which edition the sandbox presents (E121): on premises, signed in with
//! `Authorization: NetworkInsight`, or the SaaS service, also signed in through VMware Cloud
//! Services with `csp-auth-token` under `/ni/api/ni`.

use std::str::FromStr;

use serde::Deserialize;

/// Where the SaaS API is mounted, as VMware's SDK examples and PowervRNI build its address.
pub const SAAS_BASE: &str = "/ni/api/ni";

#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Deployment {
    #[default]
    Onprem,
    Saas,
}

impl FromStr for Deployment {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "onprem" | "on-prem" => Ok(Self::Onprem),
            "saas" => Ok(Self::Saas),
            other => Err(format!("deployment {other:?} is onprem or saas")),
        }
    }
}
