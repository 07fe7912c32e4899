//! Users and user groups: the configured local users, and users and groups mapped through vIDM
//! (add, update, get, delete, and lists paged by the vendor's cursor).

mod api;

use super::errors::AriaError;
use super::paging::{page_of, PageRequest};
use super::tables::{MappedGroup, MappedUser};
use super::Aria;
use crate::generated::aria_networks::types;

fn no_user(id: &str) -> AriaError {
    AriaError::NotFound(format!("User {id} does not exist"))
}

fn no_group(id: &str) -> AriaError {
    AriaError::NotFound(format!("User group {id} does not exist"))
}

fn slice_page<T: Clone>(all: &[T], offset: usize, size: usize) -> Vec<T> {
    let end = offset.saturating_add(size).min(all.len());
    all.get(offset..end).unwrap_or_default().to_vec()
}

fn vidm_required() -> AriaError {
    AriaError::InvalidInput("VMware Identity Manager is not configured".into())
}

/// The `type` of the list calls, read in any letter case (the guide sends `vidm`, PowervRNI
/// `VIDM`; the spec's pattern already refused anything else).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrincipalKind {
    Vidm,
    Local,
    Ldap,
}

impl PrincipalKind {
    pub fn parse(kind: &str) -> Result<Self, AriaError> {
        match kind.to_ascii_lowercase().as_str() {
            "vidm" => Ok(Self::Vidm),
            "local" => Ok(Self::Local),
            "ldap" => Ok(Self::Ldap),
            _ => Err(AriaError::InvalidInput(format!(
                "type must be one of vidm, local, ldap (any case), not {kind:?}"
            ))),
        }
    }
}

impl Aria {
    pub async fn list_users(
        &self,
        kind: PrincipalKind,
        page: PageRequest,
    ) -> Result<types::UserPage, AriaError> {
        let (results, cursor, total) = match kind {
            PrincipalKind::Vidm => {
                page_of(&self.db.read().await.aria().users, page, MappedUser::answer)?
            }
            PrincipalKind::Local => {
                let all = &self.local_user_list;
                let rows = slice_page(all, page.offset, page.size);
                (
                    rows.clone(),
                    page.next_cursor(rows.len(), all.len())?,
                    all.len(),
                )
            }
            PrincipalKind::Ldap => (Vec::new(), page.next_cursor(0, 0)?, 0),
        };
        Ok(types::UserPage {
            results,
            cursor,
            total_count: total as i64,
        })
    }

    /// Local users first, then mapped users, paged over the two as one list.
    pub async fn list_all_users(&self, page: PageRequest) -> Result<types::UserPage, AriaError> {
        let local = &self.local_user_list;
        let state = self.db.read().await;
        let mapped = &state.aria().users;
        let total = local.len() + mapped.len();
        let mut results = slice_page(local, page.offset, page.size);
        let left = page.size - results.len();
        if left > 0 {
            let from = page.offset.saturating_sub(local.len());
            results.extend(mapped.page(from, left).into_iter().map(MappedUser::answer));
        }
        Ok(types::UserPage {
            cursor: page.next_cursor(results.len(), total)?,
            results,
            total_count: total as i64,
        })
    }

    pub async fn add_vidm_user(
        &self,
        body: types::VidmUserRequest,
    ) -> Result<types::User, AriaError> {
        let id = format!("{}@{}", body.username, body.domain);
        self.db
            .write(|s| {
                if s.aria().vidm_settings().is_none() {
                    return Err(vidm_required());
                }
                if s.aria().users.contains(&id) {
                    return Err(AriaError::AlreadyExists(format!(
                        "User {id} already exists"
                    )));
                }
                let user = MappedUser {
                    id: id.clone(),
                    role: body.role.into(),
                    username: body.username,
                    domain: body.domain,
                    display_name: body.display_name,
                };
                let answer = user.answer();
                s.aria_mut().users.insert(id, user);
                Ok(answer)
            })
            .await
    }

    pub async fn update_vidm_user(
        &self,
        body: types::VidmUserRequest,
    ) -> Result<types::User, AriaError> {
        let id = format!("{}@{}", body.username, body.domain);
        self.db
            .write(|s| {
                s.aria_mut()
                    .users
                    .update(&id, |user| {
                        user.role = body.role.into();
                        if body.display_name.is_some() {
                            user.display_name = body.display_name;
                        }
                        user.answer()
                    })
                    .ok_or_else(|| no_user(&id))
            })
            .await
    }

    pub async fn user(&self, id: &str) -> Result<types::User, AriaError> {
        let state = self.db.read().await;
        state
            .aria()
            .users
            .get(id)
            .map(MappedUser::answer)
            .ok_or_else(|| no_user(id))
    }

    /// Deletes a mapped user and, with it, the tokens it holds.
    pub async fn delete_user(&self, id: &str) -> Result<(), AriaError> {
        if self.local_users.contains_key(id) {
            return Err(AriaError::InvalidInput(
                "Only users mapped through VMware Identity Manager can be deleted".into(),
            ));
        }
        self.db
            .write(|s| {
                s.aria_mut().users.remove(id).ok_or_else(|| no_user(id))?;
                for key in s.aria_mut().tokens.keys_where(id) {
                    s.aria_mut().tokens.remove(&key);
                }
                Ok(())
            })
            .await
    }

    pub async fn list_groups(
        &self,
        kind: PrincipalKind,
        page: PageRequest,
    ) -> Result<types::UserGroupPage, AriaError> {
        let (results, cursor, total) = match kind {
            PrincipalKind::Vidm => page_of(
                &self.db.read().await.aria().groups,
                page,
                MappedGroup::answer,
            )?,
            PrincipalKind::Local | PrincipalKind::Ldap => (Vec::new(), page.next_cursor(0, 0)?, 0),
        };
        Ok(types::UserGroupPage {
            results,
            cursor,
            total_count: total as i64,
        })
    }

    pub async fn add_vidm_group(
        &self,
        body: types::VidmUserGroupRequest,
    ) -> Result<types::UserGroup, AriaError> {
        let id = format!("{}@{}", body.group_name, body.domain);
        self.db
            .write(|s| {
                if s.aria().vidm_settings().is_none() {
                    return Err(vidm_required());
                }
                if s.aria().groups.contains(&id) {
                    return Err(AriaError::AlreadyExists(format!(
                        "User group {id} already exists"
                    )));
                }
                let group = MappedGroup {
                    id: id.clone(),
                    name: body.group_name,
                    domain: body.domain,
                    role: body.role.into(),
                };
                let answer = group.answer();
                s.aria_mut().groups.insert(id, group);
                Ok(answer)
            })
            .await
    }

    pub async fn update_vidm_group(
        &self,
        body: types::VidmUserGroupRequest,
    ) -> Result<types::UserGroup, AriaError> {
        let id = format!("{}@{}", body.group_name, body.domain);
        self.db
            .write(|s| {
                s.aria_mut()
                    .groups
                    .update(&id, |g| {
                        g.role = body.role.into();
                        g.answer()
                    })
                    .ok_or_else(|| no_group(&id))
            })
            .await
    }

    pub async fn group(&self, id: &str) -> Result<types::UserGroup, AriaError> {
        let state = self.db.read().await;
        state
            .aria()
            .groups
            .get(id)
            .map(MappedGroup::answer)
            .ok_or_else(|| no_group(id))
    }

    pub async fn delete_group(&self, id: &str) -> Result<(), AriaError> {
        self.db
            .write(|s| {
                s.aria_mut()
                    .groups
                    .remove(id)
                    .map(drop)
                    .ok_or_else(|| no_group(id))
            })
            .await
    }
}
