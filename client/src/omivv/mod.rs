//! Dell OMIVV: the generated client, and a [`Session`] that logs in and logs off.

pub use crate::generated::omivv::*;

#[cfg(feature = "http")]
mod session;
#[cfg(feature = "http")]
pub use session::Session;
