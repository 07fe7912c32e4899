//! An Aria Operations for Networks session: `NetworkInsight <token>` on every call.

use super::{types, Client, Error};
use crate::retry::{send, SessionOptions};
use crate::vidm;

pub struct Session {
    client: Client,
    options: SessionOptions,
    expiry_ms: i64,
}

/// Why a vIDM sign-on failed, and at which of its three steps.
#[derive(Debug)]
pub enum VidmLoginError {
    ClientId(Error<types::ApiError>),
    IdentityManager(Error<vidm::types::OAuthError>),
    Exchange(Error<types::ApiError>),
}

impl std::fmt::Display for VidmLoginError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            VidmLoginError::ClientId(e) => write!(f, "reading the vIDM client id: {e}"),
            VidmLoginError::IdentityManager(e) => {
                write!(f, "the Identity Manager's token endpoint: {e}")
            }
            VidmLoginError::Exchange(e) => write!(f, "exchanging the vIDM token: {e}"),
        }
    }
}

impl std::error::Error for VidmLoginError {}

impl Session {
    fn with_token(base_url: &str, token: types::Token, options: SessionOptions) -> Self {
        let client = Client::new_with_client(
            base_url,
            options.http(Some(format!("NetworkInsight {}", token.token))),
        );
        Self {
            client,
            options,
            expiry_ms: token.expiry,
        }
    }

    /// Logs in a local user (`admin@local`). `base_url` ends in `/api/ni`.
    pub async fn login_local(
        base_url: &str,
        username: &str,
        password: &str,
        options: SessionOptions,
    ) -> Result<Self, Error<types::ApiError>> {
        let anonymous = Client::new_with_client(base_url, options.http(None));
        let body = types::LoginRequest {
            username: username.into(),
            password: password.into(),
            domain: types::Domain {
                domain_type: types::DomainType::Local,
                value: Some("local".into()),
            },
        };
        let token = send(&options.retry, || {
            anonymous.login().body(body.clone()).send()
        })
        .await?
        .into_inner();
        Ok(Self::with_token(base_url, token, options))
    }

    /// Signs a vIDM user in, the three steps of the guide: the password-grant client id from
    /// Aria, an access token from the Identity Manager at `vidm_base_url`
    /// (`https://identity.example.com`), and its exchange for an Aria token.
    pub async fn login_vidm(
        base_url: &str,
        vidm_base_url: &str,
        username: &str,
        password: &str,
        options: SessionOptions,
    ) -> Result<Self, VidmLoginError> {
        let anonymous = Client::new_with_client(base_url, options.http(None));
        let client_id = send(&options.retry, || anonymous.get_vidm_client_id().send())
            .await
            .map_err(VidmLoginError::ClientId)?
            .into_inner()
            .client_id;
        let idm = vidm::Client::new_with_client(vidm_base_url, options.http(None));
        let access = idm
            .get_oauth_token()
            .grant_type(vidm::types::GrantType::Password)
            .client_id(&client_id)
            .username(username)
            .password(password)
            .send()
            .await
            .map_err(VidmLoginError::IdentityManager)?
            .into_inner()
            .access_token;
        let body = types::VidmTokenRequest { vidm_token: access };
        let token = send(&options.retry, || {
            anonymous.login_with_vidm_token().body(body.clone()).send()
        })
        .await
        .map_err(VidmLoginError::Exchange)?
        .into_inner();
        Ok(Self::with_token(base_url, token, options))
    }

    pub(super) fn options(&self) -> &SessionOptions {
        &self.options
    }

    /// The generated client, authenticated with this session's token.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// When the token expires, epoch milliseconds.
    pub fn expiry_ms(&self) -> i64 {
        self.expiry_ms
    }

    /// Every user of a type, following `cursor` page by page. Stops at a missing or empty cursor,
    /// or once `total_count` items are in, and refuses a cursor that repeats (a loop).
    /// `kind` is `vidm`, `local` or `ldap`, in any letter case.
    pub async fn all_users(&self, kind: &str) -> Result<Vec<types::User>, Error<types::ApiError>> {
        let kind = &principal_type(kind)?;
        collect_pages(|cursor| async move {
            let mut call = self.client.list_users().type_(kind.clone()).size(PAGE);
            if let Some(c) = cursor {
                call = call.cursor(c);
            }
            let page = send(&self.options.retry, || call.clone().send())
                .await?
                .into_inner();
            Ok((page.results, page.cursor, page.total_count))
        })
        .await
    }

    /// Every user group of a type, paging like [`Session::all_users`].
    pub async fn all_user_groups(
        &self,
        kind: &str,
    ) -> Result<Vec<types::UserGroup>, Error<types::ApiError>> {
        let kind = &principal_type(kind)?;
        collect_pages(|cursor| async move {
            let mut call = self
                .client
                .list_user_groups()
                .type_(kind.clone())
                .size(PAGE);
            if let Some(c) = cursor {
                call = call.cursor(c);
            }
            let page = send(&self.options.retry, || call.clone().send())
                .await?
                .into_inner();
            Ok((page.results, page.cursor, page.total_count))
        })
        .await
    }

    /// Every item of any paged list: `fetch(cursor)` makes one call (the first with `None`) and
    /// answers (items, next cursor, total_count). Stops at a missing or empty cursor or once
    /// `total_count` items are in, and refuses to follow a cursor it has seen (a loop).
    ///
    /// ```no_run
    /// # async fn demo(s: &appliance_client::aria_networks::Session) -> Result<(), appliance_client::aria_networks::Error<appliance_client::aria_networks::types::ApiError>> {
    /// let all = s.page_through(|cursor| async move {
    ///     let mut call = s.client().list_all_users().size(100);
    ///     if let Some(c) = cursor { call = call.cursor(c); }
    ///     let page = call.send().await?.into_inner();
    ///     Ok((page.results, page.cursor, page.total_count))
    /// }).await?;
    /// # Ok(()) }
    /// ```
    pub async fn page_through<T, F, Fut>(&self, fetch: F) -> Result<Vec<T>, Error<types::ApiError>>
    where
        F: FnMut(Option<String>) -> Fut,
        Fut: std::future::Future<
            Output = Result<(Vec<T>, Option<String>, i64), Error<types::ApiError>>,
        >,
    {
        collect_pages(fetch).await
    }

    /// Deletes this session's token.
    pub async fn logout(self) -> Result<(), Error<types::ApiError>> {
        send(&self.options.retry, || self.client.logout().send()).await?;
        Ok(())
    }
}

const PAGE: i32 = 100;

// Same error type as every other call of a session, so that `?` composes.
#[allow(clippy::result_large_err)]
fn principal_type(kind: &str) -> Result<types::PrincipalTypeFilter, Error<types::ApiError>> {
    kind.parse()
        .map_err(|e| Error::InvalidRequest(format!("type {kind:?}: {e}")))
}

/// Follows cursors until the last page: `fetch(cursor)` answers (items, next cursor, total).
async fn collect_pages<T, F, Fut>(mut fetch: F) -> Result<Vec<T>, Error<types::ApiError>>
where
    F: FnMut(Option<String>) -> Fut,
    Fut:
        std::future::Future<Output = Result<(Vec<T>, Option<String>, i64), Error<types::ApiError>>>,
{
    let mut out = Vec::new();
    let mut cursor = None;
    let mut seen = std::collections::HashSet::new();
    loop {
        let (items, next, total) = fetch(cursor).await?;
        out.extend(items);
        match next.filter(|c| !c.is_empty()) {
            Some(c) if (out.len() as i64) < total && seen.insert(c.clone()) => cursor = Some(c),
            _ => return Ok(out),
        }
    }
}
