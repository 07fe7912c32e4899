//! Judging off the answer's path. An answer is passed on at once and judged on a blocking
//! thread; the report waits for the judgments that had started when it was asked for (not for
//! later ones, so steady traffic cannot starve it), so a client that reads it after its last
//! call sees every exchange counted. At most `MAX_PENDING` run at a time: past that an exchange
//! is judged before its answer goes (a flood slows down rather than queueing bodies without
//! bound).

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex, MutexGuard};

use tokio::sync::Notify;

const MAX_PENDING: usize = 64;

#[derive(Default)]
pub struct Settling {
    state: Mutex<State>,
    /// Told whenever a judgment ends.
    ended: Notify,
}

/// Judgments are numbered as they start; `running` holds those not yet ended.
#[derive(Default)]
struct State {
    next: u64,
    running: BTreeSet<u64>,
}

/// Ends judgment `seq` when dropped: after it ran, if it panicked, or if its task never ran
/// (the runtime shutting down), so that no report waits for it forever.
struct Running {
    settling: Arc<Settling>,
    seq: u64,
}

impl Drop for Running {
    fn drop(&mut self) {
        self.settling.state().running.remove(&self.seq);
        self.settling.ended.notify_waiters();
    }
}

impl Settling {
    fn state(&self) -> MutexGuard<'_, State> {
        // The state is two plain fields, consistent even if a holder panicked.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Runs `judge` on a blocking thread if there is room, else here and now.
    pub fn judge(self: &Arc<Self>, judge: impl FnOnce() + Send + 'static) {
        let seq = {
            let mut s = self.state();
            (s.running.len() < MAX_PENDING).then(|| {
                let seq = s.next;
                s.next += 1;
                s.running.insert(seq);
                seq
            })
        };
        let Some(seq) = seq else {
            judge();
            return;
        };
        let running = Running {
            settling: self.clone(),
            seq,
        };
        tokio::task::spawn_blocking(move || {
            let _running = running;
            judge();
        });
    }

    /// Returns once every judgment started before the call has ended.
    pub async fn settled(&self) {
        let before = self.state().next;
        loop {
            // Made before the check: tokio's `Notified` receives `notify_waiters` from its
            // creation on, so an end between the check and the wait is not lost.
            let ended = self.ended.notified();
            if self.state().running.first().is_none_or(|&s| s >= before) {
                return;
            }
            ended.await;
        }
    }
}
