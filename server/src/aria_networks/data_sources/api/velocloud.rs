//! The `VeloCloud data sources` tag (E90).

use crate::aria_networks::caller::Caller;
use crate::aria_networks::data_sources::{from_model, to_model, DataSourceKind};
use crate::aria_networks::AriaApi;
use crate::generated::aria_networks::{self as api, types, Failure, RequestContext};

const KIND: DataSourceKind = DataSourceKind::Velocloud;

impl api::VelocloudDataSourcesApi for AriaApi {
    async fn list_velo_cloud(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::ListVeloCloudResponse, Failure> {
        Ok(api::ListVeloCloudResponse::Ok(
            self.0.list_data_sources(KIND).await?,
        ))
    }

    async fn add_velo_cloud_datasource(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: types::VeloCloudDataSourceRequest,
    ) -> Result<api::AddVeloCloudDatasourceResponse, Failure> {
        let model = self.0.add_data_source(KIND, to_model(&body)).await?;
        Ok(api::AddVeloCloudDatasourceResponse::Created(from_model::<
            types::VeloCloudDataSource,
        >(
            model
        )?))
    }

    async fn get_velo_cloud(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::GetVeloCloudResponse, Failure> {
        let model = self.0.data_source(KIND, &id).await?;
        Ok(api::GetVeloCloudResponse::Ok(from_model::<
            types::VeloCloudDataSource,
        >(model)?))
    }

    async fn update_velo_cloud(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        body: types::VeloCloudDataSourceUpdate,
    ) -> Result<api::UpdateVeloCloudResponse, Failure> {
        let model = self
            .0
            .update_data_source(KIND, &id, to_model(&body))
            .await?;
        Ok(api::UpdateVeloCloudResponse::Ok(from_model::<
            types::VeloCloudDataSource,
        >(model)?))
    }

    async fn delete_velo_cloud(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::DeleteVeloCloudResponse, Failure> {
        self.0.delete_data_source(KIND, &id).await?;
        Ok(api::DeleteVeloCloudResponse::Ok)
    }

    async fn enable_velo_cloud(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::EnableVeloCloudResponse, Failure> {
        self.0.set_data_source_enabled(KIND, &id, true).await?;
        Ok(api::EnableVeloCloudResponse::Ok)
    }

    async fn disable_velo_cloud(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::DisableVeloCloudResponse, Failure> {
        self.0.set_data_source_enabled(KIND, &id, false).await?;
        Ok(api::DisableVeloCloudResponse::Ok)
    }
}
