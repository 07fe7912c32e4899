//! A web proxy as stored (E116). A leaf module, so that data sources can check the proxy they
//! name and the web-proxy domain can read data sources without a module cycle.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::generated::aria_networks::types;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WebProxyRow {
    /// The order it was added in.
    pub seq: u64,
    /// Its settings, never with the password.
    pub settings: types::WebProxyRequest,
    /// The salted digest of its password (`password`), when it has one.
    pub secrets: BTreeMap<String, String>,
}
