//! Dell OMIVV: bearer-JWT sessions with a 60-minute life, admin-only login, lockout after failed
//! logins, client and session limits, and the per-session vCenter operational context.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Arc;

use axum::response::{IntoResponse, Response};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

use crate::clock::Clock;
use crate::config::{OmivvConfig, OmivvProfile};
use crate::generated::omivv::{self as api, types, RequestContext};
use crate::secrets::{secrets_equal, PasswordHashString};
use crate::store::{Persisted, StateStore, StoreError};
use crate::stub::Rejection;

/// An OMIVV error body.
pub fn error(code: &str, message: impl Into<String>) -> types::Error {
    types::Error {
        error_code: code.into(),
        message: message.into(),
    }
}

fn store_failure(e: &StoreError) -> types::Error {
    tracing::error!(error = %e, "state could not be saved");
    error(
        "INTERNAL",
        format!("The appliance could not save its state: {e}"),
    )
}

#[derive(Debug, Serialize, Deserialize)]
struct SessionClaims {
    sub: String,
    dom: String,
    sid: String,
    iat: i64,
    exp: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Session {
    account: AccountKey,
    ip: IpAddr,
    expires_ms: i64,
    /// The console id of the session's operational context.
    context: Option<String>,
}

/// `domain\username`, one string so that the state serializes to plain JSON maps.
type AccountKey = String;

fn account_key(username: &str, domain: &str) -> AccountKey {
    format!("{domain}\\{username}")
}

#[derive(Debug, Default, Clone, Serialize, Deserialize)]
struct Lockout {
    consecutive_failures: u32,
    locked_until_ms: i64,
}

#[derive(Default, Clone, Serialize, Deserialize)]
struct State {
    sessions: HashMap<String, Session>,
    lockouts: HashMap<AccountKey, Lockout>,
}

/// The HS256 secret that signs session tokens, kept with the state so that tokens survive a
/// restart on the same database.
#[derive(Clone, Serialize, Deserialize)]
struct SigningSecret(Vec<u8>);

impl Default for SigningSecret {
    fn default() -> Self {
        SigningSecret(rand::random::<[u8; 32]>().to_vec())
    }
}

struct Account {
    password: PasswordHashString,
    profile: OmivvProfile,
}

/// Why a bearer token was refused.
enum AuthFailure {
    Missing,
    Invalid,
    Expired,
    Locked(i64),
}

impl AuthFailure {
    fn body(&self) -> types::Error {
        match self {
            AuthFailure::Missing => {
                error("UNAUTHORIZED", "Authorization: Bearer <token> is required")
            }
            AuthFailure::Invalid => error("INVALID_TOKEN", "Token is invalid"),
            AuthFailure::Expired => error("TOKEN_EXPIRED", "Token is already expired"),
            AuthFailure::Locked(secs) => error(
                "ACCOUNT_LOCKED",
                format!("Account is locked; try again in {secs} seconds"),
            ),
        }
    }
}

pub struct Omivv {
    config: OmivvConfig,
    clock: Arc<Clock>,
    accounts: HashMap<AccountKey, Account>,
    jwt_encoding: EncodingKey,
    jwt_decoding: DecodingKey,
    state: Persisted<State>,
}

impl Omivv {
    pub fn new(
        config: OmivvConfig,
        clock: Arc<Clock>,
        store: Arc<dyn StateStore>,
    ) -> Result<Self, StoreError> {
        let accounts = config
            .accounts
            .iter()
            .map(|a| {
                (
                    account_key(&a.username, &a.domain),
                    Account {
                        password: PasswordHashString::new(&a.password),
                        profile: a.profile,
                    },
                )
            })
            .collect();
        let secret = Persisted::<SigningSecret>::open("omivv-signing-secret", store.clone())?;
        secret.write(|_| ())?;
        let secret = secret.read(|s| s.0.clone());
        Ok(Self {
            config,
            clock,
            accounts,
            jwt_encoding: EncodingKey::from_secret(&secret),
            jwt_decoding: DecodingKey::from_secret(&secret),
            state: Persisted::open("omivv", store)?,
        })
    }

    /// Forgets every session and lockout.
    pub fn reset(&self) -> Result<(), StoreError> {
        self.state.write(|s| *s = State::default())
    }

    /// The signed claims of a bearer `Authorization` header (signature checked, nothing else).
    fn claims(&self, authorization: Option<&str>) -> Result<SessionClaims, AuthFailure> {
        let header = authorization.ok_or(AuthFailure::Missing)?;
        let token = header
            .strip_prefix("Bearer ")
            .or_else(|| header.strip_prefix("bearer "))
            .ok_or(AuthFailure::Missing)?
            .trim();
        let mut validation = Validation::new(Algorithm::HS256);
        // Expiry is judged on the sandbox clock, by the caller.
        validation.validate_exp = false;
        validation.required_spec_claims.clear();
        jsonwebtoken::decode::<SessionClaims>(token, &self.jwt_decoding, &validation)
            .map(|d| d.claims)
            .map_err(|_| AuthFailure::Invalid)
    }

    /// The session id of a validly signed bearer header, for per-session limits.
    pub fn session_of(&self, authorization: Option<&str>) -> Option<String> {
        self.claims(authorization).ok().map(|c| c.sid)
    }

    /// Checks the bearer token: signature, session not logged off, not expired, account not locked.
    fn authenticate(&self, ctx: &RequestContext) -> Result<String, AuthFailure> {
        let claims = self.claims(ctx.header("authorization"))?;
        let now = self.clock.now_ms();
        // The signed expiry decides "expired" even after the session itself has been purged.
        if claims.exp * 1000 <= now {
            return Err(AuthFailure::Expired);
        }
        self.state.read(|state| {
            let session = state
                .sessions
                .get(&claims.sid)
                .ok_or(AuthFailure::Invalid)?;
            if let Some(lock) = state.lockouts.get(&session.account) {
                if lock.locked_until_ms > now {
                    return Err(AuthFailure::Locked(
                        (lock.locked_until_ms - now + 999) / 1000,
                    ));
                }
            }
            Ok(claims.sid)
        })
    }

    fn bad_request(&self, rejection: &Rejection) -> types::Error {
        let code = if matches!(rejection, Rejection::PayloadTooLarge) {
            "PAYLOAD_TOO_LARGE"
        } else {
            "INVALID_PARAMETERS"
        };
        error(code, rejection.message())
    }
}

/// The OMIVV API as the sandbox serves it.
#[derive(Clone)]
pub struct OmivvApi(pub Arc<Omivv>);

impl api::Api for OmivvApi {
    async fn login(&self, ctx: RequestContext, body: types::LoginRequest) -> api::LoginResponse {
        use api::LoginResponse as R;
        let o = &self.0;
        let cred = body.api_user_credential;
        let key = account_key(&cred.username, &cred.domain);
        let now = o.clock.now_ms();
        let account = o.accounts.get(&key);
        // Hash outside the lock: verification is deliberately slow.
        let password_ok = account.is_some_and(|a| a.password.verify(&cred.password));
        let ip = ctx.peer_ip();
        let answer = o.state.write(|state| {
            let lock = state.lockouts.entry(key.clone()).or_default();
            if lock.locked_until_ms > now {
                let secs = (lock.locked_until_ms - now + 999) / 1000;
                return R::Unauthorized(error(
                    "ACCOUNT_LOCKED",
                    format!("Account is locked; try again in {secs} seconds"),
                ));
            }
            if !password_ok {
                if account.is_some() {
                    lock.consecutive_failures += 1;
                    if lock.consecutive_failures >= o.config.failed_logins_before_lockout {
                        lock.consecutive_failures = 0;
                        lock.locked_until_ms = now + o.config.lockout_seconds * 1000;
                    }
                } else {
                    // Unknown accounts leave no trace (and cannot grow the state).
                    state.lockouts.remove(&key);
                }
                return R::Unauthorized(error(
                    "INVALID_CREDENTIALS",
                    "Invalid username or password",
                ));
            }
            lock.consecutive_failures = 0;
            if account.map(|a| a.profile) != Some(OmivvProfile::Administrator) {
                return R::Forbidden(error(
                    "INSUFFICIENT_PRIVILEGES",
                    "Only user profiles with administrator privilege may use the API",
                ));
            }

            state.sessions.retain(|_, s| s.expires_ms > now);
            let ips: std::collections::HashSet<IpAddr> =
                state.sessions.values().map(|s| s.ip).collect();
            if state.sessions.len() >= o.config.max_sessions
                || (!ips.contains(&ip) && ips.len() >= o.config.max_client_ips)
            {
                return R::ServiceUnavailable(error(
                    "CLIENT_LIMIT_EXHAUSTED",
                    "client limit exhausted",
                ));
            }

            let sid = uuid::Uuid::new_v4().to_string();
            let expires_ms = now + o.config.session_minutes * 60_000;
            let claims = SessionClaims {
                sub: cred.username.clone(),
                dom: cred.domain.clone(),
                sid: sid.clone(),
                iat: now / 1000,
                exp: expires_ms / 1000,
            };
            let Ok(token) =
                jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &o.jwt_encoding)
            else {
                return R::InternalServerError(error("INTERNAL", "Could not sign the token"));
            };
            state.sessions.insert(
                sid,
                Session {
                    account: key.clone(),
                    ip,
                    expires_ms,
                    context: None,
                },
            );
            R::Ok(types::AccessToken {
                access_token: token,
                token_type: "Bearer".into(),
                expires_at: crate::clock::rfc3339(expires_ms),
            })
        });
        answer.unwrap_or_else(|e| R::InternalServerError(store_failure(&e)))
    }

    async fn logoff(&self, ctx: RequestContext) -> api::LogoffResponse {
        use api::LogoffResponse as R;
        match self.0.authenticate(&ctx) {
            Ok(sid) => match self.0.state.write(|s| s.sessions.remove(&sid)) {
                Ok(_) => R::Ok("Logged off successfully".into()),
                Err(e) => R::InternalServerError(store_failure(&e)),
            },
            Err(f) => R::Unauthorized(f.body()),
        }
    }

    async fn set_operational_context(
        &self,
        ctx: RequestContext,
        body: types::OperationalContextRequest,
    ) -> api::SetOperationalContextResponse {
        use api::SetOperationalContextResponse as R;
        let sid = match self.0.authenticate(&ctx) {
            Ok(sid) => sid,
            Err(f) => return R::Unauthorized(f.body()),
        };
        let Some(console) = self
            .0
            .config
            .consoles
            .iter()
            .find(|c| c.id == body.console_id)
        else {
            return R::NotFound(error(
                "CONSOLE_NOT_FOUND",
                format!("No console with id {}", body.console_id),
            ));
        };
        let cred = &body.console_user_credential;
        // Evaluate all three comparisons so that timing says nothing about which one failed.
        let user_ok = secrets_equal(&cred.username, &console.vcenter_username);
        let domain_ok = secrets_equal(&cred.domain, &console.vcenter_domain);
        let password_ok = secrets_equal(&cred.password, &console.vcenter_password);
        if !(user_ok & domain_ok & password_ok) {
            return R::Forbidden(error("VCENTER_LOGIN_FAILED", "Failed to log in to vCenter"));
        }
        let saved = self.0.state.write(|s| {
            if let Some(session) = s.sessions.get_mut(&sid) {
                session.context = Some(console.id.clone());
            }
        });
        match saved {
            Ok(()) => R::NoContent,
            Err(e) => R::InternalServerError(store_failure(&e)),
        }
    }

    async fn list_consoles(&self, ctx: RequestContext) -> api::ListConsolesResponse {
        if let Err(f) = self.0.authenticate(&ctx) {
            return api::ListConsolesResponse::Unauthorized(f.body());
        }
        api::ListConsolesResponse::Ok(self.0.config.consoles.iter().map(console).collect())
    }

    async fn get_console(&self, ctx: RequestContext, id: String) -> api::GetConsoleResponse {
        if let Err(f) = self.0.authenticate(&ctx) {
            return api::GetConsoleResponse::Unauthorized(f.body());
        }
        match self.0.config.consoles.iter().find(|c| c.id == id) {
            Some(c) => api::GetConsoleResponse::Ok(console(c)),
            None => api::GetConsoleResponse::NotFound(error(
                "CONSOLE_NOT_FOUND",
                format!("No console with id {id}"),
            )),
        }
    }

    fn reject(&self, _ctx: &RequestContext, rejection: Rejection) -> Response {
        (
            rejection.status(),
            axum::Json(self.0.bad_request(&rejection)),
        )
            .into_response()
    }
}

fn console(c: &crate::config::OmivvConsole) -> types::Console {
    types::Console {
        id: c.id.clone(),
        name: c.name.clone(),
        address: c.address.clone(),
        description: c.description.clone(),
    }
}

impl Omivv {
    /// The console of a session's operational context (for calls that act on vCenter).
    pub fn context_of(&self, sid: &str) -> Option<String> {
        self.state
            .read(|s| s.sessions.get(sid).and_then(|s| s.context.clone()))
    }
}
