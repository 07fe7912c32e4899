//! A group's hosts' hardware, storage and power, one entry per managed host, paged.

use super::super::errors::OmevvError;
use super::super::{paging, Console, Omevv};
use crate::generated::omevv::types;

impl Omevv {
    pub async fn group_hardware(
        &self,
        console: &Console<'_>,
        group: i64,
        skip: usize,
        top: usize,
    ) -> Result<types::GroupHardwareInventoryCollectionModel, OmevvError> {
        let hosts = self.managed_of(console, Some(group)).await?;
        let mut rows = Vec::new();
        for (h, _) in hosts.iter().skip(skip).take(top) {
            rows.push(types::GroupDeviceHardwareDetails {
                host: Some(h.host.config.name.clone()),
                service_tag: Some(h.host.config.service_tag.clone()),
                processors: self.processors(console, h.id()).await?,
                power_supplies: self.power_supplies(console, h.id()).await?,
                memory: Some(self.memory(console, h.id()).await?),
                nics: self.nics(console, h.id()).await?,
                pci_slots: super::storage::pci_slots(),
                remote_access_card: Some(self.rac(console, h.id()).await?),
            });
        }
        Ok(types::GroupHardwareInventoryCollectionModel {
            paging_info: Some(paging(hosts.len(), skip, top)),
            group_hardware_inventory_device_model: rows,
        })
    }

    pub async fn group_storage(
        &self,
        console: &Console<'_>,
        group: i64,
        skip: usize,
        top: usize,
    ) -> Result<types::GroupStorageInventoryCollectionModel, OmevvError> {
        let hosts = self.managed_of(console, Some(group)).await?;
        let mut rows = Vec::new();
        for (h, _) in hosts.iter().skip(skip).take(top) {
            rows.push(types::GroupDeviceStorageDetails {
                host: Some(h.host.config.name.clone()),
                service_tag: Some(h.host.config.service_tag.clone()),
                physical_disks: Self::disks_of(h),
                controllers: self.controllers_of(console, h).await?,
            });
        }
        Ok(types::GroupStorageInventoryCollectionModel {
            paging_info: Some(paging(hosts.len(), skip, top)),
            group_storage_inventory_device_model: rows,
        })
    }

    pub async fn group_power(
        &self,
        console: &Console<'_>,
        group: i64,
        skip: usize,
        top: usize,
    ) -> Result<types::GroupPmInventoryCollectionModel, OmevvError> {
        let hosts = self.managed_of(console, Some(group)).await?;
        let mut rows = Vec::new();
        for (h, _) in hosts.iter().skip(skip).take(top) {
            rows.push(self.power(console, h.id()).await?);
        }
        Ok(types::GroupPmInventoryCollectionModel {
            paging_info: Some(paging(hosts.len(), skip, top)),
            group_power_response_list: rows,
        })
    }
}
