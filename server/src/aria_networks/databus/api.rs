//! The `Databus` tag (E112).

use crate::aria_networks::caller::Caller;
use crate::aria_networks::AriaApi;
use crate::generated::aria_networks::{self as api, types, Failure, RequestContext};

impl api::DatabusApi for AriaApi {
    async fn get_all_subscriber(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::GetAllSubscriberResponse, Failure> {
        Ok(api::GetAllSubscriberResponse::Ok(
            self.0.databus_subscribers().await,
        ))
    }

    async fn create_subscriber(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: types::DatabusSubscriber,
    ) -> Result<api::CreateSubscriberResponse, Failure> {
        let subscriber = self.0.add_databus_subscriber(&body).await?;
        Ok(api::CreateSubscriberResponse::Created(subscriber))
    }

    async fn get_subscriber(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        subscription_id: String,
    ) -> Result<api::GetSubscriberResponse, Failure> {
        let subscriber = self.0.databus_subscriber(&subscription_id).await?;
        Ok(api::GetSubscriberResponse::Ok(subscriber))
    }

    async fn update_subscriber(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        subscription_id: String,
        body: types::DatabusSubscriber,
    ) -> Result<api::UpdateSubscriberResponse, Failure> {
        let subscriber = (self.0)
            .update_databus_subscriber(&subscription_id, &body)
            .await?;
        Ok(api::UpdateSubscriberResponse::Ok(subscriber))
    }

    async fn delete_subscriber(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        subscription_id: String,
    ) -> Result<api::DeleteSubscriberResponse, Failure> {
        self.0.delete_databus_subscriber(&subscription_id).await?;
        Ok(api::DeleteSubscriberResponse::NoContent)
    }
}
