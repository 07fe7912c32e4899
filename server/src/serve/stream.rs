//! The stream under hyper: closes connections that sit idle or trickle a request head in
//! (slowloris), and stands in for request heads too large to serve, so that the client gets
//! 414 or 431 in the API's own shape instead of the HTTP layer's empty answer.
//!
//! An HTTP/1 head is withheld from hyper until it is complete (it usually arrives in one read
//! and passes straight through). One over the limits is replaced by a small request to the same
//! path with `connection: close`, flagged in [`Activity`] so the middleware answers it; the rest
//! of the oversized head is read and dropped on close, so that the answer is not lost to a
//! reset. The clocks only run while no request of the connection is being served.

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::time::{Instant, Sleep};

use super::activity::Activity;
use super::Timeouts;
use crate::middleware::{OversizedHead, MAX_HEADER_BYTES, MAX_URI_BYTES};

/// Room for the method and version around the longest request target.
const MAX_REQUEST_LINE: usize = MAX_URI_BYTES + 64;
/// The most head bytes withheld before the head is called oversized.
const MAX_HEAD: usize = MAX_REQUEST_LINE + MAX_HEADER_BYTES;
/// How long, and how much, the rest of a refused head is read before the connection closes.
const LINGER: Duration = Duration::from_secs(2);
const LINGER_BYTES: usize = 16 * 1024 * 1024;

/// What the stream gives hyper once the bytes it holds are handed over.
#[derive(Clone, Copy, PartialEq, Eq)]
enum AfterOut {
    /// What the client sends next.
    More,
    /// The end (the client closed).
    End,
    /// Nothing: a stand-in was handed over; the rest of the client's bytes are read and dropped
    /// until hyper has answered and closes.
    Nothing,
}

/// A request head being read.
struct Head {
    started: Instant,
    /// Bytes seen so far, and the request line's length once its end is seen.
    seen: usize,
    line: Option<usize>,
    /// End-of-head scanner: 0 in a line, 1 after `\n`, 2 after `\n\r`.
    state: u8,
}

impl Head {
    /// Scans `bytes`; answers where in them the head ends, if it does.
    fn scan(&mut self, bytes: &[u8]) -> Option<usize> {
        for (i, &b) in bytes.iter().enumerate() {
            self.state = match (self.state, b) {
                (1 | 2, b'\n') => {
                    self.seen += i + 1;
                    return Some(i + 1);
                }
                (_, b'\n') => {
                    self.line.get_or_insert(self.seen + i);
                    1
                }
                (1, b'\r') => 2,
                _ => 0,
            };
        }
        self.seen += bytes.len();
        None
    }

    fn oversized(&self) -> Option<u16> {
        match self.line {
            None if self.seen > MAX_REQUEST_LINE => Some(414),
            Some(line) if line > MAX_REQUEST_LINE => Some(414),
            _ if self.seen > MAX_HEAD => Some(431),
            _ => None,
        }
    }
}

pub struct GuardedStream<S> {
    inner: S,
    activity: Arc<Activity>,
    timeouts: Timeouts,
    accepted: Instant,
    sleep: Pin<Box<Sleep>>,
    /// False once the connection turns out to speak HTTP/2: its frames are not scanned.
    http1: bool,
    first_read: bool,
    head: Option<Head>,
    /// Requests served when the last head completed: bytes before the service sees it are
    /// that request's, not a new head.
    completed_at: Option<usize>,
    held: Vec<u8>,
    /// Bytes to hand to hyper before reading more, and what comes after them.
    out: Vec<u8>,
    out_at: usize,
    after_out: AfterOut,
    /// A replaced head's remaining bytes to read and drop at close.
    linger: Option<(Instant, usize)>,
}

impl<S> GuardedStream<S> {
    pub fn new(inner: S, activity: Arc<Activity>, timeouts: Timeouts, http1: bool) -> Self {
        let now = Instant::now();
        Self {
            inner,
            activity,
            timeouts,
            accepted: now,
            sleep: Box::pin(tokio::time::sleep_until(now + timeouts.idle)),
            http1,
            first_read: true,
            head: None,
            completed_at: None,
            held: Vec::new(),
            out: Vec::new(),
            out_at: 0,
            after_out: AfterOut::More,
            linger: None,
        }
    }

    /// When this connection times out. While a request is served it cannot: the answer is
    /// then "look again an idle period from now", so that the timer is always armed and no one
    /// has to wake the reader when the request ends.
    fn deadline(&self) -> Instant {
        if self.activity.in_flight() || self.awaiting_dispatch() {
            return Instant::now() + self.timeouts.idle;
        }
        if let Some(head) = &self.head {
            return head.started + self.timeouts.header;
        }
        self.activity.idle_since().unwrap_or(self.accepted) + self.timeouts.idle
    }

    fn awaiting_dispatch(&self) -> bool {
        self.completed_at
            .is_some_and(|served| served == self.activity.served())
    }

    /// Whether bytes read now belong to a request head (rather than a body, or HTTP/2).
    fn in_head(&mut self) -> bool {
        if !self.http1 || self.activity.in_flight() || self.awaiting_dispatch() {
            return false;
        }
        self.completed_at = None;
        true
    }

    /// Hands hyper a stand-in for an oversized head and remembers to drop the rest.
    fn replace(&mut self, status: u16, bytes: &[u8]) {
        let path = target_path(bytes);
        self.activity.replaced(OversizedHead {
            status,
            bytes: self.head.as_ref().map_or(0, |h| h.seen),
        });
        self.out = format!(
            "GET {path} HTTP/1.1\r\nhost: sandbox\r\nconnection: close\r\ncontent-length: 0\r\n\r\n"
        )
        .into_bytes();
        self.out_at = 0;
        self.after_out = AfterOut::Nothing;
        self.held = Vec::new();
        self.head = None;
        self.linger = Some((Instant::now() + LINGER, LINGER_BYTES));
    }

    /// Reads and drops what the client still sends after a replaced head (within the linger
    /// budget), so that it is not blocked writing; never hands hyper a byte.
    /// Reads one chunk of what the client still sends and drops it, counting it against the
    /// linger budget: `Ready(Ok(true))` when bytes came, `Ready(Ok(false))` at the client's end.
    fn poll_discard(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<bool>>
    where
        S: AsyncRead + Unpin,
    {
        let Some((until, left)) = self.linger else {
            return Poll::Ready(Ok(false));
        };
        let mut scratch = [0u8; 8192];
        let mut rb = ReadBuf::new(&mut scratch);
        std::task::ready!(Pin::new(&mut self.inner).poll_read(cx, &mut rb))?;
        let read = rb.filled().len();
        self.linger = Some((until, left.saturating_sub(read)));
        Poll::Ready(Ok(read > 0))
    }

    fn poll_drain(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<()>>
    where
        S: AsyncRead + Unpin,
    {
        while self.linger.is_some_and(|(_, left)| left > 0) {
            match self.poll_discard(cx) {
                Poll::Ready(Ok(true)) => {}
                // The client is done sending: the end, after hyper's answer.
                Poll::Ready(Ok(false)) | Poll::Pending => return Poll::Pending,
                Poll::Ready(Err(e)) => return Poll::Ready(Err(e)),
            }
        }
        Poll::Pending
    }

    fn poll_deadline(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        // The deadline moves with every request; resetting the timer each time would cost a
        // trip through the timer wheel per request. So the timer is only moved earlier; armed
        // early, it fires, finds the deadline later, and is re-armed.
        let deadline = self.deadline();
        if self.sleep.deadline() > deadline || self.sleep.is_elapsed() {
            self.sleep.as_mut().reset(deadline);
        }
        loop {
            match self.sleep.as_mut().poll(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(()) => {
                    let deadline = self.deadline();
                    if Instant::now() >= deadline {
                        return Poll::Ready(Err(io::Error::new(
                            io::ErrorKind::TimedOut,
                            "connection idle, or its request head too slow",
                        )));
                    }
                    self.sleep.as_mut().reset(deadline);
                }
            }
        }
    }
}

/// The request's path (no query), at most 1 KiB of it, in characters a URI may hold.
fn target_path(head: &[u8]) -> String {
    let line = head.split(|&b| b == b'\n').next().unwrap_or_default();
    let target = line.split(|&b| b == b' ').nth(1).unwrap_or(b"/");
    let path = target.split(|&b| b == b'?').next().unwrap_or(b"/");
    let path: String = path
        .iter()
        .take(1024)
        .map(|&b| if b.is_ascii_graphic() { b as char } else { '_' })
        .collect();
    if path.starts_with('/') {
        path
    } else {
        "/".into()
    }
}

impl<S: AsyncRead + AsyncWrite + Unpin> AsyncRead for GuardedStream<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = &mut *self;
        loop {
            if this.out_at < this.out.len() {
                let n = buf.remaining().min(this.out.len() - this.out_at);
                buf.put_slice(&this.out[this.out_at..this.out_at + n]);
                this.out_at += n;
                if this.out_at == this.out.len() {
                    this.out = Vec::new();
                    this.out_at = 0;
                }
                return Poll::Ready(Ok(()));
            }
            match this.after_out {
                AfterOut::More => {}
                AfterOut::End => return Poll::Ready(Ok(())),
                AfterOut::Nothing => return this.poll_drain(cx),
            }
            let before = buf.filled().len();
            match Pin::new(&mut this.inner).poll_read(cx, buf) {
                Poll::Pending => return this.poll_deadline(cx),
                Poll::Ready(Err(e)) => return Poll::Ready(Err(e)),
                Poll::Ready(Ok(())) => {}
            }
            let fresh = &buf.filled()[before..];
            if fresh.is_empty() {
                // The client closed: what was withheld goes to hyper, then the end.
                this.out = std::mem::take(&mut this.held);
                this.after_out = AfterOut::End;
                continue;
            }
            if std::mem::take(&mut this.first_read) && fresh.starts_with(b"PRI * HTTP/2") {
                this.http1 = false;
            }
            if this.head.is_none() && !this.in_head() {
                return Poll::Ready(Ok(()));
            }
            let head = this.head.get_or_insert_with(|| Head {
                started: Instant::now(),
                seen: 0,
                line: None,
                state: 0,
            });
            if head.scan(fresh).is_some() {
                this.head = None;
                this.completed_at = Some(this.activity.served());
                if this.held.is_empty() {
                    return Poll::Ready(Ok(()));
                }
                // Withheld bytes first, then these.
                let mut out = std::mem::take(&mut this.held);
                out.extend_from_slice(fresh);
                buf.set_filled(before);
                this.out = out;
                continue;
            }
            if let Some(status) = head.oversized() {
                let mut seen = std::mem::take(&mut this.held);
                seen.extend_from_slice(&fresh[..fresh.len().min(MAX_REQUEST_LINE)]);
                buf.set_filled(before);
                this.replace(status, &seen);
                continue;
            }
            this.held.extend_from_slice(fresh);
            buf.set_filled(before);
        }
    }
}

impl<S: AsyncRead + AsyncWrite + Unpin> AsyncWrite for GuardedStream<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    /// After a replaced head: end the answer, then read what the client still sends (for a
    /// while) so that closing does not reset the connection before the answer is read.
    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = &mut *self;
        let result = std::task::ready!(Pin::new(&mut this.inner).poll_shutdown(cx));
        while let Some((until, left)) = this.linger {
            if Instant::now() >= until || left == 0 {
                break;
            }
            match this.poll_discard(cx) {
                Poll::Ready(Ok(true)) => {}
                Poll::Ready(_) => break,
                Poll::Pending => {
                    if this.sleep.deadline() != until {
                        this.sleep.as_mut().reset(until);
                    }
                    if this.sleep.as_mut().poll(cx).is_pending() {
                        return Poll::Pending;
                    }
                    break;
                }
            }
        }
        this.linger = None;
        Poll::Ready(result)
    }
}

#[cfg(test)]
mod tests;
