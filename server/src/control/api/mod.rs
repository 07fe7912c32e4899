//! What every control tag's trait shares (how unparsable input is answered); each tag's
//! operations are implemented in its own file.

mod clock;
mod faults;
mod journal;
mod scenarios;
mod state;

use super::{ControlApi, ControlError, ControlPlane};
use crate::generated::sandbox::{self as api, Failure, Rejection, RequestContext};

impl<P: ControlPlane> api::Api for ControlApi<P> {
    fn reject(&self, _ctx: &RequestContext, rejection: Rejection) -> Failure {
        ControlError::InvalidInput(rejection.message()).into()
    }
}
