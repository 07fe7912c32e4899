//! The `Generic switch data sources` tag.

use crate::aria_networks::caller::Caller;
use crate::aria_networks::data_sources::{from_model, to_model, DataSourceKind};
use crate::aria_networks::AriaApi;
use crate::generated::aria_networks::{self as api, types, Failure, RequestContext};

const KIND: DataSourceKind = DataSourceKind::GenericSwitches;

impl api::GenericSwitchDataSourcesApi for AriaApi {
    async fn list_generic_switch(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::ListGenericSwitchResponse, Failure> {
        Ok(api::ListGenericSwitchResponse::Ok(
            self.0.list_data_sources(KIND).await?,
        ))
    }

    async fn add_generic_switch(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: types::GenericSwitchDataSourceRequest,
    ) -> Result<api::AddGenericSwitchResponse, Failure> {
        let model = self.0.add_data_source(KIND, to_model(&body)).await?;
        Ok(api::AddGenericSwitchResponse::Created(from_model::<
            types::GenericSwitchDataSource,
        >(model)?))
    }

    async fn get_generic_switch(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::GetGenericSwitchResponse, Failure> {
        let model = self.0.data_source(KIND, &id).await?;
        Ok(api::GetGenericSwitchResponse::Ok(from_model::<
            types::GenericSwitchDataSource,
        >(model)?))
    }

    async fn update_generic_switch(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        body: types::GenericSwitchDataSourceUpdate,
    ) -> Result<api::UpdateGenericSwitchResponse, Failure> {
        let model = self
            .0
            .update_data_source(KIND, &id, to_model(&body))
            .await?;
        Ok(api::UpdateGenericSwitchResponse::Ok(from_model::<
            types::GenericSwitchDataSource,
        >(model)?))
    }

    async fn delete_generic_switch(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::DeleteGenericSwitchResponse, Failure> {
        self.0.delete_data_source(KIND, &id).await?;
        Ok(api::DeleteGenericSwitchResponse::NoContent)
    }

    async fn enable_generic_switch(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::EnableGenericSwitchResponse, Failure> {
        self.0.set_data_source_enabled(KIND, &id, true).await?;
        Ok(api::EnableGenericSwitchResponse::Ok)
    }

    async fn disable_generic_switch(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::DisableGenericSwitchResponse, Failure> {
        self.0.set_data_source_enabled(KIND, &id, false).await?;
        Ok(api::DisableGenericSwitchResponse::Ok)
    }

    async fn file_upload(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        body: crate::stub::FormData,
    ) -> Result<api::FileUploadResponse, Failure> {
        let kind = DataSourceKind::GenericSwitches;
        self.0.upload_data_source_data(kind, &id, body).await?;
        Ok(api::FileUploadResponse::Ok)
    }
}
