//! The Inventory tag's operations.

use super::super::api::{Caller, OmevvApi};
use crate::generated::omevv::{self as api, queries, types, Failure, RequestContext};

impl api::InventoryApi for OmevvApi {
    async fn get_console_clusters(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        query: queries::GetConsoleClustersQuery,
    ) -> Result<api::GetConsoleClustersResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid)?;
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
        let console = self.0.console_of(&caller, &uuid)?;
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
        let console = self.0.console_of(&caller, &uuid)?;
        let hosts = self
            .0
            .managed_hosts(
                &console,
                None,
                query.servicetag.as_deref(),
                query.consoleentityid.as_deref(),
            )
            .await?;
        Ok(api::GetManagedHostsResponse::Ok(hosts))
    }

    async fn get_managed_hosts_by_group(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        gid: i64,
    ) -> Result<api::GetManagedHostsByGroupResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid)?;
        let hosts = self
            .0
            .managed_hosts(&console, Some(gid), None, None)
            .await?;
        Ok(api::GetManagedHostsByGroupResponse::Ok(hosts))
    }
}
