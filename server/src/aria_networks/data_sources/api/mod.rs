//! The data-source tags: `Data sources` (what all types share) here, each type's tag in its own file.

mod cisco_switches;
mod f5_bigip;
mod generic_switches;
mod nsxt_managers;
mod nsxv_managers;
mod panorama_firewalls;
mod vcenters;
mod vmc_nsx_managers;

use crate::aria_networks::caller::Caller;
use crate::aria_networks::AriaApi;
use crate::generated::aria_networks::{self as api, Failure, RequestContext};

impl api::DataSourcesApi for AriaApi {
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
