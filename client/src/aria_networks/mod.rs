//! VMware Aria Operations for Networks: the generated client, and a [`Session`] for local and
//! vIDM sign-on with paging helpers and data-source lookups.

pub use crate::generated::aria_networks::*;

#[cfg(feature = "http")]
mod data_sources;
#[cfg(feature = "http")]
mod search;
#[cfg(feature = "http")]
mod session;
#[cfg(feature = "http")]
pub use data_sources::{DataSourceKind, FoundDataSource};
#[cfg(feature = "http")]
pub use search::{fetch_ids, FETCH_CHUNK};
#[cfg(feature = "http")]
pub use session::{Session, VidmLoginError};
