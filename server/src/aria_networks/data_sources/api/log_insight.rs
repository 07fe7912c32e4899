//! The `Log Insight data sources` tag (E90).

use crate::aria_networks::caller::Caller;
use crate::aria_networks::data_sources::{from_model, to_model, DataSourceKind};
use crate::aria_networks::AriaApi;
use crate::generated::aria_networks::{self as api, types, Failure, RequestContext};

const KIND: DataSourceKind = DataSourceKind::Loginsight;

impl api::LogInsightDataSourcesApi for AriaApi {
    async fn list_log_insight_data_source(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::ListLogInsightDataSourceResponse, Failure> {
        Ok(api::ListLogInsightDataSourceResponse::Ok(
            self.0.list_data_sources(KIND).await?,
        ))
    }

    async fn add_log_insight_data_source(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: types::LogInsightDataSourceRequest,
    ) -> Result<api::AddLogInsightDataSourceResponse, Failure> {
        let model = self.0.add_data_source(KIND, to_model(&body)).await?;
        Ok(api::AddLogInsightDataSourceResponse::Created(from_model::<
            types::LogInsightDataSource,
        >(
            model
        )?))
    }

    async fn get_log_insight_data_source(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::GetLogInsightDataSourceResponse, Failure> {
        let model = self.0.data_source(KIND, &id).await?;
        Ok(api::GetLogInsightDataSourceResponse::Ok(from_model::<
            types::LogInsightDataSource,
        >(model)?))
    }

    async fn update_log_insight_data_source(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        body: types::LogInsightDataSourceUpdate,
    ) -> Result<api::UpdateLogInsightDataSourceResponse, Failure> {
        let model = self
            .0
            .update_data_source(KIND, &id, to_model(&body))
            .await?;
        Ok(api::UpdateLogInsightDataSourceResponse::Ok(from_model::<
            types::LogInsightDataSource,
        >(
            model
        )?))
    }

    async fn delete_log_insight_data_source(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::DeleteLogInsightDataSourceResponse, Failure> {
        self.0.delete_data_source(KIND, &id).await?;
        Ok(api::DeleteLogInsightDataSourceResponse::Ok)
    }

    async fn enable_log_insight_data_source(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::EnableLogInsightDataSourceResponse, Failure> {
        self.0.set_data_source_enabled(KIND, &id, true).await?;
        Ok(api::EnableLogInsightDataSourceResponse::Ok)
    }

    async fn disable_log_insight_data_source(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::DisableLogInsightDataSourceResponse, Failure> {
        self.0.set_data_source_enabled(KIND, &id, false).await?;
        Ok(api::DisableLogInsightDataSourceResponse::Ok)
    }
}
