//! OMIVV sessions: admin-only login with lockout and client limits, HS256 bearer tokens checked
//! on every call (signature, expiry on the sandbox clock, logged-off, locked), logoff, and the
//! session's operational context.

mod api;

use std::collections::HashSet;
use std::net::IpAddr;

use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

use super::errors::OmivvError;
use super::tables::Session;
use super::{account_key, Omivv};
use crate::generated::omivv::types;
use crate::omivv::config::OmivvProfile;
use crate::secrets;

#[derive(Debug, Serialize, Deserialize)]
struct SessionClaims {
    sub: String,
    dom: String,
    sid: String,
    iat: i64,
    exp: i64,
}

/// Signs and checks session tokens.
pub struct SessionKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
}

impl SessionKeys {
    pub fn new(secret: &[u8]) -> Self {
        Self {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
        }
    }

    /// The signed claims of a bearer `Authorization` header (signature checked, nothing else).
    fn claims(&self, authorization: Option<&str>) -> Result<SessionClaims, OmivvError> {
        let header = authorization.ok_or(OmivvError::MissingToken)?;
        let token = header
            .strip_prefix("Bearer ")
            .or_else(|| header.strip_prefix("bearer "))
            .ok_or(OmivvError::MissingToken)?
            .trim();
        let mut validation = Validation::new(Algorithm::HS256);
        // Expiry is judged on the sandbox clock, by the caller.
        validation.validate_exp = false;
        validation.required_spec_claims.clear();
        jsonwebtoken::decode::<SessionClaims>(token, &self.decoding, &validation)
            .map(|d| d.claims)
            .map_err(|_| OmivvError::InvalidToken)
    }

    /// The session id of a validly signed bearer header, for per-session limits.
    pub fn session_of(&self, authorization: Option<&str>) -> Option<String> {
        self.claims(authorization).ok().map(|c| c.sid)
    }
}

/// An authenticated OMIVV caller.
#[derive(Debug, Clone)]
pub struct Caller {
    pub sid: String,
    /// The session's operational context, as it was when the call began.
    pub context: Option<Context>,
}

/// The vCenter a session acts on.
#[derive(Debug, Clone)]
pub struct Context {
    pub console_id: String,
    /// Whether the vCenter account may change things.
    pub may_modify: bool,
}

impl Caller {
    /// The operational context, for calls that act on a vCenter (the role rule has already
    /// refused callers without one).
    pub fn context(&self) -> Result<&Context, OmivvError> {
        self.context.as_ref().ok_or(OmivvError::ContextRequired)
    }

    /// The role rules of the spec's `x-required-role`.
    pub fn may(&self, role: &str) -> Result<(), OmivvError> {
        match (role, &self.context) {
            ("VCENTER_READ" | "VCENTER_MODIFY", None) => Err(OmivvError::ContextRequired),
            ("VCENTER_READ", Some(_)) => Ok(()),
            ("VCENTER_MODIFY", Some(c)) if c.may_modify => Ok(()),
            ("VCENTER_MODIFY", Some(_)) => Err(OmivvError::InsufficientVcenterPrivileges),
            _ => Err(OmivvError::Internal(format!("unknown role rule {role}"))),
        }
    }
}

impl Omivv {
    /// Checks the bearer token: signature, not expired, session not logged off, account not locked.
    pub async fn authenticate(&self, authorization: Option<&str>) -> Result<Caller, OmivvError> {
        let claims = self.keys.claims(authorization)?;
        let now = self.clock.now_ms();
        // The signed expiry decides "expired" even after the session itself has been purged.
        if claims.exp * 1000 <= now {
            return Err(OmivvError::TokenExpired);
        }
        let state = self.db.read().await;
        let session = state
            .omivv()
            .sessions
            .get(&claims.sid)
            .ok_or(OmivvError::InvalidToken)?;
        let lock = state.omivv().lockouts.get(&session.account);
        if let Some(secs) = self.lockout.locked_for(lock, now) {
            return Err(OmivvError::AccountLocked(secs));
        }
        let context = session.context.clone().map(|console_id| Context {
            console_id,
            may_modify: session.context_may_modify,
        });
        Ok(Caller {
            sid: claims.sid,
            context,
        })
    }

    pub async fn login(
        &self,
        cred: &types::Credential,
        ip: IpAddr,
    ) -> Result<types::AccessToken, OmivvError> {
        let key = account_key(&cred.username, &cred.domain);
        let account = self.accounts.get(&key);
        // Hashed before the transaction, off the async workers: verification is slow on purpose.
        let password_ok = secrets::verify(account.map(|a| a.password.clone()), &cred.password)
            .await
            .map_err(|secrets::Busy| OmivvError::Busy)?;
        let now = self.clock.now_ms();
        let config = &self.config;
        let policy = self.lockout;
        // The outer result undoes the transaction; the inner one is a refusal whose bookkeeping
        // (a failed-login count) is committed.
        let outcome: Result<types::AccessToken, OmivvError> = self
            .db
            .write(|state| -> Result<_, OmivvError> {
                let t = state.omivv_mut();
                if let Some(secs) = policy.locked_for(t.lockouts.get(&key), now) {
                    return Ok(Err(OmivvError::AccountLocked(secs)));
                }
                let Some(account) = account.filter(|_| password_ok) else {
                    // Unknown accounts leave no trace (and cannot grow the state).
                    if account.is_some() {
                        let mut lock = t.lockouts.get(&key).cloned().unwrap_or_default();
                        policy.failed(&mut lock, now);
                        t.lockouts.insert(key.clone(), lock);
                    }
                    return Ok(Err(OmivvError::InvalidCredentials));
                };
                t.lockouts.remove(&key);
                if account.profile != OmivvProfile::Administrator {
                    return Ok(Err(OmivvError::InsufficientPrivileges));
                }
                // At most `max_sessions` live sessions (a handful): a scan is fine here.
                t.sessions.retain(|s| s.expires_ms > now);
                let ips: HashSet<IpAddr> = t.sessions.values().map(|s| s.ip).collect();
                if t.sessions.len() >= config.max_sessions
                    || (!ips.contains(&ip) && ips.len() >= config.max_client_ips)
                {
                    return Ok(Err(OmivvError::ClientLimitExhausted));
                }
                let sid = uuid::Uuid::new_v4().to_string();
                let expires_ms = now + config.session_minutes * 60_000;
                let claims = SessionClaims {
                    sub: cred.username.clone(),
                    dom: cred.domain.clone(),
                    sid: sid.clone(),
                    iat: now / 1000,
                    exp: expires_ms / 1000,
                };
                let token = jsonwebtoken::encode(
                    &Header::new(Algorithm::HS256),
                    &claims,
                    &self.keys.encoding,
                )
                .map_err(|e| OmivvError::Internal(format!("Could not sign the token: {e}")))?;
                t.sessions.insert(
                    sid,
                    Session {
                        account: key.clone(),
                        ip,
                        expires_ms,
                        context: None,
                        context_may_modify: false,
                    },
                );
                Ok(Ok(types::AccessToken {
                    access_token: token,
                    token_type: "Bearer".into(),
                    expires_at: crate::clock::rfc3339(expires_ms),
                }))
            })
            .await?;
        outcome
    }

    pub async fn logoff(&self, caller: &Caller) -> Result<(), OmivvError> {
        self.db
            .write(|s| {
                s.omivv_mut().sessions.remove(&caller.sid);
                Ok(())
            })
            .await
    }

    /// Sets the session's operational context, after checking the vCenter credentials.
    pub async fn set_context(
        &self,
        caller: &Caller,
        body: &types::OperationalContextRequest,
    ) -> Result<(), OmivvError> {
        let (id, may_modify) =
            self.check_vcenter_login(&body.console_id, &body.console_user_credential)?;
        self.db
            .write(|s| {
                s.omivv_mut().sessions.update(&caller.sid, |session| {
                    session.context = Some(id);
                    session.context_may_modify = may_modify;
                });
                Ok(())
            })
            .await
    }

    /// The console of a session's operational context (for tests and the control API).
    pub async fn context_of(&self, sid: &str) -> Option<String> {
        let state = self.db.read().await;
        state.omivv().sessions.get(sid)?.context.clone()
    }
}
