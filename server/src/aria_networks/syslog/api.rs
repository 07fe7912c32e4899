//! The `Syslog` tag (E114).

use crate::aria_networks::caller::Caller;
use crate::aria_networks::AriaApi;
use crate::generated::aria_networks::{self as api, types, Failure, RequestContext};

impl api::SyslogApi for AriaApi {
    async fn get_syslog_target_list(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::GetSyslogTargetListResponse, Failure> {
        Ok(api::GetSyslogTargetListResponse::Ok(
            self.0.syslog_targets().await,
        ))
    }

    async fn add_syslog_target(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: types::SyslogTarget,
    ) -> Result<api::AddSyslogTargetResponse, Failure> {
        let target = self.0.add_syslog_target(&body).await?;
        Ok(api::AddSyslogTargetResponse::Created(target))
    }

    async fn update_syslog_target(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        ip_or_fqdn: String,
        body: types::SyslogTarget,
    ) -> Result<api::UpdateSyslogTargetResponse, Failure> {
        let target = self.0.update_syslog_target(&ip_or_fqdn, &body).await?;
        Ok(api::UpdateSyslogTargetResponse::Ok(target))
    }

    async fn delete_syslog_target(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        ip_or_fqdn: String,
    ) -> Result<api::DeleteSyslogTargetResponse, Failure> {
        self.0.delete_syslog_target(&ip_or_fqdn).await?;
        Ok(api::DeleteSyslogTargetResponse::NoContent)
    }

    async fn get_syslog_mapping(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::GetSyslogMappingResponse, Failure> {
        Ok(api::GetSyslogMappingResponse::Ok(
            self.0.syslog_mapping().await,
        ))
    }

    async fn update_syslog_mapping(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: Vec<types::SyslogMapperRequestInner>,
    ) -> Result<api::UpdateSyslogMappingResponse, Failure> {
        let mapping = self.0.update_syslog_mapping(&body).await?;
        Ok(api::UpdateSyslogMappingResponse::Ok(mapping))
    }

    async fn get_syslog_status(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::GetSyslogStatusResponse, Failure> {
        Ok(api::GetSyslogStatusResponse::Ok(
            self.0.syslog_status().await,
        ))
    }

    async fn update_syslog_status(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: types::SyslogStatus,
    ) -> Result<api::UpdateSyslogStatusResponse, Failure> {
        let status = self.0.set_syslog_status(&body).await?;
        Ok(api::UpdateSyslogStatusResponse::Ok(status))
    }

    async fn send_syslog_test_message(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: types::SyslogTarget,
    ) -> Result<api::SendSyslogTestMessageResponse, Failure> {
        let sent = self.0.syslog_test(&body).await?;
        Ok(api::SendSyslogTestMessageResponse::Ok(sent))
    }
}
