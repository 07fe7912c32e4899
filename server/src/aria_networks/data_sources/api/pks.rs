//! The `PKS data sources` tag (E90).

use crate::aria_networks::caller::Caller;
use crate::aria_networks::data_sources::{from_model, to_model, DataSourceKind};
use crate::aria_networks::AriaApi;
use crate::generated::aria_networks::{self as api, types, Failure, RequestContext};

const KIND: DataSourceKind = DataSourceKind::Pks;

impl api::PksDataSourcesApi for AriaApi {
    async fn list_pks(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::ListPksResponse, Failure> {
        Ok(api::ListPksResponse::Ok(
            self.0.list_data_sources(KIND).await?,
        ))
    }

    async fn add_pks_datasource(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: types::PksDataSourceRequest,
    ) -> Result<api::AddPksDatasourceResponse, Failure> {
        let model = self.0.add_data_source(KIND, to_model(&body)).await?;
        Ok(api::AddPksDatasourceResponse::Created(from_model::<
            types::PksDataSource,
        >(model)?))
    }

    async fn get_pks(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::GetPksResponse, Failure> {
        let model = self.0.data_source(KIND, &id).await?;
        Ok(api::GetPksResponse::Ok(from_model::<types::PksDataSource>(
            model,
        )?))
    }

    async fn update_pks(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        body: types::PksDataSourceUpdate,
    ) -> Result<api::UpdatePksResponse, Failure> {
        let model = self
            .0
            .update_data_source(KIND, &id, to_model(&body))
            .await?;
        Ok(api::UpdatePksResponse::Ok(from_model::<
            types::PksDataSource,
        >(model)?))
    }

    async fn delete_pks(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::DeletePksResponse, Failure> {
        self.0.delete_data_source(KIND, &id).await?;
        Ok(api::DeletePksResponse::Ok)
    }

    async fn enable_pks(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::EnablePksResponse, Failure> {
        self.0.set_data_source_enabled(KIND, &id, true).await?;
        Ok(api::EnablePksResponse::Ok)
    }

    async fn disable_pks(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::DisablePksResponse, Failure> {
        self.0.set_data_source_enabled(KIND, &id, false).await?;
        Ok(api::DisablePksResponse::Ok)
    }
}
