//! What every control tag's trait shares (how unparsable input is answered); each tag's
//! operations are implemented in its own file.

mod clock;
mod faults;
mod journal;
mod outbox;
mod scenarios;
mod state;

use subtle::ConstantTimeEq;

use super::{ControlApi, ControlError, ControlPlane};
use crate::generated::sandbox::{self as api, Access, Failure, Rejection, RequestContext};

impl<P: ControlPlane> api::Api for ControlApi<P> {
    type Principal = ();

    /// Open unless the sandbox was given a control token; then `Bearer <token>`, compared in
    /// constant time.
    async fn authenticate(&self, ctx: &RequestContext, _access: &Access) -> Result<(), Failure> {
        let Some(expected) = self.0.control_token() else {
            return Ok(());
        };
        let presented = ctx
            .header("authorization")
            .and_then(|h| h.strip_prefix("Bearer "))
            .unwrap_or_default();
        if bool::from(presented.as_bytes().ct_eq(expected.as_bytes())) {
            Ok(())
        } else {
            Err(ControlError::Unauthenticated(
                "This sandbox's control API needs its control token: Authorization: Bearer <token>"
                    .into(),
            )
            .into())
        }
    }

    fn authorize(
        &self,
        _ctx: &RequestContext,
        _caller: &(),
        _role: &'static str,
    ) -> Result<(), Failure> {
        Ok(())
    }

    fn reject(&self, _ctx: &RequestContext, rejection: Rejection) -> Failure {
        ControlError::InvalidInput(rejection.message()).into()
    }
}
