//! The sandbox's configuration: each API's own section (`omivv::Config`, `aria_networks::Config`,
//! `vidm::Config`), the world, and the limits all share. The defaults are documented in
//! README.md; a `--config FILE` (TOML, see `sandbox.example.toml`) overrides them section by
//! section.

use serde::Deserialize;

pub use crate::aria_networks::Config as AriaConfig;
pub use crate::omivv::Config as OmivvConfig;
pub use crate::vidm::Config as VidmConfig;
use crate::world::{World, WorldConfig};

/// Bodies over `max_body_bytes` but under this bound are read and answered 413; beyond it the
/// connection is closed.
pub const MAX_BODY_BOUND: usize = 16 * 1024 * 1024;

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub omivv: OmivvConfig,
    pub aria: AriaConfig,
    pub vidm: VidmConfig,
    /// The simulated datacenter both appliances observe.
    pub world: WorldConfig,
    /// Largest accepted request body, in bytes (413 beyond).
    pub max_body_bytes: usize,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            omivv: OmivvConfig::default(),
            aria: AriaConfig::default(),
            vidm: VidmConfig::default(),
            world: WorldConfig::default(),
            max_body_bytes: 256 * 1024,
        }
    }
}

impl Config {
    pub fn from_toml(text: &str) -> Result<Self, String> {
        let config: Self = toml::from_str(text).map_err(|e| e.to_string())?;
        config.check()?;
        Ok(config)
    }

    /// What the TOML types cannot say, section by section.
    pub fn check(&self) -> Result<(), String> {
        let world = World::build(&self.world)?;
        self.omivv.check(&world)?;
        self.aria.check()?;
        self.vidm.check()?;
        if self.max_body_bytes > MAX_BODY_BOUND {
            return Err(format!("max_body_bytes must be at most {MAX_BODY_BOUND}"));
        }
        Ok(())
    }
}
