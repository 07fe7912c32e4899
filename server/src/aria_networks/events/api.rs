//! The `Events` tag: user-defined events.

use crate::aria_networks::caller::Caller;
use crate::aria_networks::AriaApi;
use crate::generated::aria_networks::{self as api, types, Failure, RequestContext};

impl api::EventsApi for AriaApi {
    async fn get_all_user_defined_events(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::GetAllUserDefinedEventsResponse, Failure> {
        Ok(api::GetAllUserDefinedEventsResponse::Ok(
            self.0.events().await?,
        ))
    }

    async fn create_user_defined_event(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: types::SubscriptionRequest,
    ) -> Result<api::CreateUserDefinedEventResponse, Failure> {
        Ok(api::CreateUserDefinedEventResponse::Created(
            self.0.create_event(body).await?,
        ))
    }

    async fn get_user_defined_event(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::GetUserDefinedEventResponse, Failure> {
        Ok(api::GetUserDefinedEventResponse::Ok(
            self.0.event(&id).await?,
        ))
    }

    async fn delete_user_defined_event(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::DeleteUserDefinedEventResponse, Failure> {
        self.0.delete_event(&id).await?;
        Ok(api::DeleteUserDefinedEventResponse::NoContent)
    }
}
