//! Tables that keep only their newest rows (task reports, uploads): each row carries the number
//! it was stored under, in order, and the oldest go first.

use serde::de::DeserializeOwned;
use serde::Serialize;

use super::Table;

/// A row numbered in the order rows were stored.
pub trait Sequenced {
    fn seq(&self) -> u64;
}

impl<V: Sequenced + Clone + Serialize + DeserializeOwned> Table<V> {
    /// The number the next row takes: one past the highest kept.
    pub fn next_seq(&self) -> u64 {
        self.values().map(Sequenced::seq).max().unwrap_or(0) + 1
    }

    /// Appends the row `make` builds from the next number, keyed by that number zero-padded (so
    /// key order is number order), then drops the first rows beyond `limit`: O(log n), where
    /// [`next_seq`](Self::next_seq) and [`drop_oldest`](Self::drop_oldest) scan. For tables
    /// written only this way (logs).
    pub fn push_numbered(&mut self, make: impl FnOnce(u64) -> V, limit: usize) {
        let seq = self
            .page(self.len().saturating_sub(1), 1)
            .first()
            .map_or(1, |last| last.seq() + 1);
        self.insert(format!("{seq:020}"), make(seq));
        while self.len() > limit {
            let Some(first) = self.page(0, 1).first().map(|r| r.seq()) else {
                break;
            };
            self.remove(&format!("{first:020}"));
        }
    }

    /// Drops the oldest rows, never `keep`, until at most `limit` are left (or only `keep`).
    pub fn drop_oldest(&mut self, limit: usize, keep: Option<&str>) {
        while self.len() > limit {
            let oldest = self
                .iter()
                .filter(|(k, _)| Some(*k) != keep)
                .min_by_key(|(_, v)| v.seq())
                .map(|(k, _)| k.to_string());
            match oldest {
                Some(k) => self.remove(&k),
                None => break,
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, serde::Serialize, serde::Deserialize)]
    struct Row(u64);

    impl Sequenced for Row {
        fn seq(&self) -> u64 {
            self.0
        }
    }

    #[test]
    fn the_oldest_rows_go_first_and_the_kept_one_never() {
        let mut t: Table<Row> = Table::new("test.rows");
        assert_eq!(t.next_seq(), 1);
        for _ in 0..5 {
            let n = t.next_seq();
            t.insert(format!("r{n}"), Row(n));
        }
        t.drop_oldest(3, Some("r1"));
        let mut left: Vec<u64> = t.values().map(|r| r.0).collect();
        left.sort();
        assert_eq!(left, [1, 4, 5]);
        assert_eq!(t.next_seq(), 6);
        t.drop_oldest(0, Some("r1"));
        assert_eq!(t.values().map(|r| r.0).collect::<Vec<_>>(), [1]);
    }
}
