//! VMware Aria Operations for Networks: local and vIDM logins with opaque 5-hour tokens, the vIDM
//! settings, and vIDM-mapped users and groups with cursor paging.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use axum::response::{IntoResponse, Response};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::clock::Clock;
use crate::config::{AriaConfig, AriaRole};
use crate::generated::aria_networks::{self as api, types, RequestContext};
use crate::secrets::PasswordHashString;
use crate::store::{Persisted, StateStore, StoreError};
use crate::stub::Rejection;
use crate::vidm::IdentityManager;

/// An Aria error body.
pub fn error(code: u16, message: impl Into<String>) -> types::ApiError {
    types::ApiError {
        code: i32::from(code),
        message: message.into(),
        details: vec![],
    }
}

fn role(r: AriaRole) -> types::Role {
    match r {
        AriaRole::Admin => types::Role::Admin,
        AriaRole::Member => types::Role::Member,
        AriaRole::Auditor => types::Role::Auditor,
    }
}

/// Higher is more privileged; used when a user's groups carry different roles.
fn rank(r: types::Role) -> u8 {
    match r {
        types::Role::Admin => 3,
        types::Role::Member => 2,
        types::Role::Auditor => 1,
    }
}

/// Tokens are kept only as SHA-256 digests: a leaked state dump holds no usable token.
fn digest(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct LiveToken {
    /// Who the token authenticates (`admin@local`, `testuser@vidmlabs.com`).
    principal: String,
    role: types::Role,
    via_vidm: bool,
    expiry_ms: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct VidmSettings {
    appliance: String,
    client_id: String,
    enabled: bool,
    certificate_validation: bool,
}

#[derive(Default, Clone, Serialize, Deserialize)]
struct State {
    tokens: HashMap<String, LiveToken>,
    vidm: Option<VidmSettings>,
    users: BTreeMap<String, types::User>,
    groups: BTreeMap<String, types::UserGroup>,
}

struct LocalUser {
    password: PasswordHashString,
    role: AriaRole,
    display_name: Option<String>,
}

pub struct Aria {
    config: AriaConfig,
    clock: Arc<Clock>,
    idm: Arc<IdentityManager>,
    local_users: BTreeMap<String, LocalUser>,
    state: Persisted<State>,
}

enum AuthError {
    Unauthorized(types::ApiError),
    Forbidden(types::ApiError),
}

/// Authenticates (and, with `admin`, authorizes) a call, or returns the matching response variant.
macro_rules! authorize {
    ($self:ident, $ctx:ident, $R:ident, admin) => {
        match $self.0.authenticate(&$ctx, true) {
            Ok(p) => p,
            Err(AuthError::Unauthorized(e)) => return $R::Unauthorized(e),
            Err(AuthError::Forbidden(e)) => return $R::Forbidden(e),
        }
    };
    ($self:ident, $ctx:ident, $R:ident, any) => {
        match $self.0.authenticate(&$ctx, false) {
            Ok(p) => p,
            Err(AuthError::Unauthorized(e) | AuthError::Forbidden(e)) => return $R::Unauthorized(e),
        }
    };
}

impl Aria {
    pub fn new(
        config: AriaConfig,
        clock: Arc<Clock>,
        idm: Arc<IdentityManager>,
        store: Arc<dyn StateStore>,
    ) -> Result<Self, StoreError> {
        let local_users = config
            .local_users
            .iter()
            .map(|u| {
                (
                    u.username.clone(),
                    LocalUser {
                        password: PasswordHashString::new(&u.password),
                        role: u.role,
                        display_name: u.display_name.clone(),
                    },
                )
            })
            .collect();
        Ok(Self {
            config,
            clock,
            idm,
            local_users,
            state: Persisted::open("aria", store)?,
        })
    }

    pub fn reset(&self) -> Result<(), StoreError> {
        self.state.write(|s| *s = State::default())
    }

    /// Runs `f` on the state and saves it; a failed save answers 500 through `failed`.
    fn commit<R>(
        &self,
        f: impl FnOnce(&mut State) -> R,
        failed: impl FnOnce(types::ApiError) -> R,
    ) -> R {
        self.state.write(f).unwrap_or_else(|e| {
            tracing::error!(error = %e, "state could not be saved");
            failed(error(
                500,
                format!("The platform could not save its state: {e}"),
            ))
        })
    }

    fn authenticate(&self, ctx: &RequestContext, admin: bool) -> Result<LiveToken, AuthError> {
        let token = ctx
            .header("authorization")
            .and_then(|h| h.strip_prefix("NetworkInsight "))
            .map(str::trim)
            .ok_or_else(|| {
                AuthError::Unauthorized(error(
                    401,
                    "Authorization: NetworkInsight <token> is required",
                ))
            })?;
        let now = self.clock.now_ms();
        let key = digest(token);
        let live = match self.state.read(|s| s.tokens.get(&key).cloned()) {
            None => return Err(AuthError::Unauthorized(error(401, "Invalid token"))),
            Some(t) if t.expiry_ms <= now => {
                self.state.tidy(|s| {
                    s.tokens.remove(&key);
                });
                return Err(AuthError::Unauthorized(error(401, "Token has expired")));
            }
            Some(t) => t,
        };
        if admin && live.role != types::Role::Admin {
            return Err(AuthError::Forbidden(error(
                403,
                format!(
                    "{} ({}) is not allowed to do this; ADMIN role required",
                    live.principal, live.role
                ),
            )));
        }
        Ok(live)
    }

    /// Issues a token, unless the principal already holds the maximum number of live tokens.
    fn issue(
        &self,
        principal: String,
        role: types::Role,
        via_vidm: bool,
    ) -> Result<types::Token, types::ApiError> {
        let now = self.clock.now_ms();
        let token = STANDARD.encode(rand::random::<[u8; 16]>());
        let expiry_ms = now + self.config.token_hours * 3_600_000;
        let max = self.config.max_tokens_per_user;
        self.commit(
            |state| {
                // Expired tokens are purged here, as the appliance does periodically.
                state.tokens.retain(|_, t| t.expiry_ms > now);
                let held = state.tokens.values().filter(|t| t.principal == principal).count();
                if held >= max {
                    return Err(error(
                        401,
                        format!("{principal} already holds {held} valid tokens, the maximum; log out some sessions"),
                    ));
                }
                state.tokens.insert(
                    digest(&token),
                    LiveToken {
                        principal,
                        role,
                        via_vidm,
                        expiry_ms,
                    },
                );
                Ok(types::Token {
                    token: token.clone(),
                    expiry: expiry_ms,
                })
            },
            Err,
        )
    }

    fn local_user(&self, name: &str, u: &LocalUser) -> types::User {
        let (username, domain) = name.split_once('@').unwrap_or((name, "local"));
        types::User {
            user_type: types::PrincipalSource::Local,
            id: name.to_string(),
            role: role(u.role),
            username: username.to_string(),
            domain: domain.to_string(),
            display_name: u.display_name.clone(),
        }
    }

    fn vidm_settings(&self, s: &VidmSettings) -> types::VidmConfig {
        types::VidmConfig {
            vidm_appliance: s.appliance.clone(),
            client_id: s.client_id.clone(),
            enable: s.enabled,
            certificate_validation_enabled: Some(s.certificate_validation),
        }
    }

    /// Checks a vIDM configuration against the Identity Manager it names.
    fn check_vidm_request(
        &self,
        body: &types::VidmConfigRequest,
    ) -> Result<VidmSettings, types::ApiError> {
        if body.vidm_appliance != self.idm.host() {
            return Err(error(
                400,
                format!(
                    "VMware Identity Manager appliance {} is not reachable",
                    body.vidm_appliance
                ),
            ));
        }
        if !self
            .idm
            .check_service_client(&body.client_id, &body.client_secret)
        {
            return Err(error(
                400,
                "VMware Identity Manager refused the OAuth client id or secret",
            ));
        }
        let given = |s: &Option<String>| s.as_deref().is_some_and(|s| !s.trim().is_empty());
        Ok(VidmSettings {
            appliance: body.vidm_appliance.clone(),
            client_id: body.client_id.clone(),
            enabled: body.enable.unwrap_or(false),
            certificate_validation: given(&body.root_ca_certificate) || given(&body.sha_thumbprint),
        })
    }
}

/// Parses `size` and `cursor` into (offset, size).
fn page_window(size: Option<i32>, cursor: Option<&str>) -> Result<(usize, usize), types::ApiError> {
    let size = size.unwrap_or(10);
    if !(1..=1000).contains(&size) {
        return Err(error(
            400,
            format!("size must be between 1 and 1000, not {size}"),
        ));
    }
    let offset = match cursor {
        None | Some("") => 0,
        Some(c) => STANDARD
            .decode(c)
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
            .and_then(|s| s.parse::<usize>().ok())
            .ok_or_else(|| error(400, format!("Invalid cursor {c:?}")))?,
    };
    Ok((offset, size as usize))
}

/// One page of `items`, with the cursor of the next page when there is one.
fn page<'a, T: Clone + 'a>(
    items: impl ExactSizeIterator<Item = &'a T>,
    offset: usize,
    size: usize,
) -> Result<(Vec<T>, Option<String>, usize), types::ApiError> {
    let total = items.len();
    if offset > total {
        return Err(error(
            400,
            format!("Invalid cursor: offset {offset} is past the end"),
        ));
    }
    // Only the page is cloned, however long the list.
    let results: Vec<T> = items.skip(offset).take(size).cloned().collect();
    let end = offset + results.len();
    let next = (end < total).then(|| STANDARD.encode(end.to_string()));
    Ok((results, next, total))
}

#[derive(Clone)]
pub struct AriaApi(pub Arc<Aria>);

impl api::Api for AriaApi {
    async fn login(&self, _ctx: RequestContext, body: types::LoginRequest) -> api::LoginResponse {
        use api::LoginResponse as R;
        let a = &self.0;
        if body.domain.domain_type == types::DomainType::Ldap {
            return R::Unauthorized(error(
                401,
                format!("LDAP domain {} is not configured", body.domain.value),
            ));
        }
        if body.domain.value != "local" {
            return R::BadRequest(error(
                400,
                "The domain value of a LOCAL login must be \"local\"",
            ));
        }
        // `admin@local` and `admin` name the same local user.
        let name = if body.username.contains('@') {
            body.username.clone()
        } else {
            format!("{}@local", body.username)
        };
        let user = a.local_users.get(&name);
        let ok = user.is_some_and(|u| u.password.verify(&body.password));
        match (ok, user) {
            (true, Some(u)) => match a.issue(name, role(u.role), false) {
                Ok(t) => R::Ok(t),
                Err(e) if e.code == 500 => R::InternalServerError(e),
                Err(e) => R::Unauthorized(e),
            },
            _ => R::Unauthorized(error(401, "Invalid username or password")),
        }
    }

    async fn logout(&self, ctx: RequestContext) -> api::LogoutResponse {
        use api::LogoutResponse as R;
        authorize!(self, ctx, R, any);
        let token = ctx
            .header("authorization")
            .and_then(|h| h.strip_prefix("NetworkInsight "))
            .map(|t| digest(t.trim()))
            .unwrap_or_default();
        self.0.commit(
            |state| {
                state.tokens.remove(&token);
                R::NoContent
            },
            R::InternalServerError,
        )
    }

    async fn get_api_version(&self, ctx: RequestContext) -> api::GetApiVersionResponse {
        use api::GetApiVersionResponse as R;
        authorize!(self, ctx, R, any);
        R::Ok(types::ApiVersion {
            api_version: self.0.config.api_version.clone(),
        })
    }

    async fn get_vidm_client_id(&self, _ctx: RequestContext) -> api::GetVidmClientIdResponse {
        use api::GetVidmClientIdResponse as R;
        self.0.state.read(|state| match &state.vidm {
            Some(s) if s.enabled => R::Ok(types::VidmClientId {
                vidm_appliance: s.appliance.clone(),
                client_id: self.0.config.password_grant_client_id.clone(),
            }),
            _ => R::Forbidden(error(
                403,
                "VMware Identity Manager is not configured and enabled",
            )),
        })
    }

    async fn login_with_vidm_token(
        &self,
        _ctx: RequestContext,
        body: types::VidmTokenRequest,
    ) -> api::LoginWithVidmTokenResponse {
        use api::LoginWithVidmTokenResponse as R;
        let a = &self.0;
        let enabled = a.state.read(|s| matches!(&s.vidm, Some(v) if v.enabled));
        if !enabled {
            return R::PreconditionFailed(error(
                412,
                "VMware Identity Manager is not configured and enabled",
            ));
        }
        let claims = match a
            .idm
            .verify(&body.vidm_token, &a.config.password_grant_client_id)
        {
            Ok(c) => c,
            Err(e) => return R::Unauthorized(error(401, e.to_string())),
        };
        let username = claims.username().to_string();
        let id = format!("{username}@{}", claims.domain);
        let groups = a.idm.groups_of(&username);
        let granted = a.state.read(|state| match state.users.get(&id) {
            Some(u) => Some(u.role),
            None => groups
                .iter()
                .filter_map(|g| state.groups.get(&format!("{g}@{}", claims.domain)))
                .map(|g| g.role)
                .max_by_key(|r| rank(*r)),
        });
        match granted {
            Some(r) => match a.issue(id, r, true) {
                Ok(t) => R::Ok(t),
                Err(e) if e.code == 500 => R::InternalServerError(e),
                Err(e) => R::Unauthorized(e),
            },
            None => R::NotFound(error(
                404,
                format!("{id} is not mapped, directly or through a group, in Aria Operations for Networks"),
            )),
        }
    }

    async fn get_vidm_config(&self, ctx: RequestContext) -> api::GetVidmConfigResponse {
        use api::GetVidmConfigResponse as R;
        authorize!(self, ctx, R, admin);
        self.0.state.read(|state| match &state.vidm {
            Some(s) => R::Ok(self.0.vidm_settings(s)),
            None => R::NotFound(error(404, "VMware Identity Manager is not configured")),
        })
    }

    async fn create_vidm_config(
        &self,
        ctx: RequestContext,
        body: types::VidmConfigRequest,
    ) -> api::CreateVidmConfigResponse {
        use api::CreateVidmConfigResponse as R;
        authorize!(self, ctx, R, admin);
        let settings = match self.0.check_vidm_request(&body) {
            Ok(s) => s,
            Err(e) => return R::BadRequest(e),
        };
        let answer = self.0.vidm_settings(&settings);
        let created = self.0.commit(
            |state| {
                if state.vidm.is_some() {
                    return R::Conflict(error(
                        409,
                        "VMware Identity Manager is already configured; update or delete it",
                    ));
                }
                state.vidm = Some(settings);
                R::Created(answer)
            },
            R::InternalServerError,
        );
        if let R::Created(_) = created {
            if let Err(e) = self
                .0
                .idm
                .register_password_grant_client(&self.0.config.password_grant_client_id)
            {
                return R::InternalServerError(error(500, e.to_string()));
            }
        }
        created
    }

    async fn update_vidm_config(
        &self,
        ctx: RequestContext,
        body: types::VidmConfigRequest,
    ) -> api::UpdateVidmConfigResponse {
        use api::UpdateVidmConfigResponse as R;
        authorize!(self, ctx, R, admin);
        let settings = match self.0.check_vidm_request(&body) {
            Ok(s) => s,
            Err(e) => return R::BadRequest(e),
        };
        let answer = self.0.vidm_settings(&settings);
        self.0.commit(
            |state| {
                if state.vidm.is_none() {
                    return R::NotFound(error(404, "VMware Identity Manager is not configured"));
                }
                state.vidm = Some(settings);
                R::Ok(answer)
            },
            R::InternalServerError,
        )
    }

    async fn delete_vidm_config(&self, ctx: RequestContext) -> api::DeleteVidmConfigResponse {
        use api::DeleteVidmConfigResponse as R;
        authorize!(self, ctx, R, admin);
        let deleted = self.0.commit(
            |state| {
                if state.vidm.take().is_none() {
                    return R::NotFound(error(404, "VMware Identity Manager is not configured"));
                }
                // Everything that came through vIDM goes with it, in the same commit.
                state
                    .users
                    .retain(|_, u| u.user_type != types::PrincipalSource::Vidm);
                state
                    .groups
                    .retain(|_, g| g.group_type != types::PrincipalSource::Vidm);
                state.tokens.retain(|_, t| !t.via_vidm);
                R::NoContent
            },
            R::InternalServerError,
        );
        if let R::NoContent = deleted {
            if let Err(e) = self
                .0
                .idm
                .remove_client(&self.0.config.password_grant_client_id)
            {
                return R::InternalServerError(error(500, e.to_string()));
            }
        }
        deleted
    }

    async fn enable_vidm(&self, ctx: RequestContext) -> api::EnableVidmResponse {
        use api::EnableVidmResponse as R;
        authorize!(self, ctx, R, admin);
        self.0.commit(
            |state| match &mut state.vidm {
                Some(s) => {
                    s.enabled = true;
                    R::NoContent
                }
                None => R::NotFound(error(404, "VMware Identity Manager is not configured")),
            },
            R::InternalServerError,
        )
    }

    async fn disable_vidm(&self, ctx: RequestContext) -> api::DisableVidmResponse {
        use api::DisableVidmResponse as R;
        authorize!(self, ctx, R, admin);
        self.0.commit(
            |state| match &mut state.vidm {
                Some(s) => {
                    s.enabled = false;
                    R::NoContent
                }
                None => R::NotFound(error(404, "VMware Identity Manager is not configured")),
            },
            R::InternalServerError,
        )
    }

    async fn list_users(
        &self,
        ctx: RequestContext,
        query: api::queries::ListUsersQuery,
    ) -> api::ListUsersResponse {
        use api::ListUsersResponse as R;
        authorize!(self, ctx, R, admin);
        let (offset, size) = match page_window(query.size, query.cursor.as_deref()) {
            Ok(w) => w,
            Err(e) => return R::BadRequest(e),
        };
        let listed = match query.r#type {
            types::PrincipalTypeFilter::Vidm => {
                self.0.state.read(|s| page(s.users.values(), offset, size))
            }
            types::PrincipalTypeFilter::Local => {
                let local: Vec<types::User> = self
                    .0
                    .local_users
                    .iter()
                    .map(|(n, u)| self.0.local_user(n, u))
                    .collect();
                page(local.iter(), offset, size)
            }
            types::PrincipalTypeFilter::Ldap => page(std::iter::empty(), offset, size),
        };
        match listed {
            Ok((results, cursor, total)) => R::Ok(types::UserPage {
                results,
                cursor,
                total_count: total as i64,
            }),
            Err(e) => R::BadRequest(e),
        }
    }

    async fn add_vidm_user(
        &self,
        ctx: RequestContext,
        body: types::VidmUserRequest,
    ) -> api::AddVidmUserResponse {
        use api::AddVidmUserResponse as R;
        authorize!(self, ctx, R, admin);
        let id = format!("{}@{}", body.username, body.domain);
        self.0.commit(
            |state| {
                if state.vidm.is_none() {
                    return R::BadRequest(error(400, "VMware Identity Manager is not configured"));
                }
                if state.users.contains_key(&id) {
                    return R::Conflict(error(409, format!("User {id} already exists")));
                }
                let user = types::User {
                    user_type: types::PrincipalSource::Vidm,
                    id: id.clone(),
                    role: body.role,
                    username: body.username,
                    domain: body.domain,
                    display_name: body.display_name,
                };
                state.users.insert(id, user.clone());
                R::Created(user)
            },
            R::InternalServerError,
        )
    }

    async fn update_vidm_user(
        &self,
        ctx: RequestContext,
        body: types::VidmUserRequest,
    ) -> api::UpdateVidmUserResponse {
        use api::UpdateVidmUserResponse as R;
        authorize!(self, ctx, R, admin);
        let id = format!("{}@{}", body.username, body.domain);
        self.0.commit(
            |state| match state.users.get_mut(&id) {
                Some(user) => {
                    user.role = body.role;
                    if body.display_name.is_some() {
                        user.display_name = body.display_name;
                    }
                    R::Ok(user.clone())
                }
                None => R::NotFound(error(404, format!("User {id} does not exist"))),
            },
            R::InternalServerError,
        )
    }

    async fn get_user(&self, ctx: RequestContext, id: String) -> api::GetUserResponse {
        use api::GetUserResponse as R;
        authorize!(self, ctx, R, admin);
        self.0.state.read(|state| match state.users.get(&id) {
            Some(u) => R::Ok(u.clone()),
            None => R::NotFound(error(404, format!("User {id} does not exist"))),
        })
    }

    async fn delete_user(&self, ctx: RequestContext, id: String) -> api::DeleteUserResponse {
        use api::DeleteUserResponse as R;
        authorize!(self, ctx, R, admin);
        if self.0.local_users.contains_key(&id) {
            return R::BadRequest(error(
                400,
                "Only users mapped through VMware Identity Manager can be deleted",
            ));
        }
        self.0.commit(
            |state| {
                if state.users.remove(&id).is_none() {
                    return R::NotFound(error(404, format!("User {id} does not exist")));
                }
                state.tokens.retain(|_, t| t.principal != id);
                R::NoContent
            },
            R::InternalServerError,
        )
    }

    async fn list_user_groups(
        &self,
        ctx: RequestContext,
        query: api::queries::ListUserGroupsQuery,
    ) -> api::ListUserGroupsResponse {
        use api::ListUserGroupsResponse as R;
        authorize!(self, ctx, R, admin);
        let (offset, size) = match page_window(query.size, query.cursor.as_deref()) {
            Ok(w) => w,
            Err(e) => return R::BadRequest(e),
        };
        let listed = match query.r#type {
            types::PrincipalTypeFilter::Vidm => {
                self.0.state.read(|s| page(s.groups.values(), offset, size))
            }
            types::PrincipalTypeFilter::Local | types::PrincipalTypeFilter::Ldap => {
                page(std::iter::empty(), offset, size)
            }
        };
        match listed {
            Ok((results, cursor, total)) => R::Ok(types::UserGroupPage {
                results,
                cursor,
                total_count: total as i64,
            }),
            Err(e) => R::BadRequest(e),
        }
    }

    async fn add_vidm_user_group(
        &self,
        ctx: RequestContext,
        body: types::VidmUserGroupRequest,
    ) -> api::AddVidmUserGroupResponse {
        use api::AddVidmUserGroupResponse as R;
        authorize!(self, ctx, R, admin);
        let id = format!("{}@{}", body.group_name, body.domain);
        self.0.commit(
            |state| {
                if state.vidm.is_none() {
                    return R::BadRequest(error(400, "VMware Identity Manager is not configured"));
                }
                if state.groups.contains_key(&id) {
                    return R::Conflict(error(409, format!("User group {id} already exists")));
                }
                let group = types::UserGroup {
                    group_type: types::PrincipalSource::Vidm,
                    id: id.clone(),
                    group_name: body.group_name,
                    domain: body.domain,
                    role: body.role,
                };
                state.groups.insert(id, group.clone());
                R::Created(group)
            },
            R::InternalServerError,
        )
    }

    async fn update_vidm_user_group(
        &self,
        ctx: RequestContext,
        body: types::VidmUserGroupRequest,
    ) -> api::UpdateVidmUserGroupResponse {
        use api::UpdateVidmUserGroupResponse as R;
        authorize!(self, ctx, R, admin);
        let id = format!("{}@{}", body.group_name, body.domain);
        self.0.commit(
            |state| match state.groups.get_mut(&id) {
                Some(g) => {
                    g.role = body.role;
                    R::Ok(g.clone())
                }
                None => R::NotFound(error(404, format!("User group {id} does not exist"))),
            },
            R::InternalServerError,
        )
    }

    async fn get_user_group(&self, ctx: RequestContext, id: String) -> api::GetUserGroupResponse {
        use api::GetUserGroupResponse as R;
        authorize!(self, ctx, R, admin);
        self.0.state.read(|state| match state.groups.get(&id) {
            Some(g) => R::Ok(g.clone()),
            None => R::NotFound(error(404, format!("User group {id} does not exist"))),
        })
    }

    async fn delete_user_group(
        &self,
        ctx: RequestContext,
        id: String,
    ) -> api::DeleteUserGroupResponse {
        use api::DeleteUserGroupResponse as R;
        authorize!(self, ctx, R, admin);
        self.0.commit(
            |state| match state.groups.remove(&id) {
                Some(_) => R::NoContent,
                None => R::NotFound(error(404, format!("User group {id} does not exist"))),
            },
            R::InternalServerError,
        )
    }

    fn reject(&self, _ctx: &RequestContext, rejection: Rejection) -> Response {
        let status = rejection.status();
        (
            status,
            axum::Json(error(status.as_u16(), rejection.message())),
        )
            .into_response()
    }
}
