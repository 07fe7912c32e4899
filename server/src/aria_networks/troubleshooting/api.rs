//! The `Guided network troubleshooting` tag.

use crate::aria_networks::caller::Caller;
use crate::aria_networks::AriaApi;
use crate::generated::aria_networks::{self as api, queries, types, Failure, RequestContext};

impl api::GuidedNetworkTroubleshootingApi for AriaApi {
    async fn list_troubleshooting_incidents(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        query: queries::ListTroubleshootingIncidentsQuery,
    ) -> Result<api::ListTroubleshootingIncidentsResponse, Failure> {
        let (cursor, entity) = (query.cursor.as_deref(), query.start_entity_id.as_deref());
        let page = self.0.list_incidents(query.size, cursor, entity).await?;
        Ok(api::ListTroubleshootingIncidentsResponse::Ok(page))
    }

    async fn create_troubleshooting_incident(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        body: Option<types::CreateTroubleshootingIncidentRequest>,
    ) -> Result<api::CreateTroubleshootingIncidentResponse, Failure> {
        let incident = self.0.create_incident(&caller, body.as_ref()).await?;
        Ok(api::CreateTroubleshootingIncidentResponse::Created(
            incident,
        ))
    }

    async fn get_troubleshooting_incident(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::GetTroubleshootingIncidentResponse, Failure> {
        Ok(api::GetTroubleshootingIncidentResponse::Ok(
            self.0.incident(&id).await?,
        ))
    }

    async fn update_troubleshooting_incident(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        id: String,
        body: Option<types::UpdateTroubleshootingIncidentRequest>,
    ) -> Result<api::UpdateTroubleshootingIncidentResponse, Failure> {
        let incident = self.0.update_incident(&caller, &id, body.as_ref()).await?;
        Ok(api::UpdateTroubleshootingIncidentResponse::Ok(incident))
    }

    async fn delete_troubleshooting_incident(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::DeleteTroubleshootingIncidentResponse, Failure> {
        self.0.delete_incident(&id).await?;
        Ok(api::DeleteTroubleshootingIncidentResponse::NoContent)
    }
}
