//! What every OMIVV tag's trait shares: who is calling, the role rule, and how unparsable
//! input is answered. Each tag's operations are implemented in its concept's folder (`api.rs`).

use std::sync::Arc;

use super::errors::OmivvError;
use super::links::Links;
use super::sessions::Caller;
use super::Omivv;
use crate::generated::omivv::{self as api, Access, Failure, Rejection, RequestContext};

#[derive(Clone)]
pub struct OmivvApi(pub Arc<Omivv>);

impl OmivvApi {
    /// Where objects live as this request reached the API, for their hrefs.
    pub(crate) fn links(&self, ctx: &RequestContext) -> Links {
        Links::new(self.0.scheme(), ctx.header("host"))
    }
}

impl api::Api for OmivvApi {
    type Principal = Caller;

    async fn authenticate(
        &self,
        ctx: &RequestContext,
        _access: &Access,
    ) -> Result<Caller, Failure> {
        Ok(self.0.authenticate(ctx.header("authorization")).await?)
    }

    fn authorize(
        &self,
        _ctx: &RequestContext,
        caller: &Caller,
        role: &'static str,
    ) -> Result<(), Failure> {
        // Only administrators hold a session at all; the rules are about the vCenter context.
        Ok(caller.may(role)?)
    }

    fn reject(&self, _ctx: &RequestContext, rejection: Rejection) -> Failure {
        match rejection {
            Rejection::PayloadTooLarge => OmivvError::PayloadTooLarge(rejection.message()),
            _ => OmivvError::InvalidParameters(rejection.message()),
        }
        .into()
    }
}
