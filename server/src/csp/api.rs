//! The `API tokens` tag: the exchange, over Aria's sign-on.

use super::{failure, CspApi};
use crate::aria_networks::errors::AriaError;
use crate::generated::csp::{self as api, queries, types, Failure, RequestContext};

impl api::ApiTokensApi for CspApi {
    async fn exchange_api_token(
        &self,
        _ctx: RequestContext,
        query: queries::ExchangeApiTokenQuery,
        body: Option<types::ApiTokenForm>,
    ) -> Result<api::ExchangeApiTokenResponse, Failure> {
        let body = body.unwrap_or_default();
        let sent = [query.refresh_token, body.refresh_token, body.api_token];
        let given: Vec<&str> = (sent.iter()).flatten().map(String::as_str).collect();
        let token = match given.as_slice() {
            [] => {
                return Err(failure(
                    400,
                    "invalid_request: no refresh_token was given".into(),
                ))
            }
            [first, rest @ ..] if rest.iter().any(|t| t != first) => {
                return Err(failure(
                    400,
                    "invalid_request: two different refresh tokens were given".into(),
                ))
            }
            [first, ..] => *first,
        };
        match self.0.exchange_api_token(token).await {
            Ok(t) => Ok(api::ExchangeApiTokenResponse::Ok(t)),
            Err(AriaError::Storage(e)) => Err(failure(500, e.to_string())),
            Err(AriaError::Internal(m)) => Err(failure(500, m)),
            Err(e) => Err(failure(400, e.to_string())),
        }
    }
}
