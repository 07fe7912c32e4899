//! Who a board is shared with, and each user's preferred boards (the home page first).

use super::{bad, readable, writable, Board};
use crate::aria_networks::errors::AriaError;
use crate::aria_networks::tables::{AriaTables, BoardRow};
use crate::aria_networks::Aria;
use crate::generated::aria_networks::types;

/// The built-in dashboard a preference may name besides the user's own.
const GET_STARTED: &str = "GET_STARTED";
/// How many dashboards a preference lists.
const MAX_PREFERENCES: usize = 5;

/// The four lists of a share request: (users to read, users to write, groups to read, groups
/// to write).
fn lists(body: &types::ShareCustomDashboardRequest) -> [&Vec<String>; 4] {
    [
        &body.users_read_access,
        &body.users_write_access,
        &body.groups_read_access,
        &body.groups_write_access,
    ]
}

fn row_lists(row: &mut BoardRow) -> [&mut Vec<String>; 4] {
    [
        &mut row.users_read,
        &mut row.users_write,
        &mut row.groups_read,
        &mut row.groups_write,
    ]
}

impl Aria {
    /// Whether `user` is a local user or a mapped one.
    fn known_user(&self, t: &AriaTables, user: &str) -> bool {
        self.config.local_users.iter().any(|u| u.username == user) || t.users.contains(user)
    }

    /// Adds (`share`) or removes the body's users and groups, all or none; a user or group is
    /// in one list of its kind, the last share deciding which. A user who loses the board
    /// loses it from their preference in the same change.
    pub async fn share_board(
        &self,
        id: &str,
        who: &str,
        body: &types::ShareCustomDashboardRequest,
        share: bool,
    ) -> Result<Board, AriaError> {
        let now = self.clock.now_secs();
        self.db
            .write(|s| {
                let t = s.aria_mut();
                let mut row = writable(t, id, who)?;
                let [ur, uw, gr, gw] = lists(body);
                if share {
                    let both = (ur.iter().find(|u| uw.contains(u)))
                        .or_else(|| gr.iter().find(|g| gw.contains(g)));
                    if let Some(name) = both {
                        return Err(bad(format!(
                            "{name} is named to read and to write; name it once"
                        )));
                    }
                    for user in ur.iter().chain(uw) {
                        if user == &row.owner {
                            return Err(bad(format!("{user} owns the custom dashboard")));
                        }
                        if !self.known_user(t, user) {
                            return Err(bad(format!("{user:?} is not the id of a user")));
                        }
                    }
                    if let Some(g) = gr.iter().chain(gw).find(|g| !t.groups.contains(g)) {
                        return Err(bad(format!("{g:?} is not the id of a user group")));
                    }
                }
                for (i, wanted) in lists(body).into_iter().enumerate() {
                    // Read and write lists of one kind are 0/1 and 2/3.
                    let other = i ^ 1;
                    for name in wanted {
                        let targets = row_lists(&mut row);
                        targets[i].retain(|n| n != name);
                        if share {
                            targets[other].retain(|n| n != name);
                            targets[i].push(name.clone());
                        }
                    }
                }
                row.updated = now;
                // Whoever can no longer read it loses it from their preference too.
                let lost: Vec<String> = (t.board_preferences.iter())
                    .filter(|(user, p)| p.iter().any(|b| b == id) && !readable(&row, user))
                    .map(|(user, _)| user.to_string())
                    .collect();
                for user in lost {
                    t.board_preferences.update(&user, |p| p.retain(|b| b != id));
                }
                t.boards.insert(id.to_string(), row.clone());
                Ok(Board {
                    id: id.to_string(),
                    row,
                })
            })
            .await
    }

    /// Makes the board `who`'s home page: first in their preferences (at most five kept).
    pub async fn set_home_board(&self, id: &str, who: &str) -> Result<(), AriaError> {
        self.db
            .write(|s| {
                let t = s.aria_mut();
                if !t.boards.get(id).is_some_and(|r| readable(r, who)) {
                    return Err(super::not_found(id));
                }
                let mut preference = t.board_preferences.get(who).cloned().unwrap_or_default();
                preference.retain(|b| b != id);
                preference.insert(0, id.to_string());
                preference.truncate(MAX_PREFERENCES);
                t.board_preferences.insert(who.to_string(), preference);
                Ok(())
            })
            .await
    }

    /// Replaces `who`'s preferred dashboards: ones they can read or `GET_STARTED`, no repeats,
    /// at most five.
    pub async fn set_board_preferences(
        &self,
        who: &str,
        preference: &[String],
    ) -> Result<(), AriaError> {
        if preference.len() > MAX_PREFERENCES {
            return Err(bad(format!(
                "preference lists at most {MAX_PREFERENCES} dashboards"
            )));
        }
        for (i, p) in preference.iter().enumerate() {
            if preference[..i].contains(p) {
                return Err(bad(format!("preference names {p} twice")));
            }
        }
        self.db
            .write(|s| {
                let t = s.aria_mut();
                let unknown = (preference.iter()).find(|p| {
                    p.as_str() != GET_STARTED && !t.boards.get(p).is_some_and(|r| readable(r, who))
                });
                if let Some(p) = unknown {
                    return Err(bad(format!(
                        "{p:?} is not a custom dashboard {who} can read, nor {GET_STARTED}"
                    )));
                }
                t.board_preferences
                    .insert(who.to_string(), preference.to_vec());
                Ok(())
            })
            .await
    }
}
