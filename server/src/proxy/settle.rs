//! Judging off the answer's path. An answer read whole is passed on at once and judged on a
//! blocking thread; the report waits for judgments still running before it answers, so a client
//! that reads it after its last call sees every exchange counted. At most `MAX_PENDING` wait at
//! a time: past that an exchange is judged before its answer goes (a flood slows down rather
//! than queueing bodies without bound).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use tokio::sync::Notify;

const MAX_PENDING: usize = 64;

#[derive(Default)]
pub struct Settling {
    pending: AtomicUsize,
    idle: Notify,
}

impl Settling {
    /// Runs `judge` on a blocking thread if there is room, else here and now.
    pub fn judge(self: &Arc<Self>, judge: impl FnOnce() + Send + 'static) {
        if self.pending.fetch_add(1, Ordering::AcqRel) >= MAX_PENDING {
            self.pending.fetch_sub(1, Ordering::AcqRel);
            judge();
            return;
        }
        let this = self.clone();
        tokio::task::spawn_blocking(move || {
            // Counted down even if judging panicked, so the report never waits forever.
            struct Done(Arc<Settling>);
            impl Drop for Done {
                fn drop(&mut self) {
                    if self.0.pending.fetch_sub(1, Ordering::AcqRel) == 1 {
                        self.0.idle.notify_waiters();
                    }
                }
            }
            let _done = Done(this);
            judge();
        });
    }

    /// Returns once no judgment started before the call is still running.
    pub async fn settled(&self) {
        loop {
            let idle = self.idle.notified();
            if self.pending.load(Ordering::Acquire) == 0 {
                return;
            }
            idle.await;
        }
    }
}
