//! The `ServiceNow instance data sources` tag (E90).

use crate::aria_networks::caller::Caller;
use crate::aria_networks::data_sources::{from_model, to_model, DataSourceKind};
use crate::aria_networks::AriaApi;
use crate::generated::aria_networks::{self as api, types, Failure, RequestContext};

const KIND: DataSourceKind = DataSourceKind::ServicenowInstances;

impl api::ServicenowInstanceDataSourcesApi for AriaApi {
    async fn list_service_now_instances(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::ListServiceNowInstancesResponse, Failure> {
        Ok(api::ListServiceNowInstancesResponse::Ok(
            self.0.list_data_sources(KIND).await?,
        ))
    }

    async fn add_service_now_datasource(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: types::ServiceNowDataSourceRequest,
    ) -> Result<api::AddServiceNowDatasourceResponse, Failure> {
        let model = self.0.add_data_source(KIND, to_model(&body)).await?;
        Ok(api::AddServiceNowDatasourceResponse::Created(from_model::<
            types::ServiceNowDataSource,
        >(
            model
        )?))
    }

    async fn get_service_now_instance(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::GetServiceNowInstanceResponse, Failure> {
        let model = self.0.data_source(KIND, &id).await?;
        Ok(api::GetServiceNowInstanceResponse::Ok(from_model::<
            types::ServiceNowDataSource,
        >(model)?))
    }

    async fn update_service_now_instance(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        body: types::ServiceNowDataSourceUpdate,
    ) -> Result<api::UpdateServiceNowInstanceResponse, Failure> {
        let model = self
            .0
            .update_data_source(KIND, &id, to_model(&body))
            .await?;
        Ok(api::UpdateServiceNowInstanceResponse::Ok(from_model::<
            types::ServiceNowDataSource,
        >(model)?))
    }

    async fn delete_service_now_instance(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::DeleteServiceNowInstanceResponse, Failure> {
        self.0.delete_data_source(KIND, &id).await?;
        Ok(api::DeleteServiceNowInstanceResponse::Ok)
    }

    async fn enable_service_now_instance(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::EnableServiceNowInstanceResponse, Failure> {
        self.0.set_data_source_enabled(KIND, &id, true).await?;
        Ok(api::EnableServiceNowInstanceResponse::Ok)
    }

    async fn disable_service_now_instance(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::DisableServiceNowInstanceResponse, Failure> {
        self.0.set_data_source_enabled(KIND, &id, false).await?;
        Ok(api::DisableServiceNowInstanceResponse::Ok)
    }
}
