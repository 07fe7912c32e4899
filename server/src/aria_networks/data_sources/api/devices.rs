//! The `Device data sources` tag: the switch, firewall, load-balancer and manager types served
//! through one path with the type as its first segment (E52).

use crate::aria_networks::caller::Caller;
use crate::aria_networks::data_sources::{from_model, to_model, DataSourceKind};
use crate::aria_networks::errors::AriaError;
use crate::aria_networks::AriaApi;
use crate::generated::aria_networks::{self as api, types, Failure, RequestContext};

/// The device type a path segment names; any other segment is a 404, as an unknown path is.
fn device(segment: &str) -> Result<DataSourceKind, AriaError> {
    DataSourceKind::from_segment(segment)
        .filter(|k| k.info().device)
        .ok_or_else(|| {
            AriaError::NotFound(format!("No such data source type: /data-sources/{segment}"))
        })
}

impl api::DeviceDataSourcesApi for AriaApi {
    async fn list_device_data_sources(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        data_source_type: String,
    ) -> Result<api::ListDeviceDataSourcesResponse, Failure> {
        let kind = device(&data_source_type)?;
        Ok(api::ListDeviceDataSourcesResponse::Ok(
            self.0.list_data_sources(kind).await?,
        ))
    }

    async fn add_device_data_source(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        data_source_type: String,
        body: types::DeviceDataSourceRequest,
    ) -> Result<api::AddDeviceDataSourceResponse, Failure> {
        let kind = device(&data_source_type)?;
        let model = self.0.add_data_source(kind, to_model(&body)).await?;
        Ok(api::AddDeviceDataSourceResponse::Created(from_model(
            model,
        )?))
    }

    async fn get_device_data_source(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        data_source_type: String,
        id: String,
    ) -> Result<api::GetDeviceDataSourceResponse, Failure> {
        let kind = device(&data_source_type)?;
        let model = self.0.data_source(kind, &id).await?;
        Ok(api::GetDeviceDataSourceResponse::Ok(from_model(model)?))
    }

    async fn update_device_data_source(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        data_source_type: String,
        id: String,
        body: types::DeviceDataSourceUpdate,
    ) -> Result<api::UpdateDeviceDataSourceResponse, Failure> {
        let kind = device(&data_source_type)?;
        let model = self
            .0
            .update_data_source(kind, &id, to_model(&body))
            .await?;
        Ok(api::UpdateDeviceDataSourceResponse::Ok(from_model(model)?))
    }

    async fn delete_device_data_source(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        data_source_type: String,
        id: String,
    ) -> Result<api::DeleteDeviceDataSourceResponse, Failure> {
        let kind = device(&data_source_type)?;
        self.0.delete_data_source(kind, &id).await?;
        Ok(api::DeleteDeviceDataSourceResponse::NoContent)
    }

    async fn enable_device_data_source(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        data_source_type: String,
        id: String,
    ) -> Result<api::EnableDeviceDataSourceResponse, Failure> {
        let kind = device(&data_source_type)?;
        self.0.set_data_source_enabled(kind, &id, true).await?;
        Ok(api::EnableDeviceDataSourceResponse::Ok)
    }

    async fn disable_device_data_source(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        data_source_type: String,
        id: String,
    ) -> Result<api::DisableDeviceDataSourceResponse, Failure> {
        let kind = device(&data_source_type)?;
        self.0.set_data_source_enabled(kind, &id, false).await?;
        Ok(api::DisableDeviceDataSourceResponse::Ok)
    }

    async fn get_device_data_source_snmp_config(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        data_source_type: String,
        id: String,
    ) -> Result<api::GetDeviceDataSourceSnmpConfigResponse, Failure> {
        let kind = device(&data_source_type)?;
        Ok(api::GetDeviceDataSourceSnmpConfigResponse::Ok(
            self.0.snmp_config(kind, &id).await?,
        ))
    }

    async fn update_device_data_source_snmp_config(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        data_source_type: String,
        id: String,
        body: types::SnmpConfig,
    ) -> Result<api::UpdateDeviceDataSourceSnmpConfigResponse, Failure> {
        let kind = device(&data_source_type)?;
        Ok(api::UpdateDeviceDataSourceSnmpConfigResponse::Ok(
            self.0.set_snmp_config(kind, &id, body).await?,
        ))
    }
}
