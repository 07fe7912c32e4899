//! Judging off the answer's path, in batches. An answer is passed on at once and its judgment
//! queued; the queue is judged on a blocking thread when `BATCH` have gathered, `FLUSH_AFTER`
//! after the first of them, or when the report is asked for. The report waits for the
//! judgments queued when it was asked for (not for later ones, so steady traffic cannot starve
//! it), so a client that reads it after its last call sees every exchange counted. At most
//! `MAX_PENDING` are queued or running: past that an exchange is judged before its answer goes
//! (a flood slows down rather than queueing bodies without bound).
//!
//! Why batches: waking a thread for every judgment cost more of the answer's time than the
//! judgment itself (BENCHMARKS.md, the proxy's overhead).

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use tokio::sync::Notify;

const MAX_PENDING: usize = 64;
const BATCH: usize = 16;
const FLUSH_AFTER: Duration = Duration::from_millis(50);

type Judgment = Box<dyn FnOnce() + Send>;

#[derive(Default)]
pub struct Settling {
    state: Mutex<State>,
    /// Told whenever a judgment ends.
    ended: Notify,
}

/// Judgments are numbered as they are queued; `pending` holds those not yet ended, `queued`
/// those not yet handed to a thread.
#[derive(Default)]
struct State {
    next: u64,
    pending: BTreeSet<u64>,
    queued: Vec<(u64, Judgment)>,
}

/// Ends judgment `seq` when dropped: after it ran, if it panicked, or if its task never ran
/// (the runtime shutting down), so that no report waits for it forever.
struct Running {
    settling: Arc<Settling>,
    seq: u64,
}

impl Drop for Running {
    fn drop(&mut self) {
        self.settling.state().pending.remove(&self.seq);
        self.settling.ended.notify_waiters();
    }
}

impl Settling {
    fn state(&self) -> MutexGuard<'_, State> {
        // The state is plain fields, consistent even if a holder panicked.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Queues `judge` if there is room, else runs it here and now.
    pub fn judge(self: &Arc<Self>, judge: impl FnOnce() + Send + 'static) {
        let (batch, first) = {
            let mut s = self.state();
            if s.pending.len() >= MAX_PENDING {
                drop(s);
                judge();
                return;
            }
            let seq = s.next;
            s.next += 1;
            s.pending.insert(seq);
            s.queued.push((seq, Box::new(judge)));
            let full = s.queued.len() >= BATCH;
            (
                full.then(|| std::mem::take(&mut s.queued)),
                s.queued.len() == 1,
            )
        };
        if let Some(batch) = batch {
            self.run(batch);
        } else if first {
            let settling = self.clone();
            tokio::spawn(async move {
                tokio::time::sleep(FLUSH_AFTER).await;
                settling.flush();
            });
        }
    }

    /// Hands what is queued to a blocking thread.
    fn flush(self: &Arc<Self>) {
        let batch = std::mem::take(&mut self.state().queued);
        if !batch.is_empty() {
            self.run(batch);
        }
    }

    fn run(self: &Arc<Self>, batch: Vec<(u64, Judgment)>) {
        let batch: Vec<(Running, Judgment)> = batch
            .into_iter()
            .map(|(seq, judge)| {
                let running = Running {
                    settling: self.clone(),
                    seq,
                };
                (running, judge)
            })
            .collect();
        tokio::task::spawn_blocking(move || {
            for (running, judge) in batch {
                // One judgment's panic must not end the batch: the rest would be counted as
                // ended without having run.
                let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(judge));
                drop(running);
            }
        });
    }

    /// Returns once every judgment queued before the call has ended.
    pub async fn settled(self: &Arc<Self>) {
        let before = self.state().next;
        self.flush();
        loop {
            // Made before the check: tokio's `Notified` receives `notify_waiters` from its
            // creation on, so an end between the check and the wait is not lost.
            let ended = self.ended.notified();
            if self.state().pending.first().is_none_or(|&s| s >= before) {
                return;
            }
            ended.await;
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    fn counting(settling: &Arc<Settling>, count: &Arc<AtomicUsize>, n: usize) {
        for _ in 0..n {
            let count = count.clone();
            settling.judge(move || {
                std::thread::sleep(Duration::from_millis(2));
                count.fetch_add(1, Ordering::SeqCst);
            });
        }
    }

    #[tokio::test]
    async fn the_report_waits_for_what_is_queued() {
        let (settling, count) = (Arc::new(Settling::default()), Arc::default());
        counting(&settling, &count, 3);
        settling.settled().await;
        assert_eq!(count.load(Ordering::SeqCst), 3);
    }

    #[tokio::test]
    async fn a_judgment_that_panics_leaves_the_rest_of_its_batch_judged() {
        let (settling, count) = (Arc::new(Settling::default()), Arc::default());
        counting(&settling, &count, 2);
        settling.judge(|| panic!("a judgment that fails"));
        counting(&settling, &count, BATCH - 3);
        settling.settled().await;
        assert_eq!(count.load(Ordering::SeqCst), BATCH - 1);
    }

    #[tokio::test]
    async fn a_partial_batch_is_judged_without_a_report() {
        let (settling, count) = (Arc::new(Settling::default()), Arc::default());
        counting(&settling, &count, 1);
        tokio::time::sleep(FLUSH_AFTER * 10).await;
        assert_eq!(count.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn a_full_batch_is_judged_at_once_and_a_flood_in_place() {
        let (settling, count) = (Arc::new(Settling::default()), Arc::<AtomicUsize>::default());
        // Judgments that wait for a release, so none ends while the queue fills.
        let gate = Arc::new(Mutex::new(()));
        let closed = gate.lock().unwrap();
        for _ in 0..MAX_PENDING {
            let gate = gate.clone();
            settling.judge(move || drop(gate.lock()));
        }
        assert!(
            settling.state().queued.is_empty(),
            "full batches were handed over"
        );
        // Past the bound: judged here and now.
        let c = count.clone();
        settling.judge(move || {
            c.fetch_add(1, Ordering::SeqCst);
        });
        assert_eq!(count.load(Ordering::SeqCst), 1);
        assert_eq!(settling.state().pending.len(), MAX_PENDING);
        drop(closed);
        settling.settled().await;
        assert!(settling.state().pending.is_empty());
    }
}
