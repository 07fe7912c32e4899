//! The inventory walk Dell's scripts do by hand: the console of a vCenter address, its tree,
//! and its hosts.

use super::session::Session;
use super::{types, Error};
use crate::retry::send;

impl Session {
    /// The registered console whose `ip` is `address` (compared case-insensitively, as Dell's
    /// scripts compare it), if any.
    pub async fn console_by_ip(
        &self,
        address: &str,
    ) -> Result<Option<types::Console>, Error<types::Error>> {
        Ok(self
            .consoles()
            .await?
            .into_iter()
            .find(|c| c.ip.eq_ignore_ascii_case(address)))
    }

    /// A console's vCenter tree: datacenters, their clusters and standalone hosts.
    pub async fn tree(&self, console_id: &str) -> Result<types::ConsoleTree, Error<types::Error>> {
        let c = self.client();
        let r = send(self.retry(), || c.get_console().id(console_id).send()).await?;
        Ok(r.into_inner())
    }

    /// Every host of a console's vCenter, in a cluster or not.
    pub async fn hosts(&self, console_id: &str) -> Result<Vec<types::Host>, Error<types::Error>> {
        let c = self.client();
        let r = send(self.retry(), || {
            c.list_console_hosts().id(console_id).send()
        })
        .await?;
        Ok(r.into_inner())
    }

    /// The host with a Dell service tag (case-insensitive), if the vCenter has it.
    pub async fn host_by_service_tag(
        &self,
        console_id: &str,
        service_tag: &str,
    ) -> Result<Option<types::Host>, Error<types::Error>> {
        Ok(self
            .hosts(console_id)
            .await?
            .into_iter()
            .find(|h| h.service_tag.eq_ignore_ascii_case(service_tag)))
    }
}
