//! appliance-sandbox: a stateful stand-in for OMIVV, Aria Operations for Networks and VMware
//! Identity Manager, built on stubs generated from the specs in `openapi/`.

pub mod app;
pub mod aria_networks;
pub mod clock;
pub mod config;
pub mod control;
pub mod drift;
pub mod generated;
pub mod omivv;
pub mod ratelimit;
pub mod secrets;
pub mod store;
pub mod stub;
pub mod vidm;

pub use app::{Options, Sandbox};
