//! The `Licensing` tag (E110).

use crate::aria_networks::caller::Caller;
use crate::aria_networks::AriaApi;
use crate::generated::aria_networks::{self as api, types, Failure, RequestContext};

impl api::LicensingApi for AriaApi {
    async fn get_licenses(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::GetLicensesResponse, Failure> {
        Ok(api::GetLicensesResponse::Ok(self.0.licenses().await))
    }

    async fn validate_serial_number(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: types::LicensingKeyRequest,
    ) -> Result<api::ValidateSerialNumberResponse, Failure> {
        let license = self.0.validate_license(&body.license_key)?;
        Ok(api::ValidateSerialNumberResponse::Ok(license))
    }

    async fn activate_serial_number(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        body: types::LicensingKeyRequest,
    ) -> Result<api::ActivateSerialNumberResponse, Failure> {
        let license = (self.0)
            .activate_license(&body.license_key, &caller.principal)
            .await?;
        Ok(api::ActivateSerialNumberResponse::Ok(license))
    }

    async fn deactivate_serial_number(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        body: types::LicensingKeyRequest,
    ) -> Result<api::DeactivateSerialNumberResponse, Failure> {
        (self.0)
            .deactivate_license(&body.license_key, &caller.principal)
            .await?;
        Ok(api::DeactivateSerialNumberResponse::NoContent)
    }
}
