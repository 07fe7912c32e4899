//! The sandbox's configuration: each API's own section (`omivv::Config`, `aria_networks::Config`,
//! `vidm::Config`), the world, and the limits all share. The defaults are documented in
//! README.md; a `--config FILE` (TOML, see `sandbox.example.toml`) overrides them section by
//! section.

use serde::Deserialize;

pub use crate::aria_networks::Config as AriaConfig;
pub use crate::omevv::Config as OmevvConfig;
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
    pub omevv: OmevvConfig,
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
            omevv: OmevvConfig::default(),
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
        self.omevv.check(&world)?;
        self.aria.check()?;
        self.vidm.check()?;
        if self.max_body_bytes > MAX_BODY_BOUND {
            return Err(format!("max_body_bytes must be at most {MAX_BODY_BOUND}"));
        }
        Ok(())
    }
}

/// Who can log in to one API, for the start-up banner.
pub struct Accounts {
    pub usernames: Vec<String>,
    /// The first account's password, only while it is a built-in default that README.md
    /// documents; a configured password is never printed.
    pub default_password: Option<String>,
}

impl std::fmt::Display for Accounts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let shown = self.usernames.iter().take(3).cloned().collect::<Vec<_>>();
        let more = self.usernames.len().saturating_sub(3);
        match (shown.first(), &self.default_password) {
            (None, _) => f.write_str("no accounts"),
            (Some(first), Some(password)) => write!(f, "{first} / {password}"),
            (Some(_), None) => {
                write!(f, "{}", shown.join(", "))?;
                if more > 0 {
                    write!(f, " and {more} more")?;
                }
                f.write_str("; passwords from the configuration")
            }
        }
    }
}

impl Config {
    /// The accounts of OMIVV, OMEVV (its OpenManage Enterprise users), Aria Operations for
    /// Networks and the Identity Manager, in that order; `configured` when the configuration came
    /// from a file (its passwords are secret).
    pub fn accounts(&self, configured: bool) -> [Accounts; 4] {
        let accounts = |users: Vec<(&String, &Option<String>)>| Accounts {
            usernames: users.iter().map(|(name, _)| (*name).clone()).collect(),
            default_password: users
                .first()
                .and_then(|(_, password)| (*password).clone())
                .filter(|_| !configured),
        };
        [
            accounts(
                self.omivv
                    .accounts
                    .iter()
                    .map(|a| (&a.username, &a.password))
                    .collect(),
            ),
            accounts(
                self.omevv
                    .ome_accounts
                    .iter()
                    .map(|a| (&a.username, &a.password))
                    .collect(),
            ),
            accounts(
                self.aria
                    .local_users
                    .iter()
                    .map(|u| (&u.username, &u.password))
                    .collect(),
            ),
            accounts(
                self.vidm
                    .users
                    .iter()
                    .map(|u| (&u.username, &u.password))
                    .collect(),
            ),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_banner_names_configured_accounts_and_never_their_passwords() {
        let [omivv, omevv, aria, vidm] = Config::default().accounts(false);
        assert_eq!(omivv.to_string(), "admin / admin123");
        assert_eq!(omevv.to_string(), "admin / OmeAdmin1!");
        assert_eq!(aria.to_string(), "admin@local / admin");
        assert_eq!(vidm.to_string(), "testuser / vidm-password");
        let config = Config::from_toml(
            "[[omivv.accounts]]\nusername = \"ops\"\npassword = \"s3cret-pw\"\nprofile = \"administrator\"\n",
        )
        .unwrap();
        let [omivv, _, aria, _] = config.accounts(true);
        assert_eq!(omivv.to_string(), "ops; passwords from the configuration");
        assert!(!omivv.to_string().contains("s3cret-pw"));
        assert_eq!(
            aria.to_string(),
            "admin@local, member@local, auditor@local; passwords from the configuration"
        );
    }
}
