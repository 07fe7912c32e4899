//! Server stubs: one trait per API, a typed response enum per operation, an axum router, and a
//! `#[utoipa::path]` annotation on every handler so that the stubs can be checked against the spec.
//!
//! The request and response types are the client's (progenitor/typify, deriving `ToSchema`), so
//! each schema is turned into Rust exactly once.

use anyhow::{anyhow, bail, Result};
use openapiv3::{
    MediaType, Operation, Parameter, ParameterSchemaOrContent, ReferenceOr, RequestBody, Response,
    Schema, SchemaKind, StatusCode, Type,
};
use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use crate::spec::SpecFile;

pub fn generate(spec: &SpecFile) -> Result<String> {
    let ops = operations(spec)?;
    let module = format_ident!("{}", spec.module);
    let title = spec.api.info.title.clone();

    let trait_methods = ops.iter().map(Op::trait_method);
    let response_enums = ops.iter().map(Op::response_enum);
    let query_structs = ops.iter().filter_map(Op::query_struct);
    let handlers = ops.iter().map(Op::handler);
    let handler_names: Vec<&Ident> = ops.iter().map(|op| &op.ident).collect();
    let routes = route_table(&ops);
    let sample_arms = ops.iter().flat_map(Op::sample_arms);
    let trait_doc = format!("The {title}. Implement this trait and serve it with [`router`].");
    // utoipa collects the schemas that bodies use, but not those of parameters: name them all.
    let schemas: Vec<TokenStream> = spec
        .api
        .components
        .iter()
        .flat_map(|c| c.schemas.keys())
        .map(|name| {
            let ident = format_ident!("{}", type_name(name));
            quote!(types::#ident)
        })
        .collect();

    let error_ty = error_type(&ops)?;
    let secured = ops.iter().any(|op| !op.security.is_empty());
    let auth_items = secured.then(|| {
        quote! {
            /// Who is calling, as the implementation knows them (a session, a user and role).
            type Principal: Send + Sync + 'static;

            /// Authenticates the caller of a secured operation. Runs before any input of the
            /// request is read, so that an unauthenticated caller learns nothing else (401).
            fn authenticate(
                &self,
                ctx: &RequestContext,
                access: &Access,
            ) -> impl Future<Output = Result<Self::Principal, Failure>> + Send;

            /// Checks the operation's `x-required-role` (403), after authentication and
            /// before any input is read.
            fn authorize(
                &self,
                ctx: &RequestContext,
                caller: &Self::Principal,
                role: &'static str,
            ) -> Result<(), Failure>;
        }
    });

    let tokens = quote! {
        #![allow(clippy::all, clippy::pedantic, unused_imports, dead_code, missing_docs, rustdoc::all)]

        use std::future::Future;
        use std::sync::Arc;

        use axum::extract::State;
        use axum::response::{IntoResponse, Response};
        use axum::routing::MethodRouter;
        use axum::Router;

        pub use appliance_client::#module::types;
        pub use crate::stub::{Access, Rejection, RequestContext};

        /// An error answer of this API: a status code and the API's own error body. Trait
        /// methods return it (usually through `?` from a domain error), and the handler turns it
        /// into the operation's documented variant for that status.
        #[derive(Debug, Clone)]
        pub struct Failure {
            pub status: u16,
            pub body: #error_ty,
        }

        impl IntoResponse for Failure {
            fn into_response(self) -> Response {
                let status = axum::http::StatusCode::from_u16(self.status)
                    .unwrap_or(axum::http::StatusCode::INTERNAL_SERVER_ERROR);
                (status, axum::Json(self.body)).into_response()
            }
        }

        #[doc = #trait_doc]
        ///
        /// Each method gets the request's context, the authenticated caller where the operation
        /// is secured, and its typed inputs, and answers one of the operation's documented
        /// responses or a [`Failure`]. The generated handlers run, in this order:
        /// authentication (401), the role rule (403), then input parsing (400/413, answered by
        /// [`Api::reject`]), then the method.
        pub trait Api: Send + Sync + 'static {
            #auth_items

            #(#trait_methods)*

            /// The answer to a request whose inputs do not parse (bad JSON, a missing or
            /// mistyped parameter, an oversized body), in the API's own error shape.
            fn reject(&self, ctx: &RequestContext, rejection: Rejection) -> Failure;
        }

        /// One enum per operation, one variant per documented status code.
        pub mod responses {
            use super::*;
            #(#response_enums)*
        }
        pub use responses::*;

        /// Typed query strings.
        pub mod queries {
            use super::*;
            #(#query_structs)*
        }

        /// axum handlers, annotated for utoipa.
        pub mod handlers {
            use super::*;

            /// The documented variant of an outcome, or, for a status the operation does not
            /// document, the failure as it is (logged: the spec or the implementation is wrong).
            fn answer<R: IntoResponse + FromFailure>(outcome: Result<R, Failure>) -> Response {
                match outcome {
                    Ok(r) => r.into_response(),
                    Err(f) => match R::from_failure(f) {
                        Ok(r) => r.into_response(),
                        Err(f) => {
                            tracing::debug!(status = f.status, "answered a status the operation does not document");
                            f.into_response()
                        }
                    },
                }
            }

            #(#handlers)*
        }

        /// The response enums, as [`handlers`] turns failures into them.
        pub trait FromFailure: Sized {
            fn from_failure(failure: Failure) -> Result<Self, Failure>;
        }

        /// The routes of this API, relative to its base path, served by `api`.
        pub fn router<A: Api>(api: Arc<A>) -> Router {
            Router::new()
                #(#routes)*
                .with_state(api)
        }

        /// Reads a JSON body the way the handlers do (as the operation's request type,
        /// `kind = "request"`) or as its success response type (`"response"`), and serializes
        /// it back: what survives the trip is what the server keeps. `None` when the operation
        /// has no such JSON body.
        pub fn sample_roundtrip(
            operation_id: &str,
            kind: &str,
            json: &[u8],
        ) -> Option<Result<serde_json::Value, String>> {
            fn request<T: serde::de::DeserializeOwned + serde::Serialize>(
                json: &[u8],
                nullable: &[&str],
            ) -> Result<serde_json::Value, String> {
                let value: T = crate::stub::parse_json(json, nullable)
                    .map_err(|r| r.message())?
                    .ok_or_else(|| "empty body".to_string())?;
                serde_json::to_value(value).map_err(|e| e.to_string())
            }
            fn response<T: serde::de::DeserializeOwned + serde::Serialize>(
                json: &[u8],
            ) -> Result<serde_json::Value, String> {
                let de = &mut serde_json::Deserializer::from_slice(json);
                let value: T = serde_path_to_error::deserialize(de).map_err(|e| e.to_string())?;
                serde_json::to_value(value).map_err(|e| e.to_string())
            }
            match (operation_id, kind) {
                #(#sample_arms)*
                _ => None,
            }
        }

        /// The OpenAPI document of these stubs, as utoipa derives it from the handlers.
        #[derive(utoipa::OpenApi)]
        #[openapi(paths(#(handlers::#handler_names),*), components(schemas(#(#schemas),*)))]
        pub struct ApiDoc;
    };
    super::render(spec, tokens)
}

/// The one schema every error response (4xx/5xx) of the spec uses.
fn error_type(ops: &[Op]) -> Result<TokenStream> {
    let mut found: Option<TokenStream> = None;
    for op in ops {
        for r in op.responses.iter().filter(|r| r.status >= 400) {
            let Some(body) = &r.body else {
                bail!(
                    "{}: error response {} has no body",
                    op.operation_id,
                    r.status
                );
            };
            match &found {
                None => found = Some(body.ty.clone()),
                Some(t) if t.to_string() == body.ty.to_string() => {}
                Some(t) => bail!(
                    "{}: error response {} uses {}, but other errors use {}; one error schema per API",
                    op.operation_id,
                    r.status,
                    body.ty,
                    t
                ),
            }
        }
    }
    found.ok_or_else(|| anyhow!("the spec documents no error response"))
}

/// What the generator needs to know about one operation.
struct Op {
    ident: Ident,
    operation_id: String,
    method: &'static str,
    path: String,
    tag: Option<String>,
    summary: String,
    description: Option<String>,
    params: Vec<Param>,
    body: Option<Body>,
    responses: Vec<Resp>,
    /// The security schemes any one of which the operation accepts; empty for anonymous calls.
    security: Vec<String>,
    /// The role the caller must hold (`x-required-role`), checked after authentication.
    role: Option<String>,
}

struct Param {
    name: String,
    ident: Ident,
    location: Location,
    required: bool,
    ty: TokenStream,
    description: Option<String>,
}

#[derive(PartialEq, Clone, Copy)]
enum Location {
    Path,
    Query,
}

struct Body {
    ty: TokenStream,
    required: bool,
    /// The fields (`a.b`) the schema declares `nullable`, where the handlers accept `null`.
    nullable: Vec<String>,
    /// For `multipart/form-data`: the schema's type (for the docs; the handler gets the parts as
    /// `stub::FormData`) and the parts it requires.
    form: Option<(TokenStream, Vec<String>)>,
}

struct Resp {
    status: u16,
    variant: Ident,
    description: String,
    body: Option<RespBody>,
    retry_after: bool,
}

struct RespBody {
    ty: TokenStream,
    content_type: String,
}

fn operations(spec: &SpecFile) -> Result<Vec<Op>> {
    let mut ops = Vec::new();
    for (path, item) in spec.api.paths.iter() {
        let ReferenceOr::Item(item) = item else {
            bail!(
                "{}: path {path} is a $ref, which is not supported",
                spec.path.display()
            );
        };
        for (method, op) in item.iter() {
            let method: &'static str = match method {
                "get" => "get",
                "post" => "post",
                "put" => "put",
                "delete" => "delete",
                "patch" => "patch",
                other => bail!(
                    "{}: {other} {path}: unsupported method",
                    spec.path.display()
                ),
            };
            let id = op.operation_id.clone().unwrap_or_default();
            let op = operation(spec, path, method, op, &item.parameters)
                .map_err(|e| anyhow!("{}: operation {id:?}: {e:#}", spec.path.display()))?;
            ops.push(op);
        }
    }
    Ok(ops)
}

fn operation(
    spec: &SpecFile,
    path: &str,
    method: &'static str,
    op: &Operation,
    shared_params: &[ReferenceOr<Parameter>],
) -> Result<Op> {
    let operation_id = op
        .operation_id
        .clone()
        .ok_or_else(|| anyhow!("{} {path} has no operationId", method.to_uppercase()))?;
    let mut params = Vec::new();
    for p in shared_params.iter().chain(&op.parameters) {
        params.push(param(spec, resolve_param(spec, p)?)?);
    }
    let body = match &op.request_body {
        None => None,
        Some(b) => Some(body(spec, resolve_body(spec, b)?)?),
    };
    let mut responses = Vec::new();
    for (status, resp) in &op.responses.responses {
        let StatusCode::Code(code) = status else {
            bail!("status ranges ({status}) are not supported");
        };
        responses.push(response(spec, *code, resolve_response(spec, resp)?)?);
    }
    if op.responses.default.is_some() {
        bail!("`default` responses are not supported; list each status code");
    }
    let requirements = op.security.as_ref().or(spec.api.security.as_ref());
    let mut security: Vec<String> = requirements
        .into_iter()
        .flatten()
        .flat_map(|req| req.keys().cloned())
        .collect();
    security.dedup();
    let role = match op.extensions.get("x-required-role") {
        None => None,
        Some(serde_json::Value::String(r)) => Some(r.clone()),
        Some(other) => bail!("x-required-role must be a string, not {other}"),
    };
    if role.is_some() && security.is_empty() {
        bail!("x-required-role on an operation without security");
    }
    if !security.is_empty() && !responses.iter().any(|r: &Resp| r.status == 401) {
        bail!("a secured operation must document 401");
    }
    if role.is_some() && !responses.iter().any(|r: &Resp| r.status == 403) {
        bail!("an operation with x-required-role must document 403");
    }
    Ok(Op {
        ident: format_ident!("{}", operation_id),
        operation_id,
        method,
        path: path.to_string(),
        tag: op.tags.first().cloned(),
        summary: op.summary.clone().unwrap_or_default(),
        description: op.description.clone(),
        params,
        body,
        responses,
        security,
        role,
    })
}

/// Follows a `$ref` into one kind of component (`#/components/<kind>/<name>`).
fn resolve<'a, T>(
    item: &'a ReferenceOr<T>,
    kind: &str,
    components: impl FnOnce(&'a openapiv3::Components) -> &'a indexmap::IndexMap<String, ReferenceOr<T>>,
    spec: &'a SpecFile,
) -> Result<&'a T> {
    match item {
        ReferenceOr::Item(t) => Ok(t),
        ReferenceOr::Reference { reference } => {
            let name = reference
                .strip_prefix(&format!("#/components/{kind}/"))
                .ok_or_else(|| anyhow!("unsupported {kind} $ref {reference}"))?;
            match spec
                .api
                .components
                .as_ref()
                .map(components)
                .and_then(|m| m.get(name))
            {
                Some(ReferenceOr::Item(t)) => Ok(t),
                _ => bail!("unresolved {kind} $ref {reference}"),
            }
        }
    }
}

fn resolve_param<'a>(spec: &'a SpecFile, p: &'a ReferenceOr<Parameter>) -> Result<&'a Parameter> {
    resolve(p, "parameters", |c| &c.parameters, spec)
}

fn resolve_body<'a>(
    spec: &'a SpecFile,
    b: &'a ReferenceOr<RequestBody>,
) -> Result<&'a RequestBody> {
    resolve(b, "requestBodies", |c| &c.request_bodies, spec)
}

fn resolve_response<'a>(spec: &'a SpecFile, r: &'a ReferenceOr<Response>) -> Result<&'a Response> {
    resolve(r, "responses", |c| &c.responses, spec)
}

fn param(spec: &SpecFile, p: &Parameter) -> Result<Param> {
    let (data, location) = match p {
        Parameter::Path { parameter_data, .. } => (parameter_data, Location::Path),
        Parameter::Query { parameter_data, .. } => (parameter_data, Location::Query),
        Parameter::Header { parameter_data, .. } => {
            bail!("header parameter {}: not supported", parameter_data.name)
        }
        Parameter::Cookie { parameter_data, .. } => {
            bail!("cookie parameter {}: not supported", parameter_data.name)
        }
    };
    let ParameterSchemaOrContent::Schema(schema) = &data.format else {
        bail!(
            "parameter {}: `content` parameters are not supported",
            data.name
        );
    };
    let ty = rust_type(spec, schema).map_err(|e| anyhow!("parameter {}: {e}", data.name))?;
    Ok(Param {
        ident: rust_ident(&data.name),
        name: data.name.clone(),
        location,
        required: data.required,
        ty,
        description: data.description.clone(),
    })
}

fn body(spec: &SpecFile, b: &RequestBody) -> Result<Body> {
    let (content_type, media) = single_media(&b.content)?;
    let schema = media
        .schema
        .as_ref()
        .ok_or_else(|| anyhow!("request body without a schema"))?;
    if content_type == "multipart/form-data" {
        if !b.required {
            bail!("an optional multipart/form-data body is not supported");
        }
        let Schema {
            schema_kind: SchemaKind::Type(Type::Object(o)),
            ..
        } = resolve(schema, "schemas", |c| &c.schemas, spec)?
        else {
            bail!("a multipart/form-data body must be an object schema");
        };
        return Ok(Body {
            ty: quote!(crate::stub::FormData),
            required: true,
            nullable: Vec::new(),
            form: Some((
                rust_type(spec, schema).map_err(|e| anyhow!("request body: {e}"))?,
                o.required.clone(),
            )),
        });
    }
    if content_type != "application/json" {
        bail!("request body {content_type}: only application/json and multipart/form-data are supported");
    }
    let mut nullable = Vec::new();
    nullable_fields(spec, schema, "", 0, &mut nullable);
    Ok(Body {
        ty: rust_type(spec, schema).map_err(|e| anyhow!("request body: {e}"))?,
        required: b.required,
        nullable,
        form: None,
    })
}

/// The object fields under `schema` (through `$ref`s, not arrays) that are `nullable`, as the
/// body reader names them (`a.b`).
fn nullable_fields(
    spec: &SpecFile,
    schema: &ReferenceOr<Schema>,
    at: &str,
    depth: usize,
    out: &mut Vec<String>,
) {
    let schema = match schema {
        ReferenceOr::Item(s) => s,
        ReferenceOr::Reference { reference } => {
            let found = reference
                .strip_prefix("#/components/schemas/")
                .and_then(|name| spec.api.components.as_ref()?.schemas.get(name));
            match found {
                Some(ReferenceOr::Item(s)) => s,
                _ => return,
            }
        }
    };
    if depth > 8 {
        return;
    }
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(o)) => {
            for (name, prop) in &o.properties {
                let here = if at.is_empty() {
                    name.clone()
                } else {
                    format!("{at}.{name}")
                };
                let prop = prop.clone().unbox();
                if matches!(&prop, ReferenceOr::Item(s) if s.schema_data.nullable) {
                    out.push(here.clone());
                }
                nullable_fields(spec, &prop, &here, depth + 1, out);
            }
        }
        // An array's items are named `a[]` (the body reader matches `a[0]`, `a[1]`, ... to it).
        SchemaKind::Type(Type::Array(a)) => {
            if let Some(items) = &a.items {
                let items = items.clone().unbox();
                nullable_fields(spec, &items, &format!("{at}[]"), depth + 1, out);
            }
        }
        // A nullable `$ref` is written `type: object, nullable: true, allOf: [$ref]` (which
        // openapiv3 reads as `Any`), or without the `type`.
        SchemaKind::AllOf { all_of } => {
            for part in all_of {
                nullable_fields(spec, part, at, depth + 1, out);
            }
        }
        SchemaKind::Any(any) => {
            for part in &any.all_of {
                nullable_fields(spec, part, at, depth + 1, out);
            }
        }
        _ => {}
    }
}

fn response(spec: &SpecFile, status: u16, r: &Response) -> Result<Resp> {
    let body = if r.content.is_empty() {
        None
    } else {
        let (content_type, media) = single_media(&r.content)?;
        let schema = media
            .schema
            .as_ref()
            .ok_or_else(|| anyhow!("response {status} without a schema"))?;
        let ty = rust_type(spec, schema).map_err(|e| anyhow!("response {status}: {e}"))?;
        if content_type != "application/json" && ty.to_string() != "String" {
            bail!("response {status}: {content_type} bodies must be strings");
        }
        Some(RespBody {
            ty,
            content_type: content_type.to_string(),
        })
    };
    Ok(Resp {
        status,
        variant: variant_name(status)?,
        description: r.description.clone(),
        body,
        retry_after: r.headers.contains_key("Retry-After"),
    })
}

fn single_media(content: &openapiv3::Content) -> Result<(&str, &MediaType)> {
    let mut it = content.iter();
    match (it.next(), it.next()) {
        (Some((ct, media)), None) => Ok((ct.as_str(), media)),
        _ => bail!(
            "exactly one media type is supported, found {}",
            content.len()
        ),
    }
}

/// The Rust type of a schema, in the terms of the client's `types` module.
fn rust_type(spec: &SpecFile, schema: &ReferenceOr<Schema>) -> Result<TokenStream> {
    match schema {
        ReferenceOr::Reference { reference } => {
            let name = reference
                .strip_prefix("#/components/schemas/")
                .ok_or_else(|| anyhow!("unsupported schema $ref {reference}"))?;
            let known = spec
                .api
                .components
                .as_ref()
                .is_some_and(|c| c.schemas.contains_key(name));
            if !known {
                bail!("unresolved schema $ref {reference}");
            }
            let ident = format_ident!("{}", type_name(name));
            Ok(quote!(types::#ident))
        }
        ReferenceOr::Item(schema) => match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) if s.enumeration.is_empty() => Ok(quote!(String)),
            SchemaKind::Type(Type::Boolean(_)) => Ok(quote!(bool)),
            SchemaKind::Type(Type::Integer(i)) => Ok(match &i.format {
                openapiv3::VariantOrUnknownOrEmpty::Item(openapiv3::IntegerFormat::Int32) => {
                    quote!(i32)
                }
                _ => quote!(i64),
            }),
            SchemaKind::Type(Type::Number(_)) => Ok(quote!(f64)),
            SchemaKind::Type(Type::Array(a)) => {
                let items = a
                    .items
                    .as_ref()
                    .ok_or_else(|| anyhow!("array without items"))?
                    .clone()
                    .unbox();
                let inner = rust_type(spec, &items)?;
                Ok(quote!(Vec<#inner>))
            }
            _ => bail!(
                "inline object and enum schemas are not supported here; \
                 move the schema to components/schemas and $ref it"
            ),
        },
    }
}

/// typify's name for a component schema (the specs already use PascalCase names).
fn type_name(name: &str) -> String {
    let mut out = String::new();
    let mut upper = true;
    for c in name.chars() {
        if c == '_' || c == '-' || c == ' ' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

fn rust_ident(name: &str) -> Ident {
    let snake: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    match snake.as_str() {
        "type" | "use" | "ref" | "match" | "self" | "fn" | "mod" | "impl" | "in" | "for" => {
            format_ident!("r#{}", snake)
        }
        _ => format_ident!("{}", snake),
    }
}

fn variant_name(status: u16) -> Result<Ident> {
    let reason = axum_status_reason(status)
        .ok_or_else(|| anyhow!("status {status} has no standard reason phrase"))?;
    let name: String = reason
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut cs = w.chars();
            let first = cs.next().unwrap().to_ascii_uppercase();
            std::iter::once(first)
                .chain(cs.map(|c| c.to_ascii_lowercase()))
                .collect::<String>()
        })
        .collect();
    Ok(format_ident!("{}", name))
}

fn axum_status_reason(status: u16) -> Option<&'static str> {
    Some(match status {
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        204 => "No Content",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        412 => "Precondition Failed",
        413 => "Payload Too Large",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => return None,
    })
}

impl Op {
    fn response_ident(&self) -> Ident {
        format_ident!("{}Response", type_name(&self.operation_id))
    }

    fn query_ident(&self) -> Ident {
        format_ident!("{}Query", type_name(&self.operation_id))
    }

    fn has_query(&self) -> bool {
        self.params.iter().any(|p| p.location == Location::Query)
    }

    fn path_params(&self) -> impl Iterator<Item = &Param> {
        self.params.iter().filter(|p| p.location == Location::Path)
    }

    fn body_type(&self) -> Option<TokenStream> {
        self.body.as_ref().map(|b| {
            let ty = &b.ty;
            if b.required {
                quote!(#ty)
            } else {
                quote!(Option<#ty>)
            }
        })
    }

    fn sample_arms(&self) -> Vec<TokenStream> {
        let id = &self.operation_id;
        let mut arms = Vec::new();
        if let Some(b) = self.body.as_ref().filter(|b| b.form.is_none()) {
            let ty = &b.ty;
            let nullable = &b.nullable;
            arms.push(quote!((#id, "request") => Some(request::<#ty>(json, &[#(#nullable),*])),));
        }
        let success = self
            .responses
            .iter()
            .find(|r| (200..300).contains(&r.status));
        if let Some(RespBody { ty, content_type }) = success.and_then(|r| r.body.as_ref()) {
            if content_type == "application/json" {
                arms.push(quote!((#id, "response") => Some(response::<#ty>(json)),));
            }
        }
        arms
    }

    fn trait_method(&self) -> TokenStream {
        let ident = &self.ident;
        let resp = self.response_ident();
        let doc = doc_text(&self.summary, self.description.as_deref());
        let path_args = self.path_params().map(|p| {
            let id = &p.ident;
            let ty = &p.ty;
            quote!(#id: #ty,)
        });
        let query_arg = self.has_query().then(|| {
            let q = self.query_ident();
            quote!(query: queries::#q,)
        });
        let body_arg = self.body_type().map(|ty| quote!(body: #ty,));
        let caller_arg = (!self.security.is_empty()).then(|| quote!(caller: Self::Principal,));
        quote! {
            #[doc = #doc]
            fn #ident(&self, ctx: RequestContext, #caller_arg #(#path_args)* #query_arg #body_arg)
                -> impl Future<Output = Result<#resp, Failure>> + Send;
        }
    }

    fn response_enum(&self) -> TokenStream {
        let ident = self.response_ident();
        let doc = format!("The documented responses of `{}`.", self.operation_id);
        let variants = self.responses.iter().map(|r| {
            let v = &r.variant;
            let doc = format!("{}: {}", r.status, r.description.trim());
            match &r.body {
                Some(b) => {
                    let ty = &b.ty;
                    quote!(#[doc = #doc] #v(#ty),)
                }
                None => quote!(#[doc = #doc] #v,),
            }
        });
        let arms = self.responses.iter().map(|r| {
            let v = &r.variant;
            let status = Literal::u16_unsuffixed(r.status);
            let status = quote!(axum::http::StatusCode::from_u16(#status).expect("documented status"));
            match &r.body {
                Some(b) if b.content_type == "application/json" => {
                    quote!(Self::#v(body) => (#status, axum::Json(body)).into_response(),)
                }
                Some(b) => {
                    let ct = &b.content_type;
                    quote!(Self::#v(body) => (#status, [(axum::http::header::CONTENT_TYPE, #ct)], body).into_response(),)
                }
                None => quote!(Self::#v => #status.into_response(),),
            }
        });
        let status_arms = self.responses.iter().map(|r| {
            let v = &r.variant;
            let status = Literal::u16_unsuffixed(r.status);
            match &r.body {
                Some(_) => quote!(Self::#v(_) => #status,),
                None => quote!(Self::#v => #status,),
            }
        });
        let failure_arms = self.responses.iter().filter(|r| r.status >= 400).map(|r| {
            let v = &r.variant;
            let status = Literal::u16_unsuffixed(r.status);
            quote!(#status => Ok(Self::#v(failure.body)),)
        });
        quote! {
            #[doc = #doc]
            #[derive(Debug, Clone)]
            pub enum #ident { #(#variants)* }

            impl #ident {
                /// The HTTP status code of this response.
                pub fn status(&self) -> u16 {
                    match self { #(#status_arms)* }
                }

                /// The documented variant for a failure's status, or the failure back when the
                /// operation does not document that status.
                pub fn from_failure(failure: Failure) -> Result<Self, Failure> {
                    match failure.status {
                        #(#failure_arms)*
                        _ => Err(failure),
                    }
                }
            }

            impl FromFailure for #ident {
                fn from_failure(failure: Failure) -> Result<Self, Failure> {
                    #ident::from_failure(failure)
                }
            }

            impl IntoResponse for #ident {
                fn into_response(self) -> Response {
                    match self { #(#arms)* }
                }
            }
        }
    }

    fn query_struct(&self) -> Option<TokenStream> {
        if !self.has_query() {
            return None;
        }
        let ident = self.query_ident();
        let doc = format!("The query string of `{}`.", self.operation_id);
        let fields = self
            .params
            .iter()
            .filter(|p| p.location == Location::Query)
            .map(|p| {
                let id = &p.ident;
                let ty = &p.ty;
                let name = &p.name;
                let doc = p.description.clone().unwrap_or_default();
                if p.required {
                    quote!(#[doc = #doc] #[serde(rename = #name)] pub #id: #ty,)
                } else {
                    quote!(#[doc = #doc] #[serde(rename = #name, default)] pub #id: Option<#ty>,)
                }
            });
        Some(quote! {
            #[doc = #doc]
            #[derive(Debug, Clone, serde::Deserialize)]
            pub struct #ident { #(#fields)* }
        })
    }

    fn handler(&self) -> TokenStream {
        let ident = &self.ident;
        let method = format_ident!("{}", self.method);
        let path = &self.path;
        let operation_id = &self.operation_id;
        let tag = self.tag.as_ref().map(|t| quote!(tag = #t,));
        let summary = &self.summary;
        let description = self.description.as_deref().unwrap_or("").trim().to_string();
        let resp_ident = self.response_ident();

        let params_doc = self.params.iter().map(|p| {
            let name = &p.name;
            let ty = &p.ty;
            let ty = if p.required {
                quote!(#ty)
            } else {
                quote!(Option<#ty>)
            };
            let loc = match p.location {
                Location::Path => quote!(Path),
                Location::Query => quote!(Query),
            };
            let desc = p.description.clone().unwrap_or_default();
            quote!((#name = #ty, #loc, description = #desc),)
        });
        let body_doc = self.body.as_ref().map(|b| match &b.form {
            Some((ty, _)) => {
                quote!(request_body(content = #ty, content_type = "multipart/form-data"),)
            }
            None => {
                let ty = &b.ty;
                quote!(request_body(content = #ty, content_type = "application/json"),)
            }
        });
        let responses_doc = self.responses.iter().map(|r| {
            let status = Literal::u16_unsuffixed(r.status);
            let desc = r.description.trim();
            let headers = r
                .retry_after
                .then(|| quote!(, headers(("Retry-After" = i64, description = "Seconds to wait before retrying."))));
            match &r.body {
                Some(b) => {
                    let ty = &b.ty;
                    let ct = &b.content_type;
                    quote!((status = #status, description = #desc, body = #ty, content_type = #ct #headers),)
                }
                None => quote!((status = #status, description = #desc #headers),),
            }
        });

        // Inputs are extracted leniently and parsed here, after authentication and the role
        // rule, so that every failure is answered in the API's own error shape (by
        // `Api::reject`) and an unauthenticated caller learns nothing about its input.
        let reject = quote!(return answer::<#resp_ident>(Err(api.reject(&ctx, r))));
        let auth = (!self.security.is_empty()).then(|| {
            let schemes = &self.security;
            let role_check = self.role.as_ref().map(|role| {
                quote! {
                    if let Err(f) = api.authorize(&ctx, &caller, #role) {
                        return answer::<#resp_ident>(Err(f));
                    }
                }
            });
            let role = match &self.role {
                Some(r) => quote!(Some(#r)),
                None => quote!(None),
            };
            quote! {
                const ACCESS: Access = Access {
                    operation_id: #operation_id,
                    schemes: &[#(#schemes),*],
                    role: #role,
                };
                let caller = match api.authenticate(&ctx, &ACCESS).await {
                    Ok(c) => c,
                    Err(f) => return answer::<#resp_ident>(Err(f)),
                };
                #role_check
            }
        });
        let path_extract = self.path_params().next().map(|_| {
            quote!(path: Result<axum::extract::Path<std::collections::HashMap<String, String>>, axum::extract::rejection::PathRejection>,)
        });
        let path_parse = self.path_params().map(|p| {
            let id = &p.ident;
            let name = &p.name;
            let ty = &p.ty;
            quote! {
                let #id: #ty = match crate::stub::path_param(&path, #name) {
                    Ok(v) => v,
                    Err(r) => #reject,
                };
            }
        });
        let query_parse = self.has_query().then(|| {
            let q = self.query_ident();
            quote! {
                let query: queries::#q = match crate::stub::query(&ctx) {
                    Ok(v) => v,
                    Err(r) => #reject,
                };
            }
        });
        let body_extract = self.body.as_ref().map(
            |_| quote!(body: Result<axum::body::Bytes, axum::extract::rejection::BytesRejection>,),
        );
        let body_parse = self.body.as_ref().map(|b| {
            let ty = &b.ty;
            let nullable = &b.nullable;
            if let Some((_, parts)) = &b.form {
                quote! {
                    let body: #ty = match crate::stub::form_body(&ctx, body, &[#(#parts),*]).await {
                        Ok(v) => v,
                        Err(r) => #reject,
                    };
                }
            } else if b.required {
                quote! {
                    let body: #ty = match crate::stub::json_body(&ctx, body, &[#(#nullable),*]) {
                        Ok(v) => v,
                        Err(r) => #reject,
                    };
                }
            } else {
                quote! {
                    let body: Option<#ty> = match crate::stub::optional_json_body(&ctx, body, &[#(#nullable),*]) {
                        Ok(v) => v,
                        Err(r) => #reject,
                    };
                }
            }
        });
        let call_args = (!self.security.is_empty())
            .then(|| quote!(caller,))
            .into_iter()
            .chain(self.path_params().map(|p| {
                let id = &p.ident;
                quote!(#id,)
            }))
            .chain(self.has_query().then(|| quote!(query,)))
            .chain(self.body.as_ref().map(|_| quote!(body,)));

        quote! {
            #[utoipa::path(
                #method,
                path = #path,
                operation_id = #operation_id,
                #tag
                summary = #summary,
                description = #description,
                params(#(#params_doc)*),
                #body_doc
                responses(#(#responses_doc)*),
            )]
            pub async fn #ident<A: Api>(
                State(api): State<Arc<A>>,
                ctx: RequestContext,
                #path_extract
                #body_extract
            ) -> Response {
                #auth
                #(#path_parse)*
                #query_parse
                #body_parse
                answer(api.#ident(ctx, #(#call_args)*).await)
            }
        }
    }
}

/// Routes grouped by path, so that one path with several methods becomes one `route` call.
fn route_table(ops: &[Op]) -> Vec<TokenStream> {
    let mut paths: Vec<&str> = Vec::new();
    for op in ops {
        if !paths.contains(&op.path.as_str()) {
            paths.push(&op.path);
        }
    }
    paths
        .into_iter()
        .map(|path| {
            let methods = ops.iter().filter(|op| op.path == path).map(|op| {
                let method = format_ident!("{}", op.method);
                let ident = &op.ident;
                quote!(.#method(handlers::#ident::<A>))
            });
            quote!(.route(#path, MethodRouter::new() #(#methods)*))
        })
        .collect()
}

fn doc_text(summary: &str, description: Option<&str>) -> String {
    match description {
        Some(d) if !d.trim().is_empty() => format!("{summary}\n\n{}", d.trim()),
        _ => summary.to_string(),
    }
}
