//! The `User groups` tag: vIDM-mapped groups.

use crate::aria_networks::caller::Caller;
use crate::aria_networks::paging::PageRequest;
use crate::aria_networks::principals::PrincipalKind;
use crate::aria_networks::AriaApi;
use crate::generated::aria_networks::{self as api, queries, types, Failure, RequestContext};

impl api::UserGroupsApi for AriaApi {
    async fn list_user_groups(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        query: queries::ListUserGroupsQuery,
    ) -> Result<api::ListUserGroupsResponse, Failure> {
        let page = PageRequest::parse(query.size, query.cursor.as_deref())?;
        Ok(api::ListUserGroupsResponse::Ok(
            self.0
                .list_groups(PrincipalKind::parse(&query.r#type)?, page)
                .await?,
        ))
    }

    async fn update_vidm_user_group(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: types::VidmUserGroupRequest,
    ) -> Result<api::UpdateVidmUserGroupResponse, Failure> {
        Ok(api::UpdateVidmUserGroupResponse::Ok(
            self.0.update_vidm_group(body).await?,
        ))
    }

    async fn add_vidm_user_group(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: types::VidmUserGroupRequest,
    ) -> Result<api::AddVidmUserGroupResponse, Failure> {
        Ok(api::AddVidmUserGroupResponse::Created(
            self.0.add_vidm_group(body).await?,
        ))
    }

    async fn get_user_group(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::GetUserGroupResponse, Failure> {
        Ok(api::GetUserGroupResponse::Ok(self.0.group(&id).await?))
    }

    async fn delete_user_group(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::DeleteUserGroupResponse, Failure> {
        self.0.delete_group(&id).await?;
        Ok(api::DeleteUserGroupResponse::NoContent)
    }
}
