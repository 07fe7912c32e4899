//! The Hardware tag's operations.

use super::super::api::{page_bound, Caller, OmevvApi};
use super::super::paging;
use crate::generated::omevv::{self as api, queries, types, Failure, RequestContext};

impl api::HardwareApi for OmevvApi {
    async fn get_host_sub_system_health(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        hid: i64,
    ) -> Result<api::GetHostSubSystemHealthResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        Ok(api::GetHostSubSystemHealthResponse::Ok(
            self.0.sub_system_health(&console, hid).await?,
        ))
    }

    async fn get_host_sensor_health(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        hid: i64,
    ) -> Result<api::GetHostSensorHealthResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        Ok(api::GetHostSensorHealthResponse::Ok(
            self.0.sensor_health(&console, hid).await?,
        ))
    }

    async fn get_host_rac_info(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        hid: i64,
    ) -> Result<api::GetHostRacInfoResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        Ok(api::GetHostRacInfoResponse::Ok(
            self.0.rac(&console, hid).await?,
        ))
    }

    async fn get_host_power_supplies(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        hid: i64,
    ) -> Result<api::GetHostPowerSuppliesResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        Ok(api::GetHostPowerSuppliesResponse::Ok(
            self.0.power_supplies(&console, hid).await?,
        ))
    }

    async fn get_host_processors(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        hid: i64,
    ) -> Result<api::GetHostProcessorsResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        Ok(api::GetHostProcessorsResponse::Ok(
            self.0.processors(&console, hid).await?,
        ))
    }

    async fn get_host_memory_details(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        hid: i64,
    ) -> Result<api::GetHostMemoryDetailsResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        Ok(api::GetHostMemoryDetailsResponse::Ok(
            self.0.memory(&console, hid).await?,
        ))
    }

    async fn get_host_nic_details(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        hid: i64,
    ) -> Result<api::GetHostNicDetailsResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        Ok(api::GetHostNicDetailsResponse::Ok(
            self.0.nics(&console, hid).await?,
        ))
    }

    async fn get_host_frus(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        hid: i64,
    ) -> Result<api::GetHostFrusResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        Ok(api::GetHostFrusResponse::Ok(
            self.0.frus(&console, hid).await?,
        ))
    }

    async fn get_host_power(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        hid: i64,
    ) -> Result<api::GetHostPowerResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        Ok(api::GetHostPowerResponse::Ok(
            self.0.power(&console, hid).await?,
        ))
    }

    async fn get_host_overview(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        hid: i64,
    ) -> Result<api::GetHostOverviewResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        Ok(api::GetHostOverviewResponse::Ok(
            self.0.overview(&console, hid).await?,
        ))
    }

    async fn get_hardware_resource_count_by_group(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        gid: i64,
    ) -> Result<api::GetHardwareResourceCountByGroupResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        Ok(api::GetHardwareResourceCountByGroupResponse::Ok(
            self.0.resource_count(&console, gid).await?,
        ))
    }

    async fn get_managed_host_warranty(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        hid: i64,
    ) -> Result<api::GetManagedHostWarrantyResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        Ok(api::GetManagedHostWarrantyResponse::Ok(vec![
            self.0.warranty(&console, hid).await?,
        ]))
    }

    async fn get_managed_hosts_warranty_by_group(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        gid: i64,
        query: queries::GetManagedHostsWarrantyByGroupQuery,
    ) -> Result<api::GetManagedHostsWarrantyByGroupResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        let skip = page_bound(query.skip, 0, 0, i64::MAX, "skip")?;
        let top = page_bound(query.top, 100, 1, 1000, "top")?;
        let all = self.0.group_warranty(&console, gid).await?;
        Ok(api::GetManagedHostsWarrantyByGroupResponse::Ok(
            types::HostWarrantyCollectionModel {
                paging_info: Some(paging(all.len(), skip, top)),
                warranty_data: all.into_iter().skip(skip).take(top).collect(),
            },
        ))
    }

    async fn get_managed_hosts_health_summary(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
    ) -> Result<api::GetManagedHostsHealthSummaryResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        Ok(api::GetManagedHostsHealthSummaryResponse::Ok(
            self.0.health_summary(&console).await?,
        ))
    }

    async fn get_managed_hosts_warranty_by_console(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
    ) -> Result<api::GetManagedHostsWarrantyByConsoleResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        Ok(api::GetManagedHostsWarrantyByConsoleResponse::Ok(
            self.0.warranty_summary(&console).await?,
        ))
    }
    async fn get_host_pci_slots_details(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        hid: i64,
    ) -> Result<api::GetHostPciSlotsDetailsResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        Ok(api::GetHostPciSlotsDetailsResponse::Ok(
            self.0.pci_slots(&console, hid).await?,
        ))
    }

    async fn get_host_storage_controllers(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        hid: i64,
    ) -> Result<api::GetHostStorageControllersResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        Ok(api::GetHostStorageControllersResponse::Ok(
            self.0.controllers(&console, hid).await?,
        ))
    }

    async fn get_host_storage_enclosures(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        hid: i64,
    ) -> Result<api::GetHostStorageEnclosuresResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        Ok(api::GetHostStorageEnclosuresResponse::Ok(
            self.0.enclosures(&console, hid).await?,
        ))
    }

    async fn get_host_storage_physical_disks(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        hid: i64,
    ) -> Result<api::GetHostStoragePhysicalDisksResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        Ok(api::GetHostStoragePhysicalDisksResponse::Ok(
            self.0.physical_disks(&console, hid).await?,
        ))
    }

    async fn get_managed_hosts_hardware_inventory_by_group(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        gid: i64,
        query: queries::GetManagedHostsHardwareInventoryByGroupQuery,
    ) -> Result<api::GetManagedHostsHardwareInventoryByGroupResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        let skip = page_bound(query.skip, 0, 0, i64::MAX, "skip")?;
        let top = page_bound(query.top, 100, 1, 1000, "top")?;
        Ok(api::GetManagedHostsHardwareInventoryByGroupResponse::Ok(
            self.0.group_hardware(&console, gid, skip, top).await?,
        ))
    }

    async fn get_managed_hosts_storage_inventory_by_group(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        gid: i64,
        query: queries::GetManagedHostsStorageInventoryByGroupQuery,
    ) -> Result<api::GetManagedHostsStorageInventoryByGroupResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        let skip = page_bound(query.skip, 0, 0, i64::MAX, "skip")?;
        let top = page_bound(query.top, 100, 1, 1000, "top")?;
        Ok(api::GetManagedHostsStorageInventoryByGroupResponse::Ok(
            self.0.group_storage(&console, gid, skip, top).await?,
        ))
    }

    async fn get_group_power(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        gid: i64,
        query: queries::GetGroupPowerQuery,
    ) -> Result<api::GetGroupPowerResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        let skip = page_bound(query.skip, 0, 0, i64::MAX, "skip")?;
        let top = page_bound(query.top, 100, 1, 1000, "top")?;
        Ok(api::GetGroupPowerResponse::Ok(
            self.0.group_power(&console, gid, skip, top).await?,
        ))
    }

    async fn get_hardware_logs(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        hid: i64,
        query: queries::GetHardwareLogsQuery,
    ) -> Result<api::GetHardwareLogsResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        let skip = page_bound(query.skip, 0, 0, i64::MAX, "skip")?;
        let top = page_bound(query.top, 50, 1, 1000, "top")?;
        Ok(api::GetHardwareLogsResponse::Ok(
            self.0.hardware_logs(&console, hid, skip, top).await?,
        ))
    }
}
