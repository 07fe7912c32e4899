//! The `Panorama firewall data sources` tag.

use crate::aria_networks::caller::Caller;
use crate::aria_networks::data_sources::{from_model, to_model, DataSourceKind};
use crate::aria_networks::AriaApi;
use crate::generated::aria_networks::{self as api, types, Failure, RequestContext};

const KIND: DataSourceKind = DataSourceKind::PanoramaFirewalls;

impl api::PanoramaFirewallDataSourcesApi for AriaApi {
    async fn list_panorama_firewalls(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::ListPanoramaFirewallsResponse, Failure> {
        Ok(api::ListPanoramaFirewallsResponse::Ok(
            self.0.list_data_sources(KIND).await?,
        ))
    }

    async fn add_panorama_firewall(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: types::PanFirewallDataSourceRequest,
    ) -> Result<api::AddPanoramaFirewallResponse, Failure> {
        let model = self.0.add_data_source(KIND, to_model(&body)).await?;
        Ok(api::AddPanoramaFirewallResponse::Created(from_model::<
            types::PanFirewallDataSource,
        >(model)?))
    }

    async fn get_panorama_firewall(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::GetPanoramaFirewallResponse, Failure> {
        let model = self.0.data_source(KIND, &id).await?;
        Ok(api::GetPanoramaFirewallResponse::Ok(from_model::<
            types::PanFirewallDataSource,
        >(model)?))
    }

    async fn update_panorama_firewall(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        body: types::PanFirewallDataSourceUpdate,
    ) -> Result<api::UpdatePanoramaFirewallResponse, Failure> {
        let model = self
            .0
            .update_data_source(KIND, &id, to_model(&body))
            .await?;
        Ok(api::UpdatePanoramaFirewallResponse::Ok(from_model::<
            types::PanFirewallDataSource,
        >(model)?))
    }

    async fn delete_panorama_firewall(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::DeletePanoramaFirewallResponse, Failure> {
        self.0.delete_data_source(KIND, &id).await?;
        Ok(api::DeletePanoramaFirewallResponse::NoContent)
    }

    async fn enable_panorama_firewall(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::EnablePanoramaFirewallResponse, Failure> {
        self.0.set_data_source_enabled(KIND, &id, true).await?;
        Ok(api::EnablePanoramaFirewallResponse::Ok)
    }

    async fn disable_panorama_firewall(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::DisablePanoramaFirewallResponse, Failure> {
        self.0.set_data_source_enabled(KIND, &id, false).await?;
        Ok(api::DisablePanoramaFirewallResponse::Ok)
    }
}
