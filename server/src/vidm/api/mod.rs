//! What every vIDM tag's trait shares (how unparsable input is answered); each tag's operation
//! is implemented in its own file.

mod discovery;
mod keys;
mod oauth;

use std::sync::Arc;

use super::errors::OAuthError;
use super::IdentityManager;
use crate::generated::vidm::{self as api, Failure, Rejection, RequestContext};

#[derive(Clone)]
pub struct VidmApi(pub Arc<IdentityManager>);

impl api::Api for VidmApi {
    fn reject(&self, _ctx: &RequestContext, rejection: Rejection) -> Failure {
        match rejection {
            Rejection::PayloadTooLarge => OAuthError::TooLarge(rejection.message()),
            _ => OAuthError::InvalidRequest(rejection.message()),
        }
        .into()
    }
}
