//! What every Aria tag's trait shares: who is calling, the role rule, and how unparsable input
//! is answered. Each tag's operations are implemented in the folder of its concept (`api.rs`,
//! or `api/` where a concept has several tags).

use std::sync::Arc;

use super::caller::Caller;
use super::errors::AriaError;
use super::Aria;
use crate::generated::aria_networks::{self as api, Access, Failure, Rejection, RequestContext};

#[derive(Clone)]
pub struct AriaApi(pub Arc<Aria>);

impl api::Api for AriaApi {
    type Principal = Caller;

    async fn authenticate(&self, ctx: &RequestContext, access: &Access) -> Result<Caller, Failure> {
        let caller = (self.0)
            .authenticate(ctx.header("authorization"), ctx.header("csp-auth-token"))
            .await?;
        super::audit::identify(&caller.principal, access.operation_id);
        Ok(caller)
    }

    fn authorize(
        &self,
        _ctx: &RequestContext,
        caller: &Caller,
        role: &'static str,
    ) -> Result<(), Failure> {
        Ok(self.0.authorize(caller, role)?)
    }

    fn reject(&self, _ctx: &RequestContext, rejection: Rejection) -> Failure {
        match rejection {
            Rejection::PayloadTooLarge => AriaError::TooLarge(rejection.message()),
            _ => AriaError::InvalidInput(rejection.message()),
        }
        .into()
    }
}
