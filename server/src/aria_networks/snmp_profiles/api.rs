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

    async fn settings_snmp_profiles_id_put(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        body: types::SnmpProfileRequest,
    ) -> Result<api::SettingsSnmpProfilesIdPutResponse, Failure> {
        let profile = self.0.update_snmp_profile(&id, body).await?;
        Ok(api::SettingsSnmpProfilesIdPutResponse::Ok(profile))
    }

    async fn settings_snmp_profiles_send_test_trap_post(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: types::SnmpProfileRequest,
    ) -> Result<api::SettingsSnmpProfilesSendTestTrapPostResponse, Failure> {
        let sent = self.0.snmp_test_trap(&body).await?;
        Ok(api::SettingsSnmpProfilesSendTestTrapPostResponse::Ok(sent))
    }

    async fn settings_snmp_profiles_id_migrate_events_post(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        body: types::SnmpProfileIds,
    ) -> Result<api::SettingsSnmpProfilesIdMigrateEventsPostResponse, Failure> {
        self.0.migrate_snmp_events(&id, &body.snmp_profiles).await?;
        Ok(api::SettingsSnmpProfilesIdMigrateEventsPostResponse::NoContent)
    }

    async fn get_snmp_engine_id(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::GetSnmpEngineIdResponse, Failure> {
        Ok(api::GetSnmpEngineIdResponse::Ok(
            self.0.snmp_engine_id().await,
        ))
    }

    async fn update_snmp_engine_id(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: types::SnmpEngineId,
    ) -> Result<api::UpdateSnmpEngineIdResponse, Failure> {
        Ok(api::UpdateSnmpEngineIdResponse::Ok(
            self.0.set_snmp_engine_id(&body).await?,
        ))
    }
}
