//! The `Consoles` tag: registered vCenters, their clusters and hosts, and alarm settings.

use crate::generated::omivv::{self as api, types, Failure, RequestContext};
use crate::omivv::sessions::Caller;
use crate::omivv::OmivvApi;

impl api::ConsolesApi for OmivvApi {
    async fn set_operational_context(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        body: types::OperationalContextRequest,
    ) -> Result<api::SetOperationalContextResponse, Failure> {
        self.0.set_context(&caller, &body).await?;
        Ok(api::SetOperationalContextResponse::NoContent)
    }

    async fn list_consoles(
        &self,
        ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::ListConsolesResponse, Failure> {
        let links = self.links(&ctx);
        Ok(api::ListConsolesResponse::Ok(self.0.consoles(&links)))
    }

    async fn get_console(
        &self,
        ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::GetConsoleResponse, Failure> {
        let links = self.links(&ctx);
        Ok(api::GetConsoleResponse::Ok(self.0.console(&id, &links)?))
    }

    async fn get_console_cluster(
        &self,
        ctx: RequestContext,
        _caller: Caller,
        id: String,
        cluster_id: String,
    ) -> Result<api::GetConsoleClusterResponse, Failure> {
        let links = self.links(&ctx);
        let cluster = self.0.console_cluster(&id, &cluster_id, &links)?;
        Ok(api::GetConsoleClusterResponse::Ok(cluster))
    }

    async fn list_console_hosts(
        &self,
        ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::ListConsoleHostsResponse, Failure> {
        let links = self.links(&ctx);
        Ok(api::ListConsoleHostsResponse::Ok(
            self.0.console_hosts(&id, &links)?,
        ))
    }

    async fn get_console_host(
        &self,
        ctx: RequestContext,
        _caller: Caller,
        id: String,
        host_id: String,
    ) -> Result<api::GetConsoleHostResponse, Failure> {
        let links = self.links(&ctx);
        Ok(api::GetConsoleHostResponse::Ok(
            self.0.console_host(&id, &host_id, &links)?,
        ))
    }

    async fn get_alarms_and_events(
        &self,
        _ctx: RequestContext,
        caller: Caller,
    ) -> Result<api::GetAlarmsAndEventsResponse, Failure> {
        let settings = self.0.alarms_and_events(&caller).await?;
        Ok(api::GetAlarmsAndEventsResponse::Ok(settings))
    }

    async fn set_alarms_and_events(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        body: types::AlarmsAndEventsUpdate,
    ) -> Result<api::SetAlarmsAndEventsResponse, Failure> {
        let settings = self.0.set_alarms_and_events(&caller, &body).await?;
        Ok(api::SetAlarmsAndEventsResponse::Ok(settings))
    }

    async fn get_context_cluster(
        &self,
        ctx: RequestContext,
        caller: Caller,
        cluster_id: String,
    ) -> Result<api::GetContextClusterResponse, Failure> {
        let console = self.0.context_console(&caller)?.console.id.clone();
        let cluster = self
            .0
            .console_cluster(&console, &cluster_id, &self.links(&ctx))?;
        Ok(api::GetContextClusterResponse::Ok(cluster))
    }

    async fn get_context_cluster_details(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        cluster_id: String,
    ) -> Result<api::GetContextClusterDetailsResponse, Failure> {
        let health = self.0.cluster_health(&caller, &cluster_id).await?;
        Ok(api::GetContextClusterDetailsResponse::Ok(health))
    }
}
