//! The access log: one line per request. The request path only hands a few fields to a channel;
//! a writer thread formats and writes the lines in batches, so that logging never holds up a request. When
//! the writer falls behind by more than the channel holds, lines are dropped and counted rather
//! than slowing the sandbox down.

use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender, TryRecvError, TrySendError};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::http::Method;

pub struct Entry {
    pub id: u64,
    pub method: Method,
    pub path: String,
    pub status: u16,
    pub latency_us: u64,
}

pub struct AccessLog {
    tx: SyncSender<(i64, Entry)>,
    dropped: Arc<AtomicU64>,
    stop: Arc<AtomicBool>,
    writer: Mutex<Option<JoinHandle<()>>>,
}

impl AccessLog {
    /// Lines go to `out` (stdout for the binary) from a thread of their own.
    pub fn spawn(out: impl Write + Send + 'static) -> Arc<Self> {
        let (tx, rx) = sync_channel(64 * 1024);
        let dropped = Arc::new(AtomicU64::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let (counter, stopping) = (dropped.clone(), stop.clone());
        let writer = std::thread::Builder::new()
            .name("access-log".into())
            .spawn(move || write_lines(rx, out, counter, stopping))
            .expect("spawn the access-log thread");
        Arc::new(Self {
            tx,
            dropped,
            stop,
            writer: Mutex::new(Some(writer)),
        })
    }

    /// Writes what is queued and stops the writer (at exit, so that no line is lost).
    pub fn finish(&self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(writer) = self.writer.lock().unwrap().take() {
            let _ = writer.join();
        }
    }

    pub fn record(&self, entry: Entry) {
        let now_ms = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis() as i64)
            .unwrap_or(0);
        if let Err(TrySendError::Full(_)) = self.tx.try_send((now_ms, entry)) {
            self.dropped.fetch_add(1, Ordering::Relaxed);
        }
    }
}

/// Drains the channel every few milliseconds rather than waiting on it, so that a request never
/// has to wake the writer; lines are written in batches, one flush per batch.
fn write_lines(
    rx: Receiver<(i64, Entry)>,
    out: impl Write,
    dropped: Arc<AtomicU64>,
    stop: Arc<AtomicBool>,
) {
    let mut out = std::io::BufWriter::with_capacity(256 * 1024, out);
    loop {
        // Read before draining: a stop seen here means everything sent before it is drained.
        let stopping = stop.load(Ordering::SeqCst);
        let mut wrote = false;
        loop {
            match rx.try_recv() {
                Ok((at, e)) => {
                    let _ = writeln!(
                        out,
                        "{} INFO request request_id={} method={} path={} status={} latency_ms={:.3}",
                        crate::clock::rfc3339(at),
                        e.id,
                        e.method,
                        e.path,
                        e.status,
                        e.latency_us as f64 / 1000.0
                    );
                    wrote = true;
                }
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    let _ = out.flush();
                    return;
                }
            }
        }
        let lost = dropped.swap(0, Ordering::Relaxed);
        if lost > 0 {
            let _ = writeln!(
                out,
                "WARN access log: {lost} lines dropped (the writer fell behind)"
            );
        }
        if wrote || lost > 0 {
            let _ = out.flush();
        }
        if stopping {
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}
