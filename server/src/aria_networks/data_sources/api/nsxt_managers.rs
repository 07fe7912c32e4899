//! The `NSX-T manager data sources` tag.

use crate::aria_networks::caller::Caller;
use crate::aria_networks::data_sources::{from_model, to_model, DataSourceKind};
use crate::aria_networks::AriaApi;
use crate::generated::aria_networks::{self as api, types, Failure, RequestContext};

const KIND: DataSourceKind = DataSourceKind::NsxtManagers;

impl api::NsxTManagerDataSourcesApi for AriaApi {
    async fn list_nsxt_managers(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::ListNsxtManagersResponse, Failure> {
        Ok(api::ListNsxtManagersResponse::Ok(
            self.0.list_data_sources(KIND).await?,
        ))
    }

    async fn add_nsxt_manager_datasource(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: types::NsxtManagerDataSourceRequest,
    ) -> Result<api::AddNsxtManagerDatasourceResponse, Failure> {
        let model = self.0.add_data_source(KIND, to_model(&body)).await?;
        Ok(api::AddNsxtManagerDatasourceResponse::Created(
            from_model::<types::NsxtManagerDataSource>(model)?,
        ))
    }

    async fn get_nsxt_manager(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::GetNsxtManagerResponse, Failure> {
        let model = self.0.data_source(KIND, &id).await?;
        Ok(api::GetNsxtManagerResponse::Ok(from_model::<
            types::NsxtManagerDataSource,
        >(model)?))
    }

    async fn update_nsxt_manager(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        body: types::NsxtManagerDataSourceUpdate,
    ) -> Result<api::UpdateNsxtManagerResponse, Failure> {
        let model = self
            .0
            .update_data_source(KIND, &id, to_model(&body))
            .await?;
        Ok(api::UpdateNsxtManagerResponse::Ok(from_model::<
            types::NsxtManagerDataSource,
        >(model)?))
    }

    async fn delete_nsxt_manager(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::DeleteNsxtManagerResponse, Failure> {
        self.0.delete_data_source(KIND, &id).await?;
        Ok(api::DeleteNsxtManagerResponse::NoContent)
    }

    async fn enable_nsxt_manager(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::EnableNsxtManagerResponse, Failure> {
        self.0.set_data_source_enabled(KIND, &id, true).await?;
        Ok(api::EnableNsxtManagerResponse::Ok)
    }

    async fn disable_nsxt_manager(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::DisableNsxtManagerResponse, Failure> {
        self.0.set_data_source_enabled(KIND, &id, false).await?;
        Ok(api::DisableNsxtManagerResponse::Ok)
    }
}
