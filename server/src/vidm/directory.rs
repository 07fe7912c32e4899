//! The Identity Manager's directory: users (with lazily hashed passwords), groups, and the
//! confidential service client that Aria registers with.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::Config;
use crate::secrets::{self, secrets_equal, ConfiguredPassword};

pub struct DirectoryUser {
    pub id: u32,
    pub uuid: String,
    pub password: Arc<ConfiguredPassword>,
    pub email: String,
}

pub struct Directory {
    users: BTreeMap<String, DirectoryUser>,
    groups: BTreeMap<String, Vec<String>>,
    service_client_id: String,
    service_client_secret: Arc<ConfiguredPassword>,
}

impl Directory {
    pub fn from_config(config: &Config) -> Result<Self, String> {
        let mut users = BTreeMap::new();
        for (i, u) in config.users.iter().enumerate() {
            let password =
                ConfiguredPassword::from_config(u.password.as_deref(), u.password_hash.as_deref())
                    .map_err(|e| format!("vidm user {}: {e}", u.username))?;
            users.insert(
                u.username.clone(),
                DirectoryUser {
                    id: 10 + i as u32,
                    // Stable across restarts of the same configuration.
                    uuid: uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, u.username.as_bytes())
                        .to_string(),
                    password: Arc::new(password),
                    email: u
                        .email
                        .clone()
                        .unwrap_or_else(|| format!("{}@{}", u.username, config.domain)),
                },
            );
        }
        let groups = config
            .groups
            .iter()
            .map(|g| (g.name.clone(), g.members.clone()))
            .collect();
        Ok(Self {
            users,
            groups,
            service_client_id: config.service_client_id.clone(),
            service_client_secret: Arc::new(ConfiguredPassword::plain(
                &config.service_client_secret,
            )),
        })
    }

    pub fn user(&self, username: &str) -> Option<&DirectoryUser> {
        self.users.get(username)
    }

    /// Checks a user's password off the async workers; unknown users take as long.
    pub async fn check_password(
        &self,
        username: &str,
        password: &str,
    ) -> Result<Option<&DirectoryUser>, secrets::Busy> {
        let user = self.users.get(username);
        let ok = secrets::verify(user.map(|u| u.password.clone()), password).await?;
        Ok(user.filter(|_| ok))
    }

    /// The groups a directory user belongs to.
    pub fn groups_of(&self, username: &str) -> Vec<String> {
        self.groups
            .iter()
            .filter(|(_, members)| members.iter().any(|m| m == username))
            .map(|(g, _)| g.clone())
            .collect()
    }

    /// Checks a service client's credentials (what Aria presents when vIDM is configured).
    pub async fn check_service_client(
        &self,
        id: &str,
        secret: &str,
    ) -> Result<bool, secrets::Busy> {
        // The secret is verified even for an unknown id, so that timing does not tell them apart.
        let secret_ok = secrets::verify(Some(self.service_client_secret.clone()), secret).await?;
        Ok(secrets_equal(id, &self.service_client_id) & secret_ok)
    }
}
