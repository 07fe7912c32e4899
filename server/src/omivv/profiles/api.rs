//! The `Profiles` tag: cluster and repository profiles.

use crate::generated::omivv::{self as api, types, Failure, RequestContext};
use crate::omivv::sessions::Caller;
use crate::omivv::OmivvApi;

impl api::ProfilesApi for OmivvApi {
    async fn list_cluster_profiles(
        &self,
        ctx: RequestContext,
        caller: Caller,
    ) -> Result<api::ListClusterProfilesResponse, Failure> {
        let profiles = self.0.cluster_profiles(&caller, &self.base(&ctx)).await?;
        Ok(api::ListClusterProfilesResponse::Ok(profiles))
    }

    async fn get_cluster_profile(
        &self,
        ctx: RequestContext,
        caller: Caller,
        profile_id: String,
    ) -> Result<api::GetClusterProfileResponse, Failure> {
        let base = self.base(&ctx);
        let profile = self.0.cluster_profile(&caller, &profile_id, &base).await?;
        Ok(api::GetClusterProfileResponse::Ok(profile))
    }

    async fn list_repository_profiles(
        &self,
        ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::ListRepositoryProfilesResponse, Failure> {
        let profiles = self.0.repository_profiles(&self.base(&ctx)).await;
        Ok(api::ListRepositoryProfilesResponse::Ok(profiles))
    }

    async fn create_repository_profile(
        &self,
        ctx: RequestContext,
        _caller: Caller,
        body: types::RepositoryProfileCreate,
    ) -> Result<api::CreateRepositoryProfileResponse, Failure> {
        let base = self.base(&ctx);
        let profile = self.0.create_repository_profile(&body, &base).await?;
        Ok(api::CreateRepositoryProfileResponse::Ok(profile))
    }

    async fn get_repository_profile(
        &self,
        ctx: RequestContext,
        _caller: Caller,
        profile_id: String,
    ) -> Result<api::GetRepositoryProfileResponse, Failure> {
        let base = self.base(&ctx);
        let profile = self.0.repository_profile(&profile_id, &base).await?;
        Ok(api::GetRepositoryProfileResponse::Ok(profile))
    }

    async fn modify_repository_profile(
        &self,
        ctx: RequestContext,
        _caller: Caller,
        profile_id: String,
        body: types::RepositoryProfileModify,
    ) -> Result<api::ModifyRepositoryProfileResponse, Failure> {
        let base = self.base(&ctx);
        let profile = self.0.modify_repository_profile(&profile_id, &body, &base);
        Ok(api::ModifyRepositoryProfileResponse::Ok(profile.await?))
    }
}
