//! Dell OMIVV: the generated client, and a [`Session`] that logs in and logs off.

pub use crate::generated::omivv::*;

mod session;
pub use session::Session;
