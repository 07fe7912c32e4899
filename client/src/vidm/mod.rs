//! VMware Identity Manager: the token endpoint, signing key and discovery document.

pub use crate::generated::vidm::*;
