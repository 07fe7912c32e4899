//! Firmware repository profiles (Repositories tag): Dell's default catalog and the user's
//! shares, each catalog parsed on the sandbox clock, and share connection tests that run as
//! jobs. No share is ever contacted: a share path is judged by its form for its protocol.

mod api;
mod resync;

use super::api::Caller;
use super::errors::OmevvError;
use super::tables::{ConnectionTestRow, OmevvTables, RepositoryRow};
use super::Omevv;
use crate::clock::rfc3339;
use crate::generated::omevv::types;

pub(crate) const DEFAULT_CATALOG: &str = "Dell Default Catalog";

pub(super) fn seed(t: &mut OmevvTables, now: i64) {
    let id = t.next_id("repository");
    t.repositories.insert(
        id.to_string(),
        RepositoryRow {
            name: DEFAULT_CATALOG.into(),
            description: Some("Latest Firmware From Dell".into()),
            profile_type: "Firmware".into(),
            protocol: "HTTPS".into(),
            share_path: "https://downloads.dell.com/catalog/catalog.xml.gz".into(),
            share_user: None,
            share_domain: None,
            factory: true,
            created_by: "OMEVV Default".into(),
            modified_by: None,
            created_ms: now,
            parsed_ms: now,
            ump: false,
            file_name: None,
        },
    );
}

/// Why a share path cannot be read with a protocol, if it cannot.
fn share_problem(protocol: &str, path: &str, user: Option<&str>) -> Option<String> {
    let ok = match protocol {
        "HTTP" => path.starts_with("http://"),
        "HTTPS" => path.starts_with("https://"),
        "NFS" => !path.contains("://") && path.contains(":/"),
        "CIFS" => path.starts_with("\\\\") || path.starts_with("//"),
        _ => false,
    };
    if !ok {
        return Some(format!("The share path {path} is not a {protocol} path"));
    }
    if protocol == "CIFS" && user.is_none_or(str::is_empty) {
        return Some("A CIFS share needs a username and password".into());
    }
    None
}

/// The catalog file a share path names (`catalog.xml` for `.../catalog.xml.gz` or a folder).
fn file_name(path: &str) -> String {
    let last = path.rsplit(['/', '\\']).next().unwrap_or_default();
    let last = last.strip_suffix(".gz").unwrap_or(last);
    if last.ends_with(".xml") {
        last.to_string()
    } else {
        "catalog.xml".into()
    }
}

fn protocol_type(p: &str) -> types::RepositoryProfileProtocolType {
    use types::RepositoryProfileProtocolType as P;
    match p {
        "CIFS" => P::Cifs,
        "NFS" => P::Nfs,
        "HTTP" => P::Http,
        "HTTPS" => P::Https,
        _ => P::Unavailable,
    }
}

fn view(id: &str, r: &RepositoryRow, now: i64) -> types::RepositoryProfile {
    use types::RepositoryProfileStatus as Status;
    let parsed = now >= r.parsed_ms;
    types::RepositoryProfile {
        id: id.parse().unwrap_or_default(),
        profile_name: r.name.clone(),
        description: r.description.clone(),
        profile_type: if r.profile_type == "Driver" {
            types::RepositoryProfileProfileType::Driver
        } else {
            types::RepositoryProfileProfileType::Firmware
        },
        share_path: r.share_path.clone(),
        file_name: Some(
            r.file_name
                .clone()
                .unwrap_or_else(|| file_name(&r.share_path)),
        ),
        status: if parsed {
            Status::Success
        } else {
            Status::Parsing
        },
        factory_created: Some(r.factory),
        factory_type: if r.factory {
            types::RepositoryProfileFactoryType::Default
        } else {
            types::RepositoryProfileFactoryType::Custom
        },
        catalog_created_date: Some(rfc3339(r.created_ms)),
        catalog_last_checked: parsed.then(|| rfc3339(r.parsed_ms)),
        check_certificate: None,
        protocol_type: Some(protocol_type(&r.protocol)),
        created_by: Some(r.created_by.clone()),
        modified_by: r.modified_by.clone(),
        owner: Some(if r.ump {
            types::RepositoryProfileOwner::Ump
        } else {
            types::RepositoryProfileOwner::Omevv
        }),
    }
}

fn credential(c: &Option<types::ShareCredential>) -> (Option<String>, Option<String>) {
    let keep = |v: &Option<String>| v.clone().filter(|s| !s.is_empty());
    (
        c.as_ref().and_then(|i| keep(&i.username)),
        c.as_ref().and_then(|i| keep(&i.domain)),
    )
}

fn name_taken(t: &OmevvTables, name: &str, except: Option<&str>) -> bool {
    t.repositories
        .iter()
        .any(|(id, r)| Some(id) != except && r.name.eq_ignore_ascii_case(name))
}

fn row(t: &OmevvTables, id: i64) -> Result<&RepositoryRow, OmevvError> {
    t.repositories
        .get(&id.to_string())
        .ok_or_else(|| OmevvError::NotFound("repository profile", id.to_string()))
}

impl Omevv {
    pub async fn repository_profiles(&self) -> Vec<types::RepositoryProfile> {
        let now = self.clock.now_ms();
        let s = self.db.read().await;
        let mut all: Vec<_> = s
            .omevv()
            .repositories
            .iter()
            .map(|(id, r)| view(id, r, now))
            .collect();
        all.sort_by_key(|p| p.id);
        all
    }

    pub async fn repository_profile(
        &self,
        id: i64,
    ) -> Result<types::RepositoryProfile, OmevvError> {
        let now = self.clock.now_ms();
        let s = self.db.read().await;
        Ok(view(&id.to_string(), row(s.omevv(), id)?, now))
    }

    pub async fn create_repository_profile(
        &self,
        caller: &Caller,
        body: types::CreateRepositoryProfileRequest,
    ) -> Result<i64, OmevvError> {
        let name = body.profile_name.trim().to_string();
        if name.is_empty() {
            return Err(OmevvError::InvalidInput(
                "profileName must not be empty".into(),
            ));
        }
        let protocol = body.protocol_type.to_string();
        let (user, domain) = credential(&body.share_credential);
        if let Some(problem) = share_problem(&protocol, &body.share_path, user.as_deref()) {
            return Err(OmevvError::InvalidInput(problem));
        }
        let now = self.clock.now_ms();
        let parse_ms = self.config.catalog_seconds * 1000;
        self.db
            .write(|s| {
                let t = s.omevv_mut();
                if name_taken(t, &name, None) {
                    return Err(OmevvError::NameExists(name.clone()));
                }
                let id = t.next_id("repository");
                t.repositories.insert(
                    id.to_string(),
                    RepositoryRow {
                        name,
                        description: body.description.clone(),
                        profile_type: body
                            .profile_type
                            .map_or("Firmware".into(), |p| p.to_string()),
                        protocol,
                        share_path: body.share_path.clone(),
                        share_user: user,
                        share_domain: domain,
                        factory: false,
                        created_by: caller.name().to_string(),
                        modified_by: None,
                        created_ms: now,
                        parsed_ms: now + parse_ms,
                        ump: false,
                        file_name: None,
                    },
                );
                Ok(id as i64)
            })
            .await
    }

    pub async fn modify_repository_profile(
        &self,
        caller: &Caller,
        id: i64,
        body: types::ModifyRepositoryProfileRequest,
    ) -> Result<i64, OmevvError> {
        let now = self.clock.now_ms();
        let parse_ms = self.config.catalog_seconds * 1000;
        let key = id.to_string();
        self.db
            .write(|s| {
                let t = s.omevv_mut();
                let mut r = row(t, id)?.clone();
                if r.factory || r.ump {
                    return Err(OmevvError::InUse(format!(
                        "The {} profile {} cannot be modified",
                        if r.ump { "Update Manager's" } else { "factory" },
                        r.name
                    )));
                }
                if let Some(name) = body.profile_name.as_deref().map(str::trim) {
                    if name.is_empty() {
                        return Err(OmevvError::InvalidInput(
                            "profileName must not be empty".into(),
                        ));
                    }
                    if name_taken(t, name, Some(&key)) {
                        return Err(OmevvError::NameExists(name.to_string()));
                    }
                    r.name = name.to_string();
                }
                if body.share_credential.is_some() {
                    let (user, domain) = credential(&body.share_credential);
                    r.share_user = user;
                    r.share_domain = domain;
                }
                if let Some(path) = body.share_path.as_ref().filter(|p| **p != r.share_path) {
                    if let Some(problem) = share_problem(&r.protocol, path, r.share_user.as_deref())
                    {
                        return Err(OmevvError::InvalidInput(problem));
                    }
                    r.share_path = path.clone();
                    // A new catalog is read again.
                    r.parsed_ms = now + parse_ms;
                }
                if body.description.is_some() {
                    r.description = body.description.clone();
                }
                r.modified_by = Some(caller.name().to_string());
                t.repositories.insert(key.clone(), r);
                Ok(id)
            })
            .await
    }

    pub async fn delete_repository_profile(&self, id: i64) -> Result<(), OmevvError> {
        self.db
            .write(|s| {
                let t = s.omevv_mut();
                let r = row(t, id)?;
                if r.factory || r.ump {
                    return Err(OmevvError::InUse(format!(
                        "The {} profile {} cannot be deleted",
                        if r.ump { "Update Manager's" } else { "factory" },
                        r.name
                    )));
                }
                if let Some(b) = t.baselines.values().find(|b| b.firmware_repo == id as u64) {
                    return Err(OmevvError::InUse(format!(
                        "The profile {} is used by the baseline profile {}",
                        r.name, b.name
                    )));
                }
                t.repositories.remove(&id.to_string());
                Ok(())
            })
            .await
    }

    /// Starts a connection test of a share; its one run ends on the sandbox clock.
    pub async fn test_connection(
        &self,
        body: types::RepoTestConnectionRequest,
    ) -> Result<i64, OmevvError> {
        let protocol = body.protocol_type.map(|p| p.to_string());
        let (user, _) = credential(&body.share_credential);
        let problem = match protocol.as_deref() {
            Some(p) => share_problem(p, &body.catalog_path, user.as_deref()),
            None => Some("protocolType is required".into()),
        };
        let now = self.clock.now_ms();
        let ends_ms = now + self.config.catalog_seconds * 1000;
        self.db
            .write(|s| {
                let t = s.omevv_mut();
                let id = t.next_id("connection_test");
                t.connection_tests.insert(
                    id.to_string(),
                    ConnectionTestRow {
                        starts_ms: now,
                        ends_ms,
                        ok: problem.is_none(),
                        message: problem.unwrap_or_else(|| "Connection successful".into()),
                    },
                );
                Ok(id as i64)
            })
            .await
    }

    pub async fn connection_test_runs(
        &self,
        id: i64,
    ) -> Result<Vec<types::JobExecutionHistory>, OmevvError> {
        use types::JobExecutionHistoryStatusSummary as Status;
        let now = self.clock.now_ms();
        let s = self.db.read().await;
        let r = s
            .omevv()
            .connection_tests
            .get(&id.to_string())
            .ok_or_else(|| OmevvError::NotFound("test connection job", id.to_string()))?;
        let done = now >= r.ends_ms;
        Ok(vec![types::JobExecutionHistory {
            history_id: Some(id),
            start_time: Some(rfc3339(r.starts_ms)),
            end_time: done.then(|| rfc3339(r.ends_ms)),
            updated_time: Some(rfc3339(now.min(r.ends_ms))),
            progress: Some(if done { 100 } else { 50 }),
            status_summary: Some(match (done, r.ok) {
                (false, _) => Status::Running,
                (true, true) => Status::Successful,
                (true, false) => Status::Failed,
            }),
            status_summary_message: Some(if done {
                r.message.clone()
            } else {
                "Testing the connection".into()
            }),
        }])
    }
}
