//! PluginProfileService: cluster profiles (from the configuration, per vCenter) and repository
//! profiles (Dell's defaults plus those users create; the appliance's own, shared by every
//! vCenter).

mod api;

use super::errors::OmivvError;
use super::sessions::Caller;
use super::shares::check_location;
use super::tables::{OmivvTables, RepositoryProfileRow};
use super::Omivv;
use crate::clock::rfc3339;
use crate::generated::omivv::types;
use crate::omivv::links::Links;

/// The id of the first cluster profile (in configuration order).
const FIRST_CLUSTER_PROFILE: usize = 2001;
/// The catalog that cluster profiles use: Dell's default.
const DELL_CATALOG_ID: &str = "1001";

/// Dell's own repository profiles, present on every appliance; users' start at 1010.
pub(super) fn seed_repository_profiles(t: &mut OmivvTables, now: i64) {
    for (id, name, uri) in [
        (
            DELL_CATALOG_ID,
            "Dell Default Catalog",
            "https://downloads.dell.com/catalog/Catalog.xml.gz",
        ),
        (
            "1002",
            "Validated MX Stack Catalog",
            "https://downloads.dell.com/catalog/MXStack.xml.gz",
        ),
    ] {
        t.repository_profiles.insert(
            id.into(),
            RepositoryProfileRow {
                name: name.into(),
                description: format!("{name}, provided by Dell"),
                global_default: id == DELL_CATALOG_ID,
                repo_type: "FIRMWARE".into(),
                protocol: "HTTPS".into(),
                uri: uri.into(),
                share_user: None,
                dell_default: true,
                updated_ms: now,
            },
        );
    }
}

fn repo_view(id: &str, row: &RepositoryProfileRow, links: &Links) -> types::RepositoryProfile {
    types::RepositoryProfile {
        id: id.to_string(),
        href: links.repository_profile(id),
        name: row.name.clone(),
        description: row.description.clone(),
        global_default: row.global_default,
        repo_type: if row.repo_type == "DRIVER" {
            types::RepoType::Driver
        } else {
            types::RepoType::Firmware
        },
        protocol_type: match row.protocol.as_str() {
            "NFS" => types::ShareProtocol::Nfs,
            "HTTP" => types::ShareProtocol::Http,
            "HTTPS" => types::ShareProtocol::Https,
            _ => types::ShareProtocol::Cifs,
        },
        uri: row.uri.clone(),
        credential: row
            .share_user
            .clone()
            .map(|(username, domain)| types::ShareUser { username, domain }),
        status: types::RepositoryProfileStatus::Success,
        dell_default: row.dell_default,
        last_successful_update_time: Some(rfc3339(row.updated_ms)),
    }
}

/// Checks a share and its credential; answers the user to keep (never the password).
fn check_share(
    protocol: types::ShareProtocol,
    uri: &str,
    credential: Option<&types::Credential>,
) -> Result<Option<(String, String)>, OmivvError> {
    let protocol = protocol.to_string();
    check_location(&protocol, uri)
        .map_err(|m| OmivvError::InvalidParameters(format!("uri: {m}")))?;
    let user = credential
        .filter(|c| !c.username.is_empty())
        .map(|c| (c.username.clone(), c.domain.clone()));
    if protocol == "CIFS" && user.is_none() {
        return Err(OmivvError::InvalidParameters(
            "credential: a CIFS share needs a username and password".into(),
        ));
    }
    Ok(user)
}

fn check_name(t: &OmivvTables, name: &str, except: Option<&str>) -> Result<(), OmivvError> {
    if name.trim().is_empty() {
        return Err(OmivvError::InvalidParameters(
            "name: must not be empty".into(),
        ));
    }
    let taken = t
        .repository_profiles
        .iter()
        .any(|(id, p)| Some(id) != except && p.name.eq_ignore_ascii_case(name.trim()));
    if taken {
        return Err(OmivvError::Conflict(format!(
            "A repository profile named {name:?} already exists"
        )));
    }
    Ok(())
}

impl Omivv {
    fn cluster_profile_view(
        &self,
        index: usize,
        links: &Links,
        seeded_ms: i64,
    ) -> Option<types::ClusterProfile> {
        let p = self.config.cluster_profiles.get(index)?;
        let vcenter = self.world.vcenter(&p.vcenter)?;
        let id = (FIRST_CLUSTER_PROFILE + index).to_string();
        let cluster_ids = vcenter
            .datacenters
            .iter()
            .flat_map(|d| &d.clusters)
            .filter(|c| p.clusters.contains(&c.name))
            .map(|c| c.id.clone())
            .collect();
        Some(types::ClusterProfile {
            href: links.cluster_profile(&id),
            id,
            name: p.name.clone(),
            description: p.description.clone(),
            cluster_ids,
            firmware_repository_profile_id: DELL_CATALOG_ID.into(),
            last_modified_time: rfc3339(seeded_ms),
        })
    }

    /// The cluster profiles of the context's vCenter.
    pub async fn cluster_profiles(
        &self,
        caller: &Caller,
        links: &Links,
    ) -> Result<Vec<types::ClusterProfile>, OmivvError> {
        let vcenter = &self.context_console(caller)?.vcenter.config.name;
        let seeded = self.seeded_ms().await;
        Ok((0..self.config.cluster_profiles.len())
            .filter(|&i| &self.config.cluster_profiles[i].vcenter == vcenter)
            .filter_map(|i| self.cluster_profile_view(i, links, seeded))
            .collect())
    }

    pub async fn cluster_profile(
        &self,
        caller: &Caller,
        id: &str,
        links: &Links,
    ) -> Result<types::ClusterProfile, OmivvError> {
        self.cluster_profiles(caller, links)
            .await?
            .into_iter()
            .find(|p| p.id == id)
            .ok_or_else(|| OmivvError::NotFound("cluster profile", id.to_string()))
    }

    pub async fn repository_profiles(&self, links: &Links) -> Vec<types::RepositoryProfile> {
        let state = self.db.read().await;
        let profiles = state.omivv().repository_profiles.iter();
        super::in_id_order(profiles, |id, p| repo_view(id, p, links))
    }

    pub async fn repository_profile(
        &self,
        id: &str,
        links: &Links,
    ) -> Result<types::RepositoryProfile, OmivvError> {
        let state = self.db.read().await;
        let row = state.omivv().repository_profiles.get(id);
        row.map(|p| repo_view(id, p, links))
            .ok_or_else(|| OmivvError::NotFound("repository profile", id.to_string()))
    }

    pub async fn create_repository_profile(
        &self,
        body: &types::RepositoryProfileCreate,
        links: &Links,
    ) -> Result<types::RepositoryProfile, OmivvError> {
        let share_user = check_share(body.protocol_type, &body.uri, body.credential.as_ref())?;
        let now = self.clock.now_ms();
        self.db
            .write(|s| {
                let t = s.omivv_mut();
                check_name(t, &body.name, None)?;
                let repo_type = body.repo_type.to_string();
                let global_default = body.global_default.unwrap_or(false);
                if global_default {
                    clear_global_default(t, &repo_type);
                }
                let row = RepositoryProfileRow {
                    name: body.name.trim().to_string(),
                    description: body.description.clone().unwrap_or_default(),
                    global_default,
                    repo_type,
                    protocol: body.protocol_type.to_string(),
                    uri: body.uri.clone(),
                    share_user,
                    dell_default: false,
                    updated_ms: now,
                };
                let id = t.next_id("repository_profiles", 1010);
                t.repository_profiles.insert(id.clone(), row.clone());
                Ok(repo_view(&id, &row, links))
            })
            .await
    }

    pub async fn modify_repository_profile(
        &self,
        id: &str,
        body: &types::RepositoryProfileModify,
        links: &Links,
    ) -> Result<types::RepositoryProfile, OmivvError> {
        let share_user = check_share(body.protocol_type, &body.uri, body.credential.as_ref())?;
        let now = self.clock.now_ms();
        self.db
            .write(|s| {
                let t = s.omivv_mut();
                let mut row =
                    t.repository_profiles.get(id).cloned().ok_or_else(|| {
                        OmivvError::NotFound("repository profile", id.to_string())
                    })?;
                if row.dell_default {
                    return Err(OmivvError::InvalidParameters(format!(
                        "{} is one of Dell's default profiles, which cannot be modified",
                        row.name
                    )));
                }
                check_name(t, &body.name, Some(id))?;
                let moved = row.uri != body.uri;
                row.name = body.name.trim().to_string();
                if let Some(d) = &body.description {
                    row.description = d.clone();
                }
                row.protocol = body.protocol_type.to_string();
                row.uri = body.uri.clone();
                row.share_user = share_user;
                if moved || body.synchronize_repository == Some(true) {
                    row.updated_ms = now;
                }
                t.repository_profiles.insert(id.to_string(), row.clone());
                Ok(repo_view(id, &row, links))
            })
            .await
    }
}

/// One global default per repository type.
fn clear_global_default(t: &mut OmivvTables, repo_type: &str) {
    let ids: Vec<String> = t
        .repository_profiles
        .iter()
        .filter(|(_, p)| p.global_default && p.repo_type == repo_type)
        .map(|(id, _)| id.to_string())
        .collect();
    for id in ids {
        t.repository_profiles
            .update(&id, |p| p.global_default = false);
    }
}
