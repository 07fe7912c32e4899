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

    async fn update_user_defined_event(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        body: types::SubscriptionRequest,
    ) -> Result<api::UpdateUserDefinedEventResponse, Failure> {
        let event = self.0.update_event(&id, body).await?;
        Ok(api::UpdateUserDefinedEventResponse::Ok(event))
    }

    async fn enable_user_defined_event(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::EnableUserDefinedEventResponse, Failure> {
        let event = self.0.set_event_active(&id, true).await?;
        Ok(api::EnableUserDefinedEventResponse::Ok(event))
    }

    async fn disable_user_defined_event(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::DisableUserDefinedEventResponse, Failure> {
        let event = self.0.set_event_active(&id, false).await?;
        Ok(api::DisableUserDefinedEventResponse::Ok(event))
    }
}
