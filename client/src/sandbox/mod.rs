//! The appliance-sandbox control API (clock, reset, journal, faults).

pub use crate::generated::sandbox::*;
