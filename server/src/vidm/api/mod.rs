//! What every vIDM tag's trait shares (how unparsable input is answered) and the OAuth error
//! shape; each tag's operation is implemented in its own file.

mod discovery;
mod keys;
mod oauth;

use std::sync::Arc;

use super::IdentityManager;
use crate::generated::vidm::{self as api, types, Failure, Rejection, RequestContext};

pub(super) fn oauth_error(status: u16, error: &str, description: impl Into<String>) -> Failure {
    Failure {
        status,
        body: types::OAuthError {
            error: error.into(),
            error_description: Some(description.into()),
        },
    }
}

#[derive(Clone)]
pub struct VidmApi(pub Arc<IdentityManager>);

impl api::Api for VidmApi {
    fn reject(&self, _ctx: &RequestContext, rejection: Rejection) -> Failure {
        oauth_error(
            rejection.status().as_u16(),
            "invalid_request",
            rejection.message(),
        )
    }
}
