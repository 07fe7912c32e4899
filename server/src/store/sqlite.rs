//! Snapshots in an embedded SQLite database (bundled library, WAL mode, synchronous=FULL).

use std::path::Path;
use std::sync::Mutex;

use rusqlite::{params, Connection, OptionalExtension};

use super::{StateStore, StoreError};

/// The layout this build writes. A database with a higher version is refused.
pub const SCHEMA_VERSION: i64 = 1;

pub struct SqliteStore {
    conn: Mutex<Connection>,
}

impl SqliteStore {
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let conn = Connection::open(path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        // Every commit reaches the disk before the response that depends on it is sent.
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
             CREATE TABLE IF NOT EXISTS state (component TEXT PRIMARY KEY, snapshot TEXT NOT NULL);",
        )?;
        let found: Option<String> = conn
            .query_row(
                "SELECT value FROM meta WHERE key = 'schema_version'",
                [],
                |r| r.get(0),
            )
            .optional()?;
        match found.map(|v| v.parse::<i64>()) {
            None => {
                conn.execute(
                    "INSERT INTO meta (key, value) VALUES ('schema_version', ?1)",
                    params![SCHEMA_VERSION.to_string()],
                )?;
            }
            Some(Ok(v)) if v <= SCHEMA_VERSION => {}
            Some(Ok(v)) => {
                return Err(StoreError::NewerSchema {
                    path: path.display().to_string(),
                    found: v,
                    supported: SCHEMA_VERSION,
                })
            }
            Some(Err(_)) => {
                return Err(StoreError::Other(format!(
                    "{}: the schema version is unreadable",
                    path.display()
                )))
            }
        }
        Ok(Self {
            conn: Mutex::new(conn),
        })
    }
}

impl StateStore for SqliteStore {
    fn load(&self, component: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .lock()
            .unwrap()
            .query_row(
                "SELECT snapshot FROM state WHERE component = ?1",
                params![component],
                |r| r.get(0),
            )
            .optional()?)
    }

    fn save(&self, component: &str, snapshot: &str) -> Result<(), StoreError> {
        self.conn.lock().unwrap().execute(
            "INSERT INTO state (component, snapshot) VALUES (?1, ?2)
             ON CONFLICT(component) DO UPDATE SET snapshot = excluded.snapshot",
            params![component, snapshot],
        )?;
        Ok(())
    }

    fn durable(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> std::path::PathBuf {
        let p = std::env::temp_dir().join(format!("sandbox-{name}-{}.db", std::process::id()));
        let _ = std::fs::remove_file(&p);
        p
    }

    #[test]
    fn snapshots_survive_reopening() {
        let path = temp("reopen");
        SqliteStore::open(&path)
            .unwrap()
            .save("a", "{\"x\":1}")
            .unwrap();
        let again = SqliteStore::open(&path).unwrap();
        assert_eq!(again.load("a").unwrap().as_deref(), Some("{\"x\":1}"));
        assert_eq!(again.load("b").unwrap(), None);
    }

    #[test]
    fn a_newer_schema_is_refused_clearly() {
        let path = temp("newer");
        drop(SqliteStore::open(&path).unwrap());
        let conn = Connection::open(&path).unwrap();
        conn.execute(
            "UPDATE meta SET value = '99' WHERE key = 'schema_version'",
            [],
        )
        .unwrap();
        drop(conn);
        let err = SqliteStore::open(&path)
            .err()
            .expect("must refuse")
            .to_string();
        assert!(
            err.contains("newer appliance-sandbox") && err.contains("99"),
            "{err}"
        );
    }
}
