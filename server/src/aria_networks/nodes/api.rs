//! The `Infrastructure` tag: the platform and collector nodes.

use crate::aria_networks::caller::Caller;
use crate::aria_networks::AriaApi;
use crate::generated::aria_networks::{self as api, Failure, RequestContext};

impl api::InfrastructureApi for AriaApi {
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
}
