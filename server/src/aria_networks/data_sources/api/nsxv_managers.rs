//! The `NSX-V manager data sources` tag, with controller data collection.

use crate::aria_networks::caller::Caller;
use crate::aria_networks::data_sources::{from_model, to_model, DataSourceKind};
use crate::aria_networks::AriaApi;
use crate::generated::aria_networks::{self as api, types, Failure, RequestContext};

const KIND: DataSourceKind = DataSourceKind::NsxvManagers;

impl api::NsxVManagerDataSourcesApi for AriaApi {
    async fn list_nsxv_managers(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::ListNsxvManagersResponse, Failure> {
        Ok(api::ListNsxvManagersResponse::Ok(
            self.0.list_data_sources(KIND).await?,
        ))
    }

    async fn add_nsxv_manager_datasource(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: types::NsxvManagerDataSourceRequest,
    ) -> Result<api::AddNsxvManagerDatasourceResponse, Failure> {
        let model = self.0.add_data_source(KIND, to_model(&body)).await?;
        Ok(api::AddNsxvManagerDatasourceResponse::Created(
            from_model::<types::NsxvManagerDataSource>(model)?,
        ))
    }

    async fn get_nsxv_manager(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::GetNsxvManagerResponse, Failure> {
        let model = self.0.data_source(KIND, &id).await?;
        Ok(api::GetNsxvManagerResponse::Ok(from_model::<
            types::NsxvManagerDataSource,
        >(model)?))
    }

    async fn update_nsxv_manager(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        body: types::NsxvManagerDataSourceUpdate,
    ) -> Result<api::UpdateNsxvManagerResponse, Failure> {
        let model = self
            .0
            .update_data_source(KIND, &id, to_model(&body))
            .await?;
        Ok(api::UpdateNsxvManagerResponse::Ok(from_model::<
            types::NsxvManagerDataSource,
        >(model)?))
    }

    async fn delete_nsxv_manager(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::DeleteNsxvManagerResponse, Failure> {
        self.0.delete_data_source(KIND, &id).await?;
        Ok(api::DeleteNsxvManagerResponse::NoContent)
    }

    async fn enable_nsxv_manager(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::EnableNsxvManagerResponse, Failure> {
        self.0.set_data_source_enabled(KIND, &id, true).await?;
        Ok(api::EnableNsxvManagerResponse::Ok)
    }

    async fn disable_nsxv_manager(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::DisableNsxvManagerResponse, Failure> {
        self.0.set_data_source_enabled(KIND, &id, false).await?;
        Ok(api::DisableNsxvManagerResponse::Ok)
    }

    async fn get_nsxv_controller_cluster(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::GetNsxvControllerClusterResponse, Failure> {
        Ok(api::GetNsxvControllerClusterResponse::Ok(
            self.0.nsxv_controller_cluster(&id).await?,
        ))
    }

    async fn update_nsxv_controller_cluster(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        body: types::NsxControllerDataCollection,
    ) -> Result<api::UpdateNsxvControllerClusterResponse, Failure> {
        Ok(api::UpdateNsxvControllerClusterResponse::Ok(
            self.0.set_nsxv_controller_cluster(&id, body).await?,
        ))
    }
}
