//! The `Intents` tag.

use super::IntentChange;
use crate::aria_networks::caller::Caller;
use crate::aria_networks::AriaApi;
use crate::generated::aria_networks::{self as api, types, Failure, RequestContext};

impl api::IntentsApi for AriaApi {
    async fn create_intent(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: types::AlertConfigIntentObject,
    ) -> Result<api::CreateIntentResponse, Failure> {
        Ok(api::CreateIntentResponse::Created(
            self.0.create_intent(&body).await?,
        ))
    }

    async fn get_intent(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::GetIntentResponse, Failure> {
        Ok(api::GetIntentResponse::Ok(self.0.intent(&id).await?))
    }

    async fn update_intent(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        body: types::AlertConfigIntentObject,
    ) -> Result<api::UpdateIntentResponse, Failure> {
        let change = IntentChange::Replace(&body);
        Ok(api::UpdateIntentResponse::Ok(
            self.0.change_intent(&id, change).await?,
        ))
    }

    async fn delete_intent(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::DeleteIntentResponse, Failure> {
        self.0.delete_intent(&id).await?;
        Ok(api::DeleteIntentResponse::Ok)
    }

    async fn enable_intent(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::EnableIntentResponse, Failure> {
        let change = IntentChange::Enable(true);
        Ok(api::EnableIntentResponse::Ok(
            self.0.change_intent(&id, change).await?,
        ))
    }

    async fn disable_intent(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::DisableIntentResponse, Failure> {
        let change = IntentChange::Enable(false);
        Ok(api::DisableIntentResponse::Ok(
            self.0.change_intent(&id, change).await?,
        ))
    }
}
