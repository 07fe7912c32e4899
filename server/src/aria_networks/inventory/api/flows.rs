//! The `Flows` tag.

use crate::aria_networks::caller::Caller;
use crate::aria_networks::inventory::Kind;
use crate::aria_networks::model::from_model;
use crate::aria_networks::AriaApi;
use crate::generated::aria_networks::{self as api, queries, types, Failure, RequestContext};

impl api::FlowsApi for AriaApi {
    async fn list_flows(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        query: queries::ListFlowsQuery,
    ) -> Result<api::ListFlowsResponse, Failure> {
        let page = self
            .0
            .list_entities(
                Kind::Flow,
                query.size,
                query.cursor.as_deref(),
                query.start_time,
                query.end_time,
            )
            .await?;
        Ok(api::ListFlowsResponse::Ok(page))
    }

    async fn get_flow(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        _query: queries::GetFlowQuery,
    ) -> Result<api::GetFlowResponse, Failure> {
        let entity = self.0.entity(Kind::Flow, &id).await?;
        Ok(api::GetFlowResponse::Ok(from_model::<types::Flow>(entity)?))
    }
}
