//! The time window an operation reads: `end` defaults to the sandbox clock's now and `start` to
//! `end` (the appliance's "as of now"); a window that ends before it starts is refused.

use super::errors::AriaError;
use super::Aria;

impl Aria {
    /// `(start, end)` in epoch seconds; `what` prefixes the error (e.g. `"time_range: "`).
    pub(super) fn window(
        &self,
        what: &str,
        start: Option<i64>,
        end: Option<i64>,
    ) -> Result<(i64, i64), AriaError> {
        let end = end.unwrap_or_else(|| self.clock.now_secs());
        let start = start.unwrap_or(end);
        if start > end {
            return Err(AriaError::InvalidInput(format!(
                "{what}start_time {start} is after end_time {end}"
            )));
        }
        Ok((start, end))
    }
}
