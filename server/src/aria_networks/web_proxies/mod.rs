//! Web proxies (E116): the HTTP and HTTPS proxies cloud and SaaS data sources reach their
//! endpoints through. Stored, checked and never contacted; a data source uses one by naming
//! its id in `web_proxy_id`.

mod api;
mod clients;

use super::data_sources::digests;
use super::errors::AriaError;
use super::setting_ids::setting_id;
use super::web_proxy_row::WebProxyRow;
use super::Aria;
use crate::generated::aria_networks::types;

/// The appliance's limit on web proxies.
pub const MAX_PROXIES: usize = 10;

fn bad(message: impl Into<String>) -> AriaError {
    AriaError::InvalidInput(message.into())
}

fn not_found(id: &str) -> AriaError {
    AriaError::NotFound(format!("No web proxy with id {id}"))
}

/// Checks a proxy's settings; `stored_password` says whether a password is kept for it (a
/// change may leave the password out to keep it).
fn check(body: &types::WebProxyRequest, stored_password: bool) -> Result<(), AriaError> {
    if body.nick_name.trim().is_empty() {
        return Err(bad("nick_name must not be empty"));
    }
    if body.target_ip.trim().parse::<std::net::IpAddr>().is_err() {
        return Err(bad(format!(
            "target_ip {:?} is not an IP address",
            body.target_ip
        )));
    }
    if !(1..=65535).contains(&body.target_port) {
        return Err(bad(format!(
            "target_port {} is not a port (1 to 65535)",
            body.target_port
        )));
    }
    if body.use_credentials == Some(true) {
        if body
            .user_name
            .as_deref()
            .is_none_or(|u| u.trim().is_empty())
        {
            return Err(bad("use_credentials needs user_name"));
        }
        let given = body.password.as_deref().is_some_and(|p| !p.is_empty());
        if !given && !stored_password {
            return Err(bad("use_credentials needs password"));
        }
    }
    Ok(())
}

/// The settings as stored: no password, and no user without credentials.
fn stored(body: &types::WebProxyRequest) -> types::WebProxyRequest {
    let mut settings = body.clone();
    settings.nick_name = body.nick_name.trim().to_string();
    settings.password = None;
    if settings.use_credentials != Some(true) {
        settings.user_name = None;
    }
    settings
}

/// The password's digest to keep: the body's, else the stored one while credentials are used.
fn secrets(
    id: &str,
    body: &types::WebProxyRequest,
    kept: Option<&WebProxyRow>,
) -> std::collections::BTreeMap<String, String> {
    if body.use_credentials != Some(true) {
        return Default::default();
    }
    match body.password.as_deref().filter(|p| !p.is_empty()) {
        Some(p) => digests(id, &[("password".into(), p.into())]),
        None => kept.map(|r| r.secrets.clone()).unwrap_or_default(),
    }
}

pub(super) fn nick_taken(
    t: &crate::store::Table<WebProxyRow>,
    nick: &str,
    other_than: Option<&str>,
) -> Result<(), AriaError> {
    let wanted = nick.trim().to_lowercase();
    let taken = (t.iter()).any(|(id, r)| {
        Some(id) != other_than && r.settings.nick_name.trim().to_lowercase() == wanted
    });
    if taken {
        return Err(bad(format!("A web proxy named {nick:?} already exists")));
    }
    Ok(())
}

impl Aria {
    pub async fn web_proxies(&self) -> types::ProxyListResponse {
        let state = self.db.read().await;
        let t = state.aria();
        let mut rows: Vec<(&str, &WebProxyRow)> = t.web_proxies.iter().collect();
        rows.sort_by_key(|(_, r)| r.seq);
        let results = (rows.into_iter())
            .map(|(id, r)| clients::answer(id, r, &t.data_sources))
            .collect();
        types::ProxyListResponse { results }
    }

    pub async fn web_proxy(&self, id: &str) -> Result<types::ProxyResponse, AriaError> {
        let state = self.db.read().await;
        let t = state.aria();
        let row = t.web_proxies.get(id).ok_or_else(|| not_found(id))?;
        Ok(clients::answer(id, row, &t.data_sources))
    }

    pub async fn add_web_proxy(
        &self,
        body: types::WebProxyRequest,
    ) -> Result<types::ProxyProfileIdResponse, AriaError> {
        check(&body, false)?;
        self.db
            .write(|s| {
                let t = &mut s.aria_mut().web_proxies;
                if t.len() >= MAX_PROXIES {
                    return Err(bad(format!(
                        "At most {MAX_PROXIES} web proxies can exist; delete one first"
                    )));
                }
                nick_taken(t, &body.nick_name, None)?;
                let seq = t.values().map(|r| r.seq + 1).max().unwrap_or(0);
                let id = setting_id("web-proxy-", &body.nick_name, &body.target_ip, seq);
                let row = WebProxyRow {
                    seq,
                    settings: stored(&body),
                    secrets: secrets(&id, &body, None),
                };
                t.insert(id.clone(), row);
                Ok(types::ProxyProfileIdResponse { proxy_id: id })
            })
            .await
    }

    /// Replaces a proxy's settings; a password left out is kept while credentials are used.
    pub async fn update_web_proxy(
        &self,
        id: &str,
        body: types::WebProxyRequest,
    ) -> Result<(), AriaError> {
        self.db
            .write(|s| {
                let t = &mut s.aria_mut().web_proxies;
                let row = t.get(id).cloned().ok_or_else(|| not_found(id))?;
                check(&body, !row.secrets.is_empty())?;
                nick_taken(t, &body.nick_name, Some(id))?;
                let changed = WebProxyRow {
                    seq: row.seq,
                    settings: stored(&body),
                    secrets: secrets(id, &body, Some(&row)),
                };
                t.insert(id.to_string(), changed);
                Ok(())
            })
            .await
    }

    /// Removes a proxy; its data sources move to `migrate_to` in the same change, and without
    /// one a proxy in use stays.
    pub async fn delete_web_proxy(
        &self,
        id: &str,
        migrate_to: Option<&str>,
    ) -> Result<(), AriaError> {
        let migrate_to = migrate_to.filter(|m| !m.is_empty());
        self.db
            .write(|s| {
                let t = s.aria_mut();
                if !t.web_proxies.contains(id) {
                    return Err(not_found(id));
                }
                let users = clients::users(&t.data_sources, id);
                match migrate_to {
                    Some(to) if to == id => {
                        return Err(bad("migrationWebProxyId names the web proxy being removed"))
                    }
                    Some(to) if !t.web_proxies.contains(to) => return Err(not_found(to)),
                    Some(to) => {
                        for user in users {
                            t.data_sources.update(&user, |r| {
                                r.model.insert("web_proxy_id".into(), to.into());
                            });
                        }
                    }
                    None if !users.is_empty() => {
                        return Err(bad(format!(
                            "{} data source(s) use the web proxy {id}; name migrationWebProxyId to move them",
                            users.len()
                        )))
                    }
                    None => {}
                }
                t.web_proxies.remove(id);
                Ok(())
            })
            .await
    }
}
