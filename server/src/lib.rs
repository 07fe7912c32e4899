//! appliance-sandbox: a stateful stand-in for OMIVV, OMEVV, Aria Operations for Networks and VMware
//! Identity Manager, built on stubs generated from the specs in `openapi/`.
//!
//! Each API has a folder (`omivv/`, `aria_networks/`, `vidm/`, `control/`); each spec tag is a
//! generated trait, implemented in the `api.rs` (or `api/<tag>.rs`) of the concept folder it
//! names, next to the domain code it calls. Each API owns its `config`, `tables` and `errors`
//! (by meaning, mapped to the wire once) and hands the per-request layer an `edge`. `state`
//! holds every API's tables; `store` makes each request one transaction over them.
//! `testing::spawn` serves a sandbox for a Rust test.

pub mod access_log;
pub mod app;
pub mod aria_networks;
pub mod clock;
pub mod config;
pub mod control;
pub mod csp;
pub mod edge;
pub mod generated;
pub mod import;
pub mod landing;
pub mod middleware;
pub mod ome;
pub mod omevv;
pub mod omivv;
pub mod proxy;
pub mod ratelimit;
pub mod secrets;
pub mod serve;
pub mod specs;
pub mod state;
pub mod store;
pub mod stub;
pub mod testing;
pub mod vidm;
pub mod vlcm;
pub mod world;

pub use app::{Options, Sandbox};

/// Where each API is mounted on the sandbox's one listener.
pub const OMIVV_BASE: &str = "/Spectre/api/rest/v1";
pub const OMEVV_BASE: &str = "/omevv/GatewayService/v1";
/// Where OpenManage Enterprise, which OMEVV runs inside, serves its own API.
pub const OME_BASE: &str = "/api";
/// Where OMEVV serves vSphere Lifecycle Manager's hardware support manager API.
pub const VLCM_BASE: &str = "/omevv/GatewayService/v1/vsphere-lcm/hw-support/v1";
pub const ARIA_BASE: &str = "/api/ni";
pub const CONTROL_BASE: &str = "/sandbox/v1";
