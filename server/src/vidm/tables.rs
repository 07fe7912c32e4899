//! What the Identity Manager stores: the OAuth clients registered since start and its signing key.

use crate::store::{Database, Journaled, Table};

/// What the Identity Manager may touch of the sandbox's state: its own tables.
pub trait VidmState: Journaled + Send + Sync {
    fn vidm(&self) -> &VidmTables;
    fn vidm_mut(&mut self) -> &mut VidmTables;
}

/// The sandbox's database as the Identity Manager sees it.
pub type VidmDb = Database<dyn VidmState>;

pub struct VidmTables {
    /// Public (password-grant) OAuth clients, by id.
    pub clients: Table<bool>,
    /// The token-signing key (PKCS#1 PEM), so that tokens verify after a restart on one --db.
    pub keys: Table<String>,
}

crate::journaled!(VidmTables { clients, keys });

pub const SIGNING_KEY: &str = "signing-key";

impl Default for VidmTables {
    fn default() -> Self {
        Self {
            clients: Table::new("vidm.clients"),
            keys: Table::new("vidm.keys"),
        }
    }
}

impl VidmTables {
    /// Back to the configured directory: forgets clients registered since (keeps the key).
    pub fn reset(&mut self) {
        self.clients.clear();
    }
}
