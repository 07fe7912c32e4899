//! The vCenters registered with OMEVV (Consoles tag), listed to OpenManage Enterprise users.

use super::api::{Caller, OmevvApi};
use super::Omevv;
use crate::generated::omevv::{self as api, types, Failure, RequestContext};

impl Omevv {
    pub fn console_list(&self) -> Vec<types::Console> {
        self.consoles()
            .map(|c| {
                let vlcm = c
                    .vcenter
                    .datacenters
                    .iter()
                    .flat_map(|d| &d.clusters)
                    .any(|cl| cl.vlcm);
                let mut registered_extensions =
                    vec![types::ConsoleRegisteredExtensionsItem::WebclientPha];
                if vlcm {
                    registered_extensions.push(types::ConsoleRegisteredExtensionsItem::Vlcm);
                }
                types::Console {
                    uuid: Some(c.uuid.clone()),
                    console_address: Some(c.vcenter.config.hostname.clone()),
                    description: Some(format!("vCenter {}", c.vcenter.config.name)),
                    registered_extensions,
                }
            })
            .collect()
    }
}

impl api::ConsolesApi for OmevvApi {
    async fn get_consoles(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::GetConsolesResponse, Failure> {
        Ok(api::GetConsolesResponse::Ok(self.0.console_list()))
    }
}
