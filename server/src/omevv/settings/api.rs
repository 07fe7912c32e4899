//! The Settings tag's operations.

use super::super::api::{page_bound, Caller, OmevvApi};
use super::super::errors::OmevvError;
use super::LogQuery;
use crate::generated::omevv::{self as api, queries, types, Failure, RequestContext};

impl api::SettingsApi for OmevvApi {
    async fn get_event_settings(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
    ) -> Result<api::GetEventSettingsResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        Ok(api::GetEventSettingsResponse::Ok(
            self.0.event_settings(&console).await,
        ))
    }

    async fn edit_event_settings(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
        body: types::ConsoleEventSettings,
    ) -> Result<api::EditEventSettingsResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        let now = self
            .0
            .set_event_settings(&console, |e| {
                e.events = body.event_enabled;
                e.alarms = body.alarm_enabled;
                e.mpr_alarms = body.mpr_alarm_enabled;
            })
            .await?;
        Ok(api::EditEventSettingsResponse::Ok(now))
    }

    async fn restore_alarms(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        uuid: String,
    ) -> Result<api::RestoreAlarmsResponse, Failure> {
        let console = self.0.console_of(&caller, &uuid).await?;
        self.0
            .set_event_settings(&console, |e| e.alarms = true)
            .await?;
        Ok(api::RestoreAlarmsResponse::Accepted)
    }

    async fn get_extended_monitoring_settings(
        &self,
        ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::GetExtendedMonitoringSettingsResponse, Failure> {
        self.0.check_header(&ctx).await?;
        let a = self.0.appliance_settings().await;
        Ok(api::GetExtendedMonitoringSettingsResponse::Ok(
            types::ExtendedMonitoringData {
                extended_monitoring_enabled: Some(a.extended_monitoring),
                snmp_trap_monitoring_enabled: Some(a.snmp_trap_monitoring),
            },
        ))
    }

    async fn modify_extended_monitoring_settings(
        &self,
        ctx: RequestContext,
        _caller: Caller,
        body: types::ExtendedMonitoringData,
    ) -> Result<api::ModifyExtendedMonitoringSettingsResponse, Failure> {
        self.0.check_header(&ctx).await?;
        let a = self
            .0
            .set_appliance_settings(|a| {
                a.extended_monitoring = body
                    .extended_monitoring_enabled
                    .unwrap_or(a.extended_monitoring);
                a.snmp_trap_monitoring = body
                    .snmp_trap_monitoring_enabled
                    .unwrap_or(a.snmp_trap_monitoring);
                if a.snmp_trap_monitoring && !a.extended_monitoring {
                    return Err(OmevvError::InvalidInput(
                        "SNMP trap monitoring needs extended monitoring".into(),
                    ));
                }
                Ok(())
            })
            .await?;
        Ok(api::ModifyExtendedMonitoringSettingsResponse::Ok(
            types::ExtendedMonitoringData {
                extended_monitoring_enabled: Some(a.extended_monitoring),
                snmp_trap_monitoring_enabled: Some(a.snmp_trap_monitoring),
            },
        ))
    }

    async fn get_firmwareupdate_setting(
        &self,
        ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::GetFirmwareupdateSettingResponse, Failure> {
        self.0.check_header(&ctx).await?;
        let a = self.0.appliance_settings().await;
        Ok(api::GetFirmwareupdateSettingResponse::Ok(
            types::FirmwareUpdateSettings {
                reseti_drac: a.reset_idrac,
                cleari_drac_jobs: a.clear_idrac_jobs,
            },
        ))
    }

    async fn modify_firmwareupdate_setting(
        &self,
        ctx: RequestContext,
        _caller: Caller,
        body: types::FirmwareUpdateSettings,
    ) -> Result<api::ModifyFirmwareupdateSettingResponse, Failure> {
        self.0.check_header(&ctx).await?;
        let a = self
            .0
            .set_appliance_settings(|a| {
                a.reset_idrac = body.reseti_drac;
                a.clear_idrac_jobs = body.cleari_drac_jobs;
                Ok(())
            })
            .await?;
        Ok(api::ModifyFirmwareupdateSettingResponse::Ok(
            types::FirmwareUpdateSettings {
                reseti_drac: a.reset_idrac,
                cleari_drac_jobs: a.clear_idrac_jobs,
            },
        ))
    }

    async fn get_user_facing_logs(
        &self,
        ctx: RequestContext,
        _caller: Caller,
        query: queries::GetUserFacingLogsQuery,
    ) -> Result<api::GetUserFacingLogsResponse, Failure> {
        self.0.check_header(&ctx).await?;
        let q = LogQuery {
            skip: page_bound(query.skip, 0, 0, i64::MAX, "skip")?,
            top: page_bound(query.top, 100, 1, 1000, "top")?,
            level: query.loglevel.unwrap_or(types::LogLevelFilter::All),
            start: query.startdate,
            end: query.enddate,
            sort_by: query.sortby.unwrap_or(types::LogSortBy::Createddate),
            descending: query.sortorder == Some(types::SortOrder::Desc),
        };
        Ok(api::GetUserFacingLogsResponse::Ok(self.0.logs(q).await?))
    }

    async fn get_override_severity(
        &self,
        ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::GetOverrideSeverityResponse, Failure> {
        self.0.check_header(&ctx).await?;
        Ok(api::GetOverrideSeverityResponse::Ok(
            self.0.severities().await,
        ))
    }

    async fn update_override_severity(
        &self,
        ctx: RequestContext,
        _caller: Caller,
        body: Vec<types::OverrideSeverityDto>,
    ) -> Result<api::UpdateOverrideSeverityResponse, Failure> {
        self.0.check_header(&ctx).await?;
        Ok(api::UpdateOverrideSeverityResponse::Ok(
            self.0.set_severities(body).await?,
        ))
    }
}
