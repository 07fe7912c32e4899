//! The `Physical network entities` tag (E105): the world switches' ports and routed VLAN
//! interfaces, each type's list and getter.

use crate::aria_networks::caller::Caller;
use crate::aria_networks::inventory::Kind;
use crate::aria_networks::model::from_model;
use crate::aria_networks::AriaApi;
use crate::generated::aria_networks::{self as api, queries, types, Failure, RequestContext};

impl api::PhysicalNetworkEntitiesApi for AriaApi {
    async fn list_switchports(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        query: queries::ListSwitchportsQuery,
    ) -> Result<api::ListSwitchportsResponse, Failure> {
        let page = self
            .0
            .list_entities(
                Kind::SwitchPort,
                query.size,
                query.cursor.as_deref(),
                query.start_time,
                query.end_time,
            )
            .await?;
        Ok(api::ListSwitchportsResponse::Ok(page))
    }

    async fn get_switch_port(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        _query: queries::GetSwitchPortQuery,
    ) -> Result<api::GetSwitchPortResponse, Failure> {
        let entity = self.0.entity(Kind::SwitchPort, &id).await?;
        Ok(api::GetSwitchPortResponse::Ok(from_model::<
            types::SwitchPort,
        >(entity)?))
    }

    async fn list_routerinterfaces(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        query: queries::ListRouterinterfacesQuery,
    ) -> Result<api::ListRouterinterfacesResponse, Failure> {
        let page = self
            .0
            .list_entities(
                Kind::RouterInterface,
                query.size,
                query.cursor.as_deref(),
                query.start_time,
                query.end_time,
            )
            .await?;
        Ok(api::ListRouterinterfacesResponse::Ok(page))
    }

    async fn get_router_interface(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        _query: queries::GetRouterInterfaceQuery,
    ) -> Result<api::GetRouterInterfaceResponse, Failure> {
        let entity = self.0.entity(Kind::RouterInterface, &id).await?;
        Ok(api::GetRouterInterfaceResponse::Ok(from_model::<
            types::RouterInterface,
        >(entity)?))
    }
}
