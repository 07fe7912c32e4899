//! Where the sandbox keeps its state.
//!
//! The working state is a set of [`Table`]s in memory (one per kind of object: sessions, tokens,
//! users, ...). A request changes them inside one [`Database::write`] transaction: the tables
//! record what each change replaced, the changed rows go to the [`StateStore`] in one commit,
//! and if the domain refuses the request or the commit fails, every table is put back as it was.
//! A write costs what it touches, not the size of the state.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

mod database;
mod sequenced;
mod sqlite;
mod table;

pub use database::Database;
pub use sequenced::Sequenced;
pub use sqlite::{Migration, Schema, SqliteStore};
pub use table::{Journaled, Table};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Database(#[from] rusqlite::Error),
    #[error("stored row {table}/{key} is unreadable: {source}")]
    Corrupt {
        table: String,
        key: String,
        source: serde_json::Error,
    },
    #[error(
        "{path} was written by a newer appliance-sandbox (schema version {found}, this build \
         understands up to {supported}); use a newer build or another --db file"
    )]
    NewerSchema {
        path: String,
        found: i64,
        supported: i64,
    },
    /// An existing file that is not a sound database of this sandbox.
    #[error("{0}")]
    NotOurs(String),
    #[error("{0}")]
    Other(String),
}

/// One changed row, as the store receives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Put {
        table: &'static str,
        key: String,
        value: String,
    },
    Delete {
        table: &'static str,
        key: String,
    },
}

/// Durable (or not) storage of rows, keyed by table and key.
pub trait StateStore: Send + Sync {
    /// Every row of `table`, in key order.
    fn load(&self, table: &str) -> Result<Vec<(String, String)>, StoreError>;
    /// Applies all `changes` or none; when this returns `Ok`, they are committed.
    fn commit(&self, changes: &[Change]) -> Result<(), StoreError>;
    /// Whether rows outlive the process.
    fn durable(&self) -> bool;
}

/// Rows kept in the process: state survives a `Sandbox` being rebuilt on the same store, not a
/// restart.
#[derive(Default)]
pub struct MemoryStore {
    tables: Mutex<HashMap<String, BTreeMap<String, String>>>,
}

impl MemoryStore {
    pub fn new() -> Arc<Self> {
        Arc::new(Self::default())
    }
}

impl StateStore for MemoryStore {
    fn load(&self, table: &str) -> Result<Vec<(String, String)>, StoreError> {
        let tables = self.tables.lock().unwrap();
        Ok(tables
            .get(table)
            .map(|rows| rows.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
            .unwrap_or_default())
    }

    fn commit(&self, changes: &[Change]) -> Result<(), StoreError> {
        let mut tables = self.tables.lock().unwrap();
        for change in changes {
            match change {
                Change::Put { table, key, value } => {
                    tables
                        .entry(table.to_string())
                        .or_default()
                        .insert(key.clone(), value.clone());
                }
                Change::Delete { table, key } => {
                    if let Some(rows) = tables.get_mut(*table) {
                        rows.remove(key);
                    }
                }
            }
        }
        Ok(())
    }

    fn durable(&self) -> bool {
        false
    }
}
