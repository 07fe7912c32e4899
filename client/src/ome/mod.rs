//! The part of OpenManage Enterprise's REST API (`https://<ome>/api`) that OMEVV's clients use:
//! sessions (the token comes back in the `X-Auth-Token` header), plug-ins, and Update Manager's
//! repositories.

pub use crate::generated::ome::*;
