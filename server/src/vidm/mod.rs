//! VMware Identity Manager: a directory, OAuth clients, and RS256 access tokens that carry the
//! claims the real service puts in them.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, OnceLock};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use rsa::pkcs1::{DecodeRsaPrivateKey, EncodeRsaPrivateKey};
use rsa::traits::PublicKeyParts;
use rsa::RsaPrivateKey;
use serde::{Deserialize, Serialize};
use sha2::Digest;

use crate::clock::Clock;
use crate::config::VidmConfig;
use crate::generated::vidm::{self as api, types, RequestContext};
use crate::secrets::{secrets_equal, PasswordHashString};
use crate::store::{Persisted, StateStore, StoreError};
use crate::stub::Rejection;

/// The token-signing key pair.
struct SigningKey {
    kid: String,
    encoding: EncodingKey,
    decoding: DecodingKey,
    n: String,
    e: String,
}

impl SigningKey {
    fn from_pem(pem: &str) -> Result<Self, String> {
        let private = RsaPrivateKey::from_pkcs1_pem(pem).map_err(|e| e.to_string())?;
        let n = URL_SAFE_NO_PAD.encode(private.n().to_bytes_be());
        let e = URL_SAFE_NO_PAD.encode(private.e().to_bytes_be());
        // A key id derived from the key, so that it stays the same across restarts.
        let kid = format!("{:x}", sha2::Sha256::digest(n.as_bytes()))[..16].to_string();
        Ok(SigningKey {
            kid,
            encoding: EncodingKey::from_rsa_pem(pem.as_bytes()).map_err(|e| e.to_string())?,
            decoding: DecodingKey::from_rsa_components(&n, &e).map_err(|e| e.to_string())?,
            n,
            e,
        })
    }
}

/// The private key as stored with the state (so that tokens verify after a restart on the same
/// database). A new sandbox gets a fresh key; generating 2048-bit RSA keys takes a moment, so a
/// process generates one and every sandbox it starts without a stored key shares it.
#[derive(Clone, Serialize, Deserialize)]
struct KeyMaterial {
    pkcs1_pem: String,
}

impl Default for KeyMaterial {
    fn default() -> Self {
        static GENERATED: OnceLock<String> = OnceLock::new();
        let pem = GENERATED.get_or_init(|| {
            let private =
                RsaPrivateKey::new(&mut rand::thread_rng(), 2048).expect("RSA key generation");
            private
                .to_pkcs1_pem(rsa::pkcs1::LineEnding::LF)
                .expect("PKCS#1 encoding")
                .to_string()
        });
        KeyMaterial {
            pkcs1_pem: pem.clone(),
        }
    }
}

/// OAuth clients registered since start (the password-grant client Aria creates).
#[derive(Clone, Default, Serialize, Deserialize)]
struct RegisteredClients {
    public: BTreeSet<String>,
}

/// The claims of a vIDM access token.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AccessClaims {
    pub jti: String,
    /// `user@TENANT`.
    pub prn: String,
    pub domain: String,
    pub user_id: String,
    pub auth_time: i64,
    pub iss: String,
    pub aud: String,
    pub ctx: String,
    pub scp: String,
    pub idp: String,
    pub eml: String,
    pub cid: String,
    pub did: String,
    pub wid: String,
    pub exp: i64,
    pub iat: i64,
    pub sub: String,
    pub prn_type: String,
}

impl AccessClaims {
    /// The user name without the tenant suffix.
    pub fn username(&self) -> &str {
        self.prn.split('@').next().unwrap_or(&self.prn)
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum TokenError {
    #[error("the vIDM token is malformed or its signature is invalid")]
    BadSignature,
    #[error("the vIDM token was issued by {0}, not by the configured VMware Identity Manager")]
    WrongIssuer(String),
    #[error(
        "the vIDM token is meant for {0}, not for this VMware Identity Manager's token endpoint"
    )]
    WrongAudience(String),
    #[error("the vIDM token was issued to client {0}, not to the password-grant client")]
    WrongClient(String),
    #[error("the vIDM token has expired")]
    Expired,
}

struct DirectoryUser {
    id: u32,
    uuid: String,
    password: PasswordHashString,
    email: String,
}

struct Directory {
    users: BTreeMap<String, DirectoryUser>,
    groups: BTreeMap<String, Vec<String>>,
    /// The confidential service client and its hashed secret.
    service_client: (String, PasswordHashString),
}

pub struct IdentityManager {
    config: VidmConfig,
    clock: Arc<Clock>,
    directory: Directory,
    clients: Persisted<RegisteredClients>,
    key: SigningKey,
}

impl IdentityManager {
    pub fn new(
        config: VidmConfig,
        clock: Arc<Clock>,
        store: Arc<dyn StateStore>,
    ) -> Result<Self, StoreError> {
        let key = Persisted::<KeyMaterial>::open("vidm-signing-key", store.clone())?;
        key.write(|_| ())?;
        let key = key
            .read(|k| SigningKey::from_pem(&k.pkcs1_pem))
            .map_err(|e| StoreError::Other(format!("stored vIDM signing key is unusable: {e}")))?;
        Ok(Self {
            directory: Self::directory(&config),
            clients: Persisted::open("vidm-clients", store)?,
            config,
            clock,
            key,
        })
    }

    fn directory(config: &VidmConfig) -> Directory {
        let users = config
            .users
            .iter()
            .enumerate()
            .map(|(i, u)| {
                (
                    u.username.clone(),
                    DirectoryUser {
                        id: 10 + i as u32,
                        uuid: uuid::Uuid::new_v4().to_string(),
                        password: PasswordHashString::new(&u.password),
                        email: u
                            .email
                            .clone()
                            .unwrap_or_else(|| format!("{}@{}", u.username, config.domain)),
                    },
                )
            })
            .collect();
        let groups = config
            .groups
            .iter()
            .map(|g| (g.name.clone(), g.members.clone()))
            .collect();
        Directory {
            users,
            groups,
            service_client: (
                config.service_client_id.clone(),
                PasswordHashString::new(&config.service_client_secret),
            ),
        }
    }

    /// Back to the configured directory: forgets clients registered since.
    pub fn reset(&self) -> Result<(), StoreError> {
        self.clients.write(|c| c.public.clear())
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

    /// Checks a service client's credentials (what Aria presents when vIDM is configured).
    pub fn check_service_client(&self, id: &str, secret: &str) -> bool {
        let (known, hash) = &self.directory.service_client;
        // Verify the secret even for an unknown id, so that timing does not tell them apart.
        let secret_ok = hash.verify(secret);
        secrets_equal(id, known) & secret_ok
    }

    /// Registers a public password-grant client (idempotent).
    pub fn register_password_grant_client(&self, id: &str) -> Result<(), StoreError> {
        self.clients.write(|c| {
            c.public.insert(id.to_string());
        })
    }

    pub fn remove_client(&self, id: &str) -> Result<(), StoreError> {
        self.clients.write(|c| {
            c.public.remove(id);
        })
    }

    /// The groups a directory user belongs to.
    pub fn groups_of(&self, username: &str) -> Vec<String> {
        self.directory
            .groups
            .iter()
            .filter(|(_, members)| members.iter().any(|m| m == username))
            .map(|(g, _)| g.clone())
            .collect()
    }

    /// Verifies signature, issuer, audience, client and expiry (on the sandbox clock).
    pub fn verify(&self, token: &str, expected_client: &str) -> Result<AccessClaims, TokenError> {
        let mut validation = Validation::new(Algorithm::RS256);
        // Expiry is checked against the sandbox clock below, not the wall clock.
        validation.validate_exp = false;
        validation.validate_aud = false;
        validation.required_spec_claims.clear();
        let data = jsonwebtoken::decode::<AccessClaims>(token, &self.key.decoding, &validation)
            .map_err(|_| TokenError::BadSignature)?;
        let claims = data.claims;
        if claims.iss != self.issuer() {
            return Err(TokenError::WrongIssuer(claims.iss));
        }
        if claims.aud != self.audience() {
            return Err(TokenError::WrongAudience(claims.aud));
        }
        if !secrets_equal(&claims.cid, expected_client) {
            return Err(TokenError::WrongClient(claims.cid));
        }
        if claims.exp <= self.clock.now_secs() {
            return Err(TokenError::Expired);
        }
        Ok(claims)
    }

    fn issue(&self, client_id: &str, username: &str, user: &DirectoryUser, scope: &str) -> String {
        let now = self.clock.now_secs();
        let claims = AccessClaims {
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
        };
        let mut header = Header::new(Algorithm::RS256);
        header.typ = Some("JWT".into());
        header.kid = Some(self.key.kid.clone());
        jsonwebtoken::encode(&header, &claims, &self.key.encoding).expect("RS256 signing")
    }
}

fn oauth_error(error: &str, description: impl Into<String>) -> types::OAuthError {
    types::OAuthError {
        error: error.into(),
        error_description: Some(description.into()),
    }
}

/// The vIDM API, served by the sandbox.
#[derive(Clone)]
pub struct VidmApi {
    pub idm: Arc<IdentityManager>,
}

impl api::Api for VidmApi {
    async fn get_oauth_token(
        &self,
        _ctx: RequestContext,
        query: api::queries::GetOauthTokenQuery,
    ) -> api::GetOauthTokenResponse {
        use api::GetOauthTokenResponse as R;
        let idm = &self.idm;
        // Only public (password-grant) clients use this flow without a secret.
        if !idm.clients.read(|c| c.public.contains(&query.client_id)) {
            return R::Unauthorized(oauth_error(
                "invalid_client",
                "Client authentication failed",
            ));
        }
        if query.grant_type != types::GrantType::Password {
            return R::BadRequest(oauth_error(
                "unsupported_grant_type",
                format!(
                    "grant_type {} is not enabled for this client",
                    query.grant_type
                ),
            ));
        }
        let (Some(username), Some(password)) =
            (query.username.as_deref(), query.password.as_deref())
        else {
            return R::BadRequest(oauth_error(
                "invalid_request",
                "username and password are required for the password grant",
            ));
        };
        if let Some(domain) = query.domain.as_deref() {
            if domain != idm.config.domain {
                return R::BadRequest(oauth_error("invalid_grant", "Invalid username or password"));
            }
        }
        let Some(user) = idm
            .directory
            .users
            .get(username)
            .filter(|u| u.password.verify(password))
        else {
            return R::BadRequest(oauth_error("invalid_grant", "Invalid username or password"));
        };
        let scope = query
            .scope
            .clone()
            .unwrap_or_else(|| "openid profile user email".into());
        let token = idm.issue(&query.client_id, username, user, &scope);
        R::Ok(types::OAuthToken {
            access_token: token,
            token_type: "Bearer".into(),
            expires_in: idm.config.token_seconds,
            refresh_token: None,
            scope: Some(scope),
            id_token: None,
        })
    }

    async fn get_public_key(
        &self,
        _ctx: RequestContext,
        _query: api::queries::GetPublicKeyQuery,
    ) -> api::GetPublicKeyResponse {
        let key = &self.idm.key;
        api::GetPublicKeyResponse::Ok(types::JsonWebKeySet {
            keys: vec![types::JsonWebKey {
                kty: "RSA".into(),
                alg: Some("RS256".into()),
                use_: Some("sig".into()),
                kid: Some(key.kid.clone()),
                n: key.n.clone(),
                e: key.e.clone(),
            }],
        })
    }

    async fn get_openid_configuration(
        &self,
        _ctx: RequestContext,
    ) -> api::GetOpenidConfigurationResponse {
        let base = format!("https://{}", self.idm.config.host);
        api::GetOpenidConfigurationResponse::Ok(types::OpenIdConfiguration {
            issuer: self.idm.issuer(),
            token_endpoint: self.idm.audience(),
            jwks_uri: format!(
                "{base}/SAAS/API/1.0/REST/auth/token?attribute=publicKey&format=jwks"
            ),
            authorization_endpoint: Some(format!("{base}/SAAS/auth/oauth2/authorize")),
            response_types_supported: vec!["code".into(), "token".into()],
            subject_types_supported: vec!["public".into()],
            id_token_signing_alg_values_supported: vec!["RS256".into()],
            grant_types_supported: vec![
                "password".into(),
                "client_credentials".into(),
                "refresh_token".into(),
                "authorization_code".into(),
            ],
        })
    }

    fn reject(&self, _ctx: &RequestContext, rejection: Rejection) -> axum::response::Response {
        use axum::response::IntoResponse;
        (
            rejection.status(),
            axum::Json(oauth_error("invalid_request", rejection.message())),
        )
            .into_response()
    }
}
