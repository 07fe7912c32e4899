//! Clients for the appliance APIs.
//!
//! The `http` feature (on by default) adds the HTTP clients and sessions; without it the crate
//! is only the spec's types, which is how the sandbox uses it.
//!
//! Each API module re-exports its generated client (`Client`, builder-style methods named after
//! the spec's operationIds, and `types`), generated from `openapi/*.yaml` by `cargo xtask gen`.
//! The OMIVV and Aria modules add a `Session`: log in, attach the token to every call, page
//! through lists, retry politely on 429/503, and log out.
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! use appliance_client::aria_networks::Session;
//! let session = Session::login_local("https://ni.example.com/api/ni", "admin@local", "admin",
//!     Default::default()).await?;
//! let users = session.all_users("vidm").await?;
//! println!("{} vIDM users", users.len());
//! session.logout().await?;
//! # Ok(()) }
//! ```

pub mod generated;

pub mod aria_networks;
pub mod csp;
#[cfg(feature = "http")]
mod error_bodies;
pub mod ome;
pub mod omevv;
pub mod omivv;
#[cfg(feature = "http")]
mod retry;
pub mod sandbox;
pub mod vidm;
pub mod vlcm;

#[cfg(feature = "http")]
pub use retry::{send, RetryPolicy, SessionOptions};
