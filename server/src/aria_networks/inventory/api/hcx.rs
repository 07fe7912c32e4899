//! The `HCX entities` tag (E101): each type's list and getter; the appliances' list also by
//! `appliance_type`.

use crate::aria_networks::caller::Caller;
use crate::aria_networks::errors::AriaError;
use crate::aria_networks::inventory::Kind;
use crate::aria_networks::model::from_model;
use crate::aria_networks::AriaApi;
use crate::generated::aria_networks::{self as api, queries, types, Failure, RequestContext};

/// The filter an `appliance_type` asks for: one of the three types, in any letter case.
fn appliance_filter(asked: Option<&str>) -> Result<Option<String>, AriaError> {
    let Some(asked) = asked.filter(|a| !a.is_empty()) else {
        return Ok(None);
    };
    let known = ["HCXIXAppliance", "HCXNEAppliance", "HCXWANOPTAppliance"];
    match known.iter().find(|k| k.eq_ignore_ascii_case(asked)) {
        Some(k) => Ok(Some(format!("appliance_type = '{k}'"))),
        None => Err(AriaError::InvalidInput(format!(
            "appliance_type {asked:?} is not one of {}",
            known.join(", ")
        ))),
    }
}

impl api::HcxEntitiesApi for AriaApi {
    async fn get_hcx_managers(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        query: queries::GetHcxManagersQuery,
    ) -> Result<api::GetHcxManagersResponse, Failure> {
        let page = self
            .0
            .list_entities(
                Kind::HcxManager,
                query.size,
                query.cursor.as_deref(),
                query.start_time,
                query.end_time,
            )
            .await?;
        Ok(api::GetHcxManagersResponse::Ok(page))
    }

    async fn get_hcx_manager(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        _query: queries::GetHcxManagerQuery,
    ) -> Result<api::GetHcxManagerResponse, Failure> {
        let entity = self.0.entity(Kind::HcxManager, &id).await?;
        Ok(api::GetHcxManagerResponse::Ok(from_model::<
            types::HcxManager,
        >(entity)?))
    }

    async fn get_hcx_sites(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        query: queries::GetHcxSitesQuery,
    ) -> Result<api::GetHcxSitesResponse, Failure> {
        let page = self
            .0
            .list_entities(
                Kind::HcxSite,
                query.size,
                query.cursor.as_deref(),
                query.start_time,
                query.end_time,
            )
            .await?;
        Ok(api::GetHcxSitesResponse::Ok(page))
    }

    async fn get_hcx_site(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        _query: queries::GetHcxSiteQuery,
    ) -> Result<api::GetHcxSiteResponse, Failure> {
        let entity = self.0.entity(Kind::HcxSite, &id).await?;
        Ok(api::GetHcxSiteResponse::Ok(from_model::<types::HcxSite>(
            entity,
        )?))
    }

    async fn get_hcx_compute_profiles(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        query: queries::GetHcxComputeProfilesQuery,
    ) -> Result<api::GetHcxComputeProfilesResponse, Failure> {
        let page = self
            .0
            .list_entities(
                Kind::HcxComputeProfile,
                query.size,
                query.cursor.as_deref(),
                query.start_time,
                query.end_time,
            )
            .await?;
        Ok(api::GetHcxComputeProfilesResponse::Ok(page))
    }

    async fn get_hcx_compute_profile(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        _query: queries::GetHcxComputeProfileQuery,
    ) -> Result<api::GetHcxComputeProfileResponse, Failure> {
        let entity = self.0.entity(Kind::HcxComputeProfile, &id).await?;
        Ok(api::GetHcxComputeProfileResponse::Ok(from_model::<
            types::HcxComputeProfile,
        >(entity)?))
    }

    async fn get_hcx_network_profiles(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        query: queries::GetHcxNetworkProfilesQuery,
    ) -> Result<api::GetHcxNetworkProfilesResponse, Failure> {
        let page = self
            .0
            .list_entities(
                Kind::HcxNetworkProfile,
                query.size,
                query.cursor.as_deref(),
                query.start_time,
                query.end_time,
            )
            .await?;
        Ok(api::GetHcxNetworkProfilesResponse::Ok(page))
    }

    async fn get_hcx_network_profile(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        _query: queries::GetHcxNetworkProfileQuery,
    ) -> Result<api::GetHcxNetworkProfileResponse, Failure> {
        let entity = self.0.entity(Kind::HcxNetworkProfile, &id).await?;
        Ok(api::GetHcxNetworkProfileResponse::Ok(from_model::<
            types::HcxNetworkProfile,
        >(entity)?))
    }

    async fn get_hcx_service_meshes(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        query: queries::GetHcxServiceMeshesQuery,
    ) -> Result<api::GetHcxServiceMeshesResponse, Failure> {
        let page = self
            .0
            .list_entities(
                Kind::HcxServiceMesh,
                query.size,
                query.cursor.as_deref(),
                query.start_time,
                query.end_time,
            )
            .await?;
        Ok(api::GetHcxServiceMeshesResponse::Ok(page))
    }

    async fn get_hcx_service_mesh(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        _query: queries::GetHcxServiceMeshQuery,
    ) -> Result<api::GetHcxServiceMeshResponse, Failure> {
        let entity = self.0.entity(Kind::HcxServiceMesh, &id).await?;
        Ok(api::GetHcxServiceMeshResponse::Ok(from_model::<
            types::HcxServiceMesh,
        >(entity)?))
    }

    async fn get_hcx_services(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        query: queries::GetHcxServicesQuery,
    ) -> Result<api::GetHcxServicesResponse, Failure> {
        let page = self
            .0
            .list_entities(
                Kind::HcxService,
                query.size,
                query.cursor.as_deref(),
                query.start_time,
                query.end_time,
            )
            .await?;
        Ok(api::GetHcxServicesResponse::Ok(page))
    }

    async fn get_hcx_service(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        _query: queries::GetHcxServiceQuery,
    ) -> Result<api::GetHcxServiceResponse, Failure> {
        let entity = self.0.entity(Kind::HcxService, &id).await?;
        Ok(api::GetHcxServiceResponse::Ok(from_model::<
            types::HcxService,
        >(entity)?))
    }

    async fn get_hcx_appliances(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        query: queries::GetHcxAppliancesQuery,
    ) -> Result<api::GetHcxAppliancesResponse, Failure> {
        let filter = appliance_filter(query.appliance_type.as_deref())?;
        let page = self
            .0
            .list_entities_where(
                Kind::HcxAppliance,
                filter.as_deref(),
                query.size,
                query.cursor.as_deref(),
                query.start_time,
                query.end_time,
            )
            .await?;
        Ok(api::GetHcxAppliancesResponse::Ok(page))
    }

    async fn get_hcx_appliance(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        _query: queries::GetHcxApplianceQuery,
    ) -> Result<api::GetHcxApplianceResponse, Failure> {
        let entity = self.0.entity(Kind::HcxAppliance, &id).await?;
        Ok(api::GetHcxApplianceResponse::Ok(from_model::<
            types::HcxAppliance,
        >(entity)?))
    }

    async fn get_hcx_tunnels(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        query: queries::GetHcxTunnelsQuery,
    ) -> Result<api::GetHcxTunnelsResponse, Failure> {
        let page = self
            .0
            .list_entities(
                Kind::HcxTunnel,
                query.size,
                query.cursor.as_deref(),
                query.start_time,
                query.end_time,
            )
            .await?;
        Ok(api::GetHcxTunnelsResponse::Ok(page))
    }

    async fn get_hcx_tunnel(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        _query: queries::GetHcxTunnelQuery,
    ) -> Result<api::GetHcxTunnelResponse, Failure> {
        let entity = self.0.entity(Kind::HcxTunnel, &id).await?;
        Ok(api::GetHcxTunnelResponse::Ok(
            from_model::<types::HcxTunnel>(entity)?,
        ))
    }

    async fn get_hcxl2_extensions(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        query: queries::GetHcxl2ExtensionsQuery,
    ) -> Result<api::GetHcxl2ExtensionsResponse, Failure> {
        let page = self
            .0
            .list_entities(
                Kind::HcxL2Extension,
                query.size,
                query.cursor.as_deref(),
                query.start_time,
                query.end_time,
            )
            .await?;
        Ok(api::GetHcxl2ExtensionsResponse::Ok(page))
    }

    async fn get_hcxl2_extension(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        _query: queries::GetHcxl2ExtensionQuery,
    ) -> Result<api::GetHcxl2ExtensionResponse, Failure> {
        let entity = self.0.entity(Kind::HcxL2Extension, &id).await?;
        Ok(api::GetHcxl2ExtensionResponse::Ok(from_model::<
            types::Hcxl2Extension,
        >(entity)?))
    }
}
