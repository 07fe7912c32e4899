//! The Aria API as the sandbox serves it: translation only.

use std::sync::Arc;

use super::applications::operations::application_operations;
use super::data_sources::operations::{
    data_source_extra_operations, data_source_operations, every_data_source_operation,
};
use super::data_sources::{from_model, to_model, DataSourceKind};
use super::errors::AriaError;
use super::events::settings_operations;
use super::inventory::Kind;
use super::paging::PageRequest;
use super::principals::PrincipalKind;
use super::search::operations::{entity_operations, every_entity_operation, search_operations};
use super::tokens::Caller;
use super::Aria;
use crate::generated::aria_networks::{
    self as api, queries, types, Access, Failure, Rejection, RequestContext,
};

#[derive(Clone)]
pub struct AriaApi(pub Arc<Aria>);

impl api::Api for AriaApi {
    type Principal = Caller;

    async fn authenticate(
        &self,
        ctx: &RequestContext,
        _access: &Access,
    ) -> Result<Caller, Failure> {
        Ok(self.0.authenticate(ctx.header("authorization")).await?)
    }

    fn authorize(
        &self,
        _ctx: &RequestContext,
        caller: &Caller,
        role: &'static str,
    ) -> Result<(), Failure> {
        Ok(self.0.authorize(caller, role)?)
    }

    async fn login(
        &self,
        _ctx: RequestContext,
        body: types::LoginRequest,
    ) -> Result<api::LoginResponse, Failure> {
        Ok(api::LoginResponse::Ok(self.0.login_local(&body).await?))
    }

    async fn logout(
        &self,
        _ctx: RequestContext,
        caller: Caller,
    ) -> Result<api::LogoutResponse, Failure> {
        self.0.logout(&caller).await?;
        Ok(api::LogoutResponse::NoContent)
    }

    async fn get_api_version(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::GetApiVersionResponse, Failure> {
        Ok(api::GetApiVersionResponse::Ok(types::ApiVersion {
            api_version: self.0.config.api_version.clone(),
        }))
    }

    async fn get_vidm_client_id(
        &self,
        _ctx: RequestContext,
    ) -> Result<api::GetVidmClientIdResponse, Failure> {
        Ok(api::GetVidmClientIdResponse::Ok(
            self.0.vidm_client_id().await?,
        ))
    }

    async fn login_with_vidm_token(
        &self,
        _ctx: RequestContext,
        body: types::VidmTokenRequest,
    ) -> Result<api::LoginWithVidmTokenResponse, Failure> {
        let token = self.0.login_with_vidm(&body.vidm_token).await?;
        Ok(api::LoginWithVidmTokenResponse::Ok(token))
    }

    async fn get_vidm_config(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::GetVidmConfigResponse, Failure> {
        Ok(api::GetVidmConfigResponse::Ok(self.0.vidm_config().await?))
    }

    async fn create_vidm_config(
        &self,
        ctx: RequestContext,
        _caller: Caller,
        body: types::VidmConfigRequest,
    ) -> Result<api::CreateVidmConfigResponse, Failure> {
        Ok(api::CreateVidmConfigResponse::Created(
            self.0.configure_vidm(&body, ctx.header("host")).await?,
        ))
    }

    async fn update_vidm_config(
        &self,
        ctx: RequestContext,
        _caller: Caller,
        body: types::VidmConfigRequest,
    ) -> Result<api::UpdateVidmConfigResponse, Failure> {
        Ok(api::UpdateVidmConfigResponse::Ok(
            self.0.update_vidm(&body, ctx.header("host")).await?,
        ))
    }

    async fn delete_vidm_config(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::DeleteVidmConfigResponse, Failure> {
        self.0.delete_vidm().await?;
        Ok(api::DeleteVidmConfigResponse::NoContent)
    }

    async fn get_vidm_certificate(
        &self,
        ctx: RequestContext,
        _caller: Caller,
        query: queries::GetVidmCertificateQuery,
    ) -> Result<api::GetVidmCertificateResponse, Failure> {
        Ok(api::GetVidmCertificateResponse::Ok(
            self.0.vidm_certificate(&query.url, ctx.header("host"))?,
        ))
    }

    async fn enable_vidm(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::EnableVidmResponse, Failure> {
        self.0.set_vidm_enabled(true).await?;
        Ok(api::EnableVidmResponse::NoContent)
    }

    async fn disable_vidm(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::DisableVidmResponse, Failure> {
        self.0.set_vidm_enabled(false).await?;
        Ok(api::DisableVidmResponse::NoContent)
    }

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

    async fn get_login_banner(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::GetLoginBannerResponse, Failure> {
        Ok(api::GetLoginBannerResponse::Ok(
            self.0.login_banner().await?,
        ))
    }

    async fn add_login_banner(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: types::LoginBanner,
    ) -> Result<api::AddLoginBannerResponse, Failure> {
        Ok(api::AddLoginBannerResponse::Created(
            self.0.add_login_banner(body).await?,
        ))
    }

    async fn update_login_banner(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: types::LoginBanner,
    ) -> Result<api::UpdateLoginBannerResponse, Failure> {
        Ok(api::UpdateLoginBannerResponse::Ok(
            self.0.replace_login_banner(body).await?,
        ))
    }

    async fn delete_login_banner(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::DeleteLoginBannerResponse, Failure> {
        self.0.delete_login_banner().await?;
        Ok(api::DeleteLoginBannerResponse::NoContent)
    }

    async fn list_nodes(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::ListNodesResponse, Failure> {
        Ok(api::ListNodesResponse::Ok(self.0.nodes()))
    }

    async fn get_node(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::GetNodeResponse, Failure> {
        Ok(api::GetNodeResponse::Ok(self.0.node(&id)?))
    }

    async fn get_ip_tag_ids(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::GetIpTagIdsResponse, Failure> {
        Ok(api::GetIpTagIdsResponse::Ok(self.0.ip_tag_ids()))
    }

    async fn get_ip_tag(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        tag_id: String,
    ) -> Result<api::GetIpTagResponse, Failure> {
        Ok(api::GetIpTagResponse::Ok(self.0.ip_tag(&tag_id).await?))
    }

    async fn add_ip_tag(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        tag_id: String,
        body: types::IpTagRequest,
    ) -> Result<api::AddIpTagResponse, Failure> {
        self.0.add_ip_tag(&tag_id, &body).await?;
        Ok(api::AddIpTagResponse::Ok)
    }

    async fn remove_ip_tag(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        tag_id: String,
        body: types::IpTagRequest,
    ) -> Result<api::RemoveIpTagResponse, Failure> {
        self.0.remove_ip_tag(&tag_id, &body).await?;
        Ok(api::RemoveIpTagResponse::Ok)
    }

    every_data_source_operation!();

    data_source_extra_operations!();

    settings_operations!();

    search_operations!();

    every_entity_operation!();

    application_operations!();

    fn reject(&self, _ctx: &RequestContext, rejection: Rejection) -> Failure {
        match rejection {
            Rejection::PayloadTooLarge => AriaError::PayloadTooLarge(rejection.message()),
            _ => AriaError::BadRequest(rejection.message()),
        }
        .into()
    }
}
