//! One transaction per request over the in-memory tables and the [`StateStore`] behind them.

use std::sync::Arc;

use tokio::sync::{RwLock, RwLockReadGuard};

use super::{Journaled, StateStore, StoreError};

/// The state `S` and the store it commits to. `S` may be a trait object: each API holds the
/// sandbox's one database as `Database<dyn ItsState>`, a view of the tables it may touch, so that
/// no API names the type that gathers them all.
pub struct Database<S: ?Sized> {
    store: Arc<dyn StateStore>,
    state: RwLock<S>,
}

impl<S: Journaled + Send + Sync> Database<S> {
    /// Wraps state already loaded from `store`.
    pub fn new(state: S, store: Arc<dyn StateStore>) -> Self {
        Self {
            store,
            state: RwLock::new(state),
        }
    }
}

impl<S: Journaled + Send + Sync + ?Sized> Database<S> {
    pub fn durable(&self) -> bool {
        self.store.durable()
    }

    pub async fn read(&self) -> RwLockReadGuard<'_, S> {
        self.state.read().await
    }

    /// Runs `f` on the state as one transaction: if `f` fails, or the store cannot commit what
    /// it changed, every change is undone and nobody has seen it; otherwise all of it is
    /// committed before anyone else can read it.
    ///
    /// Nothing after the lock is taken awaits, so a cancelled request cannot leave a
    /// transaction half-done. A durable commit (fsync) runs with `block_in_place` on the
    /// multi-threaded runtime, so that it never stalls an async worker.
    pub async fn write<R, E: From<StoreError>>(
        &self,
        f: impl FnOnce(&mut S) -> Result<R, E>,
    ) -> Result<R, E> {
        let mut state = self.state.write().await;
        self.transact(&mut state, f)
    }

    /// [`write`](Self::write) outside any runtime, while nothing else holds the database (at
    /// start-up); fails if something does.
    pub fn write_now<R, E: From<StoreError>>(
        &self,
        f: impl FnOnce(&mut S) -> Result<R, E>,
    ) -> Result<R, E> {
        let mut state = self
            .state
            .try_write()
            .map_err(|_| StoreError::Other("the state is in use".into()))?;
        self.transact(&mut state, f)
    }

    fn transact<R, E: From<StoreError>>(
        &self,
        state: &mut S,
        f: impl FnOnce(&mut S) -> Result<R, E>,
    ) -> Result<R, E> {
        let result = f(state);
        let value = match result {
            Ok(v) => v,
            Err(e) => {
                state.rollback();
                return Err(e);
            }
        };
        let mut changes = Vec::new();
        let committed = state
            .changes(&mut changes)
            .and_then(|()| self.commit(&changes));
        match committed {
            Ok(()) => {
                state.settle();
                Ok(value)
            }
            Err(e) => {
                tracing::error!(error = %e, "a change could not be saved; it was undone");
                state.rollback();
                Err(e.into())
            }
        }
    }

    fn commit(&self, changes: &[super::Change]) -> Result<(), StoreError> {
        if changes.is_empty() {
            return Ok(());
        }
        let multi_thread = tokio::runtime::Handle::try_current()
            .is_ok_and(|h| h.runtime_flavor() == tokio::runtime::RuntimeFlavor::MultiThread);
        if self.store.durable() && multi_thread {
            tokio::task::block_in_place(|| self.store.commit(changes))
        } else {
            self.store.commit(changes)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Change, MemoryStore, Table};
    use super::*;

    struct Counters {
        n: Table<u64>,
    }
    crate::journaled!(Counters { n });

    fn open(store: Arc<dyn StateStore>) -> Database<Counters> {
        let mut n = Table::new("n");
        n.load(&*store).unwrap();
        Database::new(Counters { n }, store)
    }

    /// Commits slowly, taking a varying time, so that writers not serialised by the lock would
    /// overtake each other and store stale values.
    struct SlowStore(
        Arc<MemoryStore>,
        std::sync::atomic::AtomicU64,
        std::sync::Mutex<Vec<String>>,
    );
    impl StateStore for SlowStore {
        fn load(&self, t: &str) -> Result<Vec<(String, String)>, StoreError> {
            self.0.load(t)
        }
        fn commit(&self, c: &[Change]) -> Result<(), StoreError> {
            let n = self.1.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            std::thread::sleep(std::time::Duration::from_micros(n * 7919 % 200));
            let mut seen = self.2.lock().unwrap();
            for change in c {
                if let Change::Put { value, .. } = change {
                    seen.push(value.clone());
                }
            }
            self.0.commit(c)
        }
        fn durable(&self) -> bool {
            true
        }
    }

    struct FailingStore;
    impl StateStore for FailingStore {
        fn load(&self, _: &str) -> Result<Vec<(String, String)>, StoreError> {
            Ok(vec![])
        }
        fn commit(&self, _: &[Change]) -> Result<(), StoreError> {
            Err(StoreError::Other("disk full".into()))
        }
        fn durable(&self) -> bool {
            true
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn concurrent_writes_lose_nothing() {
        let memory = MemoryStore::new();
        let slow = Arc::new(SlowStore(
            memory.clone(),
            Default::default(),
            Default::default(),
        ));
        let db = Arc::new(open(slow.clone()));
        let tasks: Vec<_> = (0..8)
            .map(|_| {
                let db = db.clone();
                tokio::spawn(async move {
                    for _ in 0..100 {
                        db.write(|s| {
                            let n = s.n.get("n").copied().unwrap_or(0);
                            s.n.insert("n".into(), n + 1);
                            Ok::<_, StoreError>(())
                        })
                        .await
                        .unwrap();
                    }
                })
            })
            .collect();
        for t in tasks {
            t.await.unwrap();
        }
        assert_eq!(db.read().await.n.get("n"), Some(&800));
        // The store received every transaction once, in order: no commit overtook another.
        let seen = slow.2.lock().unwrap().clone();
        let expected: Vec<String> = (1..=800).map(|i| i.to_string()).collect();
        assert!(
            seen == expected,
            "commits out of order or lost: {:?}...",
            &seen[..20.min(seen.len())]
        );
        assert_eq!(open(memory).read().await.n.get("n"), Some(&800));
    }

    #[tokio::test]
    async fn a_failed_commit_changes_nothing() {
        let db = open(Arc::new(FailingStore));
        let r = db
            .write(|s| {
                s.n.insert("a".into(), 1);
                s.n.insert("b".into(), 2);
                Ok::<_, StoreError>(())
            })
            .await;
        assert!(r.is_err());
        assert!(db.read().await.n.is_empty());
    }

    #[tokio::test]
    async fn a_refused_change_is_undone_and_not_stored() {
        let memory = MemoryStore::new();
        let db = open(memory.clone());
        let r: Result<(), StoreError> = db
            .write(|s| {
                s.n.insert("a".into(), 1);
                Err(StoreError::Other("refused".into()))
            })
            .await;
        assert!(r.is_err());
        assert!(db.read().await.n.is_empty());
        assert!(memory.load("n").unwrap().is_empty());
    }
}
