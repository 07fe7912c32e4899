//! LicenseService: the appliance's licenses. A fresh appliance holds a 90-day evaluation; an
//! upload names a license file on a share, which the sandbox does not read: it derives the
//! entitlement from the file's location, so that importing the same file twice is refused.

mod api;

use sha2::{Digest, Sha256};

use super::errors::OmivvError;
use super::shares::check_location;
use super::tables::{LicenseRow, OmivvTables};
use super::Omivv;
use crate::clock::rfc3339;
use crate::generated::omivv::types;
use crate::omivv::links::Links;

const EVALUATION_DAYS: i64 = 90;

pub(super) fn seed_licenses(t: &mut OmivvTables, now: i64) {
    let id = t.next_id("licenses", 1);
    t.licenses.insert(
        id,
        LicenseRow {
            evaluation: true,
            entitlement_id: "OMIVV-EVALUATION".into(),
            hosts: 5,
            vcenters: 1,
            imported_ms: now,
            expires_ms: Some(now + EVALUATION_DAYS * 86_400_000),
        },
    );
}

fn view(id: &str, row: &LicenseRow, links: &Links) -> types::License {
    types::License {
        id: id.to_string(),
        href: links.license(id),
        license_type: if row.evaluation {
            types::LicenseLicenseType::Evaluation
        } else {
            types::LicenseLicenseType::Perpetual
        },
        entitlement_id: row.entitlement_id.clone(),
        host_licenses: row.hosts,
        v_center_licenses: row.vcenters,
        imported_time: rfc3339(row.imported_ms),
        expiry_time: row.expires_ms.map(rfc3339),
    }
}

impl Omivv {
    pub async fn licenses(&self, links: &Links) -> Vec<types::License> {
        let state = self.db.read().await;
        super::in_id_order(state.omivv().licenses.iter(), |id, l| view(id, l, links))
    }

    pub async fn license(&self, id: &str, links: &Links) -> Result<types::License, OmivvError> {
        let state = self.db.read().await;
        let row = state.omivv().licenses.get(id);
        row.map(|l| view(id, l, links))
            .ok_or_else(|| OmivvError::NotFound("license", id.to_string()))
    }

    pub async fn upload_license(
        &self,
        body: &types::LicenseUpload,
        links: &Links,
    ) -> Result<types::License, OmivvError> {
        let protocol = body.sharetype.to_string();
        check_location(&protocol, &body.path)
            .map_err(|m| OmivvError::InvalidParameters(format!("path: {m}")))?;
        if !body.path.to_ascii_lowercase().ends_with(".xml") {
            return Err(OmivvError::InvalidParameters(
                "path: a license file is an .xml file".into(),
            ));
        }
        if protocol == "CIFS" && body.credential.username.is_empty() {
            return Err(OmivvError::InvalidParameters(
                "credential: a CIFS share needs a username and password".into(),
            ));
        }
        let digest = Sha256::digest(body.path.to_ascii_lowercase().as_bytes());
        let entitlement_id = hex::encode_upper(&digest[..5]);
        let now = self.clock.now_ms();
        self.db
            .write(|s| {
                let t = s.omivv_mut();
                if t.licenses
                    .values()
                    .any(|l| l.entitlement_id == entitlement_id)
                {
                    return Err(OmivvError::Conflict(format!(
                        "The license {entitlement_id} is already imported"
                    )));
                }
                let row = LicenseRow {
                    evaluation: false,
                    entitlement_id: entitlement_id.clone(),
                    hosts: 10,
                    vcenters: 1,
                    imported_ms: now,
                    expires_ms: None,
                };
                let id = t.next_id("licenses", 1);
                t.licenses.insert(id.clone(), row.clone());
                Ok(view(&id, &row, links))
            })
            .await
    }
}
