//! The `Compute entities` tag: VMs and their virtual disks, hosts, clusters, datacenters, folders,
//! datastores and vCenters.

use crate::aria_networks::caller::Caller;
use crate::aria_networks::inventory::Kind;
use crate::aria_networks::model::from_model;
use crate::aria_networks::AriaApi;
use crate::generated::aria_networks::{self as api, queries, types, Failure, RequestContext};

impl api::ComputeEntitiesApi for AriaApi {
    async fn list_vms(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        query: queries::ListVmsQuery,
    ) -> Result<api::ListVmsResponse, Failure> {
        let page = self
            .0
            .list_entities(
                Kind::Vm,
                query.size,
                query.cursor.as_deref(),
                query.start_time,
                query.end_time,
            )
            .await?;
        Ok(api::ListVmsResponse::Ok(page))
    }

    async fn get_vm(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        _query: queries::GetVmQuery,
    ) -> Result<api::GetVmResponse, Failure> {
        let entity = self.0.entity(Kind::Vm, &id).await?;
        Ok(api::GetVmResponse::Ok(from_model::<types::VirtualMachine>(
            entity,
        )?))
    }

    async fn list_hosts(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        query: queries::ListHostsQuery,
    ) -> Result<api::ListHostsResponse, Failure> {
        let page = self
            .0
            .list_entities(
                Kind::Host,
                query.size,
                query.cursor.as_deref(),
                query.start_time,
                query.end_time,
            )
            .await?;
        Ok(api::ListHostsResponse::Ok(page))
    }

    async fn get_host(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        _query: queries::GetHostQuery,
    ) -> Result<api::GetHostResponse, Failure> {
        let entity = self.0.entity(Kind::Host, &id).await?;
        Ok(api::GetHostResponse::Ok(from_model::<types::Host>(entity)?))
    }

    async fn list_clusters(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        query: queries::ListClustersQuery,
    ) -> Result<api::ListClustersResponse, Failure> {
        let page = self
            .0
            .list_entities(
                Kind::Cluster,
                query.size,
                query.cursor.as_deref(),
                query.start_time,
                query.end_time,
            )
            .await?;
        Ok(api::ListClustersResponse::Ok(page))
    }

    async fn get_cluster(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        _query: queries::GetClusterQuery,
    ) -> Result<api::GetClusterResponse, Failure> {
        let entity = self.0.entity(Kind::Cluster, &id).await?;
        Ok(api::GetClusterResponse::Ok(from_model::<types::Cluster>(
            entity,
        )?))
    }

    async fn list_vc_datacenters(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        query: queries::ListVcDatacentersQuery,
    ) -> Result<api::ListVcDatacentersResponse, Failure> {
        let page = self
            .0
            .list_entities(
                Kind::Datacenter,
                query.size,
                query.cursor.as_deref(),
                query.start_time,
                query.end_time,
            )
            .await?;
        Ok(api::ListVcDatacentersResponse::Ok(page))
    }

    async fn get_vc_datacenter(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        _query: queries::GetVcDatacenterQuery,
    ) -> Result<api::GetVcDatacenterResponse, Failure> {
        let entity = self.0.entity(Kind::Datacenter, &id).await?;
        Ok(api::GetVcDatacenterResponse::Ok(from_model::<
            types::VcDatacenter,
        >(entity)?))
    }

    async fn list_datastores(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        query: queries::ListDatastoresQuery,
    ) -> Result<api::ListDatastoresResponse, Failure> {
        let page = self
            .0
            .list_entities(
                Kind::Datastore,
                query.size,
                query.cursor.as_deref(),
                query.start_time,
                query.end_time,
            )
            .await?;
        Ok(api::ListDatastoresResponse::Ok(page))
    }

    async fn get_datastore(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        _query: queries::GetDatastoreQuery,
    ) -> Result<api::GetDatastoreResponse, Failure> {
        let entity = self.0.entity(Kind::Datastore, &id).await?;
        Ok(api::GetDatastoreResponse::Ok(
            from_model::<types::Datastore>(entity)?,
        ))
    }

    async fn list_vcenter_managers(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        query: queries::ListVcenterManagersQuery,
    ) -> Result<api::ListVcenterManagersResponse, Failure> {
        let page = self
            .0
            .list_entities(
                Kind::Vcenter,
                query.size,
                query.cursor.as_deref(),
                query.start_time,
                query.end_time,
            )
            .await?;
        Ok(api::ListVcenterManagersResponse::Ok(page))
    }

    async fn get_vcenter_manager(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        _query: queries::GetVcenterManagerQuery,
    ) -> Result<api::GetVcenterManagerResponse, Failure> {
        let entity = self.0.entity(Kind::Vcenter, &id).await?;
        Ok(api::GetVcenterManagerResponse::Ok(from_model::<
            types::VcenterManager,
        >(entity)?))
    }

    async fn list_folders(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        query: queries::ListFoldersQuery,
    ) -> Result<api::ListFoldersResponse, Failure> {
        let page = self
            .0
            .list_entities(
                Kind::Folder,
                query.size,
                query.cursor.as_deref(),
                query.start_time,
                query.end_time,
            )
            .await?;
        Ok(api::ListFoldersResponse::Ok(page))
    }

    async fn get_folder(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        _query: queries::GetFolderQuery,
    ) -> Result<api::GetFolderResponse, Failure> {
        let entity = self.0.entity(Kind::Folder, &id).await?;
        Ok(api::GetFolderResponse::Ok(from_model::<types::Folder>(
            entity,
        )?))
    }

    async fn get_virtual_disks(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        query: queries::GetVirtualDisksQuery,
    ) -> Result<api::GetVirtualDisksResponse, Failure> {
        let page = self
            .0
            .list_entities(
                Kind::VirtualDisk,
                query.size,
                query.cursor.as_deref(),
                query.start_time,
                query.end_time,
            )
            .await?;
        Ok(api::GetVirtualDisksResponse::Ok(page))
    }

    async fn get_virtual_disk(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        _query: queries::GetVirtualDiskQuery,
    ) -> Result<api::GetVirtualDiskResponse, Failure> {
        let entity = self.0.entity(Kind::VirtualDisk, &id).await?;
        Ok(api::GetVirtualDiskResponse::Ok(from_model::<
            types::VirtualDisk,
        >(entity)?))
    }
}
