//! What the generated stubs (`crate::generated`) rely on: the request context every operation
//! receives, the access rule of a secured operation, and the parsing of path, query and body into
//! the spec's types, with failures turned into a [`Rejection`] that each API answers in its own
//! error shape.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};

use axum::extract::rejection::PathRejection;
use axum::extract::{ConnectInfo, FromRequestParts, Path};
use axum::http::request::Parts;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use serde::de::DeserializeOwned;

mod body;

pub use body::{
    form_body, json_body, optional_json_body, parse_json, urlencoded_body, FormData, FormPart,
};

/// The access rule of a secured operation, from its `security` and `x-required-role` in the spec.
#[derive(Debug, Clone, Copy)]
pub struct Access {
    pub operation_id: &'static str,
    /// The security schemes the operation accepts (any one of them).
    pub schemes: &'static [&'static str],
    /// The role the caller must hold, checked after authentication.
    pub role: Option<&'static str>,
}

/// Marks a request whose body was over the size limit (and was read and discarded so that the
/// client gets its answer rather than a reset connection). Its parser answers 413 in the API's
/// shape, after authentication.
#[derive(Debug, Clone, Copy)]
pub struct BodyTooLarge;

/// The parts of a request that an operation may look at besides its typed inputs.
#[derive(Debug, Clone)]
pub struct RequestContext {
    pub method: Method,
    pub uri: Uri,
    pub headers: HeaderMap,
    /// The peer's address, when the server was started with connect info (it always is).
    pub peer: Option<SocketAddr>,
    pub body_too_large: bool,
}

impl RequestContext {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    pub fn peer_ip(&self) -> IpAddr {
        self.peer
            .map(|p| p.ip())
            .unwrap_or(IpAddr::V4(std::net::Ipv4Addr::LOCALHOST))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for RequestContext {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(RequestContext {
            method: parts.method.clone(),
            uri: parts.uri.clone(),
            // Taken, not copied: the extractors after this one (path parameters, the body as
            // bytes) read the request's extensions and body, never its headers.
            headers: std::mem::take(&mut parts.headers),
            peer: parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|ci| ci.0),
            body_too_large: parts.extensions.get::<BodyTooLarge>().is_some(),
        })
    }
}

/// Why a request never reached its operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rejection {
    /// The body is not JSON at all.
    MalformedJson(String),
    /// The body is JSON but not the operation's schema (missing field, wrong type, unknown enum value).
    InvalidBody(String),
    /// The body is missing where the operation needs one.
    MissingBody,
    /// The body is larger than the server accepts.
    PayloadTooLarge,
    /// A path parameter does not parse.
    InvalidPath(String),
    /// The query string does not parse (missing parameter, wrong type, unknown enum value).
    InvalidQuery(String),
    /// A `multipart/form-data` body does not parse or lacks a required part.
    InvalidForm(String),
}

impl Rejection {
    pub fn status(&self) -> StatusCode {
        match self {
            Rejection::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            _ => StatusCode::BAD_REQUEST,
        }
    }

    pub fn message(&self) -> String {
        match self {
            Rejection::MalformedJson(m) => format!("Malformed JSON body: {m}"),
            Rejection::InvalidBody(m) => format!("Invalid request body: {m}"),
            Rejection::MissingBody => "A JSON request body is required".to_string(),
            Rejection::PayloadTooLarge => "Request body is too large".to_string(),
            Rejection::InvalidPath(m) => format!("Invalid path parameter: {m}"),
            Rejection::InvalidQuery(m) => format!("Invalid query parameter: {m}"),
            Rejection::InvalidForm(m) => format!("Invalid multipart/form-data body: {m}"),
        }
    }
}

pub fn path_param<T: DeserializeOwned>(
    path: &Result<Path<HashMap<String, String>>, PathRejection>,
    name: &str,
) -> Result<T, Rejection> {
    let params = path
        .as_ref()
        .map_err(|e| Rejection::InvalidPath(e.body_text()))?;
    let raw = params
        .get(name)
        .ok_or_else(|| Rejection::InvalidPath(format!("{name} is missing")))?;
    T::deserialize(serde::de::value::StrDeserializer::<serde::de::value::Error>::new(raw))
        .or_else(|e| {
            // A number in the path (`/Groups/1003`) is text to the router.
            let number = raw
                .parse::<i64>()
                .map(serde_json::Value::from)
                .or_else(|_| raw.parse::<f64>().map(serde_json::Value::from));
            match number {
                Ok(n) => serde_json::from_value(n).map_err(|_| e),
                Err(_) => Err(e),
            }
        })
        .map_err(|e| Rejection::InvalidPath(format!("{name}: {e}")))
}

pub fn query<T: DeserializeOwned>(ctx: &RequestContext) -> Result<T, Rejection> {
    let raw = ctx.uri.query().unwrap_or("");
    // Strict first (`size=` is not a number); a list parameter, sent as its key repeated
    // (`metrics=A&metrics=B`, as VMware's SDK sends one) or once, is read by `serde_html_form`.
    serde_urlencoded::from_str(raw).or_else(|e: serde_urlencoded::de::Error| {
        let text = e.to_string();
        if text.contains("expected a sequence") || text.contains("duplicate field") {
            // serde_html_form reads `size=` as absent; the strict reader would not.
            let pairs: Vec<(String, String)> = serde_urlencoded::from_str(raw).unwrap_or_default();
            if let Some((k, _)) = pairs.iter().find(|(_, v)| v.is_empty()) {
                return Err(Rejection::InvalidQuery(format!("{k}: a value is required")));
            }
            serde_html_form::from_str(raw).map_err(|e| Rejection::InvalidQuery(e.to_string()))
        } else if text.contains("`true` or `false`") {
            // Spring reads a boolean parameter in any letter case, and VMware's SDK sends
            // Python's `True` (E89): retry with such values lower-cased.
            let pairs: Vec<(String, String)> = serde_urlencoded::from_str(raw).unwrap_or_default();
            let lowered: Vec<(String, String)> = pairs
                .into_iter()
                .map(|(k, v)| match v.to_ascii_lowercase().as_str() {
                    b @ ("true" | "false") => (k, b.to_string()),
                    _ => (k, v),
                })
                .collect();
            let again = serde_urlencoded::to_string(&lowered).unwrap_or_default();
            serde_urlencoded::from_str(&again).map_err(|_| Rejection::InvalidQuery(text))
        } else {
            Err(Rejection::InvalidQuery(text))
        }
    })
}

/// A binary answer as the specs document one (`type: string, format: binary`), for the
/// generated handlers' OpenAPI annotations; utoipa would document `Vec<u8>` as a number array.
pub struct BinaryBody;

impl utoipa::PartialSchema for BinaryBody {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
        ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Binary)))
            .into()
    }
}

impl utoipa::ToSchema for BinaryBody {}
