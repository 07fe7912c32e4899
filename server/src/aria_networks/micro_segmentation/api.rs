//! The `Micro-segmentation` tag.

use crate::aria_networks::caller::Caller;
use crate::aria_networks::AriaApi;
use crate::generated::aria_networks::{self as api, types, Failure, RequestContext};

impl api::MicroSegmentationApi for AriaApi {
    async fn list_recommended_rules(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: Option<types::RecommendedRulesRequest>,
    ) -> Result<api::ListRecommendedRulesResponse, Failure> {
        let rules = self.0.recommended_rules(body.as_ref()).await?;
        Ok(api::ListRecommendedRulesResponse::Ok(rules))
    }

    async fn export_nsx_recommended_rules(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: Option<types::RecommendedRulesRequest>,
    ) -> Result<api::ExportNsxRecommendedRulesResponse, Failure> {
        let zip = self.0.recommended_rules_zip(body.as_ref()).await?;
        Ok(api::ExportNsxRecommendedRulesResponse::Ok(zip))
    }

    async fn get_connection_graph(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: types::EntityCommunicationSummaryRequest,
    ) -> Result<api::GetConnectionGraphResponse, Failure> {
        let graph = self.0.connection_graph(&body).await?;
        Ok(api::GetConnectionGraphResponse::Ok(graph))
    }

    async fn get_entity_communication_summary(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: types::EntityCommunicationSummaryRequest,
    ) -> Result<api::GetEntityCommunicationSummaryResponse, Failure> {
        let summary = self.0.communication_summary(&body).await?;
        Ok(api::GetEntityCommunicationSummaryResponse::Ok(summary))
    }
}
