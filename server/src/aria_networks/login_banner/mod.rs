//! The login banner: at most one, shown on the login page; anyone signed in may read it,
//! administrators add, replace and delete it.

mod api;

use super::errors::AriaError;
use super::tables::{BannerRow, BANNER};
use super::Aria;
use crate::generated::aria_networks::types;

fn none() -> AriaError {
    AriaError::NotFound("No login banner is configured".into())
}

fn row(b: &types::LoginBanner) -> BannerRow {
    BannerRow {
        is_enabled: b.is_enabled,
        login_message_banner: b.login_message_banner.to_string(),
        user_consent_description: b.user_consent_description.as_ref().map(|d| d.to_string()),
        user_consent_title: b.user_consent_title.as_ref().map(|t| t.to_string()),
    }
}

/// The stored banner as answered; it was checked on the way in, so a failure is ours (500).
fn answer(r: &BannerRow) -> Result<types::LoginBanner, AriaError> {
    let bad = |e: String| AriaError::Internal(format!("the stored login banner: {e}"));
    Ok(types::LoginBanner {
        is_enabled: r.is_enabled,
        login_message_banner: r
            .login_message_banner
            .parse()
            .map_err(|e| bad(format!("{e}")))?,
        user_consent_description: match &r.user_consent_description {
            Some(d) => Some(d.parse().map_err(|e| bad(format!("{e}")))?),
            None => None,
        },
        user_consent_title: match &r.user_consent_title {
            Some(t) => Some(t.parse().map_err(|e| bad(format!("{e}")))?),
            None => None,
        },
    })
}

impl Aria {
    pub async fn login_banner(&self) -> Result<types::LoginBanner, AriaError> {
        let state = self.db.read().await;
        answer(state.aria().banner.get(BANNER).ok_or_else(none)?)
    }

    pub async fn add_login_banner(
        &self,
        banner: types::LoginBanner,
    ) -> Result<types::LoginBanner, AriaError> {
        self.db
            .write(|s| {
                if s.aria().banner.contains(BANNER) {
                    return Err(AriaError::AlreadyExists(
                        "A login banner is already configured; update or delete it".into(),
                    ));
                }
                s.aria_mut().banner.insert(BANNER.into(), row(&banner));
                Ok(banner)
            })
            .await
    }

    pub async fn replace_login_banner(
        &self,
        banner: types::LoginBanner,
    ) -> Result<types::LoginBanner, AriaError> {
        self.db
            .write(|s| {
                s.aria_mut()
                    .banner
                    .update(BANNER, |b| *b = row(&banner))
                    .ok_or_else(none)?;
                Ok(banner)
            })
            .await
    }

    pub async fn delete_login_banner(&self) -> Result<(), AriaError> {
        self.db
            .write(|s| {
                s.aria_mut()
                    .banner
                    .remove(BANNER)
                    .map(drop)
                    .ok_or_else(none)
            })
            .await
    }
}
