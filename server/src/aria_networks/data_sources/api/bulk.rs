//! The `Bulk data source operations` tag (E91).

use crate::aria_networks::caller::Caller;
use crate::aria_networks::AriaApi;
use crate::generated::aria_networks::{self as api, types, Failure, RequestContext};
use crate::stub::FormData;

impl api::BulkDataSourceOperationsApi for AriaApi {
    async fn bulk_data_source_add_operation(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: FormData,
    ) -> Result<api::BulkDataSourceAddOperationResponse, Failure> {
        let accepted = self.0.bulk_add_data_sources(body).await?;
        Ok(api::BulkDataSourceAddOperationResponse::Accepted(accepted))
    }

    async fn bulk_data_source_operation(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: types::BulkDataSourceRequest,
    ) -> Result<api::BulkDataSourceOperationResponse, Failure> {
        let accepted = self.0.bulk_data_source_operation(&body).await?;
        Ok(api::BulkDataSourceOperationResponse::Accepted(accepted))
    }

    async fn get_bulk_operation_details(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        request_id: String,
    ) -> Result<api::GetBulkOperationDetailsResponse, Failure> {
        let report = self.0.bulk_report(&request_id).await?;
        Ok(api::GetBulkOperationDetailsResponse::Ok(report))
    }
}
