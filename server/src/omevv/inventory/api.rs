//! The Inventory tag's operations.

use super::super::api::{Caller, OmevvApi};
use super::{group_view, HostQuery};
use crate::generated::omevv::{self as api, queries, types, Failure, RequestContext};

impl api::InventoryApi for OmevvApi {
    async fn get_console_clusters(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        query: queries::GetConsoleClustersQuery,
    ) -> Result<api::GetConsoleClustersResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        let clusters = self
            .0
            .clusters(
                &console,
                query.pid.as_deref(),
                query.name.as_deref(),
                query.entityid.as_deref(),
            )
            .await;
        Ok(api::GetConsoleClustersResponse::Ok(clusters))
    }

    async fn get_groups_for_clusters(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        body: types::GroupsForClustersRequest,
    ) -> Result<api::GetGroupsForClustersResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        let groups = self.0.groups_for_clusters(&console, &body.clust_ids);
        Ok(api::GetGroupsForClustersResponse::Ok(groups))
    }

    async fn get_managed_hosts(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        query: queries::GetManagedHostsQuery,
    ) -> Result<api::GetManagedHostsResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        let filter = HostQuery {
            service_tag: query.servicetag.as_deref(),
            entity_id: query.consoleentityid.as_deref(),
            in_maintenance: query
                .maintenancemode
                .map(|m| m == types::MaintenanceMode::InsideMaintenancemode),
        };
        let hosts = self.0.managed_hosts(&console, None, filter).await?;
        Ok(api::GetManagedHostsResponse::Ok(hosts))
    }

    async fn get_managed_hosts_by_group(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        gid: i64,
    ) -> Result<api::GetManagedHostsByGroupResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        let hosts = self
            .0
            .managed_hosts(&console, Some(gid), HostQuery::default())
            .await?;
        Ok(api::GetManagedHostsByGroupResponse::Ok(hosts))
    }

    async fn get_groups_by_console(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        query: queries::GetGroupsByConsoleQuery,
    ) -> Result<api::GetGroupsByConsoleResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        let groups = self.0.groups(
            &console,
            query.group_type,
            query.console_entity_id.as_deref(),
        );
        Ok(api::GetGroupsByConsoleResponse::Ok(groups))
    }

    async fn get_group_by_id(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        gid: i64,
    ) -> Result<api::GetGroupByIdResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        let group = console.group(gid)?;
        Ok(api::GetGroupByIdResponse::Ok(group_view(&console, &group)))
    }

    async fn get_devices_by_group_id(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        gid: i64,
    ) -> Result<api::GetDevicesByGroupIdResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        let hosts = self
            .0
            .managed_hosts(&console, Some(gid), HostQuery::default())
            .await?;
        let devices = hosts
            .into_iter()
            .map(|h| types::Device {
                id: h.id,
                device_type: Some(types::DeviceDeviceType::Host),
            })
            .collect();
        Ok(api::GetDevicesByGroupIdResponse::Ok(devices))
    }

    async fn get_managed_host_by_id(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        hid: i64,
    ) -> Result<api::GetManagedHostByIdResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        Ok(api::GetManagedHostByIdResponse::Ok(
            self.0.managed_host(&console, hid).await?,
        ))
    }

    async fn get_managed_hosts_count(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        query: queries::GetManagedHostsCountQuery,
    ) -> Result<api::GetManagedHostsCountResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        let hosts = self
            .0
            .managed_hosts(&console, query.gid, HostQuery::default())
            .await?;
        Ok(api::GetManagedHostsCountResponse::Ok(
            types::ManagedHostConsole {
                console: Some(console.vcenter.config.hostname.clone()),
                count: Some(hosts.len() as i64),
            },
        ))
    }

    async fn get_consoles_id_hierachy(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        query: queries::GetConsolesIdHierachyQuery,
    ) -> Result<api::GetConsolesIdHierachyResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        let tree = self.0.hierarchy(&console, query.showhosts.unwrap_or(true));
        Ok(api::GetConsolesIdHierachyResponse::Ok(tree))
    }
}
