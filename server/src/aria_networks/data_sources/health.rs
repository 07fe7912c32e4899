//! Collection on the sandbox clock (ERRATA E41, E53), and the generic switch's data upload.
//!
//! An enabled data source is polled two minutes after collection starts and every ten minutes
//! after that; until the first poll its health says collection is in progress, and from then on
//! what the poll found (`collector`).

use serde_json::Value;
use sha2::{Digest, Sha256};

use super::certificates;
use super::collector::{self, Reach};
use super::kind::{CERTIFICATE_FIELDS, SHARED_FIELDS};
use super::{from_model, DataSourceKind, DataSourceRow, UploadRow};
use crate::aria_networks::errors::AriaError;
use crate::aria_networks::Aria;
use crate::generated::aria_networks::types;
use crate::stub::FormData;

/// Seconds from the start of collection to the first poll.
pub const FIRST_POLL_SECS: i64 = 120;
/// Seconds between polls.
pub const POLL_EVERY_SECS: i64 = 600;

/// When the data source was last polled by `now`: on its schedule, or by a `collect-now` since
/// collection started; `None` before the first poll.
pub fn last_poll(row: &DataSourceRow, now: i64) -> Option<i64> {
    let since = row.collecting_since?;
    let first = since.saturating_add(FIRST_POLL_SECS);
    let scheduled =
        (now >= first).then(|| first + (now - first) / POLL_EVERY_SECS * POLL_EVERY_SECS);
    let forced = row.forced_poll.filter(|f| *f >= since && *f <= now);
    scheduled.max(forced)
}

/// The health and the last successful poll of a data source at `now`, given what polling it
/// finds.
pub fn collection(row: &DataSourceRow, now: i64, reach: Reach) -> (types::Health, Option<i64>) {
    let warning = |message: &str| types::Health {
        health_status: types::HealthHealthStatus::HealthyWithWarnings,
        health_details: vec![types::HealthDetail {
            message: message.into(),
        }],
    };
    if row.collecting_since.is_none() {
        return (
            warning("The data source is disabled; nothing is collected."),
            None,
        );
    }
    let Some(last) = last_poll(row, now) else {
        return (
            warning("Collection in progress: the first poll has not finished yet."),
            None,
        );
    };
    if let Some(message) = cloud_message(row, reach) {
        return (unhealthy(message), None);
    }
    match reach {
        Reach::Unreachable => (
            unhealthy(format!(
                "Unable to connect to {}: no {} answers at this address.",
                address(row),
                row.kind.label()
            )),
            None,
        ),
        Reach::CertificateChanged => (
            unhealthy(format!(
                "The certificate of {} has changed: collection stopped until the new certificate is accepted (PUT /data-sources/accept-certificate/{{id}}).",
                address(row)
            )),
            None,
        ),
        Reach::Refused => (
            unhealthy(format!(
                "Authentication failed for {}: the {} refused the credentials.",
                address(row),
                row.kind.label()
            )),
            None,
        ),
        Reach::Collected(_) => (
            types::Health {
                health_status: types::HealthHealthStatus::Healthy,
                health_details: Vec::new(),
            },
            Some(last),
        ),
    }
}

/// What a cloud answers a data source it does not let in (E102): the cloud's own error codes.
fn cloud_message(row: &DataSourceRow, reach: Reach) -> Option<String> {
    let credential = |name: &str| {
        let c = row.model.get("credentials").and_then(|c| c.get(name));
        c.and_then(|c| c.as_str()).unwrap_or("").to_string()
    };
    Some(match (row.kind, reach) {
        (DataSourceKind::AwsAccounts, Reach::Unreachable) => format!(
            "AWS does not know the access key {} (InvalidClientTokenId).",
            credential("access_key")
        ),
        (DataSourceKind::AwsAccounts, Reach::Refused) => {
            "AWS refused the request: the secret key is not the access key's (SignatureDoesNotMatch).".into()
        }
        (DataSourceKind::AzureSubscriptions, Reach::Unreachable) => format!(
            "Azure has no subscription {} (SubscriptionNotFound).",
            credential("azure_subscription")
        ),
        (DataSourceKind::AzureSubscriptions, Reach::Refused) => format!(
            "Azure refused the application {} in tenant {}: wrong tenant, client id or client secret (AADSTS7000215).",
            credential("azure_client"),
            credential("azure_tenant")
        ),
        _ => return None,
    })
}

fn unhealthy(message: String) -> types::Health {
    types::Health {
        health_status: types::HealthHealthStatus::Unhealthy,
        health_details: vec![types::HealthDetail { message }],
    }
}

fn address(row: &DataSourceRow) -> &str {
    // A kubeconfig that names no API server gives its data source no address (E99).
    let none = match row.kind.credentials() {
        super::kind::Credentials::Kubeconfig => "the kubeconfig's API server",
        _ => "",
    };
    row.text("ip").or(row.text("fqdn")).unwrap_or(none)
}

/// A zip archive starts with a local file header, or is empty (end of central directory).
fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

impl Aria {
    pub async fn data_source_health(
        &self,
    ) -> Result<types::DataSourceHealthListResponse, AriaError> {
        let now = self.clock.now_secs();
        let state = self.db.read().await;
        let mut results = Vec::new();
        for (id, row) in state.aria().data_sources.iter() {
            let reach = collector::poll(
                &self.inventory.world,
                &state.aria().certificate_renewals,
                id,
                row,
            );
            let (health, last_poll) = collection(row, now, reach);
            let renewals = &state.aria().certificate_renewals;
            let mut model = certificates::answered(&self.inventory.world, renewals, row);
            // The health model names the base fields only.
            for key in model.keys().cloned().collect::<Vec<_>>() {
                if !SHARED_FIELDS.contains(&key.as_str())
                    && !CERTIFICATE_FIELDS.contains(&key.as_str())
                {
                    model.remove(&key);
                }
            }
            model.insert(
                "health".into(),
                serde_json::to_value(&health).unwrap_or(Value::Null),
            );
            model.insert("last_modified_timestamp".into(), row.modified_secs.into());
            if let Some(t) = last_poll {
                model.insert("last_activity_timestamp".into(), t.into());
                model.insert("last_config_activity_timestamp".into(), t.into());
            }
            results.push(from_model::<types::DataSourceHealthDetail>(model)?);
        }
        Ok(types::DataSourceHealthListResponse {
            total_count: results.len() as i32,
            results,
        })
    }

    /// Stores a generic switch's uploaded data (its size and digest; the sandbox does not read
    /// the CSVs inside).
    pub async fn upload_data_source_data(
        &self,
        kind: DataSourceKind,
        id: &str,
        form: FormData,
    ) -> Result<(), AriaError> {
        let file = form
            .part("file")
            .ok_or_else(|| AriaError::InvalidInput("The part \"file\" is required".into()))?;
        if !is_zip(&file.bytes) {
            return Err(AriaError::InvalidInput(
                "The uploaded file is not a zip archive".into(),
            ));
        }
        let upload = UploadRow {
            file_name: file.file_name.clone(),
            size: file.bytes.len(),
            sha256: hex::encode(Sha256::digest(&file.bytes)),
            at_secs: self.clock.now_secs(),
        };
        self.db
            .write(|s| {
                let t = s.aria_mut();
                let mut row = super::row_of(&t.data_sources, kind, id)?;
                row.upload = Some(upload);
                t.data_sources.insert(id.to_string(), row);
                Ok(())
            })
            .await
    }
}
