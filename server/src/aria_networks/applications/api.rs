//! The `Applications` tag: applications and their tiers.

use super::talkers::Ask;
use crate::aria_networks::caller::Caller;
use crate::aria_networks::paging::MAX_SIZE;
use crate::aria_networks::AriaApi;
use crate::generated::aria_networks::{self as api, queries, types, Failure, RequestContext};

impl api::ApplicationsApi for AriaApi {
    async fn list_applications(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        query: queries::ListApplicationsQuery,
    ) -> Result<api::ListApplicationsResponse, Failure> {
        let page = self
            .0
            .list_applications(
                query.size,
                query.cursor.as_deref(),
                query.modifiedafter,
                MAX_SIZE,
            )
            .await?;
        Ok(api::ListApplicationsResponse::Ok(page))
    }

    async fn add_application(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        body: types::ApplicationRequest,
    ) -> Result<api::AddApplicationResponse, Failure> {
        Ok(api::AddApplicationResponse::Created(
            self.0.add_application(&caller, &body).await?,
        ))
    }

    async fn get_saved_applications_summaries(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        query: queries::GetSavedApplicationsSummariesQuery,
    ) -> Result<api::GetSavedApplicationsSummariesResponse, Failure> {
        Ok(api::GetSavedApplicationsSummariesResponse::Ok(
            self.0.fetch_applications(&query).await?,
        ))
    }

    async fn get_application_by_id(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        query: queries::GetApplicationByIdQuery,
    ) -> Result<api::GetApplicationByIdResponse, Failure> {
        let counts = query.fetch_member_counts.unwrap_or(false);
        let status = query.fetch_update_status.unwrap_or(false);
        Ok(api::GetApplicationByIdResponse::Ok(
            self.0.application(&id, counts, status).await?,
        ))
    }

    async fn delete_application(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::DeleteApplicationResponse, Failure> {
        self.0.delete_application(&id).await?;
        Ok(api::DeleteApplicationResponse::NoContent)
    }

    async fn list_application_tiers(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::ListApplicationTiersResponse, Failure> {
        Ok(api::ListApplicationTiersResponse::Ok(
            self.0.tiers(&id).await?,
        ))
    }

    async fn add_tier(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        id: String,
        body: types::TierRequest,
    ) -> Result<api::AddTierResponse, Failure> {
        Ok(api::AddTierResponse::Created(
            self.0.add_tier(&caller, &id, &body).await?,
        ))
    }

    async fn get_application_tier(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        tier_id: String,
    ) -> Result<api::GetApplicationTierResponse, Failure> {
        Ok(api::GetApplicationTierResponse::Ok(
            self.0.tier(&id, &tier_id).await?,
        ))
    }

    async fn delete_tier(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        id: String,
        tier_id: String,
    ) -> Result<api::DeleteTierResponse, Failure> {
        self.0.delete_tier(&caller, &id, &tier_id).await?;
        Ok(api::DeleteTierResponse::NoContent)
    }

    async fn edit_application_tier(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        id: String,
        tier_id: String,
        body: types::TierRequest,
    ) -> Result<api::EditApplicationTierResponse, Failure> {
        let tier = self.0.edit_tier(&caller, &id, &tier_id, &body).await?;
        Ok(api::EditApplicationTierResponse::Created(tier))
    }

    async fn get_tier(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        tier_id: String,
    ) -> Result<api::GetTierResponse, Failure> {
        Ok(api::GetTierResponse::Ok(self.0.tier_by_id(&tier_id).await?))
    }

    async fn get_tiers_members(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: types::GroupsMembersRequest,
    ) -> Result<api::GetTiersMembersResponse, Failure> {
        Ok(api::GetTiersMembersResponse::Ok(
            self.0.tiers_members(&body).await?,
        ))
    }

    async fn get_applications_members(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: types::GroupsMembersRequest,
    ) -> Result<api::GetApplicationsMembersResponse, Failure> {
        Ok(api::GetApplicationsMembersResponse::Ok(
            self.0.applications_members(&body).await?,
        ))
    }

    async fn get_application_vms(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::GetApplicationVmsResponse, Failure> {
        Ok(api::GetApplicationVmsResponse::Ok(
            self.0.application_vms(&id).await?,
        ))
    }

    async fn get_app_flow_metrics(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        query: queries::GetAppFlowMetricsQuery,
    ) -> Result<api::GetAppFlowMetricsResponse, Failure> {
        let (start, end) = (query.start_time, query.end_time);
        let data = self
            .0
            .app_flow_metrics(&id, &query.metrics, start, end)
            .await?;
        Ok(api::GetAppFlowMetricsResponse::Ok(data))
    }

    async fn get_app_flow_properties(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        query: queries::GetAppFlowPropertiesQuery,
    ) -> Result<api::GetAppFlowPropertiesResponse, Failure> {
        let (start, end) = (query.start_time, query.end_time);
        let data = self
            .0
            .app_flow_properties(&id, &query.props, start, end)
            .await?;
        Ok(api::GetAppFlowPropertiesResponse::Ok(data))
    }

    async fn get_application_flow_summary(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        query: queries::GetApplicationFlowSummaryQuery,
    ) -> Result<api::GetApplicationFlowSummaryResponse, Failure> {
        let summary = self
            .0
            .app_flow_summary(&id, query.start_time, query.end_time)
            .await?;
        Ok(api::GetApplicationFlowSummaryResponse::Ok(summary))
    }

    async fn get_app_top_talking_members(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        query: queries::GetAppTopTalkingMembersQuery,
    ) -> Result<api::GetAppTopTalkingMembersResponse, Failure> {
        let ask = Ask::from(&query);
        let data = self.0.top_talking_members(&id, ask).await?;
        Ok(api::GetAppTopTalkingMembersResponse::Ok(data))
    }

    async fn get_app_top_talking_pairs(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        query: queries::GetAppTopTalkingPairsQuery,
    ) -> Result<api::GetAppTopTalkingPairsResponse, Failure> {
        let ask = Ask::from(&query);
        let data = self.0.top_talking_pairs(&id, ask).await?;
        Ok(api::GetAppTopTalkingPairsResponse::Ok(data))
    }

    async fn add_application_with_tiers(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        body: types::AppWithTiersRequest,
    ) -> Result<api::AddApplicationWithTiersResponse, Failure> {
        let app = self.0.add_application_with_tiers(&caller, &body).await?;
        Ok(api::AddApplicationWithTiersResponse::Created(app))
    }

    async fn get_app_problems(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        query: queries::GetAppProblemsQuery,
    ) -> Result<api::GetAppProblemsResponse, Failure> {
        let page = self.0.application_problems(&id, &query).await?;
        Ok(api::GetAppProblemsResponse::Ok(page))
    }
}
