//! A registered vCenter as OMEVV sees it (Inventory tag): its clusters, OMEVV's groups (one per
//! cluster, one per datacenter's standalone hosts) and the Dell hosts it manages, with the
//! health the hardware reports now.

mod api;

use super::errors::OmevvError;
use super::tables::{in_maintenance, managed, OmevvState};
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
    pub datacenter_id: &'a str,
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
        if let Some((d, c)) = cluster {
            return Ok(Group {
                id,
                name: &c.name,
                cluster: Some(c),
                datacenter_id: &d.id,
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
                datacenter_id: &d.id,
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
        health_since_ms: 0,
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
        query: HostQuery<'_>,
    ) -> Result<Vec<types::ManagedHost>, OmevvError> {
        if let Some(g) = group {
            console.group(g)?;
        }
        let now = self.clock.now_ms();
        let s = self.db.read().await;
        Ok(console
            .hosts()
            .filter(|h| group.is_none_or(|g| h.group() == g))
            .filter(|h| managed(s.omevv(), h.id(), now))
            .filter(|h| {
                query
                    .service_tag
                    .is_none_or(|t| t.eq_ignore_ascii_case(&h.host.config.service_tag))
            })
            .filter(|h| query.entity_id.is_none_or(|e| e == h.host.id))
            .filter(|h| {
                query
                    .in_maintenance
                    .is_none_or(|inside| in_maintenance(s.omevv(), h.id(), now) == inside)
            })
            .map(|h| managed_host(console, &h, host_state(&*s, h.host)))
            .collect())
    }

    pub async fn managed_host(
        &self,
        console: &Console<'_>,
        id: i64,
    ) -> Result<types::ManagedHost, OmevvError> {
        let h = self.managed(console, id).await?;
        let s = self.db.read().await;
        Ok(managed_host(console, &h, host_state(&*s, h.host)))
    }

    /// A host of the console that OMEVV manages now (404 otherwise).
    pub async fn managed<'a>(
        &self,
        console: &Console<'a>,
        id: i64,
    ) -> Result<Placed<'a>, OmevvError> {
        let h = console.host(id)?;
        let now = self.clock.now_ms();
        if managed(self.db.read().await.omevv(), id, now) {
            Ok(h)
        } else {
            Err(OmevvError::NotFound("managed host", id.to_string()))
        }
    }

    /// The groups of the console: clusters, and datacenters' standalone hosts.
    pub fn groups(
        &self,
        console: &Console<'_>,
        kind: Option<types::GroupTypeFilter>,
        entity_id: Option<&str>,
    ) -> Vec<types::Group> {
        use types::GroupTypeFilter as Kind;
        let clusters = console.clusters().map(|(_, c)| omevv_id(&c.id));
        let standalone = console
            .vcenter
            .datacenters
            .iter()
            .filter(|d| !d.hosts.is_empty())
            .map(|d| omevv_id(&d.id));
        clusters
            .chain(standalone)
            .filter_map(|id| console.group(id).ok())
            .map(|g| group_view(console, &g))
            .filter(|g| match kind {
                None => true,
                Some(Kind::Cluster) => g.group_type == Some(types::GroupGroupType::Cluster),
                Some(Kind::DatacenterNoncluster) => {
                    g.group_type == Some(types::GroupGroupType::DatacenterNoncluster)
                }
                Some(Kind::VcenterRoot | Kind::Datacenter) => false,
            })
            .filter(|g| entity_id.is_none_or(|e| g.console_entity_id.as_deref() == Some(e)))
            .collect()
    }
}

impl Omevv {
    /// The vCenter's tree, flat: root, datacenters, clusters and hosts with their parents.
    pub fn hierarchy(&self, console: &Console<'_>, hosts: bool) -> Vec<types::ConsoleEntity> {
        use types::ConsoleEntityType as Kind;
        let node = |id: &str, parent: Option<&str>, kind: Kind, name: &str| types::ConsoleEntity {
            entity_id: Some(id.to_string()),
            parent_entity_id: parent.map(str::to_string),
            type_: Some(kind),
            name: Some(name.to_string()),
            visible: Some(true),
            vsan_enabled: None,
        };
        let root = "group-d1";
        let mut out = vec![node(
            root,
            None,
            Kind::ConsoleRoot,
            &console.vcenter.config.hostname,
        )];
        for d in &console.vcenter.datacenters {
            out.push(node(&d.id, Some(root), Kind::ConsoleDatacenter, &d.name));
            for c in &d.clusters {
                out.push(node(&c.id, Some(&d.id), Kind::ConsoleCluster, &c.name));
                if hosts {
                    for h in &c.hosts {
                        out.push(node(&h.id, Some(&c.id), Kind::ConsoleHost, &h.config.name));
                    }
                }
            }
            if hosts {
                for h in &d.hosts {
                    out.push(node(&h.id, Some(&d.id), Kind::ConsoleHost, &h.config.name));
                }
            }
        }
        out
    }
}

/// What a managed-host list is filtered by.
#[derive(Default, Clone, Copy)]
pub struct HostQuery<'a> {
    pub service_tag: Option<&'a str>,
    pub entity_id: Option<&'a str>,
    /// `Some(true)` for hosts in maintenance mode only, `Some(false)` for the others.
    pub in_maintenance: Option<bool>,
}

pub(crate) fn group_view(console: &Console<'_>, g: &Group<'_>) -> types::Group {
    let (kind, entity) = match g.cluster {
        Some(c) => (types::GroupGroupType::Cluster, c.id.clone()),
        None => (
            types::GroupGroupType::DatacenterNoncluster,
            g.datacenter_id.to_string(),
        ),
    };
    types::Group {
        group_id: Some(g.id),
        group_type: Some(kind),
        console_entity_id: Some(entity),
        console_entity_name: Some(g.name.to_string()),
        console_id: Some(console.uuid.clone()),
    }
}
