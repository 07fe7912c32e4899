//! The entity tags: `Entities` (any entity by id, in bulk or by name) here, each group of entity types in its own file.

mod clouds;
mod compute;
mod firewalls;
mod flows;
mod hcx;
mod kubernetes;
mod network;
mod nsxt;
mod switches;
mod vmc;

use crate::aria_networks::caller::Caller;
use crate::aria_networks::AriaApi;
use crate::generated::aria_networks::{self as api, queries, types, Failure, RequestContext};

impl api::EntitiesApi for AriaApi {
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

    async fn bulk_fetch_vendor_info(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: types::FetchRequest,
    ) -> Result<api::BulkFetchVendorInfoResponse, Failure> {
        Ok(api::BulkFetchVendorInfoResponse::Ok(
            self.0.vendor_infos(&body).await?,
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
}
