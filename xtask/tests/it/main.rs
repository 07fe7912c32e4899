//! xtask's tests, one binary: the generated code, the specs, the README's examples and the
//! server's architecture.

mod architecture;
mod gen;
mod readme;
mod release;
mod specs;
mod toolchain;
