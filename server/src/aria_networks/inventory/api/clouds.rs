//! The `Cloud entities` tag (E102): AWS accounts and Azure subscriptions, each type's list and
//! getter.

use crate::aria_networks::caller::Caller;
use crate::aria_networks::inventory::Kind;
use crate::aria_networks::model::from_model;
use crate::aria_networks::AriaApi;
use crate::generated::aria_networks::{self as api, queries, types, Failure, RequestContext};

impl api::CloudEntitiesApi for AriaApi {
    async fn list_aws_account_managers(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        query: queries::ListAwsAccountManagersQuery,
    ) -> Result<api::ListAwsAccountManagersResponse, Failure> {
        let page = self
            .0
            .list_entities(
                Kind::AwsAccountManager,
                query.size,
                query.cursor.as_deref(),
                query.start_time,
                query.end_time,
            )
            .await?;
        Ok(api::ListAwsAccountManagersResponse::Ok(page))
    }

    async fn get_aws_account_manager(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        _query: queries::GetAwsAccountManagerQuery,
    ) -> Result<api::GetAwsAccountManagerResponse, Failure> {
        let entity = self.0.entity(Kind::AwsAccountManager, &id).await?;
        Ok(api::GetAwsAccountManagerResponse::Ok(from_model::<
            types::AwsAccountManager,
        >(entity)?))
    }

    async fn list_azure_subscription(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        query: queries::ListAzureSubscriptionQuery,
    ) -> Result<api::ListAzureSubscriptionResponse, Failure> {
        let page = self
            .0
            .list_entities(
                Kind::AzureSubscription,
                query.size,
                query.cursor.as_deref(),
                query.start_time,
                query.end_time,
            )
            .await?;
        Ok(api::ListAzureSubscriptionResponse::Ok(page))
    }

    async fn get_azure_subscription(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        _query: queries::GetAzureSubscriptionQuery,
    ) -> Result<api::GetAzureSubscriptionResponse, Failure> {
        let entity = self.0.entity(Kind::AzureSubscription, &id).await?;
        Ok(api::GetAzureSubscriptionResponse::Ok(from_model::<
            types::AzureSubscription,
        >(entity)?))
    }
}
