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

/// The seven operations of each of the eight types.
macro_rules! every_data_source_operation {
    () => {
    data_source_operations!(
        DataSourceKind::Vcenters, VCenterDataSource, VCenterDataSourceRequest,
        list_vcenters => ListVcentersResponse,
        add_vcenter_datasource => AddVcenterDatasourceResponse,
        get_vcenter => GetVcenterResponse,
        update_vcenter => UpdateVcenterResponse,
        delete_vcenter => DeleteVcenterResponse,
        enable_vcenter => EnableVcenterResponse,
        disable_vcenter => DisableVcenterResponse,
    );

    data_source_operations!(
        DataSourceKind::NsxvManagers, NsxvManagerDataSource, NsxvManagerDataSourceRequest,
        list_nsxv_managers => ListNsxvManagersResponse,
        add_nsxv_manager_datasource => AddNsxvManagerDatasourceResponse,
        get_nsxv_manager => GetNsxvManagerResponse,
        update_nsxv_manager => UpdateNsxvManagerResponse,
        delete_nsxv_manager => DeleteNsxvManagerResponse,
        enable_nsxv_manager => EnableNsxvManagerResponse,
        disable_nsxv_manager => DisableNsxvManagerResponse,
    );

    data_source_operations!(
        DataSourceKind::NsxtManagers, NsxtManagerDataSource, NsxtManagerDataSourceRequest,
        list_nsxt_managers => ListNsxtManagersResponse,
        add_nsxt_manager_datasource => AddNsxtManagerDatasourceResponse,
        get_nsxt_manager => GetNsxtManagerResponse,
        update_nsxt_manager => UpdateNsxtManagerResponse,
        delete_nsxt_manager => DeleteNsxtManagerResponse,
        enable_nsxt_manager => EnableNsxtManagerResponse,
        disable_nsxt_manager => DisableNsxtManagerResponse,
    );

    data_source_operations!(
        DataSourceKind::PanoramaFirewalls, PanFirewallDataSource, PanFirewallDataSourceRequest,
        list_panorama_firewalls => ListPanoramaFirewallsResponse,
        add_panorama_firewall => AddPanoramaFirewallResponse,
        get_panorama_firewall => GetPanoramaFirewallResponse,
        update_panorama_firewall => UpdatePanoramaFirewallResponse,
        delete_panorama_firewall => DeletePanoramaFirewallResponse,
        enable_panorama_firewall => EnablePanoramaFirewallResponse,
        disable_panorama_firewall => DisablePanoramaFirewallResponse,
    );

    data_source_operations!(
        DataSourceKind::CiscoSwitches, CiscoSwitchDataSource, CiscoSwitchDataSourceRequest,
        list_cisco_switches => ListCiscoSwitchesResponse,
        add_cisco_switch => AddCiscoSwitchResponse,
        get_cisco_switch => GetCiscoSwitchResponse,
        update_cisco_switch => UpdateCiscoSwitchResponse,
        delete_cisco_switch => DeleteCiscoSwitchResponse,
        enable_cisco_switch => EnableCiscoSwitchResponse,
        disable_cisco_switch => DisableCiscoSwitchResponse,
    );

    data_source_operations!(
        DataSourceKind::VmcNsxmanagers, PolicyManagerDataSource, PolicyManagerDataSourceRequest,
        list_policy_managers => ListPolicyManagersResponse,
        add_policy_manager_datasource => AddPolicyManagerDatasourceResponse,
        get_policy_manager => GetPolicyManagerResponse,
        update_policy_manager => UpdatePolicyManagerResponse,
        delete_policy_manager => DeletePolicyManagerResponse,
        enable_policy_manager => EnablePolicyManagerResponse,
        disable_policy_manager => DisablePolicyManagerResponse,
    );

    data_source_operations!(
        DataSourceKind::F5Bigip, F5BigipDataSource, F5BigipDataSourceRequest,
        list_f5_bigip => ListF5BigipResponse,
        add_f5_bigip => AddF5BigipResponse,
        get_f5_bigip => GetF5BigipResponse,
        update_f5_bigip => UpdateF5BigipResponse,
        delete_f5_bigip => DeleteF5BigipResponse,
        enable_f5_bigip => EnableF5BigipResponse,
        disable_f5_bigip => DisableF5BigipResponse,
    );

    data_source_operations!(
        DataSourceKind::GenericSwitches, GenericSwitchDataSource, GenericSwitchDataSourceRequest,
        list_generic_switch => ListGenericSwitchResponse,
        add_generic_switch => AddGenericSwitchResponse,
        get_generic_switch => GetGenericSwitchResponse,
        update_generic_switch => UpdateGenericSwitchResponse,
        delete_generic_switch => DeleteGenericSwitchResponse,
        enable_generic_switch => EnableGenericSwitchResponse,
        disable_generic_switch => DisableGenericSwitchResponse,
    );
    };
}

pub(crate) use every_data_source_operation;
