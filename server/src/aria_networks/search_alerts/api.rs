//! The `Search-based alerts` tag.

use crate::aria_networks::caller::Caller;
use crate::aria_networks::AriaApi;
use crate::generated::aria_networks::{self as api, types, Failure, RequestContext};

impl api::SearchBasedAlertsApi for AriaApi {
    async fn get_all_search_based_alert_configs(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::GetAllSearchBasedAlertConfigsResponse, Failure> {
        Ok(api::GetAllSearchBasedAlertConfigsResponse::Ok(
            self.0.search_alerts().await?,
        ))
    }

    async fn add_search_based_alert_config(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: types::SearchBasedAlertConfigRequest,
    ) -> Result<api::AddSearchBasedAlertConfigResponse, Failure> {
        Ok(api::AddSearchBasedAlertConfigResponse::Created(
            self.0.add_search_alert(body).await?,
        ))
    }

    async fn get_search_based_alert_config(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::GetSearchBasedAlertConfigResponse, Failure> {
        Ok(api::GetSearchBasedAlertConfigResponse::Ok(
            self.0.search_alert(&id).await?,
        ))
    }

    async fn update_search_based_alert_config(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        body: types::SearchBasedAlertConfigRequest,
    ) -> Result<api::UpdateSearchBasedAlertConfigResponse, Failure> {
        Ok(api::UpdateSearchBasedAlertConfigResponse::Ok(
            self.0.update_search_alert(&id, body).await?,
        ))
    }

    async fn delete_search_based_alert_config(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::DeleteSearchBasedAlertConfigResponse, Failure> {
        self.0.delete_search_alert(&id).await?;
        Ok(api::DeleteSearchBasedAlertConfigResponse::NoContent)
    }

    async fn enable_search_based_alert_config(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::EnableSearchBasedAlertConfigResponse, Failure> {
        Ok(api::EnableSearchBasedAlertConfigResponse::Ok(
            self.0.enable_search_alert(&id, true).await?,
        ))
    }

    async fn disable_search_based_alert_config(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::DisableSearchBasedAlertConfigResponse, Failure> {
        Ok(api::DisableSearchBasedAlertConfigResponse::Ok(
            self.0.enable_search_alert(&id, false).await?,
        ))
    }
}
