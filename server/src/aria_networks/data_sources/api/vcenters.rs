//! The `vCenter data sources` tag.

use crate::aria_networks::caller::Caller;
use crate::aria_networks::data_sources::{from_model, to_model, DataSourceKind};
use crate::aria_networks::AriaApi;
use crate::generated::aria_networks::{self as api, types, Failure, RequestContext};

const KIND: DataSourceKind = DataSourceKind::Vcenters;

impl api::VcenterDataSourcesApi for AriaApi {
    async fn list_vcenters(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::ListVcentersResponse, Failure> {
        Ok(api::ListVcentersResponse::Ok(
            self.0.list_data_sources(KIND).await?,
        ))
    }

    async fn add_vcenter_datasource(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: types::VCenterDataSourceRequest,
    ) -> Result<api::AddVcenterDatasourceResponse, Failure> {
        let model = self.0.add_data_source(KIND, to_model(&body)).await?;
        Ok(api::AddVcenterDatasourceResponse::Created(from_model::<
            types::VCenterDataSource,
        >(model)?))
    }

    async fn get_vcenter(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::GetVcenterResponse, Failure> {
        let model = self.0.data_source(KIND, &id).await?;
        Ok(api::GetVcenterResponse::Ok(from_model::<
            types::VCenterDataSource,
        >(model)?))
    }

    async fn update_vcenter(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        body: types::VCenterDataSourceUpdate,
    ) -> Result<api::UpdateVcenterResponse, Failure> {
        let model = self
            .0
            .update_data_source(KIND, &id, to_model(&body))
            .await?;
        Ok(api::UpdateVcenterResponse::Ok(from_model::<
            types::VCenterDataSource,
        >(model)?))
    }

    async fn delete_vcenter(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::DeleteVcenterResponse, Failure> {
        self.0.delete_data_source(KIND, &id).await?;
        Ok(api::DeleteVcenterResponse::NoContent)
    }

    async fn enable_vcenter(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::EnableVcenterResponse, Failure> {
        self.0.set_data_source_enabled(KIND, &id, true).await?;
        Ok(api::EnableVcenterResponse::Ok)
    }

    async fn disable_vcenter(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::DisableVcenterResponse, Failure> {
        self.0.set_data_source_enabled(KIND, &id, false).await?;
        Ok(api::DisableVcenterResponse::Ok)
    }

    async fn validate_v_center(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: types::VCenterDataSourceValidationRequest,
    ) -> Result<api::ValidateVCenterResponse, Failure> {
        Ok(api::ValidateVCenterResponse::Ok(
            self.0.validate_vcenter(&body).await?,
        ))
    }
}
