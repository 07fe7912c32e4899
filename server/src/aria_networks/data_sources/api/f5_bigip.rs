//! The `F5 BIG-IP data sources` tag.

use crate::aria_networks::caller::Caller;
use crate::aria_networks::data_sources::{from_model, to_model, DataSourceKind};
use crate::aria_networks::AriaApi;
use crate::generated::aria_networks::{self as api, types, Failure, RequestContext};

const KIND: DataSourceKind = DataSourceKind::F5Bigip;

impl api::F5BigIpDataSourcesApi for AriaApi {
    async fn list_f5_bigip(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::ListF5BigipResponse, Failure> {
        Ok(api::ListF5BigipResponse::Ok(
            self.0.list_data_sources(KIND).await?,
        ))
    }

    async fn add_f5_bigip(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: types::F5BigipDataSourceRequest,
    ) -> Result<api::AddF5BigipResponse, Failure> {
        let model = self.0.add_data_source(KIND, to_model(&body)).await?;
        Ok(api::AddF5BigipResponse::Created(from_model::<
            types::F5BigipDataSource,
        >(model)?))
    }

    async fn get_f5_bigip(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::GetF5BigipResponse, Failure> {
        let model = self.0.data_source(KIND, &id).await?;
        Ok(api::GetF5BigipResponse::Ok(from_model::<
            types::F5BigipDataSource,
        >(model)?))
    }

    async fn update_f5_bigip(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        body: types::F5BigipDataSourceUpdate,
    ) -> Result<api::UpdateF5BigipResponse, Failure> {
        let model = self
            .0
            .update_data_source(KIND, &id, to_model(&body))
            .await?;
        Ok(api::UpdateF5BigipResponse::Ok(from_model::<
            types::F5BigipDataSource,
        >(model)?))
    }

    async fn delete_f5_bigip(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::DeleteF5BigipResponse, Failure> {
        self.0.delete_data_source(KIND, &id).await?;
        Ok(api::DeleteF5BigipResponse::NoContent)
    }

    async fn enable_f5_bigip(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::EnableF5BigipResponse, Failure> {
        self.0.set_data_source_enabled(KIND, &id, true).await?;
        Ok(api::EnableF5BigipResponse::Ok)
    }

    async fn disable_f5_bigip(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::DisableF5BigipResponse, Failure> {
        self.0.set_data_source_enabled(KIND, &id, false).await?;
        Ok(api::DisableF5BigipResponse::Ok)
    }

    async fn get_f5_bigip_snmp_config(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::GetF5BigipSnmpConfigResponse, Failure> {
        let config = self.0.snmp_config(DataSourceKind::F5Bigip, &id).await?;
        Ok(api::GetF5BigipSnmpConfigResponse::Ok(config))
    }

    async fn update_f5_bigip_snmp_config(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        body: types::SnmpConfig,
    ) -> Result<api::UpdateF5BigipSnmpConfigResponse, Failure> {
        let config = self
            .0
            .set_snmp_config(DataSourceKind::F5Bigip, &id, body)
            .await?;
        Ok(api::UpdateF5BigipSnmpConfigResponse::Ok(config))
    }
}
