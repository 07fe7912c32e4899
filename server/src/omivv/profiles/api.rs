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
        let profiles = self.0.cluster_profiles(&caller, &self.links(&ctx)).await?;
        Ok(api::ListClusterProfilesResponse::Ok(profiles))
    }

    async fn get_cluster_profile(
        &self,
        ctx: RequestContext,
        caller: Caller,
        profile_id: String,
    ) -> Result<api::GetClusterProfileResponse, Failure> {
        let links = self.links(&ctx);
        let profile = self.0.cluster_profile(&caller, &profile_id, &links).await?;
        Ok(api::GetClusterProfileResponse::Ok(profile))
    }

    async fn list_repository_profiles(
        &self,
        ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::ListRepositoryProfilesResponse, Failure> {
        let profiles = self.0.repository_profiles(&self.links(&ctx)).await;
        Ok(api::ListRepositoryProfilesResponse::Ok(profiles))
    }

    async fn create_repository_profile(
        &self,
        ctx: RequestContext,
        _caller: Caller,
        body: types::RepositoryProfileCreate,
    ) -> Result<api::CreateRepositoryProfileResponse, Failure> {
        let links = self.links(&ctx);
        let profile = self.0.create_repository_profile(&body, &links).await?;
        Ok(api::CreateRepositoryProfileResponse::Ok(profile))
    }

    async fn get_repository_profile(
        &self,
        ctx: RequestContext,
        _caller: Caller,
        profile_id: String,
    ) -> Result<api::GetRepositoryProfileResponse, Failure> {
        let links = self.links(&ctx);
        let profile = self.0.repository_profile(&profile_id, &links).await?;
        Ok(api::GetRepositoryProfileResponse::Ok(profile))
    }

    async fn modify_repository_profile(
        &self,
        ctx: RequestContext,
        _caller: Caller,
        profile_id: String,
        body: types::RepositoryProfileModify,
    ) -> Result<api::ModifyRepositoryProfileResponse, Failure> {
        let links = self.links(&ctx);
        let profile = self.0.modify_repository_profile(&profile_id, &body, &links);
        Ok(api::ModifyRepositoryProfileResponse::Ok(profile.await?))
    }
}
