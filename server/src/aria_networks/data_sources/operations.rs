//! The seven operations every data-source type has, written once: `data_source_operations!`
//! expands, inside `impl Api for AriaApi`, to one type's list, add, get, update, delete, enable
//! and disable, each a translation between the type's generated structs and the domain's JSON
//! model. Paths (`api::...`, `types::...`) resolve where it is invoked.

macro_rules! data_source_operations {
    (
        $kind:expr, $model:ident, $request:ident,
        $list:ident => $list_r:ident, $add:ident => $add_r:ident, $get:ident => $get_r:ident,
        $update:ident => $update_r:ident, $delete:ident => $delete_r:ident,
        $enable:ident => $enable_r:ident, $disable:ident => $disable_r:ident $(,)?
    ) => {
        async fn $list(
            &self,
            _ctx: RequestContext,
            _caller: Caller,
        ) -> Result<api::$list_r, Failure> {
            Ok(api::$list_r::Ok(self.0.list_data_sources($kind).await?))
        }

        async fn $add(
            &self,
            _ctx: RequestContext,
            _caller: Caller,
            body: types::$request,
        ) -> Result<api::$add_r, Failure> {
            let model = self.0.add_data_source($kind, to_model(&body)).await?;
            Ok(api::$add_r::Created(from_model::<types::$model>(model)?))
        }

        async fn $get(
            &self,
            _ctx: RequestContext,
            _caller: Caller,
            id: String,
        ) -> Result<api::$get_r, Failure> {
            let model = self.0.data_source($kind, &id).await?;
            Ok(api::$get_r::Ok(from_model::<types::$model>(model)?))
        }

        async fn $update(
            &self,
            _ctx: RequestContext,
            _caller: Caller,
            id: String,
            body: types::$model,
        ) -> Result<api::$update_r, Failure> {
            let model = self
                .0
                .update_data_source($kind, &id, to_model(&body))
                .await?;
            Ok(api::$update_r::Ok(from_model::<types::$model>(model)?))
        }

        async fn $delete(
            &self,
            _ctx: RequestContext,
            _caller: Caller,
            id: String,
        ) -> Result<api::$delete_r, Failure> {
            self.0.delete_data_source($kind, &id).await?;
            Ok(api::$delete_r::NoContent)
        }

        async fn $enable(
            &self,
            _ctx: RequestContext,
            _caller: Caller,
            id: String,
        ) -> Result<api::$enable_r, Failure> {
            self.0.set_data_source_enabled($kind, &id, true).await?;
            Ok(api::$enable_r::Ok)
        }

        async fn $disable(
            &self,
            _ctx: RequestContext,
            _caller: Caller,
            id: String,
        ) -> Result<api::$disable_r, Failure> {
            self.0.set_data_source_enabled($kind, &id, false).await?;
            Ok(api::$disable_r::Ok)
        }
    };
}

pub(crate) use data_source_operations;

/// The data-source operations beyond the seven: the SNMP settings of the two types that have
/// them, the generic switch's upload, and the health list.
macro_rules! data_source_extra_operations {
    () => {
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

        async fn file_upload(
            &self,
            _ctx: RequestContext,
            _caller: Caller,
            id: String,
            body: crate::stub::FormData,
        ) -> Result<api::FileUploadResponse, Failure> {
            let kind = DataSourceKind::GenericSwitches;
            self.0.upload_data_source_data(kind, &id, body).await?;
            Ok(api::FileUploadResponse::Ok)
        }

        async fn get_datasource_health(
            &self,
            _ctx: RequestContext,
            _caller: Caller,
        ) -> Result<api::GetDatasourceHealthResponse, Failure> {
            Ok(api::GetDatasourceHealthResponse::Ok(
                self.0.data_source_health().await?,
            ))
        }
    };
}

pub(crate) use data_source_extra_operations;

/// SNMP trap profiles and user-defined events.
macro_rules! settings_operations {
    () => {
        async fn settings_snmp_profiles_get(
            &self,
            _ctx: RequestContext,
            _caller: Caller,
        ) -> Result<api::SettingsSnmpProfilesGetResponse, Failure> {
            Ok(api::SettingsSnmpProfilesGetResponse::Ok(
                self.0.snmp_profiles().await,
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

        async fn get_all_user_defined_events(
            &self,
            _ctx: RequestContext,
            _caller: Caller,
        ) -> Result<api::GetAllUserDefinedEventsResponse, Failure> {
            Ok(api::GetAllUserDefinedEventsResponse::Ok(
                self.0.events().await,
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
    };
}

pub(crate) use settings_operations;
