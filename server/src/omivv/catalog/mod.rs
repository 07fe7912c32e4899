//! The guide's firmware-update sequence before the job: a cluster's health, what a repository
//! profile's catalog holds (one bundle per server model of the world, one package per firmware
//! component every host has, at the catalog's version: E65), and a host's or a cluster's
//! firmware compared with it.

use super::consoles::Registered;
use super::errors::OmivvError;
use super::inventory::{health, host_state, installed};
use super::links::Links;
use super::sessions::Caller;
use super::tables::OmivvState;
use super::Omivv;
use crate::generated::omivv::types;
use crate::world::firmware::{system_id, Component, COMPONENTS};
use crate::world::{Host, HostHealth};

/// Dell's release date of the catalog's packages.
const RELEASED: &str = "2024-02-20";

/// A package's id: its place in the catalog (`7001`, ...).
pub(super) fn package_id(c: &Component) -> String {
    let n = COMPONENTS
        .iter()
        .position(|x| x.source_name == c.source_name)
        .unwrap_or(0);
    format!("{}", 7001 + n)
}

pub(super) fn package(id: &str) -> Option<&'static Component> {
    COMPONENTS.iter().find(|c| package_id(c) == id)
}

fn bundle_id(repo: &str, system: &str) -> String {
    format!("{repo}-{system}")
}

impl Omivv {
    pub async fn cluster_health(
        &self,
        caller: &Caller,
        cluster_id: &str,
    ) -> Result<types::ClusterHealth, OmivvError> {
        let r = self.context_console(caller)?;
        let cluster = r
            .clusters()
            .find(|c| c.id.eq_ignore_ascii_case(cluster_id))
            .ok_or_else(|| OmivvError::ClusterNotFound(cluster_id.to_string()))?;
        let s = self.db.read().await;
        let states: Vec<HostHealth> = cluster
            .hosts
            .iter()
            .map(|h| host_state(s.omivv(), h).health)
            .collect();
        let worst = states.iter().copied().max_by_key(|h| match h {
            HostHealth::Healthy => 0,
            HostHealth::Warning => 1,
            HostHealth::Critical => 2,
        });
        Ok(types::ClusterHealth {
            id: cluster.id.clone(),
            name: cluster.name.clone(),
            health_status: health(worst.unwrap_or(HostHealth::Healthy)),
            hosts: cluster
                .hosts
                .iter()
                .zip(states)
                .map(|(h, state)| types::HostHealth {
                    id: h.id.clone(),
                    service_tag: h.config.service_tag.clone(),
                    health_status: health(state),
                })
                .collect(),
        })
    }

    pub async fn repository_data(
        &self,
        caller: &Caller,
        repo: &str,
        bundle: Option<&str>,
        system: Option<&str>,
    ) -> Result<types::RepositoryData, OmivvError> {
        let r = self.context_console(caller)?;
        if !self
            .db
            .read()
            .await
            .omivv()
            .repository_profiles
            .contains(repo)
        {
            return Err(OmivvError::NotFound("repository profile", repo.to_string()));
        }
        let mut models: Vec<&str> = r.hosts().map(|(_, _, h)| h.config.model.as_str()).collect();
        models.sort_unstable();
        models.dedup();
        let bundles: Vec<types::RepositoryBundle> = models
            .into_iter()
            .map(|model| {
                let sid = system_id(model);
                types::RepositoryBundle {
                    bundle_id: bundle_id(repo, &sid),
                    name: format!("{model} firmware bundle"),
                    description: Some(format!("Firmware and drivers for {model} running ESXi 7.0")),
                    model: Some(model.to_string()),
                    target_os: Some("VMware ESXi 7.0".into()),
                    system_id: sid,
                }
            })
            .filter(|b| {
                bundle.is_none_or(|x| x == b.bundle_id) && system.is_none_or(|x| x == b.system_id)
            })
            .collect();
        if bundles.is_empty() && (bundle.is_some() || system.is_some()) {
            return Err(OmivvError::NotFound(
                "bundle",
                bundle.or(system).unwrap_or_default().to_string(),
            ));
        }
        Ok(types::RepositoryData {
            repo_profile_id: repo.to_string(),
            bundle_id: bundle.map(str::to_string),
            bundles,
            components: COMPONENTS
                .iter()
                .map(|c| types::RepositoryPackage {
                    package_id: package_id(c),
                    reboot_required: Some(if c.reboot_required { "True" } else { "False" }.into()),
                    release_date: Some(RELEASED.into()),
                    name: c.name.into(),
                    description: Some(format!("{} {}", c.name, c.catalog)),
                    vendor_version: c.catalog.into(),
                    criticality: Some(c.criticality.into()),
                })
                .collect(),
        })
    }

    fn host_report(
        &self,
        s: &dyn OmivvState,
        r: &Registered<'_>,
        h: &Host,
        links: &Links,
        now: i64,
    ) -> types::HostFirmwareReport {
        let c = &h.config;
        types::HostFirmwareReport {
            host: types::ReportHost {
                id: h.id.clone(),
                href: Some(links.host(&r.console.id, &h.id)),
                object_type: "Host".into(),
                hostip: Some(c.ip.clone()),
                host_name: Some(c.name.clone()),
                management_ip: Some(c.idrac_ip.clone()),
                service_tag: c.service_tag.clone(),
                model: Some(c.model.clone()),
                system_id: Some(system_id(&c.model)),
            },
            applicable_components: installed(s, h, now)
                .into_iter()
                .map(|(comp, current)| types::ApplicableComponent {
                    component_type: Some(if comp.driver { "DRIVER" } else { "FIRMWARE" }.into()),
                    package_id: package_id(comp),
                    component: comp.name.into(),
                    current_version: current.into(),
                    available_version: comp.catalog.into(),
                    criticality: Some(comp.criticality.into()),
                    update_action: if current == comp.catalog {
                        types::ApplicableComponentUpdateAction::Equal
                    } else {
                        types::ApplicableComponentUpdateAction::Upgrade
                    },
                    scheduled: Some(false),
                    reboot_required: Some(comp.reboot_required),
                    release_date: Some(RELEASED.into()),
                })
                .collect(),
        }
    }

    pub async fn firmware_report(
        &self,
        caller: &Caller,
        body: &types::FirmwareReportRequest,
        links: &Links,
    ) -> Result<types::FirmwareReport, OmivvError> {
        let r = self.context_console(caller)?;
        let now = self.clock.now_ms();
        let s = self.db.read().await;
        use types::FirmwareReportRequestReportType as Kind;
        match body.report_type {
            Kind::Host => {
                let id = body.host_id.as_deref().ok_or_else(|| {
                    OmivvError::InvalidParameters("hostID is required for a HOST report".into())
                })?;
                let (_, _, h) = r
                    .hosts()
                    .find(|(_, _, h)| h.id == id)
                    .ok_or_else(|| OmivvError::HostNotFound(id.to_string()))?;
                Ok(types::FirmwareReport {
                    report_type: types::FirmwareReportReportType::Host,
                    cluster_report: None,
                    host_reports: Some(self.host_report(&*s, &r, h, links, now)),
                })
            }
            Kind::Cluster => {
                let id = body.cluster_id.as_deref().ok_or_else(|| {
                    OmivvError::InvalidParameters(
                        "clusterID is required for a CLUSTER report".into(),
                    )
                })?;
                let cluster = r
                    .clusters()
                    .find(|c| c.id == id)
                    .ok_or_else(|| OmivvError::ClusterNotFound(id.to_string()))?;
                Ok(types::FirmwareReport {
                    report_type: types::FirmwareReportReportType::Cluster,
                    cluster_report: Some(types::ClusterFirmwareReport {
                        cluster_id: cluster.id.clone(),
                        host_reports: cluster
                            .hosts
                            .iter()
                            .map(|h| self.host_report(&*s, &r, h, links, now))
                            .collect(),
                    }),
                    host_reports: None,
                })
            }
        }
    }
}
