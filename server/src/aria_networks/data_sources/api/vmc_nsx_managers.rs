//! The `VMC NSX manager data sources` tag.

use crate::aria_networks::caller::Caller;
use crate::aria_networks::data_sources::{from_model, to_model, DataSourceKind};
use crate::aria_networks::AriaApi;
use crate::generated::aria_networks::{self as api, types, Failure, RequestContext};

const KIND: DataSourceKind = DataSourceKind::VmcNsxmanagers;

impl api::VmcNsxManagerDataSourcesApi for AriaApi {
    async fn list_policy_managers(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::ListPolicyManagersResponse, Failure> {
        Ok(api::ListPolicyManagersResponse::Ok(
            self.0.list_data_sources(KIND).await?,
        ))
    }

    async fn add_policy_manager_datasource(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: types::PolicyManagerDataSourceRequest,
    ) -> Result<api::AddPolicyManagerDatasourceResponse, Failure> {
        let model = self.0.add_data_source(KIND, to_model(&body)).await?;
        Ok(api::AddPolicyManagerDatasourceResponse::Created(
            from_model::<types::PolicyManagerDataSource>(model)?,
        ))
    }

    async fn get_policy_manager(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::GetPolicyManagerResponse, Failure> {
        let model = self.0.data_source(KIND, &id).await?;
        Ok(api::GetPolicyManagerResponse::Ok(from_model::<
            types::PolicyManagerDataSource,
        >(model)?))
    }

    async fn update_policy_manager(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        body: types::PolicyManagerDataSourceUpdate,
    ) -> Result<api::UpdatePolicyManagerResponse, Failure> {
        let model = self
            .0
            .update_data_source(KIND, &id, to_model(&body))
            .await?;
        Ok(api::UpdatePolicyManagerResponse::Ok(from_model::<
            types::PolicyManagerDataSource,
        >(model)?))
    }

    async fn delete_policy_manager(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::DeletePolicyManagerResponse, Failure> {
        self.0.delete_data_source(KIND, &id).await?;
        Ok(api::DeletePolicyManagerResponse::NoContent)
    }

    async fn enable_policy_manager(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::EnablePolicyManagerResponse, Failure> {
        self.0.set_data_source_enabled(KIND, &id, true).await?;
        Ok(api::EnablePolicyManagerResponse::Ok)
    }

    async fn disable_policy_manager(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::DisablePolicyManagerResponse, Failure> {
        self.0.set_data_source_enabled(KIND, &id, false).await?;
        Ok(api::DisablePolicyManagerResponse::Ok)
    }
}
