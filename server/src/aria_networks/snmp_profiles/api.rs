//! The `SNMP` tag: trap destinations.

use crate::aria_networks::caller::Caller;
use crate::aria_networks::AriaApi;
use crate::generated::aria_networks::{self as api, types, Failure, RequestContext};

impl api::SnmpApi for AriaApi {
    async fn settings_snmp_profiles_get(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::SettingsSnmpProfilesGetResponse, Failure> {
        Ok(api::SettingsSnmpProfilesGetResponse::Ok(
            self.0.snmp_profiles().await?,
        ))
    }

    async fn settings_snmp_profiles_post(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: types::SnmpProfileRequest,
    ) -> Result<api::SettingsSnmpProfilesPostResponse, Failure> {
        Ok(api::SettingsSnmpProfilesPostResponse::Created(
            self.0.add_snmp_profile(body).await?,
        ))
    }

    async fn settings_snmp_profiles_id_get(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::SettingsSnmpProfilesIdGetResponse, Failure> {
        Ok(api::SettingsSnmpProfilesIdGetResponse::Ok(
            self.0.snmp_profile(&id).await?,
        ))
    }

    async fn settings_snmp_profiles_id_delete(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::SettingsSnmpProfilesIdDeleteResponse, Failure> {
        self.0.delete_snmp_profile(&id).await?;
        Ok(api::SettingsSnmpProfilesIdDeleteResponse::NoContent)
    }
}
