//! vSphere Lifecycle Manager's hardware support manager (HSM) API, which OMEVV serves for the
//! hosts of vLCM-managed clusters (`openapi/vlcm.yaml`): hardware support packages (OMEVV's
//! firmware repository profiles), and tasks on the sandbox clock that read a host's firmware,
//! scan hosts against a package, stage it, check a host and update it. A pre-image update
//! changes the world's firmware, which OMEVV and OMIVV then report (E75).
//!
//! - `api`: the generated traits, and the HSM's error body
//! - `results`: what a finished task found (scan results, inventories)
//! - `edge`: the error shape of answers given outside the handlers

mod api;
pub mod edge;
mod results;

pub use api::VlcmApi;

use crate::clock::rfc3339;
use crate::generated::vlcm::types;
use crate::omevv::errors::OmevvError;
use crate::omevv::tables::{in_maintenance, managed, HsmAction, HsmTaskRow, OmevvTables};
use crate::omevv::{console_uuid, host_state, Caller, Console, Omevv, Placed};
use crate::world::HostHealth;

/// The version of every package: the sandbox's catalogs all hold the same firmware (E65).
pub const PACKAGE_VERSION: &str = "24.10.00";
/// The ESXi releases the packages support.
const RELEASES: [&str; 3] = ["7.0.3", "8.0.2", "8.0.3"];

fn action_view(a: HsmAction) -> types::TaskInfoAction {
    use types::TaskInfoAction as A;
    match a {
        HsmAction::GetHostInventory => A::GetHostInventory,
        HsmAction::Scan => A::Scan,
        HsmAction::StageUpdate => A::StageUpdate,
        HsmAction::UpdatePreCheck => A::UpdatePreCheck,
        HsmAction::PreImageUpdate => A::PreImageUpdate,
        HsmAction::PostImageUpdate => A::PostImageUpdate,
    }
}

fn task_key(n: u64) -> String {
    format!("task-{n}")
}

/// Whether a task is still working at `now`.
fn running(t: &HsmTaskRow, now: i64) -> bool {
    t.cancelled_ms.is_none() && now < t.ends_ms()
}

impl Omevv {
    /// The console of the caller's vCenter (the one a header named, checked by authentication).
    async fn hsm_console(&self, caller: &Caller) -> Result<Console<'_>, OmevvError> {
        let Caller::Vcenter { vcenter, .. } = caller else {
            return Err(OmevvError::InvalidCredentials);
        };
        let uuid = console_uuid(vcenter);
        self.console_of(caller, &uuid).await
    }

    /// The packages: one per firmware repository profile whose catalog is parsed.
    pub async fn hsm_packages(&self, release: Option<&str>) -> Vec<types::PackageInfo> {
        if release.is_some_and(|r| !RELEASES.contains(&r)) {
            return Vec::new();
        }
        let now = self.clock.now_ms();
        let s = self.db.read().await;
        let mut rows: Vec<_> = s
            .omevv()
            .repositories
            .iter()
            .filter(|(_, r)| r.profile_type == "Firmware" && r.parsed_ms <= now)
            .map(|(id, r)| (id.parse::<u64>().unwrap_or(0), r.clone()))
            .collect();
        rows.sort_by_key(|(id, _)| *id);
        rows.into_iter()
            .map(|(_, r)| types::PackageInfo {
                description: r
                    .description
                    .clone()
                    .unwrap_or_else(|| format!("Firmware of the repository profile {}", r.name)),
                name: r.name,
                version: PACKAGE_VERSION.into(),
                supported_releases: RELEASES
                    .iter()
                    .map(|r| types::SupportedReleaseManifest {
                        release: (*r).into(),
                        manifest: None,
                        manifest_version: None,
                    })
                    .collect(),
            })
            .collect()
    }

    pub async fn hsm_package(
        &self,
        name: &str,
        version: Option<&str>,
    ) -> Result<types::PackageInfo, OmevvError> {
        self.hsm_packages(None)
            .await
            .into_iter()
            .find(|p| p.name == name && version.is_none_or(|v| v == p.version))
            .ok_or_else(|| OmevvError::NotFound("hardware support package", name.to_string()))
    }

    /// A host of a vLCM-managed cluster that OMEVV manages, by its vCenter id (`host-4`).
    fn hsm_host<'a>(
        &self,
        t: &OmevvTables,
        console: &Console<'a>,
        host: &str,
        now: i64,
    ) -> Result<Placed<'a>, OmevvError> {
        let h = console
            .hosts()
            .find(|h| h.host.id == host)
            .ok_or_else(|| OmevvError::NotFound("host", host.to_string()))?;
        if !h.cluster.is_some_and(|c| c.vlcm) {
            return Err(OmevvError::InvalidInput(format!(
                "{host} is not in a cluster that vSphere Lifecycle Manager manages"
            )));
        }
        if !managed(t, h.id(), now) {
            return Err(OmevvError::InvalidInput(format!(
                "{host} is not managed by OMEVV"
            )));
        }
        Ok(h)
    }

    pub async fn hsm_hosts(&self, caller: &Caller) -> Result<Vec<String>, OmevvError> {
        let console = self.hsm_console(caller).await?;
        let now = self.clock.now_ms();
        let s = self.db.read().await;
        Ok(console
            .hosts()
            .filter(|h| h.cluster.is_some_and(|c| c.vlcm) && managed(s.omevv(), h.id(), now))
            .map(|h| h.host.id.clone())
            .collect())
    }

    /// Starts a task of `action` over `hosts` (vCenter host ids), answering its id.
    pub async fn start_hsm_task(
        &self,
        caller: &Caller,
        action: HsmAction,
        hosts: &[String],
        package: Option<(String, String)>,
    ) -> Result<String, OmevvError> {
        let console = self.hsm_console(caller).await?;
        if hosts.is_empty() {
            return Err(OmevvError::InvalidInput(
                "targetHosts must name a host".into(),
            ));
        }
        if let Some((name, version)) = &package {
            self.hsm_package(name, Some(version)).await.map_err(|_| {
                OmevvError::InvalidInput(format!(
                    "No hardware support package {name} at version {version}"
                ))
            })?;
        }
        let now = self.clock.now_ms();
        let ms_per_host = self.config.catalog_seconds.max(1) * 1000;
        self.db
            .write(|s| {
                let mut ids = Vec::new();
                let mut failing = Vec::new();
                for host in hosts {
                    let h = self.hsm_host(s.omevv(), &console, host, now)?;
                    let t = s.omevv();
                    let busy = t
                        .hsm_tasks
                        .values()
                        .any(|task| running(task, now) && task.hosts.contains(&h.id()));
                    if busy || in_maintenance(t, h.id(), now) {
                        return Err(OmevvError::Conflict(format!(
                            "{host} has a task or an update running"
                        )));
                    }
                    let checks_health = matches!(
                        action,
                        HsmAction::UpdatePreCheck | HsmAction::PreImageUpdate
                    );
                    if checks_health && host_state(&*s, h.host).health == HostHealth::Critical {
                        failing.push(h.id());
                    }
                    if !ids.contains(&h.id()) {
                        ids.push(h.id());
                    }
                }
                let t = s.omevv_mut();
                let key = task_key(t.next_id("hsm_task"));
                t.hsm_tasks.insert(
                    key.clone(),
                    HsmTaskRow {
                        console: console.uuid.clone(),
                        action,
                        hosts: ids,
                        package: package.clone(),
                        starts_ms: now,
                        ms_per_host,
                        failing,
                        cancelled_ms: None,
                    },
                );
                Ok(key)
            })
            .await
    }

    pub async fn hsm_tasks(&self, caller: &Caller) -> Result<Vec<String>, OmevvError> {
        let console = self.hsm_console(caller).await?;
        let s = self.db.read().await;
        let mut keys: Vec<(u64, String)> = s
            .omevv()
            .hsm_tasks
            .iter()
            .filter(|(_, t)| t.console == console.uuid)
            .map(|(k, _)| (k[5..].parse().unwrap_or(0), k.to_string()))
            .collect();
        keys.sort();
        Ok(keys.into_iter().map(|(_, k)| k).collect())
    }

    pub async fn hsm_task(
        &self,
        caller: &Caller,
        key: &str,
    ) -> Result<types::TaskInfo, OmevvError> {
        let console = self.hsm_console(caller).await?;
        let now = self.clock.now_ms();
        let s = self.db.read().await;
        let task = s
            .omevv()
            .hsm_tasks
            .get(key)
            .filter(|t| t.console == console.uuid)
            .ok_or_else(|| OmevvError::NotFound("task", key.to_string()))?;
        use types::TaskInfoStatus as Status;
        let ends = task.ends_ms();
        let status = match task.cancelled_ms {
            Some(_) => Status::Canceled,
            None if now < ends => Status::Running,
            None if task.failing.is_empty() => Status::Succeeded,
            None => Status::Failed,
        };
        let span = (ends - task.starts_ms).max(1);
        let mut info = types::TaskInfo {
            id: key.to_string(),
            action: action_view(task.action),
            status,
            progress: match status {
                Status::Running => (now - task.starts_ms) * 100 / span,
                Status::Canceled => {
                    (task.cancelled_ms.unwrap_or(now) - task.starts_ms) * 100 / span
                }
                _ => 100,
            },
            description: Some(format!(
                "{} of {} host(s)",
                task.action_text(),
                task.hosts.len()
            )),
            start_time: Some(rfc3339(task.starts_ms)),
            estimated_time_remaining: Some(((ends - now).max(0) + 999) / 1000)
                .filter(|_| status == Status::Running),
            hosts: task
                .hosts
                .iter()
                .filter_map(|h| console.host(*h).ok().map(|p| p.host.id.clone()))
                .collect(),
            messages: Vec::new(),
            operation_status_code: None,
            compliance_scan_map: Default::default(),
            host_inventory_list: Vec::new(),
        };
        if matches!(status, Status::Succeeded | Status::Failed) {
            self.task_result(&*s, &console, task, &mut info);
        }
        Ok(info)
    }

    /// Stops a running task; the hosts whose turn had ended keep what it did.
    pub async fn cancel_hsm_task(&self, caller: &Caller, key: &str) -> Result<(), OmevvError> {
        let console = self.hsm_console(caller).await?;
        let now = self.clock.now_ms();
        self.db
            .write(|s| {
                let t = s.omevv_mut();
                let task = t
                    .hsm_tasks
                    .get(key)
                    .filter(|t| t.console == console.uuid)
                    .ok_or_else(|| OmevvError::NotFound("task", key.to_string()))?;
                if !running(task, now) {
                    return Err(OmevvError::InvalidInput(format!(
                        "{key} has finished: only a running task can be cancelled"
                    )));
                }
                t.hsm_tasks.update(key, |t| t.cancelled_ms = Some(now));
                Ok(())
            })
            .await
    }
}

impl HsmTaskRow {
    fn action_text(&self) -> &'static str {
        match self.action {
            HsmAction::GetHostInventory => "Inventory",
            HsmAction::Scan => "Compliance scan",
            HsmAction::StageUpdate => "Staging",
            HsmAction::UpdatePreCheck => "Pre-check",
            HsmAction::PreImageUpdate => "Pre-image update",
            HsmAction::PostImageUpdate => "Post-image update",
        }
    }
}
