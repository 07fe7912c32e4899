//! Drift detection (DriftDetectionService): a job's per-host results and a report per cluster,
//! from whether each host has drifted from its cluster's baseline (the world's `drift`, or what
//! a test asked for). A drifted host has the same two configuration drifts and one driver drift.

mod api;

use super::consoles::Registered;
use super::errors::OmivvError;
use super::inventory::{host_state, installed};
use super::sessions::Caller;
use super::tables::OmivvState;
use super::Omivv;
use crate::clock::rfc3339;
use crate::generated::omivv::types;
use crate::omivv::links::Links;
use crate::omivv::tables::OmivvJobKind;
use crate::world::{Cluster, Host};

/// (component, attribute, baseline, current) of a drifted host.
const CONFIGURATION_DRIFTS: [(&str, &str, &str, &str); 2] = [
    (
        "BIOS",
        "SysProfile",
        "PerfOptimized",
        "PerfPerWattOptimizedDapc",
    ),
    ("iDRAC", "NTP.1#NTPEnable", "Enabled", "Disabled"),
];
/// The drivers a host runs older than the catalog's: (driver, catalog, installed). An update
/// job brings them up to date; configuration drift stays until the host is reconfigured.
fn driver_drifts(s: &dyn OmivvState, host: &Host, now: i64) -> Vec<types::DriverDrift> {
    installed(s, host, now)
        .into_iter()
        .filter(|(c, version)| c.driver && *version != c.catalog)
        .map(|(c, version)| types::DriverDrift {
            driver_name: c.source_name.trim_start_matches("VMW:").to_string(),
            baseline_version: c.catalog.to_string(),
            current_version: version.to_string(),
        })
        .collect()
}

fn result(
    s: &dyn OmivvState,
    cluster: Option<&Cluster>,
    host: &Host,
    now: i64,
) -> types::DriftHostResult {
    let configuration = if host_state(s.omivv(), host).drift {
        CONFIGURATION_DRIFTS.len() as i32
    } else {
        0
    };
    let drivers = driver_drifts(s, host, now).len() as i32;
    types::DriftHostResult {
        host_id: host.id.clone(),
        host_name: host.config.name.clone(),
        service_tag: host.config.service_tag.clone(),
        cluster_id: cluster.map(|c| c.id.clone()),
        compliant: configuration == 0 && drivers == 0,
        configuration_drifts: configuration,
        driver_drifts: drivers,
    }
}

impl Omivv {
    /// A drift job's results: every host of its vCenter once it has completed.
    pub async fn drift_job_details(
        &self,
        caller: &Caller,
        id: &str,
        links: &Links,
    ) -> Result<types::DriftJobDetails, OmivvError> {
        let job = self
            .job(caller, OmivvJobKind::DriftDetection, id, links)
            .await?;
        let r = self.context_console(caller)?;
        let now = self.clock.now_ms();
        let state = self.db.read().await;
        let hosts = match job.data.state {
            types::JobState::Completed => r
                .hosts()
                .map(|(_, cl, h)| result(&*state, cl, h, now))
                .collect(),
            _ => Vec::new(),
        };
        Ok(types::DriftJobDetails {
            job_id: job.id,
            state: job.data.state,
            hosts,
        })
    }

    fn report_summary(
        &self,
        s: &dyn OmivvState,
        r: &Registered<'_>,
        cluster: &Cluster,
        links: &Links,
        now: i64,
    ) -> types::DriftReportSummary {
        let non_compliant = cluster
            .hosts
            .iter()
            .filter(|h| !result(s, Some(cluster), h, now).compliant)
            .count();
        let last_run = s
            .omivv()
            .jobs
            .values()
            .filter(|j| j.kind == OmivvJobKind::DriftDetection && j.console_id == r.console.id)
            .filter(|j| j.state(now) == super::jobs::JobState::Completed)
            .filter_map(|j| j.ended_ms(now))
            .max();
        types::DriftReportSummary {
            id: cluster.id.clone(),
            href: links.drift_report(&cluster.id),
            cluster_id: cluster.id.clone(),
            cluster_name: cluster.name.clone(),
            compliant: non_compliant == 0,
            non_compliant_hosts: non_compliant as i32,
            last_run_time: last_run.map(rfc3339),
        }
    }

    pub async fn drift_reports(
        &self,
        caller: &Caller,
        links: &Links,
    ) -> Result<Vec<types::DriftReportSummary>, OmivvError> {
        let r = self.context_console(caller)?;
        let now = self.clock.now_ms();
        let state = self.db.read().await;
        Ok(r.clusters()
            .map(|cl| self.report_summary(&*state, &r, cl, links, now))
            .collect())
    }

    fn context_cluster<'a>(
        r: &Registered<'a>,
        cluster_id: &str,
    ) -> Result<&'a Cluster, OmivvError> {
        r.clusters()
            .find(|cl| cl.id.eq_ignore_ascii_case(cluster_id))
            .ok_or_else(|| OmivvError::ClusterNotFound(cluster_id.to_string()))
    }

    pub async fn drift_report(
        &self,
        caller: &Caller,
        cluster_id: &str,
        links: &Links,
    ) -> Result<types::DriftReport, OmivvError> {
        let r = self.context_console(caller)?;
        let cluster = Self::context_cluster(&r, cluster_id)?;
        let now = self.clock.now_ms();
        let state = self.db.read().await;
        let s = self.report_summary(&*state, &r, cluster, links, now);
        Ok(types::DriftReport {
            hosts: cluster
                .hosts
                .iter()
                .map(|h| result(&*state, Some(cluster), h, now))
                .collect(),
            id: s.id,
            href: s.href,
            cluster_id: s.cluster_id,
            cluster_name: s.cluster_name,
            compliant: s.compliant,
            non_compliant_hosts: s.non_compliant_hosts,
            last_run_time: s.last_run_time,
        })
    }

    /// The drifted hosts of a cluster.
    async fn drifted_hosts<'a>(
        &'a self,
        caller: &Caller,
        cluster_id: &str,
    ) -> Result<(String, Vec<&'a Host>), OmivvError> {
        let r = self.context_console(caller)?;
        let cluster = Self::context_cluster(&r, cluster_id)?;
        let state = self.db.read().await;
        let hosts = cluster
            .hosts
            .iter()
            .filter(|h| host_state(state.omivv(), h).drift)
            .collect();
        Ok((cluster.id.clone(), hosts))
    }

    pub async fn configuration_drift(
        &self,
        caller: &Caller,
        cluster_id: &str,
    ) -> Result<types::ConfigurationDriftDetails, OmivvError> {
        let (cluster_id, hosts) = self.drifted_hosts(caller, cluster_id).await?;
        let drifts = || {
            CONFIGURATION_DRIFTS
                .iter()
                .map(|(c, a, b, v)| types::ConfigurationDrift {
                    component: c.to_string(),
                    attribute: a.to_string(),
                    baseline_value: b.to_string(),
                    current_value: v.to_string(),
                })
                .collect()
        };
        Ok(types::ConfigurationDriftDetails {
            cluster_id,
            hosts: hosts
                .into_iter()
                .map(|h| types::HostConfigurationDrift {
                    host_id: h.id.clone(),
                    service_tag: h.config.service_tag.clone(),
                    drifts: drifts(),
                })
                .collect(),
        })
    }

    pub async fn driver_drift(
        &self,
        caller: &Caller,
        cluster_id: &str,
    ) -> Result<types::DriverDriftDetails, OmivvError> {
        let r = self.context_console(caller)?;
        let cluster = Self::context_cluster(&r, cluster_id)?;
        let now = self.clock.now_ms();
        let state = self.db.read().await;
        Ok(types::DriverDriftDetails {
            cluster_id: cluster.id.clone(),
            hosts: cluster
                .hosts
                .iter()
                .map(|h| (h, driver_drifts(&*state, h, now)))
                .filter(|(_, drifts)| !drifts.is_empty())
                .map(|(h, drifts)| types::HostDriverDrift {
                    host_id: h.id.clone(),
                    service_tag: h.config.service_tag.clone(),
                    drifts,
                })
                .collect(),
        })
    }
}
