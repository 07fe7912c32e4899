//! The `Users` tag: local and vIDM-mapped users, and the password change.

use crate::aria_networks::caller::Caller;
use crate::aria_networks::paging::PageRequest;
use crate::aria_networks::principals::PrincipalKind;
use crate::aria_networks::AriaApi;
use crate::generated::aria_networks::{self as api, queries, types, Failure, RequestContext};

impl api::UsersApi for AriaApi {
    async fn list_users(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        query: queries::ListUsersQuery,
    ) -> Result<api::ListUsersResponse, Failure> {
        let page = PageRequest::parse(query.size, query.cursor.as_deref())?;
        Ok(api::ListUsersResponse::Ok(
            self.0
                .list_users(PrincipalKind::parse(&query.r#type)?, page)
                .await?,
        ))
    }

    async fn list_all_users(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        query: queries::ListAllUsersQuery,
    ) -> Result<api::ListAllUsersResponse, Failure> {
        let page = PageRequest::parse(query.size, query.cursor.as_deref())?;
        Ok(api::ListAllUsersResponse::Ok(
            self.0.list_all_users(page).await?,
        ))
    }

    async fn update_user_password(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        body: types::UserPasswordUpdate,
    ) -> Result<api::UpdateUserPasswordResponse, Failure> {
        self.0.change_password(&caller, &body).await?;
        Ok(api::UpdateUserPasswordResponse::NoContent)
    }

    async fn update_vidm_user(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: types::VidmUserRequest,
    ) -> Result<api::UpdateVidmUserResponse, Failure> {
        Ok(api::UpdateVidmUserResponse::Ok(
            self.0.update_vidm_user(body).await?,
        ))
    }

    async fn add_vidm_user(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: types::VidmUserRequest,
    ) -> Result<api::AddVidmUserResponse, Failure> {
        Ok(api::AddVidmUserResponse::Created(
            self.0.add_vidm_user(body).await?,
        ))
    }

    async fn get_user(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::GetUserResponse, Failure> {
        Ok(api::GetUserResponse::Ok(self.0.user(&id).await?))
    }

    async fn delete_user(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::DeleteUserResponse, Failure> {
        self.0.delete_user(&id).await?;
        Ok(api::DeleteUserResponse::NoContent)
    }
}
