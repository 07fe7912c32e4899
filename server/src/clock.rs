//! The sandbox's notion of "now". Every expiry, lockout and rate-limit window reads this clock,
//! so tests (and the control API) can move time forward instead of sleeping.

use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

#[derive(Debug, Default)]
pub struct Clock {
    /// How far the sandbox's time is ahead of the wall clock, in milliseconds.
    offset_ms: AtomicI64,
}

impl Clock {
    pub fn new() -> Self {
        Self::default()
    }

    /// Milliseconds since the Unix epoch, sandbox time.
    pub fn now_ms(&self) -> i64 {
        let wall = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default()
            .as_millis() as i64;
        wall + self.offset_ms.load(Ordering::SeqCst)
    }

    /// Seconds since the Unix epoch, sandbox time.
    pub fn now_secs(&self) -> i64 {
        self.now_ms().div_euclid(1000)
    }

    /// Moves sandbox time forward. Time never goes backwards.
    pub fn advance(&self, by: Duration) {
        self.offset_ms.fetch_add(
            by.as_millis().min(i64::MAX as u128) as i64,
            Ordering::SeqCst,
        );
    }

    /// Back to wall-clock time.
    pub fn reset(&self) {
        self.offset_ms.store(0, Ordering::SeqCst);
    }

    pub fn offset_ms(&self) -> i64 {
        self.offset_ms.load(Ordering::SeqCst)
    }
}

/// RFC 3339 UTC timestamp (second precision) for epoch milliseconds, without a date crate.
pub fn rfc3339(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Civil-from-days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date (proleptic Gregorian), `None` if it is not one.
pub fn days_of_date(date: &str) -> Option<i64> {
    let mut parts = date.splitn(3, '-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let (y, m, d): (i64, i64, i64) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    // Days-from-civil (Howard Hinnant's algorithm), then a round trip to refuse 2021-02-30.
    let yy = if m <= 2 { y - 1 } else { y };
    let era = yy.div_euclid(400);
    let yoe = yy.rem_euclid(400);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let valid = (1..=12).contains(&m) && (1..=31).contains(&d);
    (valid && rfc3339(days * 86_400_000).starts_with(date)).then_some(days)
}

/// The `YYYY-MM-DD` date of an epoch-days count.
pub fn date_of_days(days: i64) -> String {
    rfc3339(days * 86_400_000)[..10].to_string()
}

/// Epoch milliseconds of `YYYY-MM-DDTHH:MM:SS`, with optional fractional seconds and a zone
/// (`Z`, `±HH:MM` or `±HHMM`; none is UTC, as Python's `isoformat()` of a naive time is read).
pub fn parse_date_time(text: &str) -> Option<i64> {
    let (date, rest) = text.split_once(['T', ' '])?;
    let days = days_of_date(date)?;
    let clock = rest.get(..8)?;
    let mut zone = &rest[8..];
    if let Some(fraction) = zone.strip_prefix('.') {
        let digits = fraction.chars().take_while(char::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        zone = &fraction[digits..];
    }
    let mut parts = clock.split(':');
    let mut field = |max: i64| -> Option<i64> {
        let v: i64 = parts.next()?.parse().ok()?;
        (0..=max).contains(&v).then_some(v)
    };
    let secs = field(23)? * 3600 + field(59)? * 60 + field(59)?;
    let offset = match zone {
        "" | "Z" | "z" => 0,
        _ => {
            let sign = match zone.get(..1)? {
                "+" => 1,
                "-" => -1,
                _ => return None,
            };
            let digits: String = zone[1..].chars().filter(|c| *c != ':').collect();
            if digits.len() != 4 {
                return None;
            }
            let h: i64 = digits[..2].parse().ok()?;
            let m: i64 = digits[2..].parse().ok()?;
            sign * (h * 3600 + m * 60)
        }
    };
    Some((days * 86_400 + secs - offset) * 1000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_times_are_read_with_their_offset_or_as_utc() {
        assert_eq!(parse_date_time("1970-01-01T00:00:10Z"), Some(10_000));
        assert_eq!(parse_date_time("1970-01-01T05:30:00+05:30"), Some(0));
        assert_eq!(parse_date_time("1970-01-01T00:00:00-0100"), Some(3_600_000));
        assert_eq!(parse_date_time("1970-01-01T00:00:01.250000"), Some(1_000));
        assert_eq!(parse_date_time("1970-01-01T00:00:00"), Some(0));
        for bad in [
            "1970-01-01",
            "1970-01-01T25:00:00Z",
            "1970-13-01T00:00:00Z",
            "1970-01-01T00:00:00.",
        ] {
            assert_eq!(parse_date_time(bad), None, "{bad}");
        }
    }

    #[test]
    fn dates_round_trip_and_impossible_ones_are_refused() {
        assert_eq!(days_of_date("1970-01-01"), Some(0));
        assert_eq!(days_of_date("2019-03-14"), Some(17_969));
        assert_eq!(date_of_days(17_969), "2019-03-14");
        assert_eq!(days_of_date("2024-02-29"), Some(19_782));
        for bad in ["2023-02-29", "2021-13-01", "2021-1-01", "20210101", "x"] {
            assert_eq!(days_of_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn formats_known_instants() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_552_600_841_923), "2019-03-14T22:00:41Z");
        assert_eq!(rfc3339(951_782_400_000), "2000-02-29T00:00:00Z");
    }

    #[test]
    fn advance_moves_now_forward() {
        let c = Clock::new();
        let before = c.now_ms();
        c.advance(Duration::from_secs(3600));
        assert!(c.now_ms() - before >= 3_600_000);
    }
}
