//! The `Kubernetes entities` tag (E99): each type's list and getter.

use crate::aria_networks::caller::Caller;
use crate::aria_networks::inventory::Kind;
use crate::aria_networks::model::from_model;
use crate::aria_networks::AriaApi;
use crate::generated::aria_networks::{self as api, queries, types, Failure, RequestContext};

impl api::KubernetesEntitiesApi for AriaApi {
    async fn get_kubernetes_cluster_entities(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        query: queries::GetKubernetesClusterEntitiesQuery,
    ) -> Result<api::GetKubernetesClusterEntitiesResponse, Failure> {
        let page = self
            .0
            .list_entities(
                Kind::KubernetesCluster,
                query.size,
                query.cursor.as_deref(),
                query.start_time,
                query.end_time,
            )
            .await?;
        Ok(api::GetKubernetesClusterEntitiesResponse::Ok(page))
    }

    async fn get_kubernetes_cluster_entity(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        _query: queries::GetKubernetesClusterEntityQuery,
    ) -> Result<api::GetKubernetesClusterEntityResponse, Failure> {
        let entity = self.0.entity(Kind::KubernetesCluster, &id).await?;
        Ok(api::GetKubernetesClusterEntityResponse::Ok(from_model::<
            types::KubernetesCluster,
        >(
            entity
        )?))
    }

    async fn list_kubernetes_nodes(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        query: queries::ListKubernetesNodesQuery,
    ) -> Result<api::ListKubernetesNodesResponse, Failure> {
        let page = self
            .0
            .list_entities(
                Kind::KubernetesNode,
                query.size,
                query.cursor.as_deref(),
                query.start_time,
                query.end_time,
            )
            .await?;
        Ok(api::ListKubernetesNodesResponse::Ok(page))
    }

    async fn get_kubernetes_node(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        _query: queries::GetKubernetesNodeQuery,
    ) -> Result<api::GetKubernetesNodeResponse, Failure> {
        let entity = self.0.entity(Kind::KubernetesNode, &id).await?;
        Ok(api::GetKubernetesNodeResponse::Ok(from_model::<
            types::KubernetesNode,
        >(entity)?))
    }

    async fn list_kubernetes_namespaces(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        query: queries::ListKubernetesNamespacesQuery,
    ) -> Result<api::ListKubernetesNamespacesResponse, Failure> {
        let page = self
            .0
            .list_entities(
                Kind::KubernetesNamespace,
                query.size,
                query.cursor.as_deref(),
                query.start_time,
                query.end_time,
            )
            .await?;
        Ok(api::ListKubernetesNamespacesResponse::Ok(page))
    }

    async fn get_kubernetes_namespace(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        _query: queries::GetKubernetesNamespaceQuery,
    ) -> Result<api::GetKubernetesNamespaceResponse, Failure> {
        let entity = self.0.entity(Kind::KubernetesNamespace, &id).await?;
        Ok(api::GetKubernetesNamespaceResponse::Ok(from_model::<
            types::KubernetesNamespace,
        >(entity)?))
    }

    async fn list_kubernetes_pods(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        query: queries::ListKubernetesPodsQuery,
    ) -> Result<api::ListKubernetesPodsResponse, Failure> {
        let page = self
            .0
            .list_entities(
                Kind::KubernetesPod,
                query.size,
                query.cursor.as_deref(),
                query.start_time,
                query.end_time,
            )
            .await?;
        Ok(api::ListKubernetesPodsResponse::Ok(page))
    }

    async fn get_kubernetes_pod(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        _query: queries::GetKubernetesPodQuery,
    ) -> Result<api::GetKubernetesPodResponse, Failure> {
        let entity = self.0.entity(Kind::KubernetesPod, &id).await?;
        Ok(api::GetKubernetesPodResponse::Ok(from_model::<
            types::KubernetesPod,
        >(entity)?))
    }

    async fn list_kubernetes_services(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        query: queries::ListKubernetesServicesQuery,
    ) -> Result<api::ListKubernetesServicesResponse, Failure> {
        let page = self
            .0
            .list_entities(
                Kind::KubernetesService,
                query.size,
                query.cursor.as_deref(),
                query.start_time,
                query.end_time,
            )
            .await?;
        Ok(api::ListKubernetesServicesResponse::Ok(page))
    }

    async fn get_kubernetes_service(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        _query: queries::GetKubernetesServiceQuery,
    ) -> Result<api::GetKubernetesServiceResponse, Failure> {
        let entity = self.0.entity(Kind::KubernetesService, &id).await?;
        Ok(api::GetKubernetesServiceResponse::Ok(from_model::<
            types::KubernetesService,
        >(entity)?))
    }
}
