//! VMware Cloud Services as the SaaS sign-on needs it (E121): the API-token exchange, served at
//! the sandbox's own address. The tokens it issues are Aria's, so this is a thin front over
//! Aria's sign-on; its errors are Cloud Services' shape.

mod api;

use std::sync::Arc;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

use crate::aria_networks::Aria;
use crate::edge::ApiEdge;
use crate::generated::csp::{self as generated, types, Failure, Rejection, RequestContext};

#[derive(Clone)]
pub struct CspApi(pub Arc<Aria>);

pub(crate) fn failure(status: u16, message: String) -> Failure {
    Failure {
        status,
        body: types::CspError {
            status_code: i32::from(status),
            message,
        },
    }
}

impl generated::Api for CspApi {
    fn reject(&self, _ctx: &RequestContext, rejection: Rejection) -> Failure {
        failure(rejection.status().as_u16(), rejection.message())
    }
}

pub struct CspEdge;

impl ApiEdge for CspEdge {
    fn base(&self) -> &'static str {
        "/csp"
    }

    fn error(&self, status: StatusCode, message: String) -> Response {
        let body = types::CspError {
            status_code: i32::from(status.as_u16()),
            message,
        };
        (status, Json(body)).into_response()
    }
}
