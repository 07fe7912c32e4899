//! OMIVV's own limits: at most `max_parallel_per_session` requests of one session in flight
//! (429 beyond), as the appliance enforces. Requests-per-minute is the shared
//! [`crate::ratelimit`] rule.

use std::collections::HashMap;
use std::sync::Mutex;

use super::Omivv;

/// Requests in flight, by session id.
#[derive(Default)]
pub struct InFlight {
    counts: Mutex<HashMap<String, usize>>,
}

/// A session's slot, released when the request ends or is cancelled.
pub struct Slot<'a> {
    in_flight: &'a InFlight,
    sid: String,
}

impl InFlight {
    pub fn enter(&self, sid: String, max: usize) -> Option<Slot<'_>> {
        let mut counts = self.counts.lock().unwrap();
        let n = counts.entry(sid.clone()).or_insert(0);
        if *n >= max {
            return None;
        }
        *n += 1;
        Some(Slot {
            in_flight: self,
            sid,
        })
    }
}

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        let mut counts = self.in_flight.counts.lock().unwrap();
        if let Some(n) = counts.get_mut(&self.sid) {
            *n -= 1;
            if *n == 0 {
                counts.remove(&self.sid);
            }
        }
    }
}

impl Omivv {
    /// A slot for the session of `authorization`, held until the request ends; `None` for a
    /// request without a validly signed token (authentication will refuse it). `Err` is the
    /// most a session may have in flight, when it has that many already.
    pub fn enter_in_flight(&self, authorization: Option<&str>) -> Result<Option<Slot<'_>>, usize> {
        let Some(sid) = self.keys.session_of(authorization) else {
            return Ok(None);
        };
        let max = self.config.max_parallel_per_session;
        match self.in_flight.enter(sid, max) {
            Some(slot) => Ok(Some(slot)),
            None => Err(max),
        }
    }
}
