//! A body passed on chunk by chunk as it arrives, with only what validation needs kept aside:
//! its first bytes, up to a limit, handed to `done` once the body has ended. A body longer than
//! the limit, or one that broke off, hands over `None` (it is forwarded all the same). A short
//! answer is read whole instead (`whole`), with the same handing over.

use std::pin::Pin;
use std::task::{ready, Context, Poll};

use axum::body::Bytes;
use bytes::BytesMut;
use futures_util::Stream;

type Done = Box<dyn FnOnce(Option<Bytes>) + Send>;

/// A `done` run exactly once: with what was kept, or with nothing if dropped first (a client
/// that went away while the answer was read whole).
pub struct DoneOnce<F: FnOnce(Option<Bytes>)>(pub Option<F>);

impl<F: FnOnce(Option<Bytes>)> DoneOnce<F> {
    pub fn run(&mut self, kept: Option<Bytes>) {
        if let Some(done) = self.0.take() {
            done(kept);
        }
    }
}

impl<F: FnOnce(Option<Bytes>)> Drop for DoneOnce<F> {
    fn drop(&mut self) {
        self.run(None);
    }
}

/// An answer of about `expected` bytes read whole, handed to `done`, and passed on in one
/// write. One that breaks off is passed on as a streamed one would be: what came, then a body
/// that fails (and `done` gets nothing).
pub async fn whole<F: FnOnce(Option<Bytes>)>(
    mut answer: reqwest::Response,
    expected: usize,
    mut done: DoneOnce<F>,
) -> axum::body::Body {
    use futures_util::StreamExt;
    let mut read = BytesMut::with_capacity(expected);
    let broke = loop {
        match answer.chunk().await {
            Ok(Some(chunk)) => read.extend_from_slice(&chunk),
            Ok(None) => break None,
            Err(e) => break Some(e),
        }
    };
    let read = read.freeze();
    let Some(e) = broke else {
        done.run(Some(read.clone()));
        return axum::body::Body::from(read);
    };
    done.run(None);
    let came = futures_util::stream::iter([Ok(read)]);
    let broken = futures_util::stream::once(async move {
        // Pending once, so that hyper writes out what came before the break.
        tokio::task::yield_now().await;
        Err(std::io::Error::other(e))
    });
    axum::body::Body::from_stream(came.chain(broken))
}

pub struct Tee<S> {
    inner: S,
    /// `None` once the body has grown past `limit`.
    kept: Option<BytesMut>,
    limit: usize,
    seen: u64,
    /// The declared length: reaching it ends the body before the transport says so, so that
    /// `done` runs before the client has the last byte.
    expected: Option<u64>,
    done: Option<Done>,
}

impl<S> Tee<S> {
    pub fn new(
        inner: S,
        expected: Option<u64>,
        limit: usize,
        done: impl FnOnce(Option<Bytes>) + Send + 'static,
    ) -> Tee<S> {
        let mut tee = Tee {
            inner,
            kept: Some(BytesMut::new()),
            limit,
            seen: 0,
            expected,
            done: Some(Box::new(done)),
        };
        // An empty body may never be polled at all.
        if expected == Some(0) {
            tee.finish(true);
        }
        tee
    }

    fn finish(&mut self, whole: bool) {
        if let Some(done) = self.done.take() {
            let kept = self.kept.take().filter(|_| whole).map(BytesMut::freeze);
            done(kept);
        }
    }
}

impl<S, E> Stream for Tee<S>
where
    S: Stream<Item = Result<Bytes, E>> + Unpin,
{
    type Item = Result<Bytes, E>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        match ready!(Pin::new(&mut this.inner).poll_next(cx)) {
            Some(Ok(chunk)) => {
                this.seen += chunk.len() as u64;
                if let Some(kept) = &mut this.kept {
                    if kept.len() + chunk.len() > this.limit {
                        this.kept = None;
                    } else {
                        kept.extend_from_slice(&chunk);
                    }
                }
                if this.expected == Some(this.seen) {
                    this.finish(true);
                }
                Poll::Ready(Some(Ok(chunk)))
            }
            Some(Err(e)) => {
                this.finish(false);
                Poll::Ready(Some(Err(e)))
            }
            None => {
                this.finish(true);
                Poll::Ready(None)
            }
        }
    }
}

impl<S> Drop for Tee<S> {
    /// A client that went away mid-body: the exchange is still counted, without its body.
    fn drop(&mut self) {
        self.finish(false);
    }
}
