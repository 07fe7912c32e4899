//! Dell OMEVV's gateway API: HTTP Basic on every call (an OpenManage Enterprise user for the
//! console list, a vCenter user otherwise), the vCenter named by the path and by the
//! `x_omivv-api-vcenter-identifier` header.

pub use crate::generated::omevv::*;
