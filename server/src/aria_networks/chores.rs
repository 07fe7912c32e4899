//! Work the appliance does on its own clock (a scheduled backup), done when the sandbox is next
//! observed after it falls due. Every change goes through Aria's database handle, which runs
//! due chores first, in their own transaction; so a chore sees the state exactly as it was at
//! its due time, as nothing changed in between.

use super::tables::AriaState;
use crate::store::StoreError;

pub trait Chore: Send + Sync {
    /// Whether work fell due by `now` (epoch seconds); called under the read lock, so cheap.
    fn due(&self, s: &dyn AriaState, now: i64) -> bool;
    /// Does what fell due by `now`, in the transaction given.
    fn run(&self, s: &mut dyn AriaState, now: i64) -> Result<(), StoreError>;
}
