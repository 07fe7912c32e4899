//! The vCenters registered with OMEVV (Consoles tag), listed to OpenManage Enterprise users.

mod api;

use super::Omevv;
use crate::generated::omevv::types;

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
