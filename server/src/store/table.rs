//! A table of rows keyed by string, kept in key order with O(log n) access by position (so that
//! a page at any offset costs its size), recording what each change replaced until the
//! transaction settles or rolls back.

use std::collections::{BTreeSet, HashMap, HashSet};

use serde::de::DeserializeOwned;
use serde::Serialize;

use super::{Change, StateStore, StoreError};

/// What a transaction needs from a set of tables.
pub trait Journaled {
    /// Reads every stored row.
    fn load(&mut self, store: &dyn StateStore) -> Result<(), StoreError>;
    /// The rows changed since the last settle, as the store should write them.
    fn changes(&self, out: &mut Vec<Change>) -> Result<(), StoreError>;
    /// The changes are committed: forget how to undo them.
    fn settle(&mut self);
    /// Puts back every row changed since the last settle.
    fn rollback(&mut self);
    /// Whether anything changed since the last settle.
    fn changed(&self) -> bool;
}

/// A secondary index: the keys of the rows that share a derived value (a token's principal).
struct Index<V> {
    of: fn(&V) -> String,
    keys: HashMap<String, BTreeSet<String>>,
}

pub struct Table<V> {
    name: &'static str,
    rows: indexset::BTreeMap<String, V>,
    /// (key, the value it had before) for every change since the last settle, oldest first.
    undo: Vec<(String, Option<V>)>,
    index: Option<Index<V>>,
}

impl<V: Clone + Serialize + DeserializeOwned> Table<V> {
    pub fn new(name: &'static str) -> Self {
        Self {
            name,
            rows: indexset::BTreeMap::new(),
            undo: Vec::new(),
            index: None,
        }
    }

    /// A table that can also list its keys by `of(row)`.
    pub fn indexed(name: &'static str, of: fn(&V) -> String) -> Self {
        let mut t = Self::new(name);
        t.index = Some(Index {
            of,
            keys: HashMap::new(),
        });
        t
    }

    pub fn name(&self) -> &'static str {
        self.name
    }

    fn load_rows(&mut self, store: &dyn StateStore) -> Result<(), StoreError> {
        for (key, text) in store.load(self.name)? {
            let value = serde_json::from_str(&text).map_err(|source| StoreError::Corrupt {
                table: self.name.to_string(),
                key: key.clone(),
                source,
            })?;
            self.raw_put(key, value);
        }
        Ok(())
    }

    pub fn get(&self, key: &str) -> Option<&V> {
        self.rows.get(key)
    }

    pub fn contains(&self, key: &str) -> bool {
        self.rows.contains_key(key)
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.len() == 0
    }

    /// Rows `offset..offset + size` in key order; O(log n + size).
    pub fn page(&self, offset: usize, size: usize) -> Vec<&V> {
        let end = offset.saturating_add(size).min(self.rows.len());
        if offset >= end {
            return Vec::new();
        }
        self.rows.range_idx(offset..end).map(|(_, v)| v).collect()
    }

    /// Every (key, row), in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &V)> {
        self.rows.iter().map(|(k, v)| (k.as_str(), v))
    }

    pub fn values(&self) -> impl DoubleEndedIterator<Item = &V> {
        self.rows.iter().map(|(_, v)| v)
    }

    /// The keys of the rows whose index value is `value` (empty for a table without an index).
    pub fn keys_where(&self, value: &str) -> Vec<String> {
        self.index
            .as_ref()
            .and_then(|i| i.keys.get(value))
            .map(|keys| keys.iter().cloned().collect())
            .unwrap_or_default()
    }

    pub fn insert(&mut self, key: String, value: V) -> Option<V> {
        let old = self.raw_put(key.clone(), value);
        self.undo.push((key, old.clone()));
        old
    }

    pub fn remove(&mut self, key: &str) -> Option<V> {
        let old = self.raw_remove(key)?;
        self.undo.push((key.to_string(), Some(old.clone())));
        Some(old)
    }

    /// Changes one row in place; `None` when there is no such row.
    pub fn update<R>(&mut self, key: &str, f: impl FnOnce(&mut V) -> R) -> Option<R> {
        let mut value = self.rows.get(key)?.clone();
        let r = f(&mut value);
        self.insert(key.to_string(), value);
        Some(r)
    }

    /// Removes every row for which `keep` is false (a scan: for bulk changes only).
    pub fn retain(&mut self, mut keep: impl FnMut(&V) -> bool) {
        let doomed: Vec<String> = self
            .rows
            .iter()
            .filter(|(_, v)| !keep(v))
            .map(|(k, _)| k.clone())
            .collect();
        for key in doomed {
            self.remove(&key);
        }
    }

    pub fn clear(&mut self) {
        self.retain(|_| false);
    }

    fn raw_put(&mut self, key: String, value: V) -> Option<V> {
        if let Some(index) = &mut self.index {
            index
                .keys
                .entry((index.of)(&value))
                .or_default()
                .insert(key.clone());
        }
        let old = self.rows.insert(key.clone(), value);
        if let (Some(index), Some(old)) = (&mut self.index, &old) {
            let old_value = (index.of)(old);
            let new_value = (index.of)(self.rows.get(&key).expect("just inserted"));
            if old_value != new_value {
                index.unlink(&old_value, &key);
            }
        }
        old
    }

    fn raw_remove(&mut self, key: &str) -> Option<V> {
        let old = self.rows.remove(key)?;
        if let Some(index) = &mut self.index {
            index.unlink(&(index.of)(&old), key);
        }
        Some(old)
    }
}

impl<V> Index<V> {
    fn unlink(&mut self, value: &str, key: &str) {
        if let Some(keys) = self.keys.get_mut(value) {
            keys.remove(key);
            if keys.is_empty() {
                self.keys.remove(value);
            }
        }
    }
}

impl<V: Clone + Serialize + DeserializeOwned> Journaled for Table<V> {
    fn load(&mut self, store: &dyn StateStore) -> Result<(), StoreError> {
        self.load_rows(store)
    }

    fn changes(&self, out: &mut Vec<Change>) -> Result<(), StoreError> {
        let mut seen = HashSet::new();
        for (key, _) in self.undo.iter().rev() {
            if !seen.insert(key.as_str()) {
                continue;
            }
            out.push(match self.rows.get(key) {
                Some(v) => Change::Put {
                    table: self.name,
                    key: key.clone(),
                    value: serde_json::to_string(v)
                        .map_err(|e| StoreError::Other(e.to_string()))?,
                },
                None => Change::Delete {
                    table: self.name,
                    key: key.clone(),
                },
            });
        }
        Ok(())
    }

    fn settle(&mut self) {
        self.undo.clear();
    }

    fn changed(&self) -> bool {
        !self.undo.is_empty()
    }

    fn rollback(&mut self) {
        while let Some((key, old)) = self.undo.pop() {
            match old {
                Some(v) => {
                    self.raw_put(key, v);
                }
                None => {
                    self.raw_remove(&key);
                }
            }
        }
    }
}

/// Implements [`Journaled`] for a struct by delegating to each of the named fields.
#[macro_export]
macro_rules! journaled {
    ($ty:ty { $($field:ident),* $(,)? }) => {
        impl $crate::store::Journaled for $ty {
            fn load(
                &mut self,
                store: &dyn $crate::store::StateStore,
            ) -> Result<(), $crate::store::StoreError> {
                $( $crate::store::Journaled::load(&mut self.$field, store)?; )*
                Ok(())
            }
            fn changes(
                &self,
                out: &mut Vec<$crate::store::Change>,
            ) -> Result<(), $crate::store::StoreError> {
                $( $crate::store::Journaled::changes(&self.$field, out)?; )*
                Ok(())
            }
            fn settle(&mut self) {
                $( $crate::store::Journaled::settle(&mut self.$field); )*
            }
            fn rollback(&mut self) {
                $( $crate::store::Journaled::rollback(&mut self.$field); )*
            }
            fn changed(&self) -> bool {
                false $( || $crate::store::Journaled::changed(&self.$field) )*
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rollback_restores_rows_and_index() {
        let mut t: Table<(String, u32)> = Table::indexed("t", |v| v.0.clone());
        t.insert("a".into(), ("p".into(), 1));
        t.settle();
        t.insert("b".into(), ("p".into(), 2));
        t.update("a", |v| v.0 = "q".into());
        t.remove("b");
        t.insert("c".into(), ("q".into(), 3));
        assert_eq!(t.keys_where("q"), vec!["a", "c"]);
        let mut changes = Vec::new();
        t.changes(&mut changes).unwrap();
        assert_eq!(changes.len(), 3, "{changes:?}");
        t.rollback();
        assert_eq!(t.len(), 1);
        assert_eq!(t.get("a").unwrap().0, "p");
        assert_eq!(t.keys_where("p"), vec!["a"]);
        assert!(t.keys_where("q").is_empty());
    }

    #[test]
    fn pages_by_position() {
        let mut t: Table<u32> = Table::new("t");
        for i in 0..2500u32 {
            t.insert(format!("k{i:05}"), i);
        }
        assert_eq!(t.page(0, 3), vec![&0, &1, &2]);
        assert_eq!(t.page(2498, 10), vec![&2498, &2499]);
        assert!(t.page(2500, 10).is_empty());
        assert!(Table::<u32>::new("e").page(0, 10).is_empty());
    }
}
