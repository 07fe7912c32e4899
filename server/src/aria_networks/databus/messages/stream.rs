//! Messages in key order, as streams a page is merged from. What is few is listed (heartbeats,
//! problems, inventory and flows: a message per 100 entities, ten thousand at a million
//! flows). Metrics are not: a message per metric, batch of
//! entities and five minutes is tens of millions a month at 100,000 VMs, so each metrics
//! stream counts and builds its messages by arithmetic, and a page costs the same at any size.

use std::sync::Arc;

use crate::aria_networks::inventory::Kind;
use crate::aria_networks::metrics::MetricDef;

use super::BATCH;

/// How often metrics are posted, seconds: each interval's values once it has ended (the
/// finest interval the metrics API answers).
pub const METRIC_SECS: i64 = 300;

/// Where a message stands among all: by time, subscriber, then its place among that
/// subscriber's messages of that time. Unique, and only ever followed by later messages as
/// the clock moves, so a cursor holding the last one served never repeats or skips one.
pub type Key = (i64, u64, u64, String);

/// What a message will say, before it is built.
#[derive(Debug, Clone)]
pub enum Body {
    Heartbeat,
    Problem {
        id: String,
        open: bool,
    },
    /// Entities `start..end` of `of`.
    Inventory {
        kind: Kind,
        of: Arc<Vec<usize>>,
        start: usize,
        end: usize,
    },
    /// An application made, changed or removed (`status`).
    Application {
        id: String,
        name: String,
        status: String,
    },
    /// `def` of entities `start..end` of `of` over `[t0, t0 + METRIC_SECS)`.
    Metric {
        kind: Kind,
        def: &'static MetricDef,
        of: Arc<Vec<usize>>,
        start: usize,
        end: usize,
        t0: i64,
    },
}

#[derive(Debug, Clone)]
pub struct Due {
    pub key: Key,
    /// Its subscriber's place in the subscribers read.
    pub subscriber: usize,
    pub body: Body,
}

/// One subscriber's metrics of one entity kind on one device: at each posting time from
/// `first`, a message per metric and batch of `of`.
#[derive(Debug, Clone)]
pub struct MetricStream {
    pub subscriber: usize,
    pub seq: u64,
    pub kind: Kind,
    pub defs: &'static [MetricDef],
    pub of: Arc<Vec<usize>>,
    /// The order of its first message at each time; the rest follow it.
    pub order_base: u64,
    /// The first posting time, and how many there are.
    pub first: i64,
    pub times: i64,
}

impl MetricStream {
    fn batches(&self) -> usize {
        self.of.len().div_ceil(BATCH)
    }

    /// Messages at each posting time.
    fn per_time(&self) -> usize {
        self.defs.len() * self.batches()
    }

    fn len(&self) -> usize {
        self.per_time() * self.times.max(0) as usize
    }

    /// How many of its messages have a key at or before `k`.
    fn count_through(&self, k: &Key) -> usize {
        let (at, seq, order, _) = k;
        let per = self.per_time();
        if per == 0 || self.times <= 0 {
            return 0;
        }
        // Posting times before `at`, then those at `at` whose key is not after `k` (their tie
        // is empty, so not after any tie).
        // A cursor is the caller's: any `at` at all.
        let since = at.saturating_sub(self.first);
        let before = if since <= 0 {
            0
        } else {
            (since / METRIC_SECS + i64::from(since % METRIC_SECS != 0)).min(self.times) as usize
        };
        let at_time = since >= 0 && since % METRIC_SECS == 0 && (before as i64) < self.times;
        let same = match (at_time, self.seq.cmp(seq)) {
            (false, _) | (true, std::cmp::Ordering::Greater) => 0,
            (true, std::cmp::Ordering::Less) => per,
            (true, std::cmp::Ordering::Equal) if *order < self.order_base => 0,
            (true, std::cmp::Ordering::Equal) => ((order - self.order_base) as usize)
                .saturating_add(1)
                .min(per),
        };
        before * per + same
    }

    fn get(&self, i: usize) -> Due {
        let (per, batches) = (self.per_time(), self.batches());
        let (time, r) = (i / per, i % per);
        let at = self.first + time as i64 * METRIC_SECS;
        let (metric, batch) = (r / batches, r % batches);
        let start = batch * BATCH;
        Due {
            key: (at, self.seq, self.order_base + r as u64, String::new()),
            subscriber: self.subscriber,
            body: Body::Metric {
                kind: self.kind,
                def: &self.defs[metric],
                of: self.of.clone(),
                start,
                end: (start + BATCH).min(self.of.len()),
                t0: at - METRIC_SECS,
            },
        }
    }
}

pub enum Stream {
    /// Sorted by key.
    Listed(Vec<Due>),
    Metrics(MetricStream),
}

impl Stream {
    fn len(&self) -> usize {
        match self {
            Stream::Listed(v) => v.len(),
            Stream::Metrics(m) => m.len(),
        }
    }

    fn count_through(&self, k: &Key) -> usize {
        match self {
            Stream::Listed(v) => v.partition_point(|d| &d.key <= k),
            Stream::Metrics(m) => m.count_through(k),
        }
    }

    fn get(&self, i: usize) -> Due {
        match self {
            Stream::Listed(v) => v[i].clone(),
            Stream::Metrics(m) => m.get(i),
        }
    }
}

/// The first `size` messages after `after` among all streams, in key order, and how many
/// messages there are in all.
pub fn page(streams: &[Stream], after: Option<&Key>, size: usize) -> (Vec<Due>, usize) {
    let total = streams.iter().map(Stream::len).sum();
    let mut next: Vec<usize> = (streams.iter())
        .map(|s| after.map_or(0, |k| s.count_through(k)))
        .collect();
    let mut heads: Vec<Option<Due>> = (streams.iter().zip(&next))
        .map(|(s, &i)| (i < s.len()).then(|| s.get(i)))
        .collect();
    let mut out = Vec::with_capacity(size);
    while out.len() < size {
        let least = (heads.iter().enumerate())
            .filter_map(|(i, h)| h.as_ref().map(|d| (i, &d.key)))
            .min_by(|a, b| a.1.cmp(b.1))
            .map(|(i, _)| i);
        let Some(i) = least else { break };
        next[i] += 1;
        let following = (next[i] < streams[i].len()).then(|| streams[i].get(next[i]));
        out.extend(std::mem::replace(&mut heads[i], following));
    }
    (out, total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aria_networks::metrics::MetricDef;

    fn stream(defs: &'static [MetricDef], entities: usize, times: i64) -> MetricStream {
        MetricStream {
            subscriber: 0,
            seq: 3,
            kind: Kind::Vm,
            defs,
            of: Arc::new((0..entities).collect()),
            order_base: 1 << 40,
            first: 600,
            times,
        }
    }

    /// The arithmetic agrees with listing every message and counting.
    #[test]
    fn metric_streams_count_as_their_listing_does() {
        let defs = crate::aria_networks::Aria::metric_defs(Kind::Vm);
        let m = stream(defs, 250, 4);
        let all: Vec<Due> = (0..m.len()).map(|i| m.get(i)).collect();
        assert_eq!(all.len(), defs.len() * 3 * 4);
        assert!(all.windows(2).all(|w| w[0].key < w[1].key));
        let mut probes: Vec<Key> = all.iter().map(|d| d.key.clone()).collect();
        for (at, seq, order) in [(0, 3, 0), (600, 2, u64::MAX), (600, 4, 0), (900, 3, 5)] {
            probes.push((at, seq, order, String::new()));
        }
        probes.push((750, 3, 1 << 40, "x".into()));
        probes.push((99_999, 0, 0, String::new()));
        probes.push((i64::MIN, 0, 0, String::new()));
        probes.push((i64::MAX, u64::MAX, u64::MAX, String::new()));
        for k in probes {
            let listed = all.iter().filter(|d| d.key <= k).count();
            assert_eq!(m.count_through(&k), listed, "{k:?}");
        }
        let listed = Stream::Listed(all.clone());
        let (first, total) = page(&[Stream::Metrics(m.clone()), listed], Some(&all[4].key), 3);
        assert_eq!(total, 2 * all.len());
        let keys: Vec<&Key> = first.iter().map(|d| &d.key).collect();
        assert_eq!(keys, [&all[5].key, &all[5].key, &all[6].key]);
    }
}
