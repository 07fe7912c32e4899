//! Dell OMIVV: the generated client, and a [`Session`] that logs in, walks the inventory, follows
//! jobs and logs off.

pub use crate::generated::omivv::*;

#[cfg(feature = "http")]
mod inventory;
#[cfg(feature = "http")]
mod jobs;
#[cfg(feature = "http")]
mod session;
#[cfg(feature = "http")]
pub use jobs::{JobKind, WaitError};
#[cfg(feature = "http")]
pub use session::Session;
