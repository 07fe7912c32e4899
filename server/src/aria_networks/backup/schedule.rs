//! Scheduled backups (E113): a schedule's backups run on the sandbox clock, in UTC. There is
//! no background timer; each runs when the sandbox is next observed after its time (a change,
//! or a read of the backup's status), capturing the settings as they were at that time, which
//! are the settings then, as nothing changed in between (see [`crate::aria_networks::chores`]).

use super::{write_backup, MAX_ARCHIVES, RUN_SECS};
use crate::aria_networks::chores::Chore;
use crate::aria_networks::tables::{AriaState, AriaTables, BackupConfigRow, BACKUP};
use crate::generated::aria_networks::types;
use crate::store::StoreError;

const DAY: i64 = 86_400;
const WEEK: i64 = 7 * DAY;
/// 1970-01-01 was a Thursday; the first Sunday after it is day 3.
const FIRST_SUNDAY: i64 = 3 * DAY;

/// When the schedule's backups run: the first at `base` (epoch seconds), then every `period`.
fn cadence(s: &types::BackupSchedule) -> Option<(i64, i64)> {
    use types::BackupScheduleSchedulePeriod as Period;
    if !s.enable {
        return None;
    }
    let time_of_day = i64::from(s.hour.unwrap_or(0)) * 3600 + i64::from(s.minute.unwrap_or(0)) * 60;
    match s.schedule_period? {
        Period::Daily => Some((time_of_day, DAY)),
        Period::Weekly => {
            // 1 (Sunday) to 7 (Saturday); 0 read as Sunday.
            let day = i64::from((s.day_of_week.unwrap_or(1) - 1).max(0));
            Some((FIRST_SUNDAY + day * DAY + time_of_day, WEEK))
        }
    }
}

/// The schedule's times in `(after, until]`, oldest first, at most the newest `limit`.
pub fn times(s: &types::BackupSchedule, after: i64, until: i64, limit: usize) -> Vec<i64> {
    let Some((base, period)) = cadence(s) else {
        return Vec::new();
    };
    let first = (after - base).div_euclid(period) + 1;
    let last = (until - base).div_euclid(period);
    let first = first.max(last - limit as i64 + 1);
    (first..=last).map(|k| base + k * period).collect()
}

/// Where the schedule stands: its configuration and the time up to which it has run.
fn pending(t: &AriaTables) -> Option<(&BackupConfigRow, i64)> {
    // One configured before schedules ran did not keep where: it runs once set again.
    let row = t
        .backup_configs
        .get(BACKUP)
        .filter(|r| !r.location.is_empty())?;
    Some((row, row.scheduled_through.unwrap_or(row.at)))
}

/// Runs a configured schedule's backups.
pub struct ScheduledBackups;

impl Chore for ScheduledBackups {
    fn due(&self, s: &dyn AriaState, now: i64) -> bool {
        pending(s.aria()).is_some_and(|(row, through)| {
            let schedule = row.request.backup_schedule.as_ref();
            schedule.is_some_and(|sc| !times(sc, through, now, 1).is_empty())
        })
    }

    fn run(&self, s: &mut dyn AriaState, now: i64) -> Result<(), StoreError> {
        let t = s.aria_mut();
        let Some((row, through)) = pending(t) else {
            return Ok(());
        };
        let mut row = row.clone();
        let schedule = row.request.backup_schedule.clone().unwrap_or_default();
        for at in times(&schedule, through, now, MAX_ARCHIVES) {
            // A backup still running (one started by `schedule_now`) makes the appliance skip.
            let running = t.backup_runs.get(BACKUP);
            if running.is_some_and(|r| (r.started..r.started + RUN_SECS).contains(&at)) {
                continue;
            }
            let filter = row.request.data_filter.as_ref();
            write_backup(t, filter, &row.location, at)
                .map_err(|e| StoreError::Other(e.to_string()))?;
        }
        row.scheduled_through = Some(now);
        t.backup_configs.insert(BACKUP.into(), row);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::times;
    use crate::generated::aria_networks::types::{BackupSchedule, BackupScheduleSchedulePeriod};

    fn schedule(period: BackupScheduleSchedulePeriod, day: Option<i32>) -> BackupSchedule {
        BackupSchedule {
            enable: true,
            schedule_period: Some(period),
            day_of_week: day,
            hour: Some(2),
            minute: Some(30),
        }
    }

    #[test]
    fn daily_and_weekly_times_fall_where_the_schedule_says() {
        // 2026-12-03 (a Thursday) 00:00:00 UTC.
        let thursday = 1_796_256_000;
        let daily = schedule(BackupScheduleSchedulePeriod::Daily, None);
        assert_eq!(
            times(&daily, thursday, thursday + 3 * 86_400, 20),
            [0, 1, 2].map(|d| thursday + d * 86_400 + 9000)
        );
        // 7 is Saturday: two days on.
        let weekly = schedule(BackupScheduleSchedulePeriod::Weekly, Some(7));
        assert_eq!(
            times(&weekly, thursday, thursday + 14 * 86_400, 20),
            [thursday + 2 * 86_400 + 9000, thursday + 9 * 86_400 + 9000]
        );
        // 0 and 1 are both Sunday.
        let sunday = |d| {
            times(
                &schedule(BackupScheduleSchedulePeriod::Weekly, Some(d)),
                thursday,
                thursday + 7 * 86_400,
                20,
            )
        };
        assert_eq!(sunday(0), sunday(1));
        assert_eq!(sunday(1), [thursday + 3 * 86_400 + 9000]);
        // The bound is exclusive below, inclusive above; only the newest are kept.
        assert!(times(&daily, thursday + 9000, thursday + 9000, 20).is_empty());
        assert_eq!(
            times(&daily, thursday, thursday + 9000, 20),
            [thursday + 9000]
        );
        assert_eq!(times(&daily, thursday, thursday + 365 * 86_400, 2).len(), 2);
        let off = BackupSchedule {
            enable: false,
            ..daily
        };
        assert!(times(&off, thursday, thursday + 9 * 86_400, 20).is_empty());
    }
}
