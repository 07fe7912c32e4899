//! Where the sandbox keeps its state. Each component (OMIVV sessions, Aria settings, ...) holds
//! its working state in memory behind a lock and, on every change, hands a snapshot to a
//! [`StateStore`] before the change becomes visible or the response is sent. `MemoryStore`
//! keeps the snapshots in the process; `SqliteStore` commits them to an SQLite file (`--db`).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use serde::de::DeserializeOwned;
use serde::Serialize;

mod sqlite;

pub use sqlite::{SqliteStore, SCHEMA_VERSION};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Database(#[from] rusqlite::Error),
    #[error("stored state of {component} is unreadable: {source}")]
    Corrupt {
        component: String,
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
    #[error("{0}")]
    Other(String),
}

/// Durable (or not) storage of component snapshots.
pub trait StateStore: Send + Sync {
    /// The last snapshot saved for `component`, if any.
    fn load(&self, component: &str) -> Result<Option<String>, StoreError>;
    /// Replaces `component`'s snapshot; when this returns, the snapshot is committed.
    fn save(&self, component: &str, snapshot: &str) -> Result<(), StoreError>;
    /// Whether snapshots outlive the process.
    fn durable(&self) -> bool;
}

/// Snapshots kept in the process: state survives a `Sandbox` being rebuilt on the same store,
/// not a restart.
#[derive(Default)]
pub struct MemoryStore {
    snapshots: Mutex<HashMap<String, String>>,
}

impl MemoryStore {
    pub fn new() -> Arc<Self> {
        Arc::new(Self::default())
    }
}

impl StateStore for MemoryStore {
    fn load(&self, component: &str) -> Result<Option<String>, StoreError> {
        Ok(self.snapshots.lock().unwrap().get(component).cloned())
    }

    fn save(&self, component: &str, snapshot: &str) -> Result<(), StoreError> {
        self.snapshots
            .lock()
            .unwrap()
            .insert(component.to_string(), snapshot.to_string());
        Ok(())
    }

    fn durable(&self) -> bool {
        false
    }
}

/// A component's state: read under a lock, changed only through [`Persisted::write`], which
/// saves the new snapshot before releasing the lock, so concurrent writers never lose an update
/// and a failed save leaves the state as it was.
pub struct Persisted<T> {
    component: &'static str,
    store: Arc<dyn StateStore>,
    /// The state, and the snapshot last saved (to roll back to when a save fails).
    state: Mutex<(T, String)>,
}

impl<T: Serialize + DeserializeOwned + Default> Persisted<T> {
    /// Loads the component's last snapshot, or starts from `T::default()`.
    pub fn open(component: &'static str, store: Arc<dyn StateStore>) -> Result<Self, StoreError> {
        let (state, saved) = match store.load(component)? {
            Some(text) => {
                let state = serde_json::from_str(&text).map_err(|source| StoreError::Corrupt {
                    component: component.to_string(),
                    source,
                })?;
                (state, text)
            }
            None => {
                let state = T::default();
                let text =
                    serde_json::to_string(&state).map_err(|e| StoreError::Other(e.to_string()))?;
                (state, text)
            }
        };
        Ok(Self {
            component,
            store,
            state: Mutex::new((state, saved)),
        })
    }

    pub fn read<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        f(&self.state.lock().unwrap().0)
    }

    /// Applies `f`, saves the result, and only then lets others see it.
    pub fn write<R>(&self, f: impl FnOnce(&mut T) -> R) -> Result<R, StoreError> {
        let mut guard = self.state.lock().unwrap();
        let (state, saved) = &mut *guard;
        let result = f(state);
        let snapshot = serde_json::to_string(state).map_err(|e| StoreError::Other(e.to_string()));
        match snapshot.and_then(|s| self.store.save(self.component, &s).map(|()| s)) {
            Ok(s) => {
                *saved = s;
                Ok(result)
            }
            Err(e) => {
                // Back to what was last saved: nothing half-applied stays visible.
                if let Ok(previous) = serde_json::from_str(saved) {
                    *state = previous;
                }
                Err(e)
            }
        }
    }

    /// Changes that need not be durable (purging expired entries).
    pub fn tidy(&self, f: impl FnOnce(&mut T)) {
        f(&mut self.state.lock().unwrap().0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default, Clone, Serialize, serde::Deserialize)]
    struct Counter {
        n: u32,
    }

    struct FailingStore;
    impl StateStore for FailingStore {
        fn load(&self, _: &str) -> Result<Option<String>, StoreError> {
            Ok(None)
        }
        fn save(&self, _: &str, _: &str) -> Result<(), StoreError> {
            Err(StoreError::Other("disk full".into()))
        }
        fn durable(&self) -> bool {
            true
        }
    }

    #[test]
    fn writes_are_saved_and_reloaded() {
        let store = MemoryStore::new();
        let p = Persisted::<Counter>::open("c", store.clone()).unwrap();
        p.write(|c| c.n += 2).unwrap();
        let again = Persisted::<Counter>::open("c", store).unwrap();
        assert_eq!(again.read(|c| c.n), 2);
    }

    #[test]
    fn a_failed_save_changes_nothing() {
        let p = Persisted::<Counter>::open("c", Arc::new(FailingStore)).unwrap();
        assert!(p.write(|c| c.n += 1).is_err());
        assert_eq!(p.read(|c| c.n), 0);
    }

    #[test]
    fn concurrent_writers_lose_nothing() {
        let p = Arc::new(Persisted::<Counter>::open("c", MemoryStore::new()).unwrap());
        let threads: Vec<_> = (0..8)
            .map(|_| {
                let p = p.clone();
                std::thread::spawn(move || {
                    for _ in 0..250 {
                        p.write(|c| c.n += 1).unwrap();
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        assert_eq!(p.read(|c| c.n), 2000);
    }
}
