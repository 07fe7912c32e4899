//! Typed clients for the appliance APIs, generated from `openapi/*.yaml` by `cargo xtask gen`.

pub mod generated;

pub use generated::{aria_networks, omivv, sandbox, vidm};
