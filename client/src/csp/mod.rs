//! VMware Cloud Services: exchanging an API token for the SaaS API's access token (E121).

pub use crate::generated::csp::*;
