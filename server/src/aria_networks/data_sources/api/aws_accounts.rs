//! The `AWS account data sources` tag (E90).

use crate::aria_networks::caller::Caller;
use crate::aria_networks::data_sources::{from_model, to_model, DataSourceKind};
use crate::aria_networks::AriaApi;
use crate::generated::aria_networks::{self as api, types, Failure, RequestContext};

const KIND: DataSourceKind = DataSourceKind::AwsAccounts;

impl api::AwsAccountDataSourcesApi for AriaApi {
    async fn list_aws_data_sources(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::ListAwsDataSourcesResponse, Failure> {
        Ok(api::ListAwsDataSourcesResponse::Ok(
            self.0.list_data_sources(KIND).await?,
        ))
    }

    async fn add_aws_datasource(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: types::AwsDataSourceRequest,
    ) -> Result<api::AddAwsDatasourceResponse, Failure> {
        let model = self.0.add_data_source(KIND, to_model(&body)).await?;
        Ok(api::AddAwsDatasourceResponse::Created(from_model::<
            types::AwsDataSource,
        >(model)?))
    }

    async fn get_aws_data_source(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::GetAwsDataSourceResponse, Failure> {
        let model = self.0.data_source(KIND, &id).await?;
        Ok(api::GetAwsDataSourceResponse::Ok(from_model::<
            types::AwsDataSource,
        >(model)?))
    }

    async fn update_aws_data_source(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        body: types::AwsDataSourceUpdate,
    ) -> Result<api::UpdateAwsDataSourceResponse, Failure> {
        let model = self
            .0
            .update_data_source(KIND, &id, to_model(&body))
            .await?;
        Ok(api::UpdateAwsDataSourceResponse::Ok(from_model::<
            types::AwsDataSource,
        >(model)?))
    }

    async fn delete_aws_data_source(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::DeleteAwsDataSourceResponse, Failure> {
        self.0.delete_data_source(KIND, &id).await?;
        Ok(api::DeleteAwsDataSourceResponse::Ok)
    }

    async fn enable_aws_data_source(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::EnableAwsDataSourceResponse, Failure> {
        self.0.set_data_source_enabled(KIND, &id, true).await?;
        Ok(api::EnableAwsDataSourceResponse::Ok)
    }

    async fn disable_aws_data_source(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::DisableAwsDataSourceResponse, Failure> {
        self.0.set_data_source_enabled(KIND, &id, false).await?;
        Ok(api::DisableAwsDataSourceResponse::Ok)
    }
}
