//! appliance-sandbox: a stateful stand-in for OMIVV, Aria Operations for Networks and VMware
//! Identity Manager, built on stubs generated from the specs in `openapi/`.

pub mod drift;
pub mod generated;
pub mod stub;
