//! The `NSX-T entities` tag (E96): each type's list and getter.

use crate::aria_networks::caller::Caller;
use crate::aria_networks::inventory::Kind;
use crate::aria_networks::model::from_model;
use crate::aria_networks::AriaApi;
use crate::generated::aria_networks::{self as api, queries, types, Failure, RequestContext};

impl api::NsxTEntitiesApi for AriaApi {
    async fn list_nsx_managers(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        query: queries::ListNsxManagersQuery,
    ) -> Result<api::ListNsxManagersResponse, Failure> {
        let page = self
            .0
            .list_entities(
                Kind::NsxtManager,
                query.size,
                query.cursor.as_deref(),
                query.start_time,
                query.end_time,
            )
            .await?;
        Ok(api::ListNsxManagersResponse::Ok(page))
    }

    async fn get_nsx_manager(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        _query: queries::GetNsxManagerQuery,
    ) -> Result<api::GetNsxManagerResponse, Failure> {
        let entity = self.0.entity(Kind::NsxtManager, &id).await?;
        Ok(api::GetNsxManagerResponse::Ok(from_model::<
            types::NsxtManager,
        >(entity)?))
    }

    async fn list_nsxt_management_nodes(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        query: queries::ListNsxtManagementNodesQuery,
    ) -> Result<api::ListNsxtManagementNodesResponse, Failure> {
        let page = self
            .0
            .list_entities(
                Kind::NsxtMpNode,
                query.size,
                query.cursor.as_deref(),
                query.start_time,
                query.end_time,
            )
            .await?;
        Ok(api::ListNsxtManagementNodesResponse::Ok(page))
    }

    async fn get_nsxt_management_node(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        _query: queries::GetNsxtManagementNodeQuery,
    ) -> Result<api::GetNsxtManagementNodeResponse, Failure> {
        let entity = self.0.entity(Kind::NsxtMpNode, &id).await?;
        Ok(api::GetNsxtManagementNodeResponse::Ok(from_model::<
            types::NsxtManagementNode,
        >(entity)?))
    }

    async fn list_nsxt_controllers(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        query: queries::ListNsxtControllersQuery,
    ) -> Result<api::ListNsxtControllersResponse, Failure> {
        let page = self
            .0
            .list_entities(
                Kind::NsxtController,
                query.size,
                query.cursor.as_deref(),
                query.start_time,
                query.end_time,
            )
            .await?;
        Ok(api::ListNsxtControllersResponse::Ok(page))
    }

    async fn get_nsxt_controller(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        _query: queries::GetNsxtControllerQuery,
    ) -> Result<api::GetNsxtControllerResponse, Failure> {
        let entity = self.0.entity(Kind::NsxtController, &id).await?;
        Ok(api::GetNsxtControllerResponse::Ok(from_model::<
            types::NsxtController,
        >(entity)?))
    }

    async fn list_nsxt_transport_nodes(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        query: queries::ListNsxtTransportNodesQuery,
    ) -> Result<api::ListNsxtTransportNodesResponse, Failure> {
        let page = self
            .0
            .list_entities(
                Kind::NsxtTransportNode,
                query.size,
                query.cursor.as_deref(),
                query.start_time,
                query.end_time,
            )
            .await?;
        Ok(api::ListNsxtTransportNodesResponse::Ok(page))
    }

    async fn get_nsxt_transport_node(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        _query: queries::GetNsxtTransportNodeQuery,
    ) -> Result<api::GetNsxtTransportNodeResponse, Failure> {
        let entity = self.0.entity(Kind::NsxtTransportNode, &id).await?;
        Ok(api::GetNsxtTransportNodeResponse::Ok(from_model::<
            types::NsxtTransportNode,
        >(entity)?))
    }

    async fn list_nsxt_edge_clusters(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        query: queries::ListNsxtEdgeClustersQuery,
    ) -> Result<api::ListNsxtEdgeClustersResponse, Failure> {
        let page = self
            .0
            .list_entities(
                Kind::NsxtEdgeCluster,
                query.size,
                query.cursor.as_deref(),
                query.start_time,
                query.end_time,
            )
            .await?;
        Ok(api::ListNsxtEdgeClustersResponse::Ok(page))
    }

    async fn get_nsxt_edge_cluster(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        _query: queries::GetNsxtEdgeClusterQuery,
    ) -> Result<api::GetNsxtEdgeClusterResponse, Failure> {
        let entity = self.0.entity(Kind::NsxtEdgeCluster, &id).await?;
        Ok(api::GetNsxtEdgeClusterResponse::Ok(from_model::<
            types::NsxtEdgeCluster,
        >(entity)?))
    }

    async fn get_nsxt_edge_node_cpu_cores(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        query: queries::GetNsxtEdgeNodeCpuCoresQuery,
    ) -> Result<api::GetNsxtEdgeNodeCpuCoresResponse, Failure> {
        let page = self
            .0
            .list_entities(
                Kind::NsxtCpuCore,
                query.size,
                query.cursor.as_deref(),
                query.start_time,
                query.end_time,
            )
            .await?;
        Ok(api::GetNsxtEdgeNodeCpuCoresResponse::Ok(page))
    }

    async fn get_nsxt_edge_node_cpu_core_by_id(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        _query: queries::GetNsxtEdgeNodeCpuCoreByIdQuery,
    ) -> Result<api::GetNsxtEdgeNodeCpuCoreByIdResponse, Failure> {
        let entity = self.0.entity(Kind::NsxtCpuCore, &id).await?;
        Ok(api::GetNsxtEdgeNodeCpuCoreByIdResponse::Ok(from_model::<
            types::NsxtTransportNodeCpuCore,
        >(
            entity
        )?))
    }

    async fn get_logical_routers(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        query: queries::GetLogicalRoutersQuery,
    ) -> Result<api::GetLogicalRoutersResponse, Failure> {
        let page = self
            .0
            .list_entities(
                Kind::LogicalRouter,
                query.size,
                query.cursor.as_deref(),
                query.start_time,
                query.end_time,
            )
            .await?;
        Ok(api::GetLogicalRoutersResponse::Ok(page))
    }

    async fn get_logical_router(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        _query: queries::GetLogicalRouterQuery,
    ) -> Result<api::GetLogicalRouterResponse, Failure> {
        let entity = self.0.entity(Kind::LogicalRouter, &id).await?;
        Ok(api::GetLogicalRouterResponse::Ok(from_model::<
            types::LogicalRouter,
        >(entity)?))
    }
}
