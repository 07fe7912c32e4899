//! The `VMC entities` tag (E103): SDDCs, SDDC groups, transit gateways, Direct Connects, their
//! virtual interfaces and IPsec VPN sessions, each type's list and getter.

use crate::aria_networks::caller::Caller;
use crate::aria_networks::inventory::Kind;
use crate::aria_networks::model::from_model;
use crate::aria_networks::AriaApi;
use crate::generated::aria_networks::{self as api, queries, types, Failure, RequestContext};

impl api::VmcEntitiesApi for AriaApi {
    async fn get_vmcsdd_cs(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        query: queries::GetVmcsddCsQuery,
    ) -> Result<api::GetVmcsddCsResponse, Failure> {
        let page = self
            .0
            .list_entities(
                Kind::VmcSddc,
                query.size,
                query.cursor.as_deref(),
                query.start_time,
                query.end_time,
            )
            .await?;
        Ok(api::GetVmcsddCsResponse::Ok(page))
    }

    async fn get_vmcsddc(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        _query: queries::GetVmcsddcQuery,
    ) -> Result<api::GetVmcsddcResponse, Failure> {
        let entity = self.0.entity(Kind::VmcSddc, &id).await?;
        Ok(api::GetVmcsddcResponse::Ok(from_model::<
            types::GenericVmcsddc,
        >(entity)?))
    }

    async fn get_sddc_groups(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        query: queries::GetSddcGroupsQuery,
    ) -> Result<api::GetSddcGroupsResponse, Failure> {
        let page = self
            .0
            .list_entities(
                Kind::SddcGroup,
                query.size,
                query.cursor.as_deref(),
                query.start_time,
                query.end_time,
            )
            .await?;
        Ok(api::GetSddcGroupsResponse::Ok(page))
    }

    async fn get_sddc_group(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        _query: queries::GetSddcGroupQuery,
    ) -> Result<api::GetSddcGroupResponse, Failure> {
        let entity = self.0.entity(Kind::SddcGroup, &id).await?;
        Ok(api::GetSddcGroupResponse::Ok(from_model::<
            types::Vmcsddcgroup,
        >(entity)?))
    }

    async fn get_vm_ware_transit_gateways(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        query: queries::GetVmWareTransitGatewaysQuery,
    ) -> Result<api::GetVmWareTransitGatewaysResponse, Failure> {
        let page = self
            .0
            .list_entities(
                Kind::TransitGateway,
                query.size,
                query.cursor.as_deref(),
                query.start_time,
                query.end_time,
            )
            .await?;
        Ok(api::GetVmWareTransitGatewaysResponse::Ok(page))
    }

    async fn get_vm_ware_transit_gateway(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        _query: queries::GetVmWareTransitGatewayQuery,
    ) -> Result<api::GetVmWareTransitGatewayResponse, Failure> {
        let entity = self.0.entity(Kind::TransitGateway, &id).await?;
        Ok(api::GetVmWareTransitGatewayResponse::Ok(from_model::<
            types::VmWareTransitGateway,
        >(entity)?))
    }

    async fn get_vmc_aws_dx_connections(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        query: queries::GetVmcAwsDxConnectionsQuery,
    ) -> Result<api::GetVmcAwsDxConnectionsResponse, Failure> {
        let page = self
            .0
            .list_entities(
                Kind::DxConnection,
                query.size,
                query.cursor.as_deref(),
                query.start_time,
                query.end_time,
            )
            .await?;
        Ok(api::GetVmcAwsDxConnectionsResponse::Ok(page))
    }

    async fn get_vmc_aws_dx_connection(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        _query: queries::GetVmcAwsDxConnectionQuery,
    ) -> Result<api::GetVmcAwsDxConnectionResponse, Failure> {
        let entity = self.0.entity(Kind::DxConnection, &id).await?;
        Ok(api::GetVmcAwsDxConnectionResponse::Ok(from_model::<
            types::VmcAwsDxConnection,
        >(entity)?))
    }

    async fn get_direct_connect_interfaces(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        query: queries::GetDirectConnectInterfacesQuery,
    ) -> Result<api::GetDirectConnectInterfacesResponse, Failure> {
        let page = self
            .0
            .list_entities(
                Kind::DxInterface,
                query.size,
                query.cursor.as_deref(),
                query.start_time,
                query.end_time,
            )
            .await?;
        Ok(api::GetDirectConnectInterfacesResponse::Ok(page))
    }

    async fn get_direct_connect_interface(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        _query: queries::GetDirectConnectInterfaceQuery,
    ) -> Result<api::GetDirectConnectInterfaceResponse, Failure> {
        let entity = self.0.entity(Kind::DxInterface, &id).await?;
        Ok(api::GetDirectConnectInterfaceResponse::Ok(from_model::<
            types::DirectConnectInterface,
        >(
            entity
        )?))
    }

    async fn get_ip_sec_vpn_sessions(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        query: queries::GetIpSecVpnSessionsQuery,
    ) -> Result<api::GetIpSecVpnSessionsResponse, Failure> {
        let page = self
            .0
            .list_entities(
                Kind::VpnSession,
                query.size,
                query.cursor.as_deref(),
                query.start_time,
                query.end_time,
            )
            .await?;
        Ok(api::GetIpSecVpnSessionsResponse::Ok(page))
    }

    async fn get_ip_sec_vpn_session(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        _query: queries::GetIpSecVpnSessionQuery,
    ) -> Result<api::GetIpSecVpnSessionResponse, Failure> {
        let entity = self.0.entity(Kind::VpnSession, &id).await?;
        Ok(api::GetIpSecVpnSessionResponse::Ok(from_model::<
            types::IpSecVpnSession,
        >(entity)?))
    }
}
