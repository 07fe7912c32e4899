//! The `State` tag: health and reset.

use crate::control::{ControlApi, ControlPlane};
use crate::generated::sandbox::{self as api, types, Failure, RequestContext};

impl<P: ControlPlane> api::StateApi for ControlApi<P> {
    async fn get_health(&self, _ctx: RequestContext) -> Result<api::GetHealthResponse, Failure> {
        Ok(api::GetHealthResponse::Ok(types::Health {
            status: "ok".into(),
            version: env!("CARGO_PKG_VERSION").into(),
            durable: self.0.durable(),
        }))
    }

    async fn reset(
        &self,
        _ctx: RequestContext,
        _caller: (),
    ) -> Result<api::ResetResponse, Failure> {
        self.0.reset().await?;
        Ok(api::ResetResponse::NoContent)
    }
}
