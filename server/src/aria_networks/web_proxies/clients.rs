//! Who uses a web proxy, and whether they would still reach their endpoints through other
//! settings or another proxy: each client is polled in the world as its collector would.

use super::{check, nick_taken, not_found, WebProxyRow};
use crate::aria_networks::data_sources::collector::poll;
use crate::aria_networks::data_sources::DataSourceRow;
use crate::aria_networks::data_sources::Reach;
use crate::aria_networks::errors::AriaError;
use crate::aria_networks::nodes::node_id;
use crate::aria_networks::tables::AriaTables;
use crate::aria_networks::Aria;
use crate::generated::aria_networks::types;
use crate::store::Table;

/// The ids of the data sources that name the proxy.
pub(super) fn users(data_sources: &Table<DataSourceRow>, proxy: &str) -> Vec<String> {
    (data_sources.iter())
        .filter(|(_, r)| r.text("web_proxy_id") == Some(proxy))
        .map(|(id, _)| id.to_string())
        .collect()
}

pub(super) fn answer(
    id: &str,
    row: &WebProxyRow,
    data_sources: &Table<DataSourceRow>,
) -> types::ProxyResponse {
    let s = &row.settings;
    let kind = |t: &types::WebProxyRequestProxyType| match t {
        types::WebProxyRequestProxyType::Http => types::ProxyResponseProxyType::Http,
        types::WebProxyRequestProxyType::Https => types::ProxyResponseProxyType::Https,
    };
    let auth = |a: &types::WebProxyRequestAuthType| match a {
        types::WebProxyRequestAuthType::Basic => types::ProxyResponseAuthType::Basic,
        types::WebProxyRequestAuthType::Ntlm => types::ProxyResponseAuthType::Ntlm,
    };
    types::ProxyResponse {
        proxy_id: id.to_string(),
        nick_name: s.nick_name.clone(),
        target_ip: s.target_ip.clone(),
        target_port: s.target_port,
        proxy_type: kind(&s.proxy_type),
        auth_type: s.auth_type.as_ref().map(auth),
        use_credentials: s.use_credentials.unwrap_or(false),
        user_name: s.user_name.clone(),
        connected_entities: users(data_sources, id).len() as i32,
        is_modifiable: true,
    }
}

/// What a client is known by: its address, URL, instance, access key or client id.
fn identifier(row: &DataSourceRow) -> String {
    let credential = |field: &str| {
        (row.model.get("credentials"))
            .and_then(|c| c.get(field))
            .and_then(|v| v.as_str())
    };
    ["ip", "fqdn", "url", "instance_id"]
        .iter()
        .find_map(|f| row.text(f))
        .or_else(|| credential("access_key"))
        .or_else(|| credential("azure_client"))
        .or_else(|| row.text("nickname"))
        .unwrap_or_default()
        .to_string()
}

fn client(id: &str, row: &DataSourceRow) -> types::EntityUsingOrBehindWebProxyResponse {
    types::EntityUsingOrBehindWebProxyResponse {
        entity_id: id.to_string(),
        entity_type: row.kind.entity_type().to_string(),
        name: row.text("nickname").unwrap_or_default().to_string(),
        identifier: identifier(row),
    }
}

/// Each client of `proxy`, polled in the world: `PASS` when its endpoint answers and takes its
/// credentials, else `FAIL` with why.
fn checked_clients(
    aria: &Aria,
    t: &AriaTables,
    proxy: &str,
) -> Vec<types::ValidateConnectionViaWebProxyResponse> {
    let world = &aria.inventory.world;
    (users(&t.data_sources, proxy).into_iter())
        .filter_map(|id| t.data_sources.get(&id).map(|r| (id, r)))
        .map(|(id, row)| {
            let c = client(&id, row);
            let failure = match poll(world, &t.certificate_renewals, &id, row) {
                Reach::Collected(_) => None,
                Reach::Unreachable => Some((1, "nothing answers at the data source's endpoint")),
                Reach::CertificateChanged => Some((
                    2,
                    "the endpoint presents a certificate the data source does not trust",
                )),
                Reach::Refused => Some((3, "the endpoint refuses the data source's credentials")),
            };
            types::ValidateConnectionViaWebProxyResponse {
                entity_id: c.entity_id,
                entity_type: c.entity_type,
                name: c.name,
                identifier: c.identifier,
                status: if failure.is_none() { "PASS" } else { "FAIL" }.into(),
                error_code: Some(failure.map_or(-1, |f| f.0)),
                message: failure.map(|f| f.1.to_string()),
            }
        })
        .collect()
}

impl Aria {
    pub async fn web_proxy_clients(
        &self,
        proxy: &str,
    ) -> Result<types::EntityUsingOrBehindWebProxyList, AriaError> {
        let state = self.db.read().await;
        let t = state.aria();
        if !t.web_proxies.contains(proxy) {
            return Err(not_found(proxy));
        }
        let results = (users(&t.data_sources, proxy).into_iter())
            .filter_map(|id| t.data_sources.get(&id).map(|r| client(&id, r)))
            .collect();
        Ok(types::EntityUsingOrBehindWebProxyList { results })
    }

    /// Whether each client would still connect with the proxy set as `body` says; changes
    /// nothing.
    pub async fn validate_web_proxy_clients(
        &self,
        proxy: &str,
        body: &types::WebProxyRequest,
    ) -> Result<types::ValidateConnectionViaWebProxyResponseList, AriaError> {
        let state = self.db.read().await;
        let t = state.aria();
        let row = t.web_proxies.get(proxy).ok_or_else(|| not_found(proxy))?;
        check(body, !row.secrets.is_empty())?;
        nick_taken(&t.web_proxies, &body.nick_name, Some(proxy))?;
        Ok(types::ValidateConnectionViaWebProxyResponseList {
            results: checked_clients(self, t, proxy),
        })
    }

    /// Whether the source proxy's clients would connect through the target; changes nothing.
    pub async fn validate_web_proxy_migration(
        &self,
        body: &types::WebProxyMigrationRequest,
    ) -> Result<types::ValidateConnectionViaWebProxyResponseList, AriaError> {
        let (from, to) = (&body.source_webproxy_id, &body.target_webproxy_id);
        if from == to {
            return Err(AriaError::InvalidInput(
                "source_webproxy_id and target_webproxy_id are the same web proxy".into(),
            ));
        }
        let state = self.db.read().await;
        let t = state.aria();
        for id in [from, to] {
            if !t.web_proxies.contains(id) {
                return Err(not_found(id));
            }
        }
        Ok(types::ValidateConnectionViaWebProxyResponseList {
            results: checked_clients(self, t, from),
        })
    }

    /// The web proxies each node's data sources reach their endpoints through, one row per
    /// node and proxy (E116).
    pub async fn web_proxies_of_nodes(&self) -> types::WebProxyConfigListForNodes {
        let state = self.db.read().await;
        let t = state.aria();
        let mut results = Vec::new();
        for n in &self.config.nodes {
            let entity = node_id(n);
            if t.removed_nodes.contains(&entity) {
                continue;
            }
            let mut used: Vec<&str> = (t.data_sources.values())
                .filter(|r| r.text("proxy_id") == Some(entity.as_str()))
                .filter_map(|r| r.text("web_proxy_id"))
                .filter(|p| t.web_proxies.contains(p))
                .collect();
            used.sort_unstable();
            used.dedup();
            results.extend(used.into_iter().map(|p| {
                types::WebProxyConfigForNode {
                    node_id: n.node_id.clone(),
                    web_proxy_id: p.to_string(),
                    web_nick_name: (t.web_proxies.get(p))
                        .map(|r| r.settings.nick_name.clone())
                        .unwrap_or_default(),
                }
            }));
        }
        types::WebProxyConfigListForNodes { results }
    }
}
