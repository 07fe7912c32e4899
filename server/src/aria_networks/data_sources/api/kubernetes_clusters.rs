//! The `Kubernetes cluster data sources` tag (E90).

use crate::aria_networks::caller::Caller;
use crate::aria_networks::data_sources::{from_model, to_model, DataSourceKind};
use crate::aria_networks::AriaApi;
use crate::generated::aria_networks::{self as api, types, Failure, RequestContext};

const KIND: DataSourceKind = DataSourceKind::KubernetesClusters;

impl api::KubernetesClusterDataSourcesApi for AriaApi {
    async fn list_kubernetes_clusters(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::ListKubernetesClustersResponse, Failure> {
        Ok(api::ListKubernetesClustersResponse::Ok(
            self.0.list_data_sources(KIND).await?,
        ))
    }

    async fn add_kubernetes_datasource(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: types::KubernetesDataSourceRequest,
    ) -> Result<api::AddKubernetesDatasourceResponse, Failure> {
        let model = self.0.add_data_source(KIND, to_model(&body)).await?;
        Ok(api::AddKubernetesDatasourceResponse::Created(from_model::<
            types::KubernetesDataSource,
        >(
            model
        )?))
    }

    async fn get_kubernetes_cluster(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::GetKubernetesClusterResponse, Failure> {
        let model = self.0.data_source(KIND, &id).await?;
        Ok(api::GetKubernetesClusterResponse::Ok(from_model::<
            types::KubernetesDataSource,
        >(model)?))
    }

    async fn update_kubernetes_cluster(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        body: types::KubernetesDataSourceUpdate,
    ) -> Result<api::UpdateKubernetesClusterResponse, Failure> {
        let model = self
            .0
            .update_data_source(KIND, &id, to_model(&body))
            .await?;
        Ok(api::UpdateKubernetesClusterResponse::Ok(from_model::<
            types::KubernetesDataSource,
        >(model)?))
    }

    async fn delete_kubernetes_cluster(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::DeleteKubernetesClusterResponse, Failure> {
        self.0.delete_data_source(KIND, &id).await?;
        Ok(api::DeleteKubernetesClusterResponse::Ok)
    }

    async fn enable_kubernetes_cluster(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::EnableKubernetesClusterResponse, Failure> {
        self.0.set_data_source_enabled(KIND, &id, true).await?;
        Ok(api::EnableKubernetesClusterResponse::Ok)
    }

    async fn disable_kubernetes_cluster(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::DisableKubernetesClusterResponse, Failure> {
        self.0.set_data_source_enabled(KIND, &id, false).await?;
        Ok(api::DisableKubernetesClusterResponse::Ok)
    }
}
