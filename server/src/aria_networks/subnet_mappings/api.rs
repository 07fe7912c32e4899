//! The `Subnet mappings` tag (E111).

use crate::aria_networks::caller::Caller;
use crate::aria_networks::AriaApi;
use crate::generated::aria_networks::{self as api, types, Failure, RequestContext};

impl api::SubnetMappingsApi for AriaApi {
    async fn get_subnet_mappings(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::GetSubnetMappingsResponse, Failure> {
        Ok(api::GetSubnetMappingsResponse::Ok(
            self.0.subnet_mappings().await,
        ))
    }

    async fn create_subnet_mapping(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: types::SubnetMappingRequest,
    ) -> Result<api::CreateSubnetMappingResponse, Failure> {
        let mapping = self.0.add_subnet_mapping(&body).await?;
        Ok(api::CreateSubnetMappingResponse::Created(mapping))
    }

    async fn update_subnet_mapping(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        body: types::SubnetMappingRequest,
    ) -> Result<api::UpdateSubnetMappingResponse, Failure> {
        let mapping = self.0.update_subnet_mapping(&id, &body).await?;
        Ok(api::UpdateSubnetMappingResponse::Ok(mapping))
    }

    async fn delete_subnet_mapping(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::DeleteSubnetMappingResponse, Failure> {
        self.0.delete_subnet_mapping(&id).await?;
        Ok(api::DeleteSubnetMappingResponse::NoContent)
    }
}
