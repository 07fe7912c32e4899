//! What OMIVV stores: sessions, lockouts and the secret that signs session tokens.

use std::net::IpAddr;

use serde::{Deserialize, Serialize};

use crate::store::Table;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Session {
    /// `domain\username`.
    pub account: String,
    pub ip: IpAddr,
    pub expires_ms: i64,
    /// The console id of the session's operational context.
    pub context: Option<String>,
}

#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct Lockout {
    pub consecutive_failures: u32,
    pub locked_until_ms: i64,
}

pub struct OmivvTables {
    /// By session id (the `sid` claim of the session's token).
    pub sessions: Table<Session>,
    /// By account (`domain\username`); only accounts that exist.
    pub lockouts: Table<Lockout>,
    /// The HS256 secret (hex), kept so that tokens survive a restart on the same database.
    pub keys: Table<String>,
}

crate::journaled!(OmivvTables {
    sessions,
    lockouts,
    keys
});

pub const SIGNING_SECRET: &str = "signing-secret";

impl Default for OmivvTables {
    fn default() -> Self {
        Self {
            sessions: Table::new("omivv.sessions"),
            lockouts: Table::new("omivv.lockouts"),
            keys: Table::new("omivv.keys"),
        }
    }
}

impl OmivvTables {
    pub fn ensure_signing_secret(&mut self) {
        if !self.keys.contains(SIGNING_SECRET) {
            let secret: [u8; 32] = rand::random();
            self.keys.insert(SIGNING_SECRET.into(), hex::encode(secret));
        }
    }

    pub fn signing_secret(&self) -> Vec<u8> {
        self.keys
            .get(SIGNING_SECRET)
            .and_then(|h| hex::decode(h).ok())
            .unwrap_or_default()
    }

    /// Forgets every session and lockout.
    pub fn reset(&mut self) {
        self.sessions.clear();
        self.lockouts.clear();
    }
}
