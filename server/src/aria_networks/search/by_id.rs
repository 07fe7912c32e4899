//! Entities by id, whatever their type: in bulk (`/entities/fetch`), by name, and as vCenter
//! names them (`/entities/vendor-infos/fetch`, E92).

use serde_json::Value;

use super::{entity_type, MAX_FETCH};
use crate::aria_networks::errors::AriaError;
use crate::aria_networks::inventory::{Device, EntityRef, Family, Kind};
use crate::aria_networks::visibility::Visibility;
use crate::aria_networks::Aria;
use crate::generated::aria_networks::types;

impl Aria {
    pub async fn fetch_entities(
        &self,
        body: &types::FetchRequest,
    ) -> Result<types::BulkFetchResponse, AriaError> {
        at_most_max_fetch(body.entity_ids.len(), "fetched")?;
        let now = self.clock.now_secs();
        let starts = self.device_starts().await;
        let visible = Visibility::by(&starts, i64::MAX);
        let starts = starts.into_vcenters();
        let inv = &self.inventory;
        let mut results = Vec::new();
        for want in &body.entity_ids {
            // A problem's id names no inventory entity; PowervRNI fetches problems here.
            let (entity_type, entity) = match inv.find(&want.entity_id) {
                Some(e) if visible.sees(inv, e) => (entity_type(e.kind), visible.answer(inv, e)),
                Some(_) => continue,
                None => match self.problem_entity(&want.entity_id, &starts, now) {
                    Some(problem) => (types::EntityType::ProblemEvent, problem),
                    None => continue,
                },
            };
            if let Value::Object(entity) = entity {
                results.push(types::EntityWithTime {
                    entity_id: want.entity_id.clone(),
                    entity_type,
                    entity,
                    time: want.time.unwrap_or(now),
                });
            }
        }
        Ok(types::BulkFetchResponse { results })
    }

    /// Names of up to [`MAX_FETCH`] entities, in request order, leaving out unknown or
    /// invisible ids.
    pub async fn entity_names(
        &self,
        body: &types::NamesRequest,
    ) -> Result<types::NamesResponse, AriaError> {
        at_most_max_fetch(body.entities.len(), "named")?;
        let now = self.clock.now_secs();
        let visible = self.visibility().await;
        let inv = &self.inventory;
        let entities = body
            .entities
            .iter()
            .filter_map(|want| {
                let e = inv.find(&want.entity_id)?;
                visible.sees(inv, e).then_some(())?;
                Some(types::EntityName {
                    entity_id: want.entity_id.clone(),
                    entity_type: entity_type(e.kind),
                    time: want.time.unwrap_or(now),
                    name: inv.name(e).unwrap_or_default().to_string(),
                })
            })
            .collect();
        Ok(types::NamesResponse { entities })
    }

    pub async fn entity_name(
        &self,
        id: &str,
        time: Option<i64>,
    ) -> Result<types::EntityName, AriaError> {
        let request = types::NamesRequest {
            entities: vec![types::NameRequestParam {
                entity_id: id.to_string(),
                time,
            }],
        };
        self.entity_names(&request)
            .await?
            .entities
            .pop()
            .ok_or_else(|| AriaError::NotFound(format!("No entity with id {id}")))
    }
}

impl Aria {
    /// What vCenter calls each of up to [`MAX_FETCH`] entities, in request order, with the
    /// vCenter that names it; unknown, invisible and unnamed entities are left out.
    pub async fn vendor_infos(
        &self,
        body: &types::FetchRequest,
    ) -> Result<types::DetailedVendorInfoResponse, AriaError> {
        at_most_max_fetch(body.entity_ids.len(), "fetched")?;
        let visible = self.visibility().await;
        let inv = &self.inventory;
        let info = |e: EntityRef| -> Option<types::VendorInfoWithMk> {
            Some(types::VendorInfoWithMk {
                entity_id: inv.id(e).to_string(),
                entity_type: e.kind.entity_type().to_string(),
                entity_name: inv.name(e)?.to_string(),
                vendor_ids: inv.vendor_ids(e)?,
            })
        };
        let results = body
            .entity_ids
            .iter()
            .filter_map(|want| {
                let e = inv.find(&want.entity_id)?;
                visible.sees(inv, e).then_some(())?;
                let it = info(e)?;
                let device = match inv.device_of(e) {
                    Device(Family::Vcenter, v) => EntityRef::new(Kind::Vcenter, v),
                    Device(Family::NsxtManager, m) => EntityRef::new(Kind::NsxtManager, m),
                    Device(Family::KubernetesCluster, k) => {
                        EntityRef::new(Kind::KubernetesCluster, k)
                    }
                    // The connector, the first of its two managers.
                    Device(Family::HcxManager, c) => EntityRef::new(Kind::HcxManager, 2 * c),
                    // An account or subscription is its own device.
                    Device(
                        Family::AwsAccount | Family::AzureSubscription | Family::CheckpointManager,
                        _,
                    ) => e,
                    Device(Family::VmcSddc, s) => EntityRef::new(Kind::VmcSddc, s),
                    Device(Family::Switch, s) => EntityRef::new(Kind::Switch, s),
                };
                let manager = (e != device).then(|| info(device)).flatten();
                Some(types::DetailedVendorInfo {
                    entity_id: it.entity_id,
                    entity_type: it.entity_type,
                    entity_name: it.entity_name,
                    vendor_ids: it.vendor_ids,
                    manager,
                })
            })
            .collect();
        Ok(types::DetailedVendorInfoResponse { results })
    }
}

/// A 400 for more than [`MAX_FETCH`] ids in one call.
fn at_most_max_fetch(count: usize, verb: &str) -> Result<(), AriaError> {
    if count > MAX_FETCH {
        return Err(AriaError::InvalidInput(format!(
            "At most {MAX_FETCH} entity ids can be {verb} at once, not {count}"
        )));
    }
    Ok(())
}
