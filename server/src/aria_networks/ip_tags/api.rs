//! The `IP tags` tag.

use crate::aria_networks::caller::Caller;
use crate::aria_networks::AriaApi;
use crate::generated::aria_networks::{self as api, types, Failure, RequestContext};

impl api::IpTagsApi for AriaApi {
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

    async fn get_tag_ids_v2(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::GetTagIdsV2Response, Failure> {
        Ok(api::GetTagIdsV2Response::Ok(self.0.ip_tag_ids()))
    }

    async fn get_ip_tag_v2(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        tag_id: String,
    ) -> Result<api::GetIpTagV2Response, Failure> {
        Ok(api::GetIpTagV2Response::Ok(
            self.0.ip_tag_v2(&tag_id).await?,
        ))
    }

    async fn add_tag_v2(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        tag_id: String,
        body: types::IpTagEntries,
    ) -> Result<api::AddTagV2Response, Failure> {
        self.0.add_ip_tag_v2(&tag_id, &body).await?;
        Ok(api::AddTagV2Response::Ok)
    }

    async fn remove_tag_v2(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        tag_id: String,
        body: types::IpTagEntries,
    ) -> Result<api::RemoveTagV2Response, Failure> {
        self.0.remove_ip_tag_v2(&tag_id, &body).await?;
        Ok(api::RemoveTagV2Response::Ok)
    }
}
