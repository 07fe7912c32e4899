//! The `Application discovery` tag.

use crate::aria_networks::caller::Caller;
use crate::aria_networks::AriaApi;
use crate::generated::aria_networks::{self as api, queries, types, Failure, RequestContext};
use crate::stub::FormData;

impl api::ApplicationDiscoveryApi for AriaApi {
    async fn list_discovered_applications(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        q: queries::ListDiscoveredApplicationsQuery,
    ) -> Result<api::ListDiscoveredApplicationsResponse, Failure> {
        let page = self
            .0
            .list_discovered_applications(
                q.discovery_type,
                q.granularity,
                q.size,
                q.cursor.as_deref(),
            )
            .await?;
        Ok(api::ListDiscoveredApplicationsResponse::Ok(page))
    }

    async fn get_discovered_applications_summaries(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        q: queries::GetDiscoveredApplicationsSummariesQuery,
    ) -> Result<api::GetDiscoveredApplicationsSummariesResponse, Failure> {
        let counts = q.fetch_member_counts.unwrap_or(false);
        let page = self
            .0
            .fetch_discovered_applications(
                q.discovery_type,
                q.granularity,
                q.size,
                q.cursor.as_deref(),
                counts,
            )
            .await?;
        Ok(api::GetDiscoveredApplicationsSummariesResponse::Ok(page))
    }

    async fn save_discovered_applications(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        body: types::DiscoveredAppsBulkSaveRequest,
    ) -> Result<api::SaveDiscoveredApplicationsResponse, Failure> {
        let task = self.0.save_discovered_applications(&caller, &body).await?;
        Ok(api::SaveDiscoveredApplicationsResponse::Ok(task))
    }

    async fn get_bulk_save_progress(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        request_id: String,
    ) -> Result<api::GetBulkSaveProgressResponse, Failure> {
        let task = self.0.save_progress(&request_id).await?;
        Ok(api::GetBulkSaveProgressResponse::Ok(task))
    }

    async fn get_application_updates(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::GetApplicationUpdatesResponse, Failure> {
        let updates = self.0.application_updates(&id).await?;
        Ok(api::GetApplicationUpdatesResponse::Ok(updates))
    }

    async fn list_fbad_configs(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::ListFbadConfigsResponse, Failure> {
        Ok(api::ListFbadConfigsResponse::Ok(
            self.0.fbad_config_ids().await,
        ))
    }

    async fn create_fbad_config(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: types::FbadConfigRequest,
    ) -> Result<api::CreateFbadConfigResponse, Failure> {
        let config = self.0.put_fbad_config(None, body).await?;
        Ok(api::CreateFbadConfigResponse::Ok(config))
    }

    async fn get_fbad_config(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::GetFbadConfigResponse, Failure> {
        Ok(api::GetFbadConfigResponse::Ok(
            self.0.fbad_config(&id).await?,
        ))
    }

    async fn update_fbad_config(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        body: types::FbadConfigRequest,
    ) -> Result<api::UpdateFbadConfigResponse, Failure> {
        let config = self.0.put_fbad_config(Some(&id), body).await?;
        Ok(api::UpdateFbadConfigResponse::Ok(config))
    }

    async fn delete_fbad_config(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::DeleteFbadConfigResponse, Failure> {
        self.0.delete_fbad_config(&id).await?;
        Ok(api::DeleteFbadConfigResponse::Ok)
    }

    async fn get_fbad_progress(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
    ) -> Result<api::GetFbadProgressResponse, Failure> {
        Ok(api::GetFbadProgressResponse::Ok(
            self.0.fbad_progress(&id).await?,
        ))
    }

    async fn upload_fbad_csv(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: FormData,
    ) -> Result<api::UploadFbadCsvResponse, Failure> {
        Ok(api::UploadFbadCsvResponse::Ok(
            self.0.upload_fbad_csv(body).await?,
        ))
    }

    async fn export_fbad_csv_errors(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::ExportFbadCsvErrorsResponse, Failure> {
        Ok(api::ExportFbadCsvErrorsResponse::Ok(
            self.0.fbad_csv_errors().await?,
        ))
    }

    async fn download_fbad_csv(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        id: String,
        q: queries::DownloadFbadCsvQuery,
    ) -> Result<api::DownloadFbadCsvResponse, Failure> {
        let file = self.0.download_fbad_csv(&id, &q.filepath).await?;
        Ok(api::DownloadFbadCsvResponse::Ok(file))
    }
}
