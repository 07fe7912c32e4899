//! The search, aggregation and bulk-fetch operations and each entity type's list and getter,
//! written once as macros that expand inside `impl Api for AriaApi` (as the data sources' do).

/// Search, aggregation and bulk fetch.
macro_rules! search_operations {
    () => {
        async fn search_entities(
            &self,
            _ctx: RequestContext,
            _caller: Caller,
            body: types::SearchRequest,
        ) -> Result<api::SearchEntitiesResponse, Failure> {
            Ok(api::SearchEntitiesResponse::Ok(self.0.search(&body).await?))
        }

        async fn aggregate_search_results(
            &self,
            _ctx: RequestContext,
            _caller: Caller,
            body: types::AggregationRequest,
        ) -> Result<api::AggregateSearchResultsResponse, Failure> {
            Ok(api::AggregateSearchResultsResponse::Ok(
                self.0.aggregate(&body).await?,
            ))
        }

        async fn get_names(
            &self,
            _ctx: RequestContext,
            _caller: Caller,
            body: types::NamesRequest,
        ) -> Result<api::GetNamesResponse, Failure> {
            Ok(api::GetNamesResponse::Ok(self.0.entity_names(&body).await?))
        }

        async fn get_name(
            &self,
            _ctx: RequestContext,
            _caller: Caller,
            id: String,
            query: queries::GetNameQuery,
        ) -> Result<api::GetNameResponse, Failure> {
            Ok(api::GetNameResponse::Ok(
                self.0.entity_name(&id, query.time).await?,
            ))
        }

        async fn entities_fetch_post(
            &self,
            _ctx: RequestContext,
            _caller: Caller,
            body: types::FetchRequest,
        ) -> Result<api::EntitiesFetchPostResponse, Failure> {
            Ok(api::EntitiesFetchPostResponse::Ok(
                self.0.fetch_entities(&body).await?,
            ))
        }
    };
}

pub(crate) use search_operations;

/// An entity type's list and getter: `$kind`, the generated answer type, and the operations.
macro_rules! entity_operations {
    ($kind:expr, $model:ident, $list:ident => $list_r:ident, $list_q:ident, $get:ident => $get_r:ident, $get_q:ident $(,)?) => {
        async fn $list(
            &self,
            _ctx: RequestContext,
            _caller: Caller,
            query: queries::$list_q,
        ) -> Result<api::$list_r, Failure> {
            let page = self
                .0
                .list_entities(
                    $kind,
                    query.size,
                    query.cursor.as_deref(),
                    query.start_time,
                    query.end_time,
                )
                .await?;
            Ok(api::$list_r::Ok(page))
        }

        async fn $get(
            &self,
            _ctx: RequestContext,
            _caller: Caller,
            id: String,
            _query: queries::$get_q,
        ) -> Result<api::$get_r, Failure> {
            let entity = self.0.entity($kind, &id).await?;
            Ok(api::$get_r::Ok(from_model::<types::$model>(entity)?))
        }
    };
}

pub(crate) use entity_operations;

/// The list and getter of each entity type the inventory holds.
macro_rules! every_entity_operation {
    () => {
    entity_operations!(
        Kind::Vm, VirtualMachine,
        list_vms => ListVmsResponse, ListVmsQuery,
        get_vm => GetVmResponse, GetVmQuery,
    );

    entity_operations!(
        Kind::Host, Host,
        list_hosts => ListHostsResponse, ListHostsQuery,
        get_host => GetHostResponse, GetHostQuery,
    );

    entity_operations!(
        Kind::Cluster, Cluster,
        list_clusters => ListClustersResponse, ListClustersQuery,
        get_cluster => GetClusterResponse, GetClusterQuery,
    );

    entity_operations!(
        Kind::Datacenter, VcDatacenter,
        list_vc_datacenters => ListVcDatacentersResponse, ListVcDatacentersQuery,
        get_vc_datacenter => GetVcDatacenterResponse, GetVcDatacenterQuery,
    );

    entity_operations!(
        Kind::Datastore, Datastore,
        list_datastores => ListDatastoresResponse, ListDatastoresQuery,
        get_datastore => GetDatastoreResponse, GetDatastoreQuery,
    );

    entity_operations!(
        Kind::SecurityGroup, SecurityGroup,
        list_security_groups => ListSecurityGroupsResponse, ListSecurityGroupsQuery,
        get_security_group => GetSecurityGroupResponse, GetSecurityGroupQuery,
    );

    entity_operations!(
        Kind::Network, L2Network,
        list_layer2_networks => ListLayer2NetworksResponse, ListLayer2NetworksQuery,
        get_layer2_network => GetLayer2NetworkResponse, GetLayer2NetworkQuery,
    );

    entity_operations!(
        Kind::Vnic, Vnic,
        list_vnics => ListVnicsResponse, ListVnicsQuery,
        get_vnic => GetVnicResponse, GetVnicQuery,
    );

    entity_operations!(
        Kind::Vcenter, VcenterManager,
        list_vcenter_managers => ListVcenterManagersResponse, ListVcenterManagersQuery,
        get_vcenter_manager => GetVcenterManagerResponse, GetVcenterManagerQuery,
    );

    entity_operations!(
        Kind::Flow, Flow,
        list_flows => ListFlowsResponse, ListFlowsQuery,
        get_flow => GetFlowResponse, GetFlowQuery,
    );
    };
}

pub(crate) use every_entity_operation;
