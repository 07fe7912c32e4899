//! The `Migration` tag (E108).

use crate::aria_networks::caller::Caller;
use crate::aria_networks::AriaApi;
use crate::generated::aria_networks::{self as api, Failure, RequestContext};

impl api::MigrationApi for AriaApi {
    async fn disable_migration_wave(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::DisableMigrationWaveResponse, Failure> {
        self.0.set_migration_waves(false).await?;
        Ok(api::DisableMigrationWaveResponse::Ok)
    }

    async fn enable_migration_wave(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
    ) -> Result<api::EnableMigrationWaveResponse, Failure> {
        self.0.set_migration_waves(true).await?;
        Ok(api::EnableMigrationWaveResponse::Ok)
    }

    async fn get_migration_wave(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        group_type: String,
    ) -> Result<api::GetMigrationWaveResponse, Failure> {
        let waves = self.0.migration_wave(&group_type).await?;
        Ok(api::GetMigrationWaveResponse::Ok(waves))
    }
}
