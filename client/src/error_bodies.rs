//! Error answers whose body is not the API's error shape.
//!
//! The appliances answer some 401 and 500 responses with an empty body, and a proxy in between
//! may answer with HTML. Left alone, the generated client reports those as an opaque
//! `InvalidResponsePayload` that has lost the status. These hooks (progenitor's `ClientHooks`,
//! one per generated client) replace such a body with the API's own error shape, saying what
//! came back, so that callers always get `Error::ErrorResponse` with the status.

use progenitor_client::{ClientHooks, OperationInfo};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

/// Rebuilds an error response whose body does not parse as `E`, with the body `synthesize`
/// makes from the status and a description of what came back.
async fn normalize<E: DeserializeOwned>(
    response: reqwest::Result<reqwest::Response>,
    synthesize: fn(u16, String) -> Value,
) -> reqwest::Result<reqwest::Response> {
    let response = response?;
    let status = response.status();
    if !status.is_client_error() && !status.is_server_error() {
        return Ok(response);
    }
    let version = response.version();
    let mut headers = response.headers().clone();
    let body = response.bytes().await?;
    let body = if serde_json::from_slice::<E>(&body).is_ok() {
        body
    } else {
        let text = String::from_utf8_lossy(&body);
        let text = text.trim();
        let what = if text.is_empty() {
            "an empty body".to_string()
        } else {
            let cut: String = text.chars().take(200).collect();
            format!("a body that is not its error shape: {cut}")
        };
        let reason = status.canonical_reason().unwrap_or("");
        let message = format!(
            "The appliance answered {} {reason} with {what}",
            status.as_u16()
        );
        headers.insert(
            reqwest::header::CONTENT_TYPE,
            reqwest::header::HeaderValue::from_static("application/json"),
        );
        headers.remove(reqwest::header::CONTENT_LENGTH);
        serde_json::to_vec(&synthesize(status.as_u16(), message))
            .expect("a JSON value serializes")
            .into()
    };
    let mut rebuilt = http::Response::new(body);
    *rebuilt.status_mut() = status;
    *rebuilt.version_mut() = version;
    *rebuilt.headers_mut() = headers;
    Ok(reqwest::Response::from(rebuilt))
}

macro_rules! error_hooks {
    ($api:ident, $error:ty, $synthesize:expr) => {
        impl ClientHooks for crate::generated::$api::Client {
            async fn exec(
                &self,
                request: reqwest::Request,
                _info: &OperationInfo,
            ) -> reqwest::Result<reqwest::Response> {
                normalize::<$error>(self.client.execute(request).await, $synthesize).await
            }
        }
    };
}

error_hooks!(
    aria_networks,
    crate::aria_networks::types::ApiError,
    |code, message| json!({"code": code, "message": message, "details": []})
);
error_hooks!(
    omivv,
    crate::omivv::types::Error,
    |code, message| json!({"errorCode": format!("HTTP_{code}"), "message": message})
);
error_hooks!(
    csp,
    crate::csp::types::CspError,
    |code, message| json!({"statusCode": code, "message": message})
);
error_hooks!(
    vidm,
    crate::vidm::types::OAuthError,
    |code, message| json!({"error": format!("http_{code}"), "error_description": message})
);
error_hooks!(
    sandbox,
    crate::sandbox::types::SandboxError,
    |_code, message| json!({"message": message})
);
error_hooks!(
    omevv,
    crate::omevv::types::Error,
    |code, message| json!({"errorCode": code.to_string(), "message": message})
);
error_hooks!(
    vlcm,
    crate::vlcm::types::ErrorResponse,
    |_code, message| json!({"messages": [message], "responseType": "BASE_ERROR_RESPONSE"})
);
error_hooks!(
    ome,
    crate::ome::types::OmeError,
    |_code, message| json!({"error": {"code": "Base.1.0.GeneralError", "message": message}})
);
