//! VMware Identity Manager: a directory, OAuth clients, and RS256 access tokens that carry the
//! claims the real service puts in them.
//!
//! - `directory`: users, groups and the service client (passwords hashed lazily)
//! - `signing`: the signing key, token claims and verification
//! - `address`: the addresses it answers at, and the certificate it presents there
//! - `tables`: what is stored (registered clients, the key)
//! - `api`: the generated trait, translated to the above

use std::sync::Arc;

pub mod address;
mod api;
pub mod config;
pub mod directory;
pub mod edge;
pub mod errors;
mod grants;
pub mod signing;
pub mod tables;

pub use api::VidmApi;
pub use config::Config;
pub use signing::{AccessClaims, TokenError};

use crate::clock::Clock;
use directory::{Directory, DirectoryUser};
use signing::SigningKey;

pub struct IdentityManager {
    config: Config,
    clock: Arc<Clock>,
    directory: Directory,
    key: SigningKey,
    db: Arc<tables::VidmDb>,
    listen: std::sync::RwLock<Option<address::Listening>>,
    own_certificate: std::sync::OnceLock<String>,
}

impl IdentityManager {
    /// `key_pem` is the signing key the state holds (see `State::open`).
    pub fn new(
        config: Config,
        clock: Arc<Clock>,
        db: Arc<tables::VidmDb>,
        key_pem: &str,
    ) -> Result<Self, String> {
        let key = SigningKey::from_pem(key_pem)
            .map_err(|e| format!("stored vIDM signing key is unusable: {e}"))?;
        Ok(Self {
            directory: Directory::from_config(&config)?,
            config,
            clock,
            key,
            db,
            listen: Default::default(),
            own_certificate: Default::default(),
        })
    }

    pub fn host(&self) -> &str {
        &self.config.host
    }

    pub fn issuer(&self) -> String {
        format!("https://{}/SAAS/auth", self.config.host)
    }

    pub fn audience(&self) -> String {
        format!("https://{}/SAAS/auth/oauthtoken", self.config.host)
    }

    pub fn directory(&self) -> &Directory {
        &self.directory
    }

    /// Verifies an access token issued to `expected_client`, on the sandbox clock.
    pub fn verify(&self, token: &str, expected_client: &str) -> Result<AccessClaims, TokenError> {
        self.key.verify(
            token,
            &self.issuer(),
            &self.audience(),
            expected_client,
            self.clock.now_secs(),
        )
    }

    /// Signs any claims with the Identity Manager's own key: tests forge tokens that differ
    /// from an issued one in a single claim, to show that claim is checked.
    pub fn sign(&self, claims: &AccessClaims) -> String {
        self.key.sign(claims)
    }

    fn issue(&self, client_id: &str, username: &str, user: &DirectoryUser, scope: &str) -> String {
        let now = self.clock.now_secs();
        self.key.sign(&AccessClaims {
            jti: uuid::Uuid::new_v4().to_string(),
            prn: format!("{username}@{}", self.config.tenant),
            domain: self.config.domain.clone(),
            user_id: user.id.to_string(),
            auth_time: now,
            iss: self.issuer(),
            aud: self.audience(),
            ctx: format!(
                "[{{\"mtd\":\"urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport\",\"iat\":{now},\"id\":{}}}]",
                user.id
            ),
            scp: scope.to_string(),
            idp: "0".into(),
            eml: user.email.clone(),
            cid: client_id.to_string(),
            did: String::new(),
            wid: String::new(),
            exp: now + self.config.token_seconds,
            iat: now,
            sub: user.uuid.clone(),
            prn_type: "USER".into(),
        })
    }
}
