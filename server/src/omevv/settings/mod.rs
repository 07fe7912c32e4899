//! OMEVV's settings (Settings tag): what it posts to each vCenter, the appliance's monitoring and
//! firmware-update settings, and its log of what was done, read from its own records.

mod api;
mod severity;

use super::errors::OmevvError;
use super::jobs::progress;
use super::tables::{ApplianceSettings, EventSettings, JobWork, OmevvTables};
use super::{paging, Console, Omevv};
use crate::clock::{parse_date_time, rfc3339};
use crate::generated::omevv::types;

const APPLIANCE: &str = "appliance";

fn event_view(e: EventSettings) -> types::ConsoleEventSettings {
    types::ConsoleEventSettings {
        event_enabled: e.events,
        alarm_enabled: e.alarms,
        mpr_alarm_enabled: e.mpr_alarms,
    }
}

fn appliance(t: &OmevvTables) -> ApplianceSettings {
    t.settings.get(APPLIANCE).copied().unwrap_or_default()
}

/// One entry of the log, before it is numbered.
struct Entry {
    at: i64,
    level: types::UserFacingLogLevel,
    message: String,
}

/// Everything OMEVV did by `now`, oldest first.
fn entries(t: &OmevvTables, now: i64) -> Vec<Entry> {
    use types::UserFacingLogLevel as Level;
    let info = |at: i64, message: String| Entry {
        at,
        level: Level::Info,
        message,
    };
    let mut out = Vec::new();
    for r in t.repositories.values().filter(|r| !r.factory) {
        out.push(info(
            r.created_ms,
            format!("Repository profile {} created by {}", r.name, r.created_by),
        ));
    }
    for b in t.baselines.values() {
        out.push(info(
            b.created_ms,
            format!("Baseline profile {} created", b.name),
        ));
    }
    for j in t.jobs.values() {
        let what = match &j.work {
            JobWork::Drift { .. } => continue,
            JobWork::Update { .. } => "Firmware update job".to_string(),
            JobWork::Manage { action, .. } => format!("{action} job"),
            JobWork::Compliance { action, .. } => format!("{action:?} compliance job"),
        };
        out.push(info(
            j.created_ms,
            format!("{what} {} created by {}", j.name, j.created_by),
        ));
        if let Some(at) = j.cancelled_ms {
            out.push(Entry {
                at,
                level: Level::Warn,
                message: format!("{what} {} cancelled", j.name),
            });
        } else if let Some(p) = progress(j, now).filter(|p| p.state == types::JobState::Completed) {
            out.push(Entry {
                at: p.ends_ms,
                level: if p.failed { Level::Error } else { Level::Info },
                message: format!(
                    "{what} {} {}",
                    j.name,
                    if p.failed {
                        "failed on one or more hosts"
                    } else {
                        "completed"
                    }
                ),
            });
        }
    }
    out.retain(|e| e.at <= now);
    out.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.message.cmp(&b.message)));
    out
}

/// How the log is asked for.
pub struct LogQuery {
    pub skip: usize,
    pub top: usize,
    pub level: types::LogLevelFilter,
    pub start: Option<String>,
    pub end: Option<String>,
    pub sort_by: types::LogSortBy,
    pub descending: bool,
}

impl Omevv {
    pub async fn event_settings(&self, console: &Console<'_>) -> types::ConsoleEventSettings {
        let s = self.db.read().await;
        let e = s.omevv().event_settings.get(&console.uuid).copied();
        event_view(e.unwrap_or_default())
    }

    pub async fn set_event_settings(
        &self,
        console: &Console<'_>,
        change: impl FnOnce(&mut EventSettings) + Send,
    ) -> Result<types::ConsoleEventSettings, OmevvError> {
        self.db
            .write(|s| {
                let t = s.omevv_mut();
                let mut e = t
                    .event_settings
                    .get(&console.uuid)
                    .copied()
                    .unwrap_or_default();
                change(&mut e);
                t.event_settings.insert(console.uuid.clone(), e);
                Ok(event_view(e))
            })
            .await
    }

    pub async fn appliance_settings(&self) -> ApplianceSettings {
        appliance(self.db.read().await.omevv())
    }

    pub async fn set_appliance_settings(
        &self,
        change: impl FnOnce(&mut ApplianceSettings) -> Result<(), OmevvError> + Send,
    ) -> Result<ApplianceSettings, OmevvError> {
        self.db
            .write(|s| {
                let t = s.omevv_mut();
                let mut a = appliance(t);
                change(&mut a)?;
                t.settings.insert(APPLIANCE.into(), a);
                Ok(a)
            })
            .await
    }

    pub async fn logs(&self, q: LogQuery) -> Result<types::UserFacingLogsPage, OmevvError> {
        use types::UserFacingLogLevel as Level;
        let bound = |v: &Option<String>, name: &str| match v.as_deref() {
            None => Ok(None),
            Some(text) => parse_date_time(text).map(Some).ok_or_else(|| {
                OmevvError::InvalidInput(format!("{name} {text} is not a date and time"))
            }),
        };
        let (start, end) = (bound(&q.start, "startDate")?, bound(&q.end, "endDate")?);
        let now = self.clock.now_ms();
        let all = entries(self.db.read().await.omevv(), now);
        let mut numbered: Vec<(i64, Entry)> = all
            .into_iter()
            .enumerate()
            .map(|(i, e)| (i as i64 + 1, e))
            .filter(|(_, e)| match q.level {
                types::LogLevelFilter::All => true,
                types::LogLevelFilter::Info => e.level == Level::Info,
                types::LogLevelFilter::Warn => e.level == Level::Warn,
                types::LogLevelFilter::Error => e.level == Level::Error,
            })
            .filter(|(_, e)| start.is_none_or(|s| e.at >= s) && end.is_none_or(|x| e.at <= x))
            .collect();
        match q.sort_by {
            types::LogSortBy::Createddate => {}
            types::LogSortBy::Level => numbered.sort_by_key(|(_, e)| e.level.to_string()),
            types::LogSortBy::Message => numbered.sort_by(|a, b| a.1.message.cmp(&b.1.message)),
        }
        if q.descending {
            numbered.reverse();
        }
        let total = numbered.len();
        Ok(types::UserFacingLogsPage {
            paging_info: Some(paging(total, q.skip, q.top)),
            log_messages: numbered
                .into_iter()
                .skip(q.skip)
                .take(q.top)
                .map(|(id, e)| types::UserFacingLog {
                    id: Some(id),
                    message: Some(e.message),
                    level: Some(e.level),
                    created_date: Some(rfc3339(e.at)),
                })
                .collect(),
        })
    }
}
