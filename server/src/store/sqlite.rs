//! Rows in an embedded SQLite database (bundled library, WAL mode, synchronous=FULL), one SQL
//! transaction per sandbox transaction.

use std::path::Path;
use std::sync::Mutex;

use rusqlite::{params, Connection, OptionalExtension};

use super::{Change, StateStore, StoreError};

/// The layout this build writes: one `rows` table keyed by (table, key). Version 1 kept one JSON
/// snapshot per component; such a file is refused with a message rather than misread.
pub const SCHEMA_VERSION: i64 = 2;

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
             CREATE TABLE IF NOT EXISTS rows (
                 tbl TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,
                 PRIMARY KEY (tbl, key)) WITHOUT ROWID;",
        )?;
        let found: Option<String> = conn
            .query_row(
                "SELECT value FROM meta WHERE key = 'schema_version'",
                [],
                |r| r.get(0),
            )
            .optional()?;
        let unreadable = || {
            StoreError::Other(format!(
                "{}: the schema version is unreadable",
                path.display()
            ))
        };
        match found.map(|v| v.parse::<i64>()) {
            None => {
                conn.execute(
                    "INSERT INTO meta (key, value) VALUES ('schema_version', ?1)",
                    params![SCHEMA_VERSION.to_string()],
                )?;
            }
            Some(Ok(v)) if v == SCHEMA_VERSION => {}
            Some(Ok(v)) if v > SCHEMA_VERSION => {
                return Err(StoreError::NewerSchema {
                    path: path.display().to_string(),
                    found: v,
                    supported: SCHEMA_VERSION,
                })
            }
            Some(Ok(v)) => {
                return Err(StoreError::Other(format!(
                    "{} was written by an older appliance-sandbox (schema version {v}) whose \
                     layout this build does not read; start with a new --db file",
                    path.display()
                )))
            }
            Some(Err(_)) => return Err(unreadable()),
        }
        Ok(Self {
            conn: Mutex::new(conn),
        })
    }
}

impl StateStore for SqliteStore {
    fn load(&self, table: &str) -> Result<Vec<(String, String)>, StoreError> {
        let conn = self.conn.lock().unwrap();
        let mut stmt =
            conn.prepare_cached("SELECT key, value FROM rows WHERE tbl = ?1 ORDER BY key")?;
        let rows = stmt
            .query_map(params![table], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    fn commit(&self, changes: &[Change]) -> Result<(), StoreError> {
        let mut conn = self.conn.lock().unwrap();
        let tx = conn.transaction()?;
        {
            let mut put = tx.prepare_cached(
                "INSERT INTO rows (tbl, key, value) VALUES (?1, ?2, ?3)
                 ON CONFLICT(tbl, key) DO UPDATE SET value = excluded.value",
            )?;
            let mut delete = tx.prepare_cached("DELETE FROM rows WHERE tbl = ?1 AND key = ?2")?;
            for change in changes {
                match change {
                    Change::Put { table, key, value } => {
                        put.execute(params![table, key, value])?;
                    }
                    Change::Delete { table, key } => {
                        delete.execute(params![table, key])?;
                    }
                }
            }
        }
        tx.commit()?;
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

    fn put(key: &str, value: &str) -> Change {
        Change::Put {
            table: "a",
            key: key.into(),
            value: value.into(),
        }
    }

    #[test]
    fn rows_survive_reopening() {
        let path = temp("reopen");
        let store = SqliteStore::open(&path).unwrap();
        store.commit(&[put("x", "1"), put("y", "2")]).unwrap();
        store
            .commit(&[Change::Delete {
                table: "a",
                key: "x".into(),
            }])
            .unwrap();
        drop(store);
        let again = SqliteStore::open(&path).unwrap();
        assert_eq!(again.load("a").unwrap(), vec![("y".into(), "2".into())]);
        assert!(again.load("b").unwrap().is_empty());
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
