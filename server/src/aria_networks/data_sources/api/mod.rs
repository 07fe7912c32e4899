//! The data-source tags: `Data sources` (what all types share) here, each of the first eight
//! types' and of the cloud, container and SaaS types' (E90) tag in its own file, and `Device data
//! sources` (every device type through one path) in `devices`.

mod aws_accounts;
mod azure_subscriptions;
mod bulk;
mod cisco_switches;
mod devices;
mod f5_bigip;
mod generic_switches;
mod kubernetes_clusters;
mod log_insight;
mod nsxt_managers;
mod nsxv_managers;
mod openshift_clusters;
mod panorama_firewalls;
mod pks;
mod servicenow_instances;
mod vcenters;
mod velocloud;
mod vmc_nsx_managers;

use crate::aria_networks::caller::Caller;
use crate::aria_networks::data_sources::{from_model, DataSourceKind};
use crate::aria_networks::errors::AriaError;
use crate::aria_networks::paging::PageRequest;
use crate::aria_networks::AriaApi;
use crate::generated::aria_networks::{self as api, queries, types, Failure, RequestContext};

impl api::DataSourcesApi for AriaApi {
    async fn accept_certificate(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::AcceptCertificateResponse, Failure> {
        self.0.accept_certificate(&id).await?;
        Ok(api::AcceptCertificateResponse::Ok)
    }

    async fn collect_data_source_now(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        data_source_type: String,
        id: String,
    ) -> Result<api::CollectDataSourceNowResponse, Failure> {
        let kind = DataSourceKind::from_segment(&data_source_type).ok_or_else(|| {
            AriaError::NotFound(format!(
                "No such data source type: /data-sources/{data_source_type}"
            ))
        })?;
        self.0.collect_now(kind, &id).await?;
        Ok(api::CollectDataSourceNowResponse::Ok)
    }

    async fn list_all_data_sources(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        query: queries::ListAllDataSourcesQuery,
    ) -> Result<api::ListAllDataSourcesResponse, Failure> {
        let page = PageRequest::parse(query.size, query.cursor.as_deref())?;
        let listed = self
            .0
            .list_all_data_sources(page, query.filter.as_deref(), query.order_by.as_deref())
            .await?;
        Ok(api::ListAllDataSourcesResponse::Ok(
            types::PagedDataSourceListResponse {
                results: listed
                    .results
                    .into_iter()
                    .map(from_model)
                    .collect::<Result<_, _>>()?,
                cursor: listed.cursor,
                total_count: listed.total as i32,
            },
        ))
    }

    async fn get_datasource_health(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::GetDatasourceHealthResponse, Failure> {
        Ok(api::GetDatasourceHealthResponse::Ok(
            self.0.data_source_health().await?,
        ))
    }
}
