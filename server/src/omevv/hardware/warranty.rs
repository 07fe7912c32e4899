//! A managed host's warranty, judged on the sandbox clock: three years ending on the world's
//! `warranty_end`, `WARNING` within 30 days of the end, `EXPIRED` after (OMIVV's rule, E34).

use super::super::errors::OmevvError;
use super::super::inventory::Placed;
use super::super::{Console, Omevv};
use crate::clock::{date_of_days, days_of_date};
use crate::generated::omevv::types;

/// A warranty ending within this many days is a `WARNING`.
const WARRANTY_WARNING_DAYS: i64 = 30;

fn warranty(h: &Placed<'_>, today: i64) -> types::HostWarrantyData {
    let c = &h.host.config;
    // Checked when the world was built.
    let end = days_of_date(&c.warranty_end).unwrap_or(0);
    let start = end - 3 * 365 + 1;
    let detail = |code: &str, level: &str, from: i64, to: i64| types::HostWarrantyDetail {
        service_level_code: Some(code.into()),
        service_level_description: Some(level.into()),
        state: Some(if today > to { "Expired" } else { "Active" }.into()),
        status: Some(if today > to { "EXPIRED" } else { "NORMAL" }.into()),
        start_date: Some(format!("{}T00:00:00Z", date_of_days(from))),
        end_date: Some(format!("{}T23:59:59Z", date_of_days(to))),
        days_remaining: Some((to - today).max(0)),
    };
    types::HostWarrantyData {
        device_id: Some(h.id()),
        service_tag: Some(c.service_tag.clone()),
        device_name: Some(c.name.clone()),
        overall_status: Some(if today > end {
            types::HostWarrantyDataOverallStatus::Expired
        } else if end - today <= WARRANTY_WARNING_DAYS {
            types::HostWarrantyDataOverallStatus::Warning
        } else {
            types::HostWarrantyDataOverallStatus::Normal
        }),
        warranty_details: vec![
            detail("ND", "Basic Hardware Service", start, start + 364),
            detail("PS", "ProSupport Plus", start + 365, end),
        ],
    }
}

impl Omevv {
    pub async fn warranty(
        &self,
        console: &Console<'_>,
        id: i64,
    ) -> Result<types::HostWarrantyData, OmevvError> {
        let h = self.managed(console, id).await?;
        Ok(warranty(&h, self.today()))
    }

    pub async fn group_warranty(
        &self,
        console: &Console<'_>,
        group: i64,
    ) -> Result<Vec<types::HostWarrantyData>, OmevvError> {
        let today = self.today();
        Ok(self
            .managed_of(console, Some(group))
            .await?
            .iter()
            .map(|(h, _)| warranty(h, today))
            .collect())
    }

    pub async fn warranty_summary(
        &self,
        console: &Console<'_>,
    ) -> Result<types::WarrantySummary, OmevvError> {
        let today = self.today();
        let all: Vec<_> = self
            .managed_of(console, None)
            .await?
            .iter()
            .map(|(h, _)| warranty(h, today).overall_status)
            .collect();
        use types::HostWarrantyDataOverallStatus as W;
        let count = |s: W| all.iter().filter(|x| **x == Some(s)).count() as i64;
        Ok(types::WarrantySummary {
            normal: Some(count(W::Normal)),
            warning: Some(count(W::Warning)),
            expired: Some(count(W::Expired)),
        })
    }
}
