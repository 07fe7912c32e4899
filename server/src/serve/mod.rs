//! The listener: HTTP/1.1 and HTTP/2 over plain TCP or TLS, with the limits a real appliance's
//! web server has: a connection cap (further clients wait in the listen backlog, as Tomcat's
//! do), a time limit on reading a request's head, one on idle keep-alive connections, and
//! oversized request heads answered 414/431 in the API's shape (see [`stream`]).

mod activity;
mod stream;
mod tls;

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::ConnectInfo;
use axum::Router;
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto::Builder;
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceExt;

pub use tls::server_config;

/// The two time limits, in the order a connection meets them.
#[derive(Clone, Copy, Debug)]
pub struct Timeouts {
    /// From a request's first byte to the end of its head.
    pub header: Duration,
    /// Between requests (and from accept to the first byte).
    pub idle: Duration,
}

/// How many connections, and for how long.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub max_connections: usize,
    pub timeouts: Timeouts,
}

impl Default for Limits {
    /// Tomcat's 20-second connection timeout for a request head; nginx-like 60 seconds of
    /// keep-alive; 512 connections.
    fn default() -> Self {
        Self {
            max_connections: 512,
            timeouts: Timeouts {
                header: Duration::from_secs(20),
                idle: Duration::from_secs(60),
            },
        }
    }
}

/// Serves `router` on `listener` (over TLS when `tls` is given) until `shutdown` completes,
/// then lets open requests finish for up to ten seconds.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    tls: Option<Arc<rustls::ServerConfig>>,
    limits: Limits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let slots = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let graceful = GracefulShutdown::new();
    let acceptor = tls.map(tokio_rustls::TlsAcceptor::from);
    let mut builder = Builder::new(TokioExecutor::new());
    // The stream keeps the time limits; hyper's own would also cut idle keep-alive short.
    builder.http1().header_read_timeout(None);
    let builder = Arc::new(builder);
    tokio::pin!(shutdown);
    loop {
        let slot = tokio::select! {
            slot = slots.clone().acquire_owned() => slot.expect("the semaphore is never closed"),
            () = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                // Out of file descriptors and the like: wait rather than spin.
                Err(e) => {
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let activity = Arc::new(activity::Activity::default());
        let service = hyper::service::service_fn({
            let router = router.clone();
            let activity = activity.clone();
            move |mut req: hyper::Request<hyper::body::Incoming>| {
                let (serving, oversized) = activity.serving();
                req.extensions_mut().insert(ConnectInfo(peer));
                if let Some(head) = oversized {
                    req.extensions_mut().insert(head);
                }
                let service = crate::app::service::<hyper::body::Incoming>(router.clone());
                async move {
                    let resp = service.oneshot(req).await;
                    drop(serving);
                    resp
                }
            }
        });
        let (builder, watcher, acceptor) = (builder.clone(), graceful.watcher(), acceptor.clone());
        let header_timeout = limits.timeouts.header;
        tokio::spawn(async move {
            let _slot = slot;
            let timeouts = limits.timeouts;
            match acceptor {
                None => {
                    let stream = stream::GuardedStream::new(stream, activity, timeouts, true);
                    let conn =
                        builder.serve_connection_with_upgrades(TokioIo::new(stream), service);
                    let _ = watcher.watch(conn.into_owned()).await;
                }
                Some(acceptor) => {
                    let Ok(Ok(tls)) =
                        tokio::time::timeout(header_timeout, acceptor.accept(stream)).await
                    else {
                        return;
                    };
                    let http1 = tls.get_ref().1.alpn_protocol() != Some(b"h2");
                    let stream = stream::GuardedStream::new(tls, activity, timeouts, http1);
                    let conn =
                        builder.serve_connection_with_upgrades(TokioIo::new(stream), service);
                    let _ = watcher.watch(conn.into_owned()).await;
                }
            }
        });
    }
    drop(listener);
    let _ = tokio::time::timeout(Duration::from_secs(10), graceful.shutdown()).await;
    Ok(())
}
