//! What the service side of a connection tells its stream: how many requests are in flight,
//! when the last one ended, and whether the stream replaced an oversized request head.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::sync::Mutex;

use tokio::time::Instant;

use crate::middleware::OversizedHead;

#[derive(Default)]
pub struct Activity {
    in_flight: AtomicUsize,
    /// Requests handed to the service so far.
    served: AtomicUsize,
    idle_since: Mutex<Option<Instant>>,
    oversized: Mutex<Option<OversizedHead>>,
}

impl Activity {
    /// Marks a request as being served until the guard is dropped; answers what the stream
    /// knows of its head.
    pub fn serving(self: &Arc<Self>) -> (Serving, Option<OversizedHead>) {
        self.in_flight.fetch_add(1, Ordering::SeqCst);
        self.served.fetch_add(1, Ordering::SeqCst);
        let oversized = self.oversized.lock().unwrap().take();
        (Serving(self.clone()), oversized)
    }

    pub fn in_flight(&self) -> bool {
        self.in_flight.load(Ordering::SeqCst) > 0
    }

    pub fn served(&self) -> usize {
        self.served.load(Ordering::SeqCst)
    }

    pub fn idle_since(&self) -> Option<Instant> {
        *self.idle_since.lock().unwrap()
    }

    pub fn replaced(&self, head: OversizedHead) {
        *self.oversized.lock().unwrap() = Some(head);
    }
}

pub struct Serving(Arc<Activity>);

impl Drop for Serving {
    fn drop(&mut self) {
        if self.0.in_flight.fetch_sub(1, Ordering::SeqCst) == 1 {
            *self.0.idle_since.lock().unwrap() = Some(Instant::now());
        }
    }
}
