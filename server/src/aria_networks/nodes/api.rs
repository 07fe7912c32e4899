//! The `Infrastructure` tag: the platform and collector nodes, and the VCF watermark.

use crate::aria_networks::caller::Caller;
use crate::aria_networks::AriaApi;
use crate::generated::aria_networks::{self as api, types, Failure, RequestContext};

impl api::InfrastructureApi for AriaApi {
    async fn list_nodes(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::ListNodesResponse, Failure> {
        Ok(api::ListNodesResponse::Ok(self.0.nodes().await))
    }

    async fn get_node(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::GetNodeResponse, Failure> {
        Ok(api::GetNodeResponse::Ok(self.0.node(&id).await?))
    }

    async fn delete_node(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::DeleteNodeResponse, Failure> {
        Ok(api::DeleteNodeResponse::Ok(self.0.delete_node(&id).await?))
    }

    async fn list_expanded_nodes(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::ListExpandedNodesResponse, Failure> {
        Ok(api::ListExpandedNodesResponse::Ok(
            self.0.expanded_nodes().await,
        ))
    }

    async fn get_vcf_watermark(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::GetVcfWatermarkResponse, Failure> {
        Ok(api::GetVcfWatermarkResponse::Ok(
            self.0.vcf_watermark().await?,
        ))
    }

    async fn save_vcf_watermark(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: types::VcfWatermarkConfiguration,
    ) -> Result<api::SaveVcfWatermarkResponse, Failure> {
        Ok(api::SaveVcfWatermarkResponse::Ok(
            self.0.save_vcf_watermark(body).await?,
        ))
    }

    async fn update_vcf_watermark(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: types::VcfWatermarkConfiguration,
    ) -> Result<api::UpdateVcfWatermarkResponse, Failure> {
        Ok(api::UpdateVcfWatermarkResponse::Ok(
            self.0.update_vcf_watermark(body).await?,
        ))
    }

    async fn delete_vcf_watermark(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::DeleteVcfWatermarkResponse, Failure> {
        self.0.delete_vcf_watermark().await?;
        Ok(api::DeleteVcfWatermarkResponse::NoContent)
    }
}
