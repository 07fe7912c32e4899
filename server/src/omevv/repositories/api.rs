//! The Repositories tag's operations.

use super::super::api::{Caller, OmevvApi};
use crate::generated::omevv::{self as api, types, Failure, RequestContext};

impl api::RepositoriesApi for OmevvApi {
    async fn get_repository_profiles(
        &self,
        ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::GetRepositoryProfilesResponse, Failure> {
        self.0.check_header(&ctx).await?;
        Ok(api::GetRepositoryProfilesResponse::Ok(
            self.0.repository_profiles().await,
        ))
    }

    async fn create_repository_profile(
        &self,
        ctx: RequestContext,
        caller: Caller,
        body: types::CreateRepositoryProfileRequest,
    ) -> Result<api::CreateRepositoryProfileResponse, Failure> {
        self.0.check_header(&ctx).await?;
        let id = self.0.create_repository_profile(&caller, body).await?;
        Ok(api::CreateRepositoryProfileResponse::Ok(id))
    }

    async fn get_repository_profile(
        &self,
        ctx: RequestContext,
        _caller: Caller,
        id: i64,
    ) -> Result<api::GetRepositoryProfileResponse, Failure> {
        self.0.check_header(&ctx).await?;
        Ok(api::GetRepositoryProfileResponse::Ok(
            self.0.repository_profile(id).await?,
        ))
    }

    async fn modify_repository_profile(
        &self,
        ctx: RequestContext,
        caller: Caller,
        id: i64,
        body: types::ModifyRepositoryProfileRequest,
    ) -> Result<api::ModifyRepositoryProfileResponse, Failure> {
        self.0.check_header(&ctx).await?;
        let id = self.0.modify_repository_profile(&caller, id, body).await?;
        Ok(api::ModifyRepositoryProfileResponse::Ok(id))
    }

    async fn delete_repository_profile(
        &self,
        ctx: RequestContext,
        _caller: Caller,
        id: i64,
    ) -> Result<api::DeleteRepositoryProfileResponse, Failure> {
        self.0.check_header(&ctx).await?;
        self.0.delete_repository_profile(id).await?;
        Ok(api::DeleteRepositoryProfileResponse::Ok)
    }

    async fn test_repository_connection(
        &self,
        ctx: RequestContext,
        _caller: Caller,
        body: types::RepoTestConnectionRequest,
    ) -> Result<api::TestRepositoryConnectionResponse, Failure> {
        self.0.check_header(&ctx).await?;
        let id = self.0.test_connection(body).await?;
        Ok(api::TestRepositoryConnectionResponse::Accepted(id))
    }

    async fn get_test_connection_histories(
        &self,
        ctx: RequestContext,
        _caller: Caller,
        id: i64,
    ) -> Result<api::GetTestConnectionHistoriesResponse, Failure> {
        self.0.check_header(&ctx).await?;
        Ok(api::GetTestConnectionHistoriesResponse::Ok(
            self.0.connection_test_runs(id).await?,
        ))
    }

    async fn resync_repository(
        &self,
        ctx: RequestContext,
        caller: Caller,
    ) -> Result<api::ResyncRepositoryResponse, Failure> {
        self.0.check_header(&ctx).await?;
        Ok(api::ResyncRepositoryResponse::Ok(
            self.0.resync_repositories(&caller).await?,
        ))
    }
}
