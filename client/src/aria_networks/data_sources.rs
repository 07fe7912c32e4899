//! Data-source helpers on a [`Session`]: what every VMware example does by hand (list a type,
//! read each entry, compare `ip`/`fqdn`), and the generic switch's upload, which the generated
//! client leaves out (progenitor does not send `multipart/form-data`).

use serde::Serialize;

use super::session::Session;
use super::{types, ClientInfo, Error};
use crate::retry::send;

/// A data-source type, as its path segment names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataSourceKind {
    Vcenters,
    NsxvManagers,
    NsxtManagers,
    PanoramaFirewalls,
    CiscoSwitches,
    VmcNsxmanagers,
    F5Bigip,
    GenericSwitches,
}

/// A data source found by address: its id, and the model as JSON (each type has its own struct).
#[derive(Debug, Clone)]
pub struct FoundDataSource {
    pub entity_id: String,
    pub model: serde_json::Value,
}

/// `Some` when `model`'s `ip` or `fqdn` is `address` (host names compared case-insensitively).
fn matching<M: Serialize>(id: &str, model: &M, address: &str) -> Option<FoundDataSource> {
    let model = serde_json::to_value(model).ok()?;
    let hit = ["ip", "fqdn"].iter().any(|f| {
        model[f]
            .as_str()
            .is_some_and(|v| !v.is_empty() && v.eq_ignore_ascii_case(address))
    });
    hit.then(|| FoundDataSource {
        entity_id: id.to_string(),
        model,
    })
}

/// Lists a type, then reads each entry until one matches: `list` and `get` are the type's
/// generated calls.
macro_rules! find_in {
    ($session:expr, $address:expr, $list:ident, $get:ident) => {{
        let s = $session;
        let list = send(&s.options().retry, || s.client().$list().send())
            .await?
            .into_inner();
        for r in list.results {
            let id = r.entity_id;
            let model = send(&s.options().retry, || s.client().$get().id(&id).send())
                .await?
                .into_inner();
            if let Some(found) = matching(&id, &model, $address) {
                return Ok(Some(found));
            }
        }
        Ok(None)
    }};
}

impl Session {
    /// The data source of `kind` whose `ip` or `fqdn` is `address`, if any.
    pub async fn find_data_source(
        &self,
        kind: DataSourceKind,
        address: &str,
    ) -> Result<Option<FoundDataSource>, Error<types::ApiError>> {
        match kind {
            DataSourceKind::Vcenters => find_in!(self, address, list_vcenters, get_vcenter),
            DataSourceKind::NsxvManagers => {
                find_in!(self, address, list_nsxv_managers, get_nsxv_manager)
            }
            DataSourceKind::NsxtManagers => {
                find_in!(self, address, list_nsxt_managers, get_nsxt_manager)
            }
            DataSourceKind::PanoramaFirewalls => {
                find_in!(
                    self,
                    address,
                    list_panorama_firewalls,
                    get_panorama_firewall
                )
            }
            DataSourceKind::CiscoSwitches => {
                find_in!(self, address, list_cisco_switches, get_cisco_switch)
            }
            DataSourceKind::VmcNsxmanagers => {
                find_in!(self, address, list_policy_managers, get_policy_manager)
            }
            DataSourceKind::F5Bigip => find_in!(self, address, list_f5_bigip, get_f5_bigip),
            DataSourceKind::GenericSwitches => {
                find_in!(self, address, list_generic_switch, get_generic_switch)
            }
        }
    }

    /// The id of the platform or collector node at `ip_address` (what a data source's
    /// `proxy_id` names), as the examples turn a CSV's `ProxyIP` into one.
    pub async fn node_id_by_ip(
        &self,
        ip_address: &str,
    ) -> Result<Option<String>, Error<types::ApiError>> {
        let nodes = send(&self.options().retry, || self.client().list_nodes().send())
            .await?
            .into_inner();
        for n in nodes.results {
            let node = send(&self.options().retry, || {
                self.client().get_node().id(&n.id).send()
            })
            .await?
            .into_inner();
            if node.ip_address == ip_address {
                return Ok(Some(node.id));
            }
        }
        Ok(None)
    }

    /// Uploads a generic switch's or router's data: `zip` is the archive of its CSV files.
    pub async fn upload_generic_switch_data(
        &self,
        id: &str,
        file_name: &str,
        zip: Vec<u8>,
    ) -> Result<(), Error<types::ApiError>> {
        let url = format!(
            "{}/data-sources/generic-switches/{}/data",
            self.client().baseurl(),
            progenitor_client::encode_path(id)
        );
        let part = reqwest::multipart::Part::bytes(zip)
            .file_name(file_name.to_string())
            .mime_str("application/zip")
            .map_err(|e| Error::InvalidRequest(e.to_string()))?;
        let form = reqwest::multipart::Form::new().part("file", part);
        let response = self
            .client()
            .client()
            .put(url)
            .multipart(form)
            .send()
            .await
            .map_err(Error::CommunicationError)?;
        if response.status().is_success() {
            return Ok(());
        }
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.bytes().await.unwrap_or_default();
        // As the generated calls do (error_bodies.rs): a body that is not an ApiError becomes one.
        let error = serde_json::from_slice(&body).unwrap_or_else(|_| types::ApiError {
            code: i32::from(status.as_u16()),
            message: format!(
                "The appliance answered {status} with a body that is not its error shape"
            ),
            details: Vec::new(),
        });
        Err(Error::ErrorResponse(progenitor_client::ResponseValue::new(
            error, status, headers,
        )))
    }
}
