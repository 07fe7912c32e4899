//! The `Firewall entities` tag (E97): firewalls, their rules, IP sets, services, service
//! groups and security tags (E100).

use crate::aria_networks::caller::Caller;
use crate::aria_networks::inventory::Kind;
use crate::aria_networks::model::from_model;
use crate::aria_networks::AriaApi;
use crate::generated::aria_networks::{self as api, queries, types, Failure, RequestContext};

impl api::FirewallEntitiesApi for AriaApi {
    async fn list_firewall_managers(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        query: queries::ListFirewallManagersQuery,
    ) -> Result<api::ListFirewallManagersResponse, Failure> {
        let page = self
            .0
            .list_entities(
                Kind::FirewallManager,
                query.size,
                query.cursor.as_deref(),
                query.start_time,
                query.end_time,
            )
            .await?;
        Ok(api::ListFirewallManagersResponse::Ok(page))
    }

    async fn get_firewall_manager(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        _query: queries::GetFirewallManagerQuery,
    ) -> Result<api::GetFirewallManagerResponse, Failure> {
        let entity = self.0.entity(Kind::FirewallManager, &id).await?;
        Ok(api::GetFirewallManagerResponse::Ok(from_model::<
            types::BaseFirewallManager,
        >(entity)?))
    }

    async fn list_firewall_rules(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        query: queries::ListFirewallRulesQuery,
    ) -> Result<api::ListFirewallRulesResponse, Failure> {
        let page = self
            .0
            .list_entities(
                Kind::NsxtFirewallRule,
                query.size,
                query.cursor.as_deref(),
                query.start_time,
                query.end_time,
            )
            .await?;
        Ok(api::ListFirewallRulesResponse::Ok(page))
    }

    async fn get_firewall_rule(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        _query: queries::GetFirewallRuleQuery,
    ) -> Result<api::GetFirewallRuleResponse, Failure> {
        let entity = self.0.entity(Kind::NsxtFirewallRule, &id).await?;
        Ok(api::GetFirewallRuleResponse::Ok(from_model::<
            types::NsxtFirewallRule,
        >(entity)?))
    }

    async fn list_ip_sets(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        query: queries::ListIpSetsQuery,
    ) -> Result<api::ListIpSetsResponse, Failure> {
        let page = self
            .0
            .list_entities(
                Kind::NsxtIpSet,
                query.size,
                query.cursor.as_deref(),
                query.start_time,
                query.end_time,
            )
            .await?;
        Ok(api::ListIpSetsResponse::Ok(page))
    }

    async fn get_ip_set(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        _query: queries::GetIpSetQuery,
    ) -> Result<api::GetIpSetResponse, Failure> {
        let entity = self.0.entity(Kind::NsxtIpSet, &id).await?;
        Ok(api::GetIpSetResponse::Ok(from_model::<types::NsxtipSet>(
            entity,
        )?))
    }

    async fn list_services(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        query: queries::ListServicesQuery,
    ) -> Result<api::ListServicesResponse, Failure> {
        let page = self
            .0
            .list_entities(
                Kind::NsService,
                query.size,
                query.cursor.as_deref(),
                query.start_time,
                query.end_time,
            )
            .await?;
        Ok(api::ListServicesResponse::Ok(page))
    }

    async fn get_service(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        _query: queries::GetServiceQuery,
    ) -> Result<api::GetServiceResponse, Failure> {
        let entity = self.0.entity(Kind::NsService, &id).await?;
        Ok(api::GetServiceResponse::Ok(from_model::<types::NsService>(
            entity,
        )?))
    }

    async fn list_service_groups(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        query: queries::ListServiceGroupsQuery,
    ) -> Result<api::ListServiceGroupsResponse, Failure> {
        let page = self
            .0
            .list_entities(
                Kind::NsServiceGroup,
                query.size,
                query.cursor.as_deref(),
                query.start_time,
                query.end_time,
            )
            .await?;
        Ok(api::ListServiceGroupsResponse::Ok(page))
    }

    async fn get_service_group(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        _query: queries::GetServiceGroupQuery,
    ) -> Result<api::GetServiceGroupResponse, Failure> {
        let entity = self.0.entity(Kind::NsServiceGroup, &id).await?;
        Ok(api::GetServiceGroupResponse::Ok(from_model::<
            types::NsServiceGroup,
        >(entity)?))
    }

    async fn list_firewalls(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        query: queries::ListFirewallsQuery,
    ) -> Result<api::ListFirewallsResponse, Failure> {
        let page = self
            .0
            .list_entities(
                Kind::NsxtFirewall,
                query.size,
                query.cursor.as_deref(),
                query.start_time,
                query.end_time,
            )
            .await?;
        Ok(api::ListFirewallsResponse::Ok(page))
    }

    async fn get_firewall(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        _query: queries::GetFirewallQuery,
    ) -> Result<api::GetFirewallResponse, Failure> {
        let entity = self.0.entity(Kind::NsxtFirewall, &id).await?;
        Ok(api::GetFirewallResponse::Ok(from_model::<
            types::NsxtFirewall,
        >(entity)?))
    }

    async fn list_security_tags(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        query: queries::ListSecurityTagsQuery,
    ) -> Result<api::ListSecurityTagsResponse, Failure> {
        let page = self
            .0
            .list_entities(
                Kind::SecurityTag,
                query.size,
                query.cursor.as_deref(),
                query.start_time,
                query.end_time,
            )
            .await?;
        Ok(api::ListSecurityTagsResponse::Ok(page))
    }

    async fn get_security_tag(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        _query: queries::GetSecurityTagQuery,
    ) -> Result<api::GetSecurityTagResponse, Failure> {
        let entity = self.0.entity(Kind::SecurityTag, &id).await?;
        Ok(api::GetSecurityTagResponse::Ok(from_model::<
            types::SecurityTag,
        >(entity)?))
    }
}
