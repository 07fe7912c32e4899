//! vIDM's section of the configuration: its directory of users and groups, and token lifetimes.

use serde::Deserialize;

use crate::secrets::check_password;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VidmUser {
    pub username: String,
    /// The password, or instead `password_hash`, an argon2 PHC string. Plain passwords are
    /// hashed on first use, so that a large directory starts at once.
    #[serde(default)]
    pub password: Option<String>,
    #[serde(default)]
    pub password_hash: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VidmGroup {
    pub name: String,
    pub members: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Host name the Identity Manager answers as (`iss` is `https://<host>/SAAS/auth`).
    pub host: String,
    pub tenant: String,
    pub domain: String,
    pub users: Vec<VidmUser>,
    pub groups: Vec<VidmGroup>,
    /// The service OAuth client that Aria registers with.
    pub service_client_id: String,
    pub service_client_secret: String,
    pub token_seconds: i64,
}

impl Config {
    /// Each user has exactly one of `password` and `password_hash`.
    pub fn check(&self) -> Result<(), String> {
        for u in &self.users {
            check_password("vidm user", &u.username, &u.password, &u.password_hash)?;
        }
        Ok(())
    }
}

impl Default for Config {
    fn default() -> Self {
        let user = |name: &str| VidmUser {
            username: name.into(),
            password: Some("vidm-password".into()),
            password_hash: None,
            email: Some(format!("{name}@vidmlabs.com")),
        };
        Self {
            host: "identity.domain.com".into(),
            tenant: "VRNI-VIDM-TENANT1".into(),
            domain: "vidmlabs.com".into(),
            users: vec![user("testuser"), user("testuser1"), user("testuser2")],
            groups: vec![VidmGroup {
                name: "testgroup1".into(),
                members: vec!["testuser2".into()],
            }],
            service_client_id: "operations_for_networks_client".into(),
            service_client_secret: "operations_for_networks_secret".into(),
            token_seconds: 10_800,
        }
    }
}
