//! What every control tag's trait shares (how unparsable input is answered); each tag's
//! operations are implemented in its own file.

mod clock;
mod faults;
mod journal;
mod scenarios;
mod state;

use super::{error, ControlApi, ControlPlane};
use crate::generated::sandbox::{self as api, Failure, Rejection, RequestContext};

fn failure(status: u16, message: impl Into<String>) -> Failure {
    Failure {
        status,
        body: error(message),
    }
}

impl<P: ControlPlane> api::Api for ControlApi<P> {
    fn reject(&self, _ctx: &RequestContext, rejection: Rejection) -> Failure {
        failure(rejection.status().as_u16(), rejection.message())
    }
}
