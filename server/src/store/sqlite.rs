//! Rows in an embedded SQLite database (bundled library, WAL mode, synchronous=FULL), one SQL
//! transaction per sandbox transaction.

use std::path::Path;
use std::sync::Mutex;

use rusqlite::{params, Connection, OptionalExtension};

use super::{Change, StateStore, StoreError};

/// What the rows of a database look like: a version, and how each older version's rows become
/// the next version's. The store runs the migrations a file needs when it opens it, in one SQL
/// transaction, so that a user's `--db` file keeps its state across an upgrade. Version 1 kept
/// one JSON snapshot per component; such a file is refused with a message rather than misread.
pub struct Schema {
    pub version: i64,
    pub migrations: &'static [Migration],
}

/// From version `from` to `from + 1`: `rewrite` changes a row of `table` in place and says
/// whether it changed it.
pub struct Migration {
    pub from: i64,
    pub rewrite: fn(table: &str, row: &mut serde_json::Value) -> bool,
}

pub struct SqliteStore {
    conn: Mutex<Connection>,
}

impl SqliteStore {
    pub fn open(path: &Path, schema: &Schema) -> Result<Self, StoreError> {
        let created = create_private(path)?;
        let mut conn = Connection::open(path)?;
        // Before anything writes to it: a file that is not this sandbox's is refused, never
        // taken for an empty state and never overwritten.
        if !created {
            check_ours(&conn, path)?;
        }
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
                    params![schema.version.to_string()],
                )?;
            }
            Some(Ok(v)) if v == schema.version => {}
            Some(Ok(v)) if v > schema.version => {
                return Err(StoreError::NewerSchema {
                    path: path.display().to_string(),
                    found: v,
                    supported: schema.version,
                })
            }
            Some(Ok(v)) => migrate(&mut conn, path, schema, v)?,
            Some(Err(_)) => return Err(unreadable()),
        }
        Ok(Self {
            conn: Mutex::new(conn),
        })
    }
}

/// An existing file must be a sound SQLite database holding this sandbox's tables and a schema
/// version: a zero-byte file, another program's database or one whose tables were dropped is
/// the user's state gone, which is said rather than silently started over.
fn check_ours(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let refuse = |why: String| {
        StoreError::NotOurs(format!(
            "{}: {why}; it was left as it is (pass a new --db path to start afresh)",
            path.display()
        ))
    };
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|e| refuse(format!("not a readable SQLite database ({e})")))?;
    if integrity != "ok" {
        return Err(refuse(format!("the integrity check failed ({integrity})")));
    }
    let tables: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('meta', 'rows')",
        [],
        |r| r.get(0),
    )?;
    if tables != 2 {
        return Err(refuse(
            "not an appliance-sandbox database (its meta and rows tables are missing)".into(),
        ));
    }
    let version: Option<String> = conn
        .query_row(
            "SELECT value FROM meta WHERE key = 'schema_version'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    if version.is_none() {
        return Err(refuse("it records no schema version".into()));
    }
    Ok(())
}

/// Creates the file readable by its owner only (0600), when it does not exist yet: it holds
/// OMIVV's signing secret and the Identity Manager's private key. SQLite gives the `-wal` and
/// `-shm` files it makes beside it the same mode. Says whether it created the file.
fn create_private(path: &Path) -> Result<bool, StoreError> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(_) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(StoreError::Other(format!("{}: {e}", path.display()))),
    }
}

/// Brings a database of version `found` up to `schema.version`, all or nothing.
fn migrate(
    conn: &mut Connection,
    path: &Path,
    schema: &Schema,
    found: i64,
) -> Result<(), StoreError> {
    let tx = conn.transaction()?;
    for from in found..schema.version {
        let Some(step) = schema.migrations.iter().find(|m| m.from == from) else {
            return Err(StoreError::Other(format!(
                "{} was written by an older appliance-sandbox (schema version {found}) whose \
                 layout this build does not read; start with a new --db file",
                path.display()
            )));
        };
        let rows: Vec<(String, String, String)> = tx
            .prepare("SELECT tbl, key, value FROM rows")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<_, _>>()?;
        let mut update = tx.prepare("UPDATE rows SET value = ?3 WHERE tbl = ?1 AND key = ?2")?;
        for (table, key, value) in rows {
            let mut row: serde_json::Value = serde_json::from_str(&value).map_err(|e| {
                StoreError::Other(format!("{}: row {table}/{key}: {e}", path.display()))
            })?;
            if (step.rewrite)(&table, &mut row) {
                update.execute(params![table, key, row.to_string()])?;
            }
        }
    }
    tx.execute(
        "UPDATE meta SET value = ?1 WHERE key = 'schema_version'",
        params![schema.version.to_string()],
    )?;
    tx.commit()?;
    tracing::info!(path = %path.display(), from = found, to = schema.version, "migrated the database");
    Ok(())
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

    /// Version 2 rows of table `a` hold `{"n": ..}`; version 3 calls it `count`.
    fn rename_n(table: &str, row: &mut serde_json::Value) -> bool {
        let Some(obj) = row.as_object_mut().filter(|_| table == "a") else {
            return false;
        };
        match obj.remove("n") {
            Some(n) => {
                obj.insert("count".into(), n);
                true
            }
            None => false,
        }
    }

    const V2: Schema = Schema {
        version: 2,
        migrations: &[],
    };
    const V3: Schema = Schema {
        version: 3,
        migrations: &[Migration {
            from: 2,
            rewrite: rename_n,
        }],
    };

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
        let store = SqliteStore::open(&path, &V2).unwrap();
        store.commit(&[put("x", "1"), put("y", "2")]).unwrap();
        store
            .commit(&[Change::Delete {
                table: "a",
                key: "x".into(),
            }])
            .unwrap();
        drop(store);
        let again = SqliteStore::open(&path, &V2).unwrap();
        assert_eq!(again.load("a").unwrap(), vec![("y".into(), "2".into())]);
        assert!(again.load("b").unwrap().is_empty());
    }

    #[test]
    fn a_newer_schema_is_refused_clearly() {
        let path = temp("newer");
        drop(SqliteStore::open(&path, &V2).unwrap());
        let conn = Connection::open(&path).unwrap();
        conn.execute(
            "UPDATE meta SET value = '99' WHERE key = 'schema_version'",
            [],
        )
        .unwrap();
        drop(conn);
        let err = SqliteStore::open(&path, &V2)
            .err()
            .expect("must refuse")
            .to_string();
        assert!(
            err.contains("newer appliance-sandbox") && err.contains("99"),
            "{err}"
        );
    }

    #[test]
    fn an_older_file_is_migrated_once_and_keeps_its_rows() {
        let path = temp("migrate");
        let old = SqliteStore::open(&path, &V2).unwrap();
        old.commit(&[put("x", r#"{"n":1}"#), put("y", r#"{"other":2}"#)])
            .unwrap();
        drop(old);
        let new = SqliteStore::open(&path, &V3).unwrap();
        let rows = new.load("a").unwrap();
        assert_eq!(
            rows,
            vec![
                ("x".into(), r#"{"count":1}"#.into()),
                ("y".into(), r#"{"other":2}"#.into())
            ]
        );
        drop(new);
        // Now at version 3: opening again changes nothing, and version 2 is refused as older.
        let again = SqliteStore::open(&path, &V3).unwrap();
        assert_eq!(again.load("a").unwrap(), rows);
        drop(again);
        let err = SqliteStore::open(&path, &V2).err().unwrap().to_string();
        assert!(err.contains("newer"), "{err}");
    }

    #[test]
    fn a_version_without_a_migration_is_refused_and_left_as_it_was() {
        let path = temp("nomigration");
        drop(
            SqliteStore::open(
                &path,
                &Schema {
                    version: 1,
                    migrations: &[],
                },
            )
            .unwrap(),
        );
        let err = SqliteStore::open(&path, &V3).err().unwrap().to_string();
        assert!(
            err.contains("older appliance-sandbox (schema version 1)"),
            "{err}"
        );
        let conn = Connection::open(&path).unwrap();
        let v: String = conn
            .query_row(
                "SELECT value FROM meta WHERE key = 'schema_version'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(v, "1");
    }

    #[cfg(unix)]
    #[test]
    fn a_new_file_and_its_wal_are_readable_by_their_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        let path = temp("private");
        let store = SqliteStore::open(&path, &V2).unwrap();
        store.commit(&[put("x", "1")]).unwrap();
        for suffix in ["", "-wal", "-shm"] {
            let file = format!("{}{suffix}", path.display());
            let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{file} is {mode:o}");
        }
    }
}
