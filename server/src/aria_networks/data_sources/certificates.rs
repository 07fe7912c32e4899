//! Certificates of the devices data sources collect from (E93): a vCenter data source trusts
//! the certificate its vCenter presented when it was added; when the vCenter presents another,
//! collection stops (`collector`) and the data source shows the new one until it is accepted.

use serde_json::Value;

use super::collector;
use super::{DataSourceRow, Model};
use crate::aria_networks::errors::AriaError;
use crate::aria_networks::Aria;
use crate::store::Table;
use crate::world::certificates::{vcenter_certificate, DeviceCertificate};
use crate::world::World;

/// The row's model as answered: with `new_certificate` and `new_sha_thumbprint` while its
/// device presents a certificate other than the one it trusts.
pub fn answered(world: &World, renewals: &Table<u32>, row: &DataSourceRow) -> Model {
    let mut model = row.model.clone();
    // The certificate is made only when it is news: the health list reads every data source.
    let pending = collector::presented_renewals(world, renewals, row)
        .filter(|(_, n)| row.accepted_certificate.is_some_and(|a| a != *n));
    if let Some((vc, n)) = pending {
        let cert = vcenter_certificate(&world.vcenters[vc].config, n);
        model.insert("new_certificate".into(), Value::String(cert.pem));
        let thumbprint = Value::String(cert.sha_thumbprint);
        model.insert("new_sha_thumbprint".into(), thumbprint);
    }
    model
}

impl Aria {
    /// The control API's renewal of world vCenter `name`'s certificate (E93).
    pub async fn renew_certificate(
        &self,
        name: &str,
    ) -> Result<(u32, DeviceCertificate), AriaError> {
        let world = &self.inventory.world;
        let vc = world.vcenter(name).ok_or_else(|| {
            AriaError::NotFound(format!("The world has no vCenter named {name:?}"))
        })?;
        let n = self
            .db
            .write(|s| {
                let t = s.aria_mut();
                let n = t.certificate_renewals.get(name).copied().unwrap_or(0) + 1;
                t.certificate_renewals.insert(name.to_string(), n);
                Ok::<_, AriaError>(n)
            })
            .await?;
        Ok((n, vcenter_certificate(&vc.config, n)))
    }

    /// `PUT /data-sources/accept-certificate/{id}`: trusts what the device presents now.
    pub async fn accept_certificate(&self, id: &str) -> Result<(), AriaError> {
        let world = &self.inventory.world;
        self.db
            .write(|s| {
                let t = s.aria_mut();
                let mut row =
                    t.data_sources.get(id).cloned().ok_or_else(|| {
                        AriaError::NotFound(format!("No data source with id {id}"))
                    })?;
                let Some((n, cert)) = collector::presented(world, &t.certificate_renewals, &row)
                else {
                    return Ok(());
                };
                if row.accepted_certificate == Some(n) {
                    return Ok(());
                }
                collector::trust(&mut row, n, cert);
                t.data_sources.insert(id.to_string(), row);
                Ok(())
            })
            .await
    }
}
