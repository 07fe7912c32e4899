//! The `Azure subscription data sources` tag (E90).

use crate::aria_networks::caller::Caller;
use crate::aria_networks::data_sources::{from_model, to_model, DataSourceKind};
use crate::aria_networks::AriaApi;
use crate::generated::aria_networks::{self as api, types, Failure, RequestContext};

const KIND: DataSourceKind = DataSourceKind::AzureSubscriptions;

impl api::AzureSubscriptionDataSourcesApi for AriaApi {
    async fn list_azure_subscriptions(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::ListAzureSubscriptionsResponse, Failure> {
        Ok(api::ListAzureSubscriptionsResponse::Ok(
            self.0.list_data_sources(KIND).await?,
        ))
    }

    async fn add_azure_datasource(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: types::AzureDataSourceRequest,
    ) -> Result<api::AddAzureDatasourceResponse, Failure> {
        let model = self.0.add_data_source(KIND, to_model(&body)).await?;
        Ok(api::AddAzureDatasourceResponse::Created(from_model::<
            types::AzureDataSource,
        >(model)?))
    }

    async fn get_azure_subscriptions(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::GetAzureSubscriptionsResponse, Failure> {
        let model = self.0.data_source(KIND, &id).await?;
        Ok(api::GetAzureSubscriptionsResponse::Ok(from_model::<
            types::AzureDataSource,
        >(model)?))
    }

    async fn update_azure_subscription(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        body: types::AzureDataSourceUpdate,
    ) -> Result<api::UpdateAzureSubscriptionResponse, Failure> {
        let model = self
            .0
            .update_data_source(KIND, &id, to_model(&body))
            .await?;
        Ok(api::UpdateAzureSubscriptionResponse::Ok(from_model::<
            types::AzureDataSource,
        >(model)?))
    }

    async fn delete_azure_subscription(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::DeleteAzureSubscriptionResponse, Failure> {
        self.0.delete_data_source(KIND, &id).await?;
        Ok(api::DeleteAzureSubscriptionResponse::Ok)
    }

    async fn enable_azure_subscription(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::EnableAzureSubscriptionResponse, Failure> {
        self.0.set_data_source_enabled(KIND, &id, true).await?;
        Ok(api::EnableAzureSubscriptionResponse::Ok)
    }

    async fn disable_azure_subscription(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::DisableAzureSubscriptionResponse, Failure> {
        self.0.set_data_source_enabled(KIND, &id, false).await?;
        Ok(api::DisableAzureSubscriptionResponse::Ok)
    }
}
