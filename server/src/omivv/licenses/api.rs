//! The `Licenses` tag.

use crate::generated::omivv::{self as api, types, Failure, RequestContext};
use crate::omivv::sessions::Caller;
use crate::omivv::OmivvApi;

impl api::LicensesApi for OmivvApi {
    async fn list_licenses(
        &self,
        ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::ListLicensesResponse, Failure> {
        let licenses = self.0.licenses(&self.links(&ctx)).await;
        Ok(api::ListLicensesResponse::Ok(licenses))
    }

    async fn upload_license(
        &self,
        ctx: RequestContext,
        _caller: Caller,
        body: types::LicenseUpload,
    ) -> Result<api::UploadLicenseResponse, Failure> {
        let license = self.0.upload_license(&body, &self.links(&ctx)).await?;
        Ok(api::UploadLicenseResponse::Ok(license))
    }

    async fn get_license(
        &self,
        ctx: RequestContext,
        _caller: Caller,
        license_id: String,
    ) -> Result<api::GetLicenseResponse, Failure> {
        let license = self.0.license(&license_id, &self.links(&ctx)).await?;
        Ok(api::GetLicenseResponse::Ok(license))
    }
}
