//! Project automation behind `cargo xtask` (see README.md). A library too, so that tests can
//! check that the committed generated code is what generation produces now.

pub mod ansible;
pub mod bench;
pub mod contract;
pub mod docs;
pub mod gen;
pub mod package;
pub mod spec;
