//! A registered vCenter as OMEVV sees it (Inventory tag): its clusters, OMEVV's groups (one per
//! cluster, one per datacenter's standalone hosts) and the Dell hosts it manages, with the
//! health the hardware reports now.

mod api;

use super::errors::OmevvError;
use super::tables::OmevvState;
use super::{omevv_id, Console, Omevv};
use crate::generated::omevv::types;
use crate::omivv::tables::HostState;
use crate::world::{Cluster, Datacenter, Host, HostHealth};

/// A host with where it sits.
pub struct Placed<'a> {
    pub datacenter: &'a Datacenter,
    pub cluster: Option<&'a Cluster>,
    pub host: &'a Host,
}

impl Placed<'_> {
    pub fn id(&self) -> i64 {
        omevv_id(&self.host.id)
    }

    /// The OMEVV group the host is in: its cluster's, or its datacenter's standalone hosts'.
    pub fn group(&self) -> i64 {
        match self.cluster {
            Some(c) => omevv_id(&c.id),
            None => omevv_id(&self.datacenter.id),
        }
    }
}

/// An OMEVV group: a cluster, or a datacenter's hosts that are in no cluster.
pub struct Group<'a> {
    pub id: i64,
    pub name: &'a str,
    pub cluster: Option<&'a Cluster>,
}

impl<'a> Console<'a> {
    pub fn clusters(&self) -> impl Iterator<Item = (&'a Datacenter, &'a Cluster)> + 'a {
        self.vcenter
            .datacenters
            .iter()
            .flat_map(|d| d.clusters.iter().map(move |c| (d, c)))
    }

    pub fn hosts(&self) -> impl Iterator<Item = Placed<'a>> + 'a {
        self.vcenter.datacenters.iter().flat_map(|d| {
            let clustered = d.clusters.iter().flat_map(move |c| {
                c.hosts.iter().map(move |h| Placed {
                    datacenter: d,
                    cluster: Some(c),
                    host: h,
                })
            });
            let standalone = d.hosts.iter().map(move |h| Placed {
                datacenter: d,
                cluster: None,
                host: h,
            });
            clustered.chain(standalone)
        })
    }

    pub fn group(&self, id: i64) -> Result<Group<'a>, OmevvError> {
        let cluster = self.clusters().find(|(_, c)| omevv_id(&c.id) == id);
        if let Some((_, c)) = cluster {
            return Ok(Group {
                id,
                name: &c.name,
                cluster: Some(c),
            });
        }
        self.vcenter
            .datacenters
            .iter()
            .find(|d| omevv_id(&d.id) == id && !d.hosts.is_empty())
            .map(|d| Group {
                id,
                name: &d.name,
                cluster: None,
            })
            .ok_or_else(|| OmevvError::NotFound("group", id.to_string()))
    }

    pub fn group_hosts(&self, group: i64) -> impl Iterator<Item = Placed<'a>> + 'a {
        self.hosts().filter(move |h| h.group() == group)
    }

    pub fn host(&self, id: i64) -> Result<Placed<'a>, OmevvError> {
        self.hosts()
            .find(|h| h.id() == id)
            .ok_or_else(|| OmevvError::NotFound("host", id.to_string()))
    }
}

/// What the hardware reports now: the configuration unless a test said otherwise.
pub(crate) fn host_state(s: &dyn OmevvState, host: &Host) -> HostState {
    s.dell_host(&host.id).unwrap_or(HostState {
        health: host.config.health,
        drift: host.config.drift,
        drift_since_ms: 0,
    })
}

fn managed_host(console: &Console<'_>, h: &Placed<'_>, state: HostState) -> types::ManagedHost {
    use types::ManagedHostHealthStatus as Health;
    let group_name = h.cluster.map_or(&h.datacenter.name, |c| &c.name).clone();
    types::ManagedHost {
        id: Some(h.id()),
        host_name: Some(h.host.config.name.clone()),
        service_tag: Some(h.host.config.service_tag.clone()),
        cluster_name: h.cluster.map(|c| c.name.clone()),
        device_type: Some(types::ManagedHostDeviceType::Host),
        v_center_name: Some(console.vcenter.config.hostname.clone()),
        chassis_service_tag: None,
        power_state: Some(types::ManagedHostPowerState::On),
        health_status: Some(match state.health {
            HostHealth::Healthy => Health::Healthy,
            HostHealth::Warning => Health::Warning,
            HostHealth::Critical => Health::Critical,
        }),
        group_name: Some(group_name),
        omevvp_group_id: Some(h.group()),
    }
}

impl Omevv {
    pub async fn clusters(
        &self,
        console: &Console<'_>,
        pid: Option<&str>,
        name: Option<&str>,
        entity_id: Option<&str>,
    ) -> Vec<types::ConsoleEntity> {
        console
            .clusters()
            .filter(|(d, c)| {
                pid.is_none_or(|p| p == d.id)
                    && name.is_none_or(|n| n == c.name)
                    && entity_id.is_none_or(|e| e == c.id)
            })
            .map(|(d, c)| types::ConsoleEntity {
                entity_id: Some(c.id.clone()),
                parent_entity_id: Some(d.id.clone()),
                type_: Some(types::ConsoleEntityType::ConsoleCluster),
                name: Some(c.name.clone()),
                visible: Some(true),
                vsan_enabled: Some(false),
            })
            .collect()
    }

    /// One group per cluster id asked for, in the order asked; unknown ids are left out.
    pub fn groups_for_clusters(
        &self,
        console: &Console<'_>,
        cluster_ids: &[String],
    ) -> Vec<types::GroupForCluster> {
        cluster_ids
            .iter()
            .filter_map(|id| console.clusters().find(|(_, c)| c.id == *id))
            .map(|(_, c)| types::GroupForCluster {
                group_id: Some(omevv_id(&c.id)),
                clust_id: Some(c.id.clone()),
                console_id: Some(console.uuid.clone()),
            })
            .collect()
    }

    /// The managed hosts of the console, or of one group, filtered as the query asks.
    pub async fn managed_hosts(
        &self,
        console: &Console<'_>,
        group: Option<i64>,
        service_tag: Option<&str>,
        entity_id: Option<&str>,
    ) -> Result<Vec<types::ManagedHost>, OmevvError> {
        if let Some(g) = group {
            console.group(g)?;
        }
        let s = self.db.read().await;
        Ok(console
            .hosts()
            .filter(|h| group.is_none_or(|g| h.group() == g))
            .filter(|h| {
                service_tag.is_none_or(|t| t.eq_ignore_ascii_case(&h.host.config.service_tag))
            })
            .filter(|h| entity_id.is_none_or(|e| e == h.host.id))
            .map(|h| managed_host(console, &h, host_state(&*s, h.host)))
            .collect())
    }
}
