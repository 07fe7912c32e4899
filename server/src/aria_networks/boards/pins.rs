//! Pins: saved searches on a board, in the order pinned.

use super::{bad, check_text, cut, next_number, writable, MAX_NAME, MAX_TEXT};
use crate::aria_networks::errors::AriaError;
use crate::aria_networks::nodes::entity_id;
use crate::aria_networks::tables::{BoardRow, PinRow};
use crate::aria_networks::Aria;

/// The type code of a pin's id (ours, E119).
const PIN_TYPE_CODE: u32 = 10001;

fn pin_not_found(board: &str, pin: &str) -> AriaError {
    AriaError::NotFound(format!("No pin {pin} on the custom dashboard {board}"))
}

fn check_name(name: &str) -> Result<String, AriaError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(bad("The pin's name must not be empty"));
    }
    check_text("pin_name", name, MAX_NAME)?;
    Ok(name.to_string())
}

/// Pins `query` to `row` (the board `board`) under a fresh id made from `number` (the pin
/// counter's next); answers the pin.
pub(super) fn append(
    board: &str,
    row: &mut BoardRow,
    name: &str,
    query: &str,
    who: &str,
    now: i64,
    number: u64,
) -> PinRow {
    let id = (0u32..)
        .map(|n| entity_id(PIN_TYPE_CODE, &format!("{board}|{number}|{n}")))
        .find(|id| !row.pins.iter().any(|p| &p.id == id))
        .expect("an unused id");
    let pin = PinRow {
        id,
        name: name.to_string(),
        query: query.to_string(),
        owner: who.to_string(),
        created: now,
        updated: now,
        pinned: now,
    };
    row.pins.push(pin.clone());
    row.updated = now;
    pin
}

impl Aria {
    /// Pins a search; its name is the query when none is given.
    pub async fn add_pin(
        &self,
        board: &str,
        who: &str,
        name: Option<&str>,
        query: &str,
    ) -> Result<PinRow, AriaError> {
        if query.trim().is_empty() {
            return Err(bad("query must not be empty"));
        }
        check_text("query", query, MAX_TEXT)?;
        // Named after its query when unnamed: as much of it as a name holds.
        let name = check_name(&name.map_or_else(|| cut(query.trim(), MAX_NAME), str::to_string))?;
        let now = self.clock.now_secs();
        self.db
            .write(|s| {
                let t = s.aria_mut();
                let mut row = writable(t, board, who)?;
                let number = next_number(t, "pin");
                let pin = append(board, &mut row, &name, query, who, now, number);
                t.boards.insert(board.to_string(), row);
                Ok(pin)
            })
            .await
    }

    pub async fn rename_pin(
        &self,
        board: &str,
        pin: &str,
        who: &str,
        name: &str,
    ) -> Result<PinRow, AriaError> {
        let name = check_name(name)?;
        let now = self.clock.now_secs();
        self.db
            .write(|s| {
                let t = s.aria_mut();
                let mut row = writable(t, board, who)?;
                let p = (row.pins.iter_mut())
                    .find(|p| p.id == pin)
                    .ok_or_else(|| pin_not_found(board, pin))?;
                p.name = name;
                p.updated = now;
                let answer = p.clone();
                row.updated = now;
                t.boards.insert(board.to_string(), row);
                Ok(answer)
            })
            .await
    }

    pub async fn delete_pin(&self, board: &str, pin: &str, who: &str) -> Result<(), AriaError> {
        let now = self.clock.now_secs();
        self.db
            .write(|s| {
                let t = s.aria_mut();
                let mut row = writable(t, board, who)?;
                let before = row.pins.len();
                row.pins.retain(|p| p.id != pin);
                if row.pins.len() == before {
                    return Err(pin_not_found(board, pin));
                }
                row.updated = now;
                t.boards.insert(board.to_string(), row);
                Ok(())
            })
            .await
    }
}
