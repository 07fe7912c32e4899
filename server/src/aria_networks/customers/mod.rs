//! The collectors' data-encryption certificate and its rotation (the `Customers` tag, E109):
//! a rotation runs on the sandbox clock, submitted for 10 seconds, in progress until two
//! minutes, then done, when the certificate counts as renewed by whoever asked.

mod api;

use super::errors::AriaError;
use super::nodes::CUSTOMER;
use super::tables::{KeyRotationRow, KEY_ROTATED, KEY_ROTATION};
use super::Aria;
use crate::generated::aria_networks::types;

/// The certificate's lifetime, in days.
const LIFETIME_DAYS: i64 = 365;
/// How long a rotation is submitted, and how long it takes in all, in seconds.
const SUBMITTED_SECS: i64 = 10;
const DONE_SECS: i64 = 120;

/// A rotation's status `now`.
fn status(row: &KeyRotationRow, now: i64) -> types::ProxyKeyRotationStatus {
    let elapsed = now - row.started;
    let status = if elapsed < SUBMITTED_SECS {
        types::ProxyKeyRotationStatusStatus::Submitted
    } else if elapsed < DONE_SECS {
        types::ProxyKeyRotationStatusStatus::InProgress
    } else {
        types::ProxyKeyRotationStatusStatus::Success
    };
    types::ProxyKeyRotationStatus {
        customer_id: i64::from(CUSTOMER),
        status,
        failed_collector_ids: Vec::new(),
    }
}

/// Whether a rotation started at `row.started` has finished by `now`.
fn done(row: &KeyRotationRow, now: i64) -> bool {
    now - row.started >= DONE_SECS
}

impl Aria {
    pub async fn proxy_key_details(&self) -> types::ProxyKeyDetails {
        let now = self.clock.now_secs();
        let state = self.db.read().await;
        let table = &state.aria().key_rotation;
        // The last rotation if it has finished, else the one before it.
        let renewed =
            (table.get(KEY_ROTATION).filter(|r| done(r, now))).or_else(|| table.get(KEY_ROTATED));
        let used_days = renewed.map_or(0, |r| (now - r.started).max(0) / 86_400);
        types::ProxyKeyDetails {
            customer_id: i64::from(CUSTOMER),
            lifetime: format!("{LIFETIME_DAYS} days"),
            remaining_validity: format!("{} days", (LIFETIME_DAYS - used_days).max(0)),
            last_updated_at: renewed.map(|r| r.started),
            last_updated_by: renewed.map(|r| r.by.clone()),
        }
    }

    pub async fn proxy_key_update_status(
        &self,
    ) -> Result<types::ProxyKeyRotationStatus, AriaError> {
        let now = self.clock.now_secs();
        let state = self.db.read().await;
        let row = (state.aria().key_rotation.get(KEY_ROTATION)).ok_or_else(|| {
            AriaError::NotFound("No data-encryption certificate rotation has been requested".into())
        })?;
        Ok(status(row, now))
    }

    pub async fn rotate_proxy_key(
        &self,
        by: &str,
    ) -> Result<types::ProxyKeyRotationStatus, AriaError> {
        let now = self.clock.now_secs();
        self.db
            .write(|s| {
                let table = &mut s.aria_mut().key_rotation;
                match table.get(KEY_ROTATION) {
                    Some(r) if !done(r, now) => {
                        return Err(AriaError::InvalidInput(
                            "A data-encryption certificate rotation is already in progress".into(),
                        ))
                    }
                    Some(r) => {
                        let finished = r.clone();
                        table.insert(KEY_ROTATED.into(), finished);
                    }
                    None => {}
                }
                let row = KeyRotationRow {
                    started: now,
                    by: by.to_string(),
                };
                let answer = status(&row, now);
                table.insert(KEY_ROTATION.into(), row);
                Ok(answer)
            })
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rotation_is_submitted_then_in_progress_then_done() {
        let row = KeyRotationRow {
            started: 1000,
            by: "admin@local".into(),
        };
        let at = |t| status(&row, t).status;
        use types::ProxyKeyRotationStatusStatus as S;
        assert_eq!(at(1000), S::Submitted);
        assert_eq!(at(1009), S::Submitted);
        assert_eq!(at(1010), S::InProgress);
        assert_eq!(at(1119), S::InProgress);
        assert_eq!(at(1120), S::Success);
        assert!(!done(&row, 1119) && done(&row, 1120));
    }
}
