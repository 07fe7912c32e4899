//! Custom dashboards and pinboards (E119): one store of boards of pinned searches, answered in
//! two shapes (the 6.12 SDK's `CustomDashboardsApi` and its deprecated `PinboardsApi`). A
//! board is its owner's and the users it is shared with; it is found by no one else.

mod api;
mod pins;
mod sharing;

use super::errors::AriaError;
use super::nodes::entity_id;
use super::tables::{AriaTables, BoardRow};
use super::Aria;
use crate::generated::aria_networks::types;

/// The type code of a board's id (ours, E119).
const BOARD_TYPE_CODE: u32 = 10002;
/// Names and pin names are at most this long; descriptions and queries at most 4096.
const MAX_NAME: usize = 256;
const MAX_TEXT: usize = 4096;

/// A board with its id, as the views answer it.
pub struct Board {
    pub id: String,
    pub row: BoardRow,
}

/// One page of the boards a user sees, with the next page's offset and how many there are.
pub struct BoardPage {
    pub boards: Vec<Board>,
    pub next: Option<i32>,
    pub total: i32,
}

fn bad(message: impl Into<String>) -> AriaError {
    AriaError::InvalidInput(message.into())
}

fn not_found(id: &str) -> AriaError {
    AriaError::NotFound(format!("No custom dashboard with id {id}"))
}

/// Whether `who` may read the board: its owner or a user it is shared with.
fn readable(row: &BoardRow, who: &str) -> bool {
    row.owner == who
        || row
            .users_read
            .iter()
            .chain(&row.users_write)
            .any(|u| u == who)
}

/// The board `id` as `who` may change it: unseen is a 404, read-only a 403.
fn writable(t: &AriaTables, id: &str, who: &str) -> Result<BoardRow, AriaError> {
    let row = (t.boards.get(id))
        .filter(|r| readable(r, who))
        .ok_or_else(|| not_found(id))?;
    if row.owner != who && !row.users_write.iter().any(|u| u == who) {
        return Err(AriaError::NotPermitted(format!(
            "The custom dashboard {id} is shared with {who} to read only"
        )));
    }
    Ok(row.clone())
}

fn check_text(field: &str, text: &str, max: usize) -> Result<(), AriaError> {
    if text.chars().count() > max {
        return Err(bad(format!("{field} is longer than {max} characters")));
    }
    Ok(())
}

/// A board's name and description, checked; answers the trimmed name.
fn check(body: &types::CustomDashboardRequest) -> Result<String, AriaError> {
    let name = body.name.trim();
    if name.is_empty() {
        return Err(bad("name must not be empty"));
    }
    check_text("name", name, MAX_NAME)?;
    check_text(
        "description",
        body.description.as_deref().unwrap_or(""),
        MAX_TEXT,
    )?;
    Ok(name.to_string())
}

/// Refuses a name another of the owner's boards has (but for the board `id` itself).
fn name_free(t: &AriaTables, owner: &str, name: &str, id: Option<&str>) -> Result<(), AriaError> {
    let wanted = name.to_lowercase();
    let taken = (t.boards.iter())
        .any(|(k, r)| Some(k) != id && r.owner == owner && r.name.to_lowercase() == wanted);
    if taken {
        return Err(AriaError::AlreadyExists(format!(
            "{owner} has a custom dashboard named {name:?}"
        )));
    }
    Ok(())
}

/// The next number of the counter `key` (`board`, `pin`): never one a deleted board or pin
/// had, so an old id never reaches a new one.
fn next_number(t: &mut AriaTables, key: &str) -> u64 {
    let n = t.board_counters.get(key).copied().unwrap_or(0);
    t.board_counters.insert(key.to_string(), n + 1);
    n
}

/// At most `max` characters of `text` (a name made from a longer text).
fn cut(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

/// Stores a new board under a fresh id.
fn insert(t: &mut AriaTables, row: BoardRow) -> Board {
    let id = (0u32..)
        .map(|n| entity_id(BOARD_TYPE_CODE, &format!("{}|{}|{n}", row.owner, row.seq)))
        .find(|id| !t.boards.contains(id))
        .expect("an unused id");
    t.boards.insert(id.clone(), row.clone());
    Board { id, row }
}

/// A new board of `owner`'s, shared with nobody and without pins.
fn fresh(
    t: &mut AriaTables,
    name: String,
    description: Option<String>,
    owner: &str,
    now: i64,
) -> BoardRow {
    BoardRow {
        seq: next_number(t, "board"),
        name,
        description,
        owner: owner.to_string(),
        created: now,
        updated: now,
        users_read: Vec::new(),
        users_write: Vec::new(),
        groups_read: Vec::new(),
        groups_write: Vec::new(),
        pins: Vec::new(),
    }
}

impl Aria {
    /// The boards `who` sees, oldest first, a page at a time (`cursor` a decimal offset).
    pub async fn boards(
        &self,
        who: &str,
        size: Option<i32>,
        cursor: Option<&str>,
    ) -> Result<BoardPage, AriaError> {
        let size = size.unwrap_or(10);
        if !(1..=1000).contains(&size) {
            return Err(bad(format!("size {size} is not 1 to 1000")));
        }
        let offset: usize = match cursor.map(str::trim).filter(|c| !c.is_empty()) {
            None => 0,
            Some(c) => (c.parse())
                .map_err(|_| bad(format!("cursor {c:?} is not an offset (a whole number)")))?,
        };
        let state = self.db.read().await;
        let mut seen: Vec<(&str, &BoardRow)> = (state.aria().boards.iter())
            .filter(|(_, r)| readable(r, who))
            .collect();
        seen.sort_by_key(|(_, r)| r.seq);
        let total = seen.len();
        let end = offset.saturating_add(size as usize).min(total);
        let boards = (seen.get(offset.min(total)..end).unwrap_or_default().iter())
            .map(|(id, r)| Board {
                id: id.to_string(),
                row: (*r).clone(),
            })
            .collect();
        Ok(BoardPage {
            boards,
            next: (end < total).then_some(end as i32),
            total: total as i32,
        })
    }

    pub async fn board(&self, id: &str, who: &str) -> Result<Board, AriaError> {
        let state = self.db.read().await;
        let row = (state.aria().boards.get(id))
            .filter(|r| readable(r, who))
            .ok_or_else(|| not_found(id))?;
        Ok(Board {
            id: id.to_string(),
            row: row.clone(),
        })
    }

    pub async fn create_board(
        &self,
        who: &str,
        body: &types::CustomDashboardRequest,
    ) -> Result<Board, AriaError> {
        let name = check(body)?;
        let now = self.clock.now_secs();
        self.db
            .write(|s| {
                let t = s.aria_mut();
                name_free(t, who, &name, None)?;
                let row = fresh(t, name, body.description.clone(), who, now);
                Ok(insert(t, row))
            })
            .await
    }

    /// Replaces the name and description (an absent description clears it).
    pub async fn edit_board(
        &self,
        id: &str,
        who: &str,
        body: &types::CustomDashboardRequest,
    ) -> Result<Board, AriaError> {
        let name = check(body)?;
        let now = self.clock.now_secs();
        self.db
            .write(|s| {
                let t = s.aria_mut();
                let mut row = writable(t, id, who)?;
                name_free(t, &row.owner, &name, Some(id))?;
                row.name = name;
                row.description = body.description.clone();
                row.updated = now;
                t.boards.insert(id.to_string(), row.clone());
                Ok(Board {
                    id: id.to_string(),
                    row,
                })
            })
            .await
    }

    /// Deletes the board and takes it out of every user's preferences, in one change.
    pub async fn delete_board(&self, id: &str, who: &str) -> Result<(), AriaError> {
        self.db
            .write(|s| {
                let t = s.aria_mut();
                writable(t, id, who)?;
                t.boards.remove(id);
                let users: Vec<String> = (t.board_preferences.iter())
                    .filter(|(_, p)| p.iter().any(|b| b == id))
                    .map(|(u, _)| u.to_string())
                    .collect();
                for user in users {
                    t.board_preferences.update(&user, |p| p.retain(|b| b != id));
                }
                Ok(())
            })
            .await
    }

    /// A copy owned by `who`, its pins with new ids; sharing kept only when asked.
    pub async fn duplicate_board(
        &self,
        id: &str,
        who: &str,
        body: &types::DuplicateCustomDashboardRequest,
    ) -> Result<Board, AriaError> {
        let now = self.clock.now_secs();
        self.db
            .write(|s| {
                let t = s.aria_mut();
                let original = (t.boards.get(id))
                    .filter(|r| readable(r, who))
                    .cloned()
                    .ok_or_else(|| not_found(id))?;
                let request = types::CustomDashboardRequest {
                    name: (body.name.clone())
                        .unwrap_or_else(|| cut(&format!("Copy of {}", original.name), MAX_NAME)),
                    description: body.description.clone().or(original.description.clone()),
                };
                let name = check(&request)?;
                name_free(t, who, &name, None)?;
                let mut row = fresh(t, name, request.description, who, now);
                if body.retain_access_permissions {
                    row.users_read = original.users_read;
                    row.users_write = original.users_write;
                    row.groups_read = original.groups_read;
                    row.groups_write = original.groups_write;
                }
                // The copier owns the copy: it is not also shared with them.
                row.users_read.retain(|u| u != who);
                row.users_write.retain(|u| u != who);
                let mut board = insert(t, row);
                for pin in original.pins {
                    let number = next_number(t, "pin");
                    let (name, query) = (&pin.name, &pin.query);
                    pins::append(&board.id, &mut board.row, name, query, who, now, number);
                }
                t.boards.insert(board.id.clone(), board.row.clone());
                Ok(board)
            })
            .await
    }
}
