//! Aria tokens: local and vIDM logins issue opaque 5-hour tokens (at most 100 live per user),
//! checked on every call; logout revokes one.

mod api;
mod csp;

use super::caller::Caller;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use sha2::{Digest, Sha256};

use super::deployment::Deployment;
use super::errors::AriaError;
use super::local_users::local_id;
use super::tables::{AriaTables, LiveToken};
use super::Aria;
use crate::generated::aria_networks::types;

/// Tokens are kept only as SHA-256 digests.
pub fn digest(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Higher is more privileged; used when a user's groups carry different roles.
pub fn rank(r: types::Role) -> u8 {
    match r {
        types::Role::Admin => 3,
        types::Role::Member => 2,
        types::Role::Auditor => 1,
    }
}

impl Aria {
    /// Checks `Authorization: NetworkInsight <token>`, or in the SaaS deployment, without it,
    /// `csp-auth-token: <token>` (E121): known, of its kind, and not expired.
    pub async fn authenticate(
        &self,
        authorization: Option<&str>,
        csp_auth_token: Option<&str>,
    ) -> Result<Caller, AriaError> {
        let saas = self.config.deployment == Deployment::Saas;
        let (token, via_csp) = match (authorization, csp_auth_token) {
            (Some(h), _) => (h.strip_prefix("NetworkInsight ").map(str::trim), false),
            (None, Some(t)) if saas => (Some(t.trim()), true),
            _ => (None, false),
        };
        let token = token.ok_or_else(|| {
            AriaError::Unauthenticated(if saas {
                "csp-auth-token: <token> or Authorization: NetworkInsight <token> is required"
                    .into()
            } else {
                "Authorization: NetworkInsight <token> is required".into()
            })
        })?;
        let key = digest(token);
        let now = self.clock.now_ms();
        let state = self.db.read().await;
        match state.aria().tokens.get(&key) {
            None => Err(AriaError::Unauthenticated("Invalid token".into())),
            Some(t) if t.via_csp != via_csp => {
                Err(AriaError::Unauthenticated("Invalid token".into()))
            }
            Some(t) if t.expiry_ms <= now => {
                Err(AriaError::Unauthenticated("Token has expired".into()))
            }
            Some(t) => Ok(Caller {
                principal: t.principal.clone(),
                role: t.role.into(),
                digest: key,
            }),
        }
    }

    /// The role rule of an operation (`x-required-role`): the role or a more privileged one
    /// (ADMIN over MEMBER over AUDITOR), or, for a list (`ADMIN,AUDITOR`), one of those named.
    pub fn authorize(&self, caller: &Caller, role: &str) -> Result<(), AriaError> {
        if role.contains(',') {
            if (role.split(',')).any(|r| {
                r.trim()
                    .parse::<types::Role>()
                    .is_ok_and(|r| r == caller.role)
            }) {
                return Ok(());
            }
            return Err(AriaError::NotPermitted(format!(
                "{} ({}) is not allowed to do this; one of the roles {role} is required",
                caller.principal, caller.role
            )));
        }
        let rank = |r: types::Role| match r {
            types::Role::Admin => 2,
            types::Role::Member => 1,
            types::Role::Auditor => 0,
        };
        if role
            .parse::<types::Role>()
            .is_ok_and(|r| rank(caller.role) >= rank(r))
        {
            return Ok(());
        }
        Err(AriaError::NotPermitted(format!(
            "{} ({}) is not allowed to do this; {role} role required",
            caller.principal, caller.role
        )))
    }

    /// A local login (domain `LOCAL`, whose `value` is not used) or an LDAP one (no LDAP
    /// directory is configured in the sandbox).
    pub async fn login_local(&self, body: &types::LoginRequest) -> Result<types::Token, AriaError> {
        if body.domain.domain_type == types::DomainType::Ldap {
            let Some(domain) = body.domain.value.as_deref().filter(|v| !v.is_empty()) else {
                return Err(AriaError::InvalidInput(
                    "domain.value (the LDAP domain) is required for an LDAP login".into(),
                ));
            };
            return Err(AriaError::Unauthenticated(format!(
                "LDAP domain {domain} is not configured"
            )));
        }
        let name = local_id(&body.username);
        let Some(role) = self.check_local_password(&name, &body.password).await? else {
            self.db.record_refused_login(&name).await?;
            return Err(AriaError::Unauthenticated(
                "Invalid username or password".into(),
            ));
        };
        super::audit::identify(&name, "login");
        let issued = (self.db)
            .write(|s| self.issue(s.aria_mut(), name.clone(), role, Issued::Login))
            .await;
        if let Err(AriaError::Unauthenticated(_)) = &issued {
            self.db.record_refused_login(&name).await?;
        }
        issued
    }

    pub async fn login_with_vidm(&self, vidm_token: &str) -> Result<types::Token, AriaError> {
        let enabled = self
            .db
            .read()
            .await
            .aria()
            .vidm_settings()
            .is_some_and(|v| v.enabled);
        if !enabled {
            return Err(AriaError::NotConfigured(
                "VMware Identity Manager is not configured and enabled".into(),
            ));
        }
        let claims = self
            .idm
            .verify(vidm_token, &self.config.password_grant_client_id)
            .map_err(|e| AriaError::Unauthenticated(e.to_string()))?;
        let username = claims.username().to_string();
        let id = format!("{username}@{}", claims.domain);
        let groups = self.idm.directory().groups_of(&username);
        super::audit::identify(&id, "login_with_vidm_token");
        self.db
            .write(|s| {
                let t = s.aria_mut();
                let role = match t.users.get(&id) {
                    Some(u) => Some(u.role),
                    None => groups
                        .iter()
                        .filter_map(|g| t.groups.get(&format!("{g}@{}", claims.domain)))
                        .map(|g| g.role)
                        .max_by_key(|r| rank((*r).into())),
                };
                let role = role.ok_or_else(|| {
                    AriaError::NotFound(format!(
                        "{id} is not mapped, directly or through a group, in Aria Operations for Networks"
                    ))
                })?;
                self.issue(t, id.clone(), role.into(), Issued::Vidm)
            })
            .await
    }

    pub async fn logout(&self, caller: &Caller) -> Result<(), AriaError> {
        self.db
            .write(|s| {
                s.aria_mut().tokens.remove(&caller.digest);
                Ok(())
            })
            .await
    }

    /// Issues a token (inside a transaction), unless the principal already holds the maximum
    /// number of live tokens. Only the principal's own tokens are looked at.
    fn issue(
        &self,
        t: &mut AriaTables,
        principal: String,
        role: types::Role,
        how: Issued,
    ) -> Result<types::Token, AriaError> {
        let now = self.clock.now_ms();
        let held = t.tokens.keys_where(&principal);
        let mut live = 0;
        for key in held {
            // Expired tokens are purged here, as the appliance does periodically.
            if t.tokens.get(&key).is_some_and(|tok| tok.expiry_ms <= now) {
                t.tokens.remove(&key);
            } else {
                live += 1;
            }
        }
        if live >= self.config.max_tokens_per_user {
            return Err(AriaError::Unauthenticated(format!(
                "{principal} already holds {live} valid tokens, the maximum; log out some sessions"
            )));
        }
        let token = STANDARD.encode(rand::random::<[u8; 16]>());
        let lifetime_ms = match how {
            Issued::Csp => csp::LIFETIME_SECS * 1000,
            Issued::Login | Issued::Vidm => self.config.token_hours * 3_600_000,
        };
        let expiry_ms = now + lifetime_ms;
        t.tokens.insert(
            digest(&token),
            LiveToken {
                principal,
                role: role.into(),
                via_vidm: how == Issued::Vidm,
                via_csp: how == Issued::Csp,
                expiry_ms,
            },
        );
        Ok(types::Token {
            token,
            expiry: expiry_ms,
        })
    }
}

/// How a token came to be: a local login, a vIDM token, or a Cloud Services API token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Issued {
    Login,
    Vidm,
    Csp,
}
