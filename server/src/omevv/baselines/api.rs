//! The Baselines tag's operations.

use super::super::api::{Caller, OmevvApi};
use crate::generated::omevv::{self as api, queries, types, Failure, RequestContext};

impl api::BaselinesApi for OmevvApi {
    async fn get_baseline_profiles(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        query: queries::GetBaselineProfilesQuery,
    ) -> Result<api::GetBaselineProfilesResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        let all = self
            .0
            .baselines(&console, query.groupid, query.cpname.as_deref())
            .await;
        Ok(api::GetBaselineProfilesResponse::Ok(all))
    }

    async fn create_baseline_profile(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        body: types::BaselineProfileCreateRequest,
    ) -> Result<api::CreateBaselineProfileResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        let id = self.0.create_baseline(&caller, &console, body).await?;
        Ok(api::CreateBaselineProfileResponse::Ok(id))
    }

    async fn get_baseline_profile(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        cpid: i64,
    ) -> Result<api::GetBaselineProfileResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        Ok(api::GetBaselineProfileResponse::Ok(
            self.0.baseline(&console, cpid).await?,
        ))
    }

    async fn edit_baseline_profile(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        cpid: i64,
        body: types::BaselineProfileModifyRequest,
    ) -> Result<api::EditBaselineProfileResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        self.0
            .modify_baseline(&caller, &console, cpid, body)
            .await?;
        Ok(api::EditBaselineProfileResponse::Ok)
    }

    async fn delete_baseline_profile(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        cpid: i64,
    ) -> Result<api::DeleteBaselineProfileResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        self.0.delete_baseline(&console, cpid).await?;
        Ok(api::DeleteBaselineProfileResponse::Ok)
    }

    async fn patch_baseline_profile(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        cpid: i64,
        body: types::BaselineProfileModifyRequest,
    ) -> Result<api::PatchBaselineProfileResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        self.0
            .modify_baseline(&caller, &console, cpid, body)
            .await?;
        Ok(api::PatchBaselineProfileResponse::Ok)
    }
}
