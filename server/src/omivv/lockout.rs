//! The lockout rule: after N consecutive failed logins an account is locked for a while, and a
//! locked account's sessions stop working too.

use super::tables::Lockout;

#[derive(Debug, Clone, Copy)]
pub struct LockoutPolicy {
    pub failures_before_lockout: u32,
    pub lockout_ms: i64,
}

impl LockoutPolicy {
    /// Seconds left (rounded up) if the account is locked at `now_ms`.
    pub fn locked_for(&self, lock: Option<&Lockout>, now_ms: i64) -> Option<i64> {
        let until = lock?.locked_until_ms;
        (until > now_ms).then(|| (until - now_ms + 999) / 1000)
    }

    /// Counts a failed login; locks the account when it reaches the limit.
    pub fn failed(&self, lock: &mut Lockout, now_ms: i64) {
        lock.consecutive_failures += 1;
        if lock.consecutive_failures >= self.failures_before_lockout {
            lock.consecutive_failures = 0;
            lock.locked_until_ms = now_ms + self.lockout_ms;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locks_after_the_limit_and_for_the_period() {
        let p = LockoutPolicy {
            failures_before_lockout: 3,
            lockout_ms: 60_000,
        };
        let mut l = Lockout::default();
        p.failed(&mut l, 0);
        p.failed(&mut l, 0);
        assert_eq!(p.locked_for(Some(&l), 0), None);
        p.failed(&mut l, 1000);
        assert_eq!(p.locked_for(Some(&l), 1000), Some(60));
        assert_eq!(p.locked_for(Some(&l), 60_500), Some(1));
        assert_eq!(p.locked_for(Some(&l), 61_000), None);
    }
}
