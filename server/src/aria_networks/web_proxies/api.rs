//! The `Web proxies` tag.

use crate::aria_networks::caller::Caller;
use crate::aria_networks::AriaApi;
use crate::generated::aria_networks::{self as api, queries, types, Failure, RequestContext};

impl api::WebProxiesApi for AriaApi {
    async fn get_web_proxies(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::GetWebProxiesResponse, Failure> {
        Ok(api::GetWebProxiesResponse::Ok(self.0.web_proxies().await))
    }

    async fn add_web_proxy(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: types::WebProxyRequest,
    ) -> Result<api::AddWebProxyResponse, Failure> {
        Ok(api::AddWebProxyResponse::Created(
            self.0.add_web_proxy(body).await?,
        ))
    }

    async fn get_infra_nodes_web_proxy(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::GetInfraNodesWebProxyResponse, Failure> {
        Ok(api::GetInfraNodesWebProxyResponse::Ok(
            self.0.web_proxies_of_nodes().await,
        ))
    }

    async fn validate_web_proxy_migration(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: types::WebProxyMigrationRequest,
    ) -> Result<api::ValidateWebProxyMigrationResponse, Failure> {
        Ok(api::ValidateWebProxyMigrationResponse::Ok(
            self.0.validate_web_proxy_migration(&body).await?,
        ))
    }

    async fn get_web_proxy(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::GetWebProxyResponse, Failure> {
        Ok(api::GetWebProxyResponse::Ok(self.0.web_proxy(&id).await?))
    }

    async fn update_web_proxy(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        body: types::WebProxyRequest,
    ) -> Result<api::UpdateWebProxyResponse, Failure> {
        self.0.update_web_proxy(&id, body).await?;
        Ok(api::UpdateWebProxyResponse::NoContent)
    }

    async fn delete_web_proxy(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        query: queries::DeleteWebProxyQuery,
    ) -> Result<api::DeleteWebProxyResponse, Failure> {
        let to = query.migrationwebproxyid.as_deref();
        self.0.delete_web_proxy(&id, to).await?;
        Ok(api::DeleteWebProxyResponse::NoContent)
    }

    async fn get_connected_clients_to_web_proxy(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::GetConnectedClientsToWebProxyResponse, Failure> {
        Ok(api::GetConnectedClientsToWebProxyResponse::Ok(
            self.0.web_proxy_clients(&id).await?,
        ))
    }

    async fn validate_connections_via_web_proxy(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        body: types::WebProxyRequest,
    ) -> Result<api::ValidateConnectionsViaWebProxyResponse, Failure> {
        Ok(api::ValidateConnectionsViaWebProxyResponse::Ok(
            self.0.validate_web_proxy_clients(&id, &body).await?,
        ))
    }
}
