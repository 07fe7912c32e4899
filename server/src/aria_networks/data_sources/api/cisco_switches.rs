//! The `Cisco switch data sources` tag.

use crate::aria_networks::caller::Caller;
use crate::aria_networks::data_sources::{from_model, to_model, DataSourceKind};
use crate::aria_networks::AriaApi;
use crate::generated::aria_networks::{self as api, types, Failure, RequestContext};

const KIND: DataSourceKind = DataSourceKind::CiscoSwitches;

impl api::CiscoSwitchDataSourcesApi for AriaApi {
    async fn list_cisco_switches(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::ListCiscoSwitchesResponse, Failure> {
        Ok(api::ListCiscoSwitchesResponse::Ok(
            self.0.list_data_sources(KIND).await?,
        ))
    }

    async fn add_cisco_switch(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: types::CiscoSwitchDataSourceRequest,
    ) -> Result<api::AddCiscoSwitchResponse, Failure> {
        let model = self.0.add_data_source(KIND, to_model(&body)).await?;
        Ok(api::AddCiscoSwitchResponse::Created(from_model::<
            types::CiscoSwitchDataSource,
        >(model)?))
    }

    async fn get_cisco_switch(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::GetCiscoSwitchResponse, Failure> {
        let model = self.0.data_source(KIND, &id).await?;
        Ok(api::GetCiscoSwitchResponse::Ok(from_model::<
            types::CiscoSwitchDataSource,
        >(model)?))
    }

    async fn update_cisco_switch(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        body: types::CiscoSwitchDataSourceUpdate,
    ) -> Result<api::UpdateCiscoSwitchResponse, Failure> {
        let model = self
            .0
            .update_data_source(KIND, &id, to_model(&body))
            .await?;
        Ok(api::UpdateCiscoSwitchResponse::Ok(from_model::<
            types::CiscoSwitchDataSource,
        >(model)?))
    }

    async fn delete_cisco_switch(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::DeleteCiscoSwitchResponse, Failure> {
        self.0.delete_data_source(KIND, &id).await?;
        Ok(api::DeleteCiscoSwitchResponse::NoContent)
    }

    async fn enable_cisco_switch(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::EnableCiscoSwitchResponse, Failure> {
        self.0.set_data_source_enabled(KIND, &id, true).await?;
        Ok(api::EnableCiscoSwitchResponse::Ok)
    }

    async fn disable_cisco_switch(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::DisableCiscoSwitchResponse, Failure> {
        self.0.set_data_source_enabled(KIND, &id, false).await?;
        Ok(api::DisableCiscoSwitchResponse::Ok)
    }

    async fn get_cisco_switch_snmp_config(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::GetCiscoSwitchSnmpConfigResponse, Failure> {
        let config = self
            .0
            .snmp_config(DataSourceKind::CiscoSwitches, &id)
            .await?;
        Ok(api::GetCiscoSwitchSnmpConfigResponse::Ok(config))
    }

    async fn update_cisco_switch_snmp_config(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        body: types::SnmpConfig,
    ) -> Result<api::UpdateCiscoSwitchSnmpConfigResponse, Failure> {
        let kind = DataSourceKind::CiscoSwitches;
        let config = self.0.set_snmp_config(kind, &id, body).await?;
        Ok(api::UpdateCiscoSwitchSnmpConfigResponse::Ok(config))
    }

    async fn get_cisco_switch_wan_config(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::GetCiscoSwitchWanConfigResponse, Failure> {
        Ok(api::GetCiscoSwitchWanConfigResponse::Ok(
            self.0.cisco_wan_config(&id).await?,
        ))
    }

    async fn update_cisco_switch_wan_config(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        body: types::WanConfig,
    ) -> Result<api::UpdateCiscoSwitchWanConfigResponse, Failure> {
        Ok(api::UpdateCiscoSwitchWanConfigResponse::Ok(
            self.0.set_cisco_wan_config(&id, body).await?,
        ))
    }
}
