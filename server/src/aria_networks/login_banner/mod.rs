//! The login banner: at most one, shown on the login page; anyone signed in may read it,
//! administrators add, replace and delete it.

mod api;

use super::errors::AriaError;
use super::tables::BANNER;
use super::Aria;
use crate::generated::aria_networks::types;

fn none() -> AriaError {
    AriaError::NotFound("No login banner is configured".into())
}

impl Aria {
    pub async fn login_banner(&self) -> Result<types::LoginBanner, AriaError> {
        let state = self.db.read().await;
        state.aria().banner.get(BANNER).cloned().ok_or_else(none)
    }

    pub async fn add_login_banner(
        &self,
        banner: types::LoginBanner,
    ) -> Result<types::LoginBanner, AriaError> {
        self.db
            .write(|s| {
                if s.aria_mut().banner.contains(BANNER) {
                    return Err(AriaError::AlreadyExists(
                        "A login banner is already configured; update or delete it".into(),
                    ));
                }
                s.aria_mut().banner.insert(BANNER.into(), banner.clone());
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
                    .update(BANNER, |b| *b = banner.clone())
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
