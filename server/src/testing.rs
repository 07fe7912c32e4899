//! A sandbox for a Rust test: [`spawn`] serves one in-process on a free loopback port and
//! answers its URLs; dropping the handle stops it.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() {
//! let sandbox = appliance_sandbox::testing::spawn().await.unwrap();
//! let health = reqwest::get(format!("{}/health", sandbox.control_url()))
//!     .await
//!     .unwrap();
//! assert_eq!(health.status(), 200);
//! // Move the sandbox clock: OMIVV tokens expire after 3600 seconds of it.
//! sandbox.advance(std::time::Duration::from_secs(3601));
//! # }
//! ```

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use crate::config::Config;
use crate::{Options, Sandbox, ARIA_BASE, CONTROL_BASE, OMIVV_BASE};

/// A running sandbox; stops serving when dropped.
pub struct SpawnedSandbox {
    sandbox: Arc<Sandbox>,
    addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

/// Serves a sandbox with the default configuration (the README's accounts and world).
pub async fn spawn() -> std::io::Result<SpawnedSandbox> {
    spawn_with(Config::default(), Options::default()).await
}

/// Serves a sandbox with `config` and `options`, in memory, over HTTP on `127.0.0.1:<free port>`.
pub async fn spawn_with(config: Config, options: Options) -> std::io::Result<SpawnedSandbox> {
    serve(Sandbox::new(config, options)).await
}

/// Serves an existing sandbox (one opened on a store of your choice, for instance).
pub async fn serve(sandbox: Arc<Sandbox>) -> std::io::Result<SpawnedSandbox> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    sandbox.serving_at(addr, None);
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let router = sandbox.router();
    tokio::spawn(async move {
        let shutdown = async {
            let _ = stopped.await;
        };
        let limits = crate::serve::Limits::default();
        if let Err(e) = crate::serve::serve(listener, router, None, limits, shutdown).await {
            tracing::error!(error = %e, "the test sandbox stopped serving");
        }
    });
    Ok(SpawnedSandbox {
        sandbox,
        addr,
        stop: Some(stop),
    })
}

impl SpawnedSandbox {
    /// `http://127.0.0.1:<port>`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn omivv_url(&self) -> String {
        format!("{}{OMIVV_BASE}", self.base_url())
    }

    pub fn aria_url(&self) -> String {
        format!("{}{ARIA_BASE}", self.base_url())
    }

    /// Where the Identity Manager answers (`/SAAS/...` below it).
    pub fn vidm_url(&self) -> String {
        self.base_url()
    }

    pub fn control_url(&self) -> String {
        format!("{}{CONTROL_BASE}", self.base_url())
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The sandbox itself: its clock, state, journal and faults.
    pub fn sandbox(&self) -> &Arc<Sandbox> {
        &self.sandbox
    }

    /// Moves the sandbox clock forward.
    pub fn advance(&self, by: Duration) {
        self.sandbox.clock.advance(by);
    }

    /// Back to the configured start.
    pub async fn reset(&self) -> Result<(), crate::store::StoreError> {
        self.sandbox.reset().await
    }
}

impl Drop for SpawnedSandbox {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}
