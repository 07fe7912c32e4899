//! The `Inventory` tag: a host's overview, health, firmware and warranty.

use crate::generated::omivv::{self as api, Failure, RequestContext};
use crate::omivv::sessions::Caller;
use crate::omivv::OmivvApi;

impl api::InventoryApi for OmivvApi {
    async fn get_host_overview(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        host_id: String,
    ) -> Result<api::GetHostOverviewResponse, Failure> {
        let overview = self.0.host_overview(&caller, &host_id).await?;
        Ok(api::GetHostOverviewResponse::Ok(overview))
    }

    async fn get_host_subsystem_health(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        host_id: String,
    ) -> Result<api::GetHostSubsystemHealthResponse, Failure> {
        let health = self.0.host_subsystem_health(&caller, &host_id).await?;
        Ok(api::GetHostSubsystemHealthResponse::Ok(health))
    }

    async fn get_host_firmware_inventory(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        host_id: String,
    ) -> Result<api::GetHostFirmwareInventoryResponse, Failure> {
        let firmware = self.0.host_firmware_inventory(&caller, &host_id).await?;
        Ok(api::GetHostFirmwareInventoryResponse::Ok(firmware))
    }

    async fn get_host_warranty(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        host_id: String,
    ) -> Result<api::GetHostWarrantyResponse, Failure> {
        let warranty = self.0.host_warranty(&caller, &host_id).await?;
        Ok(api::GetHostWarrantyResponse::Ok(warranty))
    }
}
