//! The vCenters registered with OMIVV (consoles of the world's vCenters, from the
//! configuration), their inventory trees, and the vCenter login that the operational context
//! presents.
//!
//! Links are absolute (`https://<the address the client called>/Spectre/...`): Dell's scripts
//! follow a cluster's `href` as it is.

mod api;

use super::errors::OmivvError;
use super::Omivv;
use crate::generated::omivv::types;
use crate::omivv::config::OmivvConsole;
use crate::omivv::links::Links;
use crate::secrets::secrets_equal;
use crate::world::{Cluster, Datacenter, Host, Vcenter};

/// A registered console and the vCenter it is.
pub(super) struct Registered<'a> {
    pub console: &'a OmivvConsole,
    pub vcenter: &'a Vcenter,
}

impl<'a> Registered<'a> {
    /// Every cluster of the vCenter.
    pub fn clusters(&self) -> impl Iterator<Item = &'a Cluster> + 'a {
        let vcenter: &'a Vcenter = self.vcenter;
        vcenter.datacenters.iter().flat_map(|dc| &dc.clusters)
    }
}

impl Registered<'_> {
    fn summary(&self, links: &Links) -> types::Console {
        let vc = &self.vcenter.config;
        types::Console {
            id: self.console.id.clone(),
            href: links.console(&self.console.id),
            object_type: "Console".into(),
            hostname: vc.hostname.clone(),
            ip: vc.ip.clone(),
            description: self.console.description.clone(),
        }
    }

    fn tree(&self, links: &Links) -> types::ConsoleTree {
        let c = self.summary(links);
        types::ConsoleTree {
            datacenters: self
                .vcenter
                .datacenters
                .iter()
                .map(|dc| datacenter(links, &c.id, dc))
                .collect(),
            id: c.id,
            href: c.href.clone(),
            object_type: c.object_type,
            hostname: c.hostname,
            ip: c.ip,
            description: c.description,
        }
    }
}

impl<'a> Registered<'a> {
    /// Every host, with the datacenter and cluster it is in.
    pub fn hosts(
        &self,
    ) -> impl Iterator<Item = (&'a Datacenter, Option<&'a Cluster>, &'a Host)> + 'a {
        let vcenter: &'a Vcenter = self.vcenter;
        vcenter.datacenters.iter().flat_map(|dc| {
            let clustered = dc
                .clusters
                .iter()
                .flat_map(move |cl| cl.hosts.iter().map(move |h| (dc, Some(cl), h)));
            clustered.chain(dc.hosts.iter().map(move |h| (dc, None, h)))
        })
    }
}

fn datacenter(links: &Links, console: &str, dc: &Datacenter) -> types::Datacenter {
    types::Datacenter {
        id: dc.id.clone(),
        name: dc.name.clone(),
        object_type: "Datacenter".into(),
        clusters: dc
            .clusters
            .iter()
            .map(|cl| cluster_summary(links, console, cl))
            .collect(),
        hosts: dc
            .hosts
            .iter()
            .map(|h| host_summary(links, console, h))
            .collect(),
    }
}

fn cluster_summary(links: &Links, console: &str, cl: &Cluster) -> types::ClusterSummary {
    types::ClusterSummary {
        id: cl.id.clone(),
        name: cl.name.clone(),
        href: links.cluster(console, &cl.id),
        object_type: "Cluster".into(),
        registered_with_vlcm: cl.vlcm,
    }
}

fn host_summary(links: &Links, console: &str, h: &Host) -> types::HostSummary {
    types::HostSummary {
        id: h.id.clone(),
        name: h.config.name.clone(),
        href: links.host(console, &h.id),
        object_type: "Host".into(),
        service_tag: h.config.service_tag.clone(),
    }
}

fn host(
    links: &Links,
    console: &str,
    dc: &Datacenter,
    cl: Option<&Cluster>,
    h: &Host,
) -> types::Host {
    let s = host_summary(links, console, h);
    types::Host {
        id: s.id,
        name: s.name,
        href: s.href,
        object_type: s.object_type,
        service_tag: s.service_tag,
        ip: h.config.ip.clone(),
        model: h.config.model.clone(),
        datacenter_id: dc.id.clone(),
        cluster_id: cl.map(|c| c.id.clone()),
        hostip: Some(h.config.ip.clone()),
        host_name: Some(h.config.name.clone()),
        management_ip: Some(h.config.idrac_ip.clone()),
        system_id: Some(crate::world::firmware::system_id(&h.config.model)),
    }
}

impl Omivv {
    pub fn consoles(&self, links: &Links) -> Vec<types::Console> {
        self.registered().map(|r| r.summary(links)).collect()
    }

    pub fn console(&self, id: &str, links: &Links) -> Result<types::ConsoleTree, OmivvError> {
        Ok(self.find_console(id)?.tree(links))
    }

    pub fn console_cluster(
        &self,
        id: &str,
        cluster_id: &str,
        links: &Links,
    ) -> Result<types::Cluster, OmivvError> {
        let r = self.find_console(id)?;
        let cl = r
            .vcenter
            .datacenters
            .iter()
            .flat_map(|dc| &dc.clusters)
            .find(|cl| cl.id == cluster_id)
            .ok_or_else(|| OmivvError::ClusterNotFound(cluster_id.to_string()))?;
        let s = cluster_summary(links, id, cl);
        Ok(types::Cluster {
            id: s.id,
            name: s.name,
            href: s.href,
            object_type: s.object_type,
            registered_with_vlcm: s.registered_with_vlcm,
            hosts: cl
                .hosts
                .iter()
                .map(|h| host_summary(links, id, h))
                .collect(),
        })
    }

    pub fn console_hosts(&self, id: &str, links: &Links) -> Result<Vec<types::Host>, OmivvError> {
        let r = self.find_console(id)?;
        Ok(r.hosts()
            .map(|(dc, cl, h)| host(links, id, dc, cl, h))
            .collect())
    }

    pub fn console_host(
        &self,
        id: &str,
        host_id: &str,
        links: &Links,
    ) -> Result<types::Host, OmivvError> {
        let r = self.find_console(id)?;
        r.hosts()
            .find(|(_, _, h)| h.id == host_id)
            .map(|(dc, cl, h)| host(links, id, dc, cl, h))
            .ok_or_else(|| OmivvError::HostNotFound(host_id.to_string()))
    }

    pub(super) fn registered(&self) -> impl Iterator<Item = Registered<'_>> {
        self.config.consoles.iter().filter_map(|console| {
            let vcenter = self.world.vcenter(&console.vcenter)?;
            Some(Registered { console, vcenter })
        })
    }

    pub(super) fn find_console(&self, id: &str) -> Result<Registered<'_>, OmivvError> {
        self.registered()
            .find(|r| r.console.id == id)
            .ok_or_else(|| OmivvError::ConsoleNotFound(id.to_string()))
    }

    /// Checks vCenter credentials against the accounts of a console's vCenter; answers the
    /// console id and whether the account may change things.
    pub(super) fn check_vcenter_login(
        &self,
        console_id: &str,
        cred: &types::Credential,
    ) -> Result<(String, bool), OmivvError> {
        let r = self.find_console(console_id)?;
        let vc = &r.vcenter.config;
        // All three compared, so that timing says nothing about which one failed.
        let matches = |username: &str, domain: &str, password: &str| {
            let user_ok = secrets_equal(&cred.username, username);
            let domain_ok = secrets_equal(&cred.domain, domain);
            let password_ok = secrets_equal(&cred.password, password);
            user_ok & domain_ok & password_ok
        };
        if matches(&vc.username, &vc.domain, &vc.password) {
            return Ok((r.console.id.clone(), true));
        }
        let read_only = vc.read_only_accounts.iter().fold(false, |found, a| {
            found | matches(&a.username, &a.domain, &a.password)
        });
        if read_only {
            Ok((r.console.id.clone(), false))
        } else {
            Err(OmivvError::VcenterLoginFailed)
        }
    }
}
