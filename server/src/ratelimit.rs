//! Fixed-window request limits per client address, on the sandbox clock.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;

use crate::clock::Clock;

#[derive(Debug)]
pub struct RequestLimit {
    per_minute: u32,
    windows: Mutex<HashMap<IpAddr, (i64, u32)>>,
}

impl RequestLimit {
    pub fn new(per_minute: u32) -> Self {
        Self {
            per_minute,
            windows: Mutex::new(HashMap::new()),
        }
    }

    /// Counts a request; `Err(seconds)` says how long to wait when over the limit.
    pub fn check(&self, clock: &Clock, ip: IpAddr) -> Result<(), u64> {
        let now = clock.now_ms();
        let minute = now.div_euclid(60_000);
        let mut windows = self.windows.lock().unwrap();
        let entry = windows.entry(ip).or_insert((minute, 0));
        if entry.0 != minute {
            *entry = (minute, 0);
        }
        if entry.1 >= self.per_minute {
            let wait_ms = (minute + 1) * 60_000 - now;
            return Err(((wait_ms + 999) / 1000).max(1) as u64);
        }
        entry.1 += 1;
        Ok(())
    }

    pub fn clear(&self) {
        self.windows.lock().unwrap().clear();
    }
}
