//! The `Network entities` tag: security groups, layer-2 networks, distributed switches and port
//! groups, vNICs and VMkernel adapters.

use crate::aria_networks::caller::Caller;
use crate::aria_networks::inventory::Kind;
use crate::aria_networks::model::from_model;
use crate::aria_networks::AriaApi;
use crate::generated::aria_networks::{self as api, queries, types, Failure, RequestContext};

impl api::NetworkEntitiesApi for AriaApi {
    async fn list_security_groups(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        query: queries::ListSecurityGroupsQuery,
    ) -> Result<api::ListSecurityGroupsResponse, Failure> {
        let page = self
            .0
            .list_entities(
                Kind::SecurityGroup,
                query.size,
                query.cursor.as_deref(),
                query.start_time,
                query.end_time,
            )
            .await?;
        Ok(api::ListSecurityGroupsResponse::Ok(page))
    }

    async fn get_security_group(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        _query: queries::GetSecurityGroupQuery,
    ) -> Result<api::GetSecurityGroupResponse, Failure> {
        let entity = self.0.entity(Kind::SecurityGroup, &id).await?;
        Ok(api::GetSecurityGroupResponse::Ok(from_model::<
            types::SecurityGroup,
        >(entity)?))
    }

    async fn list_layer2_networks(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        query: queries::ListLayer2NetworksQuery,
    ) -> Result<api::ListLayer2NetworksResponse, Failure> {
        let page = self
            .0
            .list_entities(
                Kind::Network,
                query.size,
                query.cursor.as_deref(),
                query.start_time,
                query.end_time,
            )
            .await?;
        Ok(api::ListLayer2NetworksResponse::Ok(page))
    }

    async fn get_layer2_network(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        _query: queries::GetLayer2NetworkQuery,
    ) -> Result<api::GetLayer2NetworkResponse, Failure> {
        let entity = self.0.entity(Kind::Network, &id).await?;
        Ok(api::GetLayer2NetworkResponse::Ok(from_model::<
            types::L2Network,
        >(entity)?))
    }

    async fn list_vnics(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        query: queries::ListVnicsQuery,
    ) -> Result<api::ListVnicsResponse, Failure> {
        let page = self
            .0
            .list_entities(
                Kind::Vnic,
                query.size,
                query.cursor.as_deref(),
                query.start_time,
                query.end_time,
            )
            .await?;
        Ok(api::ListVnicsResponse::Ok(page))
    }

    async fn get_vnic(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        _query: queries::GetVnicQuery,
    ) -> Result<api::GetVnicResponse, Failure> {
        let entity = self.0.entity(Kind::Vnic, &id).await?;
        Ok(api::GetVnicResponse::Ok(from_model::<types::Vnic>(entity)?))
    }

    async fn list_distributed_virtual_switches(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        query: queries::ListDistributedVirtualSwitchesQuery,
    ) -> Result<api::ListDistributedVirtualSwitchesResponse, Failure> {
        let page = self
            .0
            .list_entities(
                Kind::Dvs,
                query.size,
                query.cursor.as_deref(),
                query.start_time,
                query.end_time,
            )
            .await?;
        Ok(api::ListDistributedVirtualSwitchesResponse::Ok(page))
    }

    async fn get_distributed_virtual_switch(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        _query: queries::GetDistributedVirtualSwitchQuery,
    ) -> Result<api::GetDistributedVirtualSwitchResponse, Failure> {
        let entity = self.0.entity(Kind::Dvs, &id).await?;
        Ok(api::GetDistributedVirtualSwitchResponse::Ok(from_model::<
            types::DistributedVirtualSwitch,
        >(
            entity
        )?))
    }

    async fn list_distributed_virtual_portgroups(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        query: queries::ListDistributedVirtualPortgroupsQuery,
    ) -> Result<api::ListDistributedVirtualPortgroupsResponse, Failure> {
        let page = self
            .0
            .list_entities(
                Kind::Dvpg,
                query.size,
                query.cursor.as_deref(),
                query.start_time,
                query.end_time,
            )
            .await?;
        Ok(api::ListDistributedVirtualPortgroupsResponse::Ok(page))
    }

    async fn get_distributed_virtual_portgroup(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        _query: queries::GetDistributedVirtualPortgroupQuery,
    ) -> Result<api::GetDistributedVirtualPortgroupResponse, Failure> {
        let entity = self.0.entity(Kind::Dvpg, &id).await?;
        Ok(api::GetDistributedVirtualPortgroupResponse::Ok(
            from_model::<types::DistributedVirtualPortgroup>(entity)?,
        ))
    }

    async fn list_vmknics(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        query: queries::ListVmknicsQuery,
    ) -> Result<api::ListVmknicsResponse, Failure> {
        let page = self
            .0
            .list_entities(
                Kind::Vmknic,
                query.size,
                query.cursor.as_deref(),
                query.start_time,
                query.end_time,
            )
            .await?;
        Ok(api::ListVmknicsResponse::Ok(page))
    }

    async fn get_vmknic(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        _query: queries::GetVmknicQuery,
    ) -> Result<api::GetVmknicResponse, Failure> {
        let entity = self.0.entity(Kind::Vmknic, &id).await?;
        Ok(api::GetVmknicResponse::Ok(from_model::<types::Vmknic>(
            entity,
        )?))
    }
}
