//! Local users: who they are (from the configuration), their passwords (the configured one until
//! changed through the API, then the stored hash), and the password change.

use std::sync::Arc;

use super::caller::Caller;
use super::errors::AriaError;
use super::Aria;
use crate::generated::aria_networks::types;
use crate::secrets::{ConfiguredPassword, PasswordHashString};

/// `admin@local` and `admin` name the same local user.
pub fn local_id(username: &str) -> String {
    if username.contains('@') {
        username.to_string()
    } else {
        format!("{username}@local")
    }
}

impl Aria {
    /// The local user `id` if `password` is theirs. Unknown users cost the same time as wrong
    /// passwords.
    pub(super) async fn check_local_password(
        &self,
        id: &str,
        password: &str,
    ) -> Result<Option<types::Role>, AriaError> {
        let user = self.local_users.get(id);
        let changed = self.db.read().await.aria().passwords.get(id).cloned();
        let stored = match (user, changed) {
            (Some(_), Some(phc)) => PasswordHashString::parse(&phc)
                .ok()
                .map(|h| Arc::new(ConfiguredPassword::hashed(h))),
            (Some(u), None) => Some(u.password.clone()),
            (None, _) => None,
        };
        let ok = crate::secrets::verify(stored, password).await?;
        Ok(user.filter(|_| ok).map(|u| u.user.role))
    }

    /// Sets a local user's password. Users change their own; administrators anyone's. The user's
    /// other tokens are revoked in the same transaction; the caller's own token stays valid.
    pub async fn change_password(
        &self,
        caller: &Caller,
        body: &types::UserPasswordUpdate,
    ) -> Result<(), AriaError> {
        let id = local_id(&body.username);
        if !self.local_users.contains_key(&id) {
            return Err(AriaError::NotFound(format!(
                "Local user {id} does not exist"
            )));
        }
        if caller.principal != id && caller.role != types::Role::Admin {
            return Err(AriaError::NotPermitted(format!(
                "{} may change only their own password",
                caller.principal
            )));
        }
        let new_password: &str = &body.new_password;
        if new_password.trim().is_empty() {
            return Err(AriaError::InvalidInput(
                "new_password must not be blank".into(),
            ));
        }
        let hash = PasswordHashString::new_async(new_password).await;
        self.db
            .write(|s| {
                s.aria_mut()
                    .passwords
                    .insert(id.clone(), hash.as_phc().to_string());
                for key in s.aria_mut().tokens.keys_where(&id) {
                    if key != caller.digest {
                        s.aria_mut().tokens.remove(&key);
                    }
                }
                Ok(())
            })
            .await
    }
}
