//! What every OMEVV tag's trait shares: who is calling (HTTP Basic on every request: an
//! OpenManage Enterprise user, or a user of the vCenter the request names), and how input that
//! does not parse is answered.

use std::sync::Arc;

use base64::Engine;

use super::errors::OmevvError;
use super::{Console, Omevv, OMEVV_BASE};
use crate::generated::omevv::{self as api, Access, Failure, Rejection, RequestContext};
use crate::secrets::secrets_equal;
use crate::world::Vcenter;

/// The header that names the vCenter (its console uuid). It has underscores; the HTTP stack
/// keeps such headers, and looks them up in any case.
pub const VCENTER_HEADER: &str = "x_omivv-api-vcenter-identifier";

#[derive(Clone)]
pub struct OmevvApi(pub Arc<Omevv>);

/// An authenticated caller.
#[derive(Debug, Clone)]
pub enum Caller {
    /// An OpenManage Enterprise user.
    Ome { username: String },
    /// A user of the named vCenter (`user@domain`, as vCenter writes it).
    Vcenter { vcenter: String, user: String },
}

impl Caller {
    /// Who made a change, for `createdBy` and `modifiedBy`.
    pub fn name(&self) -> &str {
        match self {
            Caller::Ome { username } => username,
            Caller::Vcenter { user, .. } => user,
        }
    }
}

/// A paging parameter: its default when absent, a 400 outside `min..=max`.
pub(crate) fn page_bound(
    value: Option<i64>,
    default: i64,
    min: i64,
    max: i64,
    name: &str,
) -> Result<usize, OmevvError> {
    let v = value.unwrap_or(default);
    if (min..=max).contains(&v) {
        Ok(v as usize)
    } else {
        Err(OmevvError::InvalidInput(format!(
            "{name} must be from {min} to {max}, not {v}"
        )))
    }
}

/// `Basic base64(user:password)`.
fn basic_credentials(header: Option<&str>) -> Option<(String, String)> {
    let encoded = header?.trim().strip_prefix("Basic ")?.trim();
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (user, password) = text.split_once(':')?;
    Some((user.to_string(), password.to_string()))
}

/// `user@domain` or `domain\user`, in lower case (vCenter compares them so).
fn user_and_domain(user: &str) -> (String, String) {
    let user = user.to_lowercase();
    if let Some((name, domain)) = user.split_once('@') {
        (name.into(), domain.into())
    } else if let Some((domain, name)) = user.split_once('\\') {
        (name.into(), domain.into())
    } else {
        (user, String::new())
    }
}

/// Whether the credentials are an account of `vc`, and if so whether it may change things
/// (the administrator) or only read: every account is compared in full, so that timing says
/// nothing about which part failed.
pub(crate) fn vcenter_account_may_modify(vc: &Vcenter, user: &str, password: &str) -> Option<bool> {
    let (name, domain) = user_and_domain(user);
    let c = &vc.config;
    let matches = |u: &String, d: &String, p: &String| {
        let u_ok = secrets_equal(&u.to_lowercase(), &name);
        let d_ok = secrets_equal(&d.to_lowercase(), &domain);
        let p_ok = secrets_equal(p, password);
        u_ok & d_ok & p_ok
    };
    let admin = matches(&c.username, &c.domain, &c.password);
    let read_only = c.read_only_accounts.iter().fold(false, |found, a| {
        found | matches(&a.username, &a.domain, &a.password)
    });
    match (admin, read_only) {
        (true, _) => Some(true),
        (false, true) => Some(false),
        (false, false) => None,
    }
}

fn vcenter_account(vc: &Vcenter, user: &str, password: &str) -> bool {
    vcenter_account_may_modify(vc, user, password).is_some()
}

/// The header vSphere Lifecycle Manager names its vCenter by (the console uuid).
pub const VLCM_VCENTER_HEADER: &str = "VCenter-Instance-GUID";

/// The console uuid a request names: a header, else the path's `/Consoles/{uuid}`.
fn named_console(ctx: &RequestContext) -> Option<String> {
    for name in [VCENTER_HEADER, VLCM_VCENTER_HEADER] {
        if let Some(h) = ctx.header(name) {
            return Some(h.trim().to_string());
        }
    }
    let rest = ctx.uri.path().strip_prefix(OMEVV_BASE)?;
    let rest = rest.trim_start_matches('/').strip_prefix("Consoles/")?;
    rest.split('/').next().map(str::to_string)
}

impl Omevv {
    /// Whether the credentials are an OpenManage Enterprise account's (the name in any case).
    pub(crate) async fn ome_account(&self, user: &str, password: &str) -> Result<bool, OmevvError> {
        let account = self
            .ome_accounts
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(user))
            .map(|(_, p)| p.clone());
        crate::secrets::verify(account, password)
            .await
            .map_err(|_| OmevvError::Busy)
    }

    pub(crate) async fn authenticate(
        &self,
        ctx: &RequestContext,
        access: &Access,
    ) -> Result<Caller, OmevvError> {
        let (user, password) =
            basic_credentials(ctx.header("authorization")).ok_or(OmevvError::MissingCredentials)?;
        if access.schemes.contains(&"omeBasic") {
            return if self.ome_account(&user, &password).await? {
                Ok(Caller::Ome { username: user })
            } else {
                Err(OmevvError::InvalidCredentials)
            };
        }
        // The named vCenter checks its own accounts; when none (or an unregistered one) is
        // named, any registered vCenter's account will do, and the operation then answers
        // 12027 for the name.
        let named = match named_console(ctx) {
            Some(uuid) => self.console(&uuid).await.ok(),
            None => None,
        };
        let candidates: Vec<Console<'_>> = match named {
            Some(c) => vec![c],
            None => self.consoles().await,
        };
        candidates
            .iter()
            .find(|c| vcenter_account(c.vcenter, &user, &password))
            .map(|c| Caller::Vcenter {
                vcenter: c.vcenter.config.name.clone(),
                user: user.clone(),
            })
            .ok_or(OmevvError::InvalidCredentials)
    }

    /// The registered console `uuid` names, which must be the caller's vCenter.
    pub(crate) async fn console_of(
        &self,
        caller: &Caller,
        uuid: &str,
    ) -> Result<Console<'_>, OmevvError> {
        let console = self.console(uuid).await?;
        match caller {
            Caller::Vcenter { vcenter, .. } if *vcenter == console.vcenter.config.name => {
                Ok(console)
            }
            _ => Err(OmevvError::InvalidCredentials),
        }
    }

    /// For operations the header scopes: a named vCenter must be registered (the appliance's
    /// repository profiles are shared by all of them, so the header may be left out).
    pub(crate) async fn check_header(&self, ctx: &RequestContext) -> Result<(), OmevvError> {
        for name in [VCENTER_HEADER, VLCM_VCENTER_HEADER] {
            if let Some(uuid) = ctx.header(name) {
                self.console(uuid.trim()).await?;
            }
        }
        Ok(())
    }

    /// The registered console `uuid` names, for an OpenManage Enterprise user (who manages every
    /// console).
    pub(crate) async fn console_for_ome(
        &self,
        caller: &Caller,
        uuid: &str,
    ) -> Result<Console<'_>, OmevvError> {
        match caller {
            Caller::Ome { .. } => self.console(uuid).await,
            Caller::Vcenter { .. } => Err(OmevvError::InvalidCredentials),
        }
    }
}

impl api::Api for OmevvApi {
    type Principal = Caller;

    async fn authenticate(&self, ctx: &RequestContext, access: &Access) -> Result<Caller, Failure> {
        Ok(self.0.authenticate(ctx, access).await?)
    }

    fn authorize(
        &self,
        _ctx: &RequestContext,
        _caller: &Caller,
        _role: &'static str,
    ) -> Result<(), Failure> {
        // The spec names no role rules for OMEVV: any account of the vCenter may call.
        Ok(())
    }

    fn reject(&self, _ctx: &RequestContext, rejection: Rejection) -> Failure {
        match rejection {
            Rejection::PayloadTooLarge => OmevvError::PayloadTooLarge(rejection.message()),
            _ => OmevvError::InvalidInput(rejection.message()),
        }
        .into()
    }
}
