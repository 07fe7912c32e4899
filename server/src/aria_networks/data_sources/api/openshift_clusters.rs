//! The `OpenShift cluster data sources` tag (E90).

use crate::aria_networks::caller::Caller;
use crate::aria_networks::data_sources::{from_model, to_model, DataSourceKind};
use crate::aria_networks::AriaApi;
use crate::generated::aria_networks::{self as api, types, Failure, RequestContext};

const KIND: DataSourceKind = DataSourceKind::OpenshiftClusters;

impl api::OpenshiftClusterDataSourcesApi for AriaApi {
    async fn list_openshift_clusters(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::ListOpenshiftClustersResponse, Failure> {
        Ok(api::ListOpenshiftClustersResponse::Ok(
            self.0.list_data_sources(KIND).await?,
        ))
    }

    async fn add_openshift_datasource(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: types::KubernetesDataSourceRequest,
    ) -> Result<api::AddOpenshiftDatasourceResponse, Failure> {
        let model = self.0.add_data_source(KIND, to_model(&body)).await?;
        Ok(api::AddOpenshiftDatasourceResponse::Created(from_model::<
            types::KubernetesDataSource,
        >(
            model
        )?))
    }

    async fn get_openshift_cluster(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::GetOpenshiftClusterResponse, Failure> {
        let model = self.0.data_source(KIND, &id).await?;
        Ok(api::GetOpenshiftClusterResponse::Ok(from_model::<
            types::KubernetesDataSource,
        >(model)?))
    }

    async fn update_openshift_cluster(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        body: types::KubernetesDataSourceUpdate,
    ) -> Result<api::UpdateOpenshiftClusterResponse, Failure> {
        let model = self
            .0
            .update_data_source(KIND, &id, to_model(&body))
            .await?;
        Ok(api::UpdateOpenshiftClusterResponse::Ok(from_model::<
            types::KubernetesDataSource,
        >(model)?))
    }

    async fn delete_openshift_cluster(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::DeleteOpenshiftClusterResponse, Failure> {
        self.0.delete_data_source(KIND, &id).await?;
        Ok(api::DeleteOpenshiftClusterResponse::Ok)
    }

    async fn enable_openshift_cluster(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::EnableOpenshiftClusterResponse, Failure> {
        self.0.set_data_source_enabled(KIND, &id, true).await?;
        Ok(api::EnableOpenshiftClusterResponse::Ok)
    }

    async fn disable_openshift_cluster(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::DisableOpenshiftClusterResponse, Failure> {
        self.0.set_data_source_enabled(KIND, &id, false).await?;
        Ok(api::DisableOpenshiftClusterResponse::Ok)
    }
}
