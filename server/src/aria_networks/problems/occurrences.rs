//! Where and when each problem happens: read off the world and the clock, never stored, so a
//! problem's id names what it is about and when it opened, and reading it back recomputes it.
//!
//! - A host whose configured health is warning or critical has a problem from the first poll of
//!   the vCenter data source that collects its vCenter, open while one does.
//! - A VM whose CPU usage (the metrics' `cpu.usage.rate.average.percent`) averages over the
//!   threshold for a run of whole [`CPU_STEP`] intervals has one problem per run, from the run's
//!   first interval to the end of its last; open while the run lasts. Runs are kept for
//!   [`RETENTION`].

use super::kinds::{ProblemKind, CPU_STEP, CPU_THRESHOLD};
use crate::aria_networks::data_sources::health::FIRST_POLL_SECS;
use crate::aria_networks::Aria;
use crate::world::HostHealth;

const DAY: i64 = 86_400;
/// How far back problems are kept (a VM's CPU runs older than this are not answered).
pub const RETENTION: i64 = 30 * DAY;
/// Subjects per id key: an id's number is `key << SUBJECT_BITS | subject`.
const SUBJECT_BITS: u32 = 24;

/// One problem.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Problem {
    pub kind: ProblemKind,
    /// The host or VM it is about (an index into the workload's list).
    pub subject: usize,
    /// Epoch seconds.
    pub opened: i64,
    pub closed: Option<i64>,
    /// The highest CPU usage of the run, for a VM's.
    pub peak: f64,
}

impl Problem {
    /// `18230:<kind code>:<number>`, the number naming the subject and when it opened.
    pub fn id(&self) -> String {
        let key = match self.kind {
            ProblemKind::VmCpuHigh => self.opened / CPU_STEP,
            ProblemKind::HostCritical | ProblemKind::HostWarning => self.opened,
        };
        let n = (key as u64) << SUBJECT_BITS | self.subject as u64;
        format!("18230:{}:{n}", self.kind.code())
    }
}

/// What an id names: a kind, a subject and the key of when it opened.
fn parse_id(id: &str) -> Option<(ProblemKind, usize, i64)> {
    let mut parts = id.split(':');
    let (customer, code, n) = (parts.next()?, parts.next()?, parts.next()?);
    if customer != "18230" || parts.next().is_some() {
        return None;
    }
    let kind = ProblemKind::from_code(code.parse().ok()?)?;
    let n: u64 = n.parse().ok()?;
    let subject = (n & ((1 << SUBJECT_BITS) - 1)) as usize;
    Some((kind, subject, i64::try_from(n >> SUBJECT_BITS).ok()?))
}

impl Aria {
    /// Every problem open at some time in `[start, end]` (an instant when they are equal), in
    /// no particular order.
    pub(super) async fn occurrences(&self, start: i64, end: i64) -> Vec<Problem> {
        let now = self.clock.now_secs();
        let starts = self.collection_starts().await;
        let mut out = self.host_problems(&starts, now);
        let inv = &self.inventory;
        for &v in self.vms_that_can_exceed(CPU_THRESHOLD) {
            if starts[inv.workload.vms[v].place.vcenter].is_some() {
                out.extend(self.cpu_runs(v, start, end, now));
            }
        }
        out.retain(|p| p.opened <= end && p.closed.is_none_or(|c| c > start));
        out
    }

    fn host_problems(&self, starts: &[Option<i64>], now: i64) -> Vec<Problem> {
        let hosts = &self.inventory.workload.hosts;
        let mut out = Vec::new();
        for (h, (place, host)) in hosts.iter().enumerate() {
            let kind = match host.config.health {
                HostHealth::Healthy => continue,
                HostHealth::Warning => ProblemKind::HostWarning,
                HostHealth::Critical => ProblemKind::HostCritical,
            };
            let Some(since) = starts[place.vcenter] else {
                continue;
            };
            let opened = since + FIRST_POLL_SECS;
            if opened <= now {
                out.push(Problem {
                    kind,
                    subject: h,
                    opened,
                    closed: None,
                    peak: 0.0,
                });
            }
        }
        out
    }

    /// Whether VM `v`'s CPU usage over interval `b` (of [`CPU_STEP`] seconds) is over the
    /// threshold.
    fn hot(&self, v: usize, b: i64) -> bool {
        self.vm_cpu(v, b * CPU_STEP, CPU_STEP) > CPU_THRESHOLD
    }

    /// The run of hot intervals starting at interval `b`, if one starts there and `b` has ended.
    fn run_at(&self, v: usize, b: i64, now: i64) -> Option<Problem> {
        let ended = |b: i64| (b + 1) * CPU_STEP <= now;
        if !ended(b) || !self.hot(v, b) || self.hot(v, b - 1) {
            return None;
        }
        let mut last = b;
        let mut peak = self.vm_cpu(v, b * CPU_STEP, CPU_STEP);
        let mut closed = None;
        loop {
            let next = last + 1;
            if !ended(next) {
                break;
            }
            if !self.hot(v, next) {
                closed = Some(next * CPU_STEP);
                break;
            }
            peak = peak.max(self.vm_cpu(v, next * CPU_STEP, CPU_STEP));
            last = next;
        }
        Some(Problem {
            kind: ProblemKind::VmCpuHigh,
            subject: v,
            opened: b * CPU_STEP,
            closed,
            peak,
        })
    }

    /// VM `v`'s runs that start by `end` and may reach `start` (a run lasts less than a day:
    /// the daily curve falls below half its mean every day).
    fn cpu_runs(&self, v: usize, start: i64, end: i64, now: i64) -> Vec<Problem> {
        // Only what the appliance keeps: a run ends within RETENTION of now.
        let start = start.max(now - RETENTION);
        let first = (start - DAY).div_euclid(CPU_STEP);
        let last = end.min(now).div_euclid(CPU_STEP);
        (first..=last)
            .filter_map(|b| self.run_at(v, b, now))
            .collect()
    }

    /// The problem `id` names, if it exists now and its subject is collected.
    pub(super) async fn occurrence(&self, id: &str) -> Option<Problem> {
        let starts = self.collection_starts().await;
        self.occurrence_among(id, &starts, self.clock.now_secs())
    }

    /// The problem `id` names, given each vCenter's start of collection (read once for a
    /// batch of ids).
    pub(super) fn occurrence_among(
        &self,
        id: &str,
        starts: &[Option<i64>],
        now: i64,
    ) -> Option<Problem> {
        let (kind, subject, key) = parse_id(id)?;
        let inv = &self.inventory;
        let found = match kind {
            ProblemKind::VmCpuHigh => {
                let vm = inv.workload.vms.get(subject)?;
                starts[vm.place.vcenter]?;
                let kept = |p: &Problem| p.closed.is_none_or(|c| c > now - RETENTION);
                self.run_at(subject, key, now).filter(kept)
            }
            ProblemKind::HostCritical | ProblemKind::HostWarning => {
                let mut hosts = self.host_problems(starts, now).into_iter();
                hosts.find(|p| p.subject == subject && p.kind == kind)
            }
        }?;
        (found.id() == id).then_some(found)
    }
}
