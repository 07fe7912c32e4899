//! OpenManage Enterprise's own REST API, the four operations OMEVV's clients use
//! (`openapi/ome.yaml`): sessions with opaque tokens (kept as SHA-256, 30 minutes of the sandbox
//! clock, ten per user), the installed plug-ins, and Update Manager's repositories. OMEVV runs
//! inside OME, so the accounts and the configuration are OMEVV's (`omevv.ome_accounts`,
//! `omevv.update_manager`, `omevv.ump_repositories`).
//!
//! - `api`: the generated traits, and OME's error body
//! - `edge`: the error shape of answers given outside the handlers

mod api;
pub mod edge;

pub use api::OmeApi;

use sha2::{Digest, Sha256};

use crate::clock::rfc3339;
use crate::generated::ome::types;
use crate::omevv::errors::OmevvError;
use crate::omevv::tables::OmeSessionRow;
use crate::omevv::Omevv;

/// How long a session lives.
const SESSION_MS: i64 = 30 * 60 * 1000;
/// Sessions per user; a new one past this ends the oldest.
const SESSIONS_PER_USER: usize = 10;

fn digest(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A signed-in OME user.
#[derive(Debug, Clone)]
pub struct OmeUser {
    pub name: String,
}

fn session_view(id: &str, s: &OmeSessionRow) -> types::Session {
    types::Session {
        id: id.to_string(),
        description: Some(format!("{} session", s.user)),
        name: Some("API".into()),
        user_name: s.user.clone(),
        roles: vec!["ADMINISTRATOR".into()],
        ip_address: Some(s.ip.clone()),
        start_time_stamp: Some(rfc3339(s.created_ms)),
        last_accessed_time_stamp: Some(rfc3339(s.created_ms)),
    }
}

impl Omevv {
    /// Signs in: the session and its token (answered once, kept only as a digest).
    pub async fn ome_sign_in(
        &self,
        user: &str,
        password: &str,
        ip: String,
    ) -> Result<(types::Session, String), OmevvError> {
        if !self.ome_account(user, password).await? {
            return Err(OmevvError::InvalidCredentials);
        }
        let now = self.clock.now_ms();
        let id = uuid::Uuid::new_v4().to_string();
        let token = uuid::Uuid::new_v4().simple().to_string();
        let row = OmeSessionRow {
            user: user.to_string(),
            token_sha256: digest(&token),
            created_ms: now,
            ip,
        };
        let view = session_view(&id, &row);
        self.db
            .write(|s| {
                let t = s.omevv_mut();
                let expired: Vec<String> = t
                    .ome_sessions
                    .iter()
                    .filter(|(_, s)| s.created_ms + SESSION_MS <= now)
                    .map(|(k, _)| k.to_string())
                    .collect();
                for k in expired {
                    t.ome_sessions.remove(&k);
                }
                let mut mine: Vec<(i64, String)> = t
                    .ome_sessions
                    .iter()
                    .filter(|(_, s)| s.user.eq_ignore_ascii_case(user))
                    .map(|(k, s)| (s.created_ms, k.to_string()))
                    .collect();
                mine.sort();
                while mine.len() >= SESSIONS_PER_USER {
                    let (_, oldest) = mine.remove(0);
                    t.ome_sessions.remove(&oldest);
                }
                t.ome_sessions.insert(id.clone(), row);
                Ok::<_, OmevvError>(())
            })
            .await?;
        Ok((view, token))
    }

    /// The user a live session's token belongs to.
    pub async fn ome_user(&self, token: Option<&str>) -> Result<OmeUser, OmevvError> {
        let token = token
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or(OmevvError::MissingCredentials)?;
        let wanted = digest(token);
        let now = self.clock.now_ms();
        let s = self.db.read().await;
        let user = s
            .omevv()
            .ome_sessions
            .values()
            .find(|s| {
                crate::secrets::secrets_equal(&s.token_sha256, &wanted)
                    && now < s.created_ms + SESSION_MS
            })
            .map(|s| OmeUser {
                name: s.user.clone(),
            })
            .ok_or(OmevvError::InvalidCredentials);
        user
    }

    /// Ends one of the caller's sessions.
    pub async fn ome_sign_out(&self, caller: &OmeUser, id: &str) -> Result<(), OmevvError> {
        self.db
            .write(|s| {
                let t = s.omevv_mut();
                let session = t
                    .ome_sessions
                    .get(id)
                    .ok_or_else(|| OmevvError::NotFound("session", id.to_string()))?;
                if !session.user.eq_ignore_ascii_case(&caller.name) {
                    return Err(OmevvError::InvalidCredentials);
                }
                t.ome_sessions.remove(id);
                Ok(())
            })
            .await
    }

    pub fn ome_plugins(&self) -> types::PluginList {
        let plugin = |id: &str, name: &str, description: &str, version: &str| types::Plugin {
            id: id.into(),
            name: name.into(),
            description: Some(description.into()),
            publisher: Some("Dell Technologies".into()),
            version: Some(version.into()),
            installed: true,
            enabled: true,
        };
        let mut value = vec![plugin(
            "D58A3E8C-1F9B-4E3A-9C1E-2B7F3C6A1D01",
            "OpenManage Enterprise Integration for VMware vCenter",
            "Manages Dell servers from vCenter",
            "1.2.0",
        )];
        if self.config.update_manager {
            value.push(plugin(
                "A7B4C2D1-5E6F-4A8B-9C0D-1E2F3A4B5C6D",
                "Update Manager",
                "Firmware repositories and baselines for Dell servers",
                "1.5.0",
            ));
        }
        types::PluginList {
            odata_count: Some(value.len() as i64),
            value,
        }
    }

    pub fn ome_repositories(&self) -> Result<types::RepositoryList, OmevvError> {
        if !self.config.update_manager {
            return Err(OmevvError::NotFound(
                "plug-in",
                "Update Manager".to_string(),
            ));
        }
        let value: Vec<_> = self
            .config
            .ump_repositories
            .iter()
            .enumerate()
            .map(|(i, r)| types::Repository {
                id: 10_000 + i as i64,
                name: r.name.clone(),
                description: Some(format!("{} {}", r.catalog_type, r.version)),
                catalog_type: r.catalog_type.clone(),
                version: Some(r.version.clone()),
                components_count: Some(crate::world::firmware::COMPONENTS.len() as i64),
            })
            .collect();
        Ok(types::RepositoryList {
            odata_count: Some(value.len() as i64),
            value,
        })
    }
}
