//! Server stubs: one trait per OpenAPI tag (each a concept, implemented next to its domain code),
//! all sharing the parent trait `Api` (authenticate, authorize, reject), a typed response enum per
//! operation, one axum router that mounts every tag's operations, and a `#[utoipa::path]`
//! annotation on every handler so that the stubs can be checked against the spec.
//!
//! The request and response types are the client's (progenitor/typify, deriving `ToSchema`), so
//! each schema is turned into Rust exactly once. Reading the spec is `gen::model`'s; this module
//! and its children only emit.

use anyhow::{anyhow, bail, Result};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::model::{self, type_name, Op, Tag};
use crate::spec::SpecFile;

mod handlers;
mod responses;

pub fn generate(spec: &SpecFile) -> Result<String> {
    let tags = model::tags(spec)?;
    let ops: Vec<&Op> = tags.iter().flat_map(|t| &t.ops).collect();
    let module = format_ident!("{}", spec.module);
    let title = spec.api.info.title.clone();

    let tag_traits = tags.iter().map(tag_trait);
    let trait_idents: Vec<&Ident> = tags.iter().map(|t| &t.trait_ident).collect();
    let response_enums = ops.iter().map(|op| responses::response_enum(op));
    let query_structs = ops.iter().filter_map(|op| responses::query_struct(op));
    let handlers = tags
        .iter()
        .flat_map(|t| t.ops.iter().map(|op| handlers::handler(op, &t.trait_ident)));
    let handler_names: Vec<&Ident> = ops.iter().map(|op| &op.ident).collect();
    let routes = handlers::route_table(&ops);
    let since_rows = ops.iter().filter_map(|op| {
        let since = op.since.as_ref()?;
        let method = op.method.to_uppercase();
        let path = op.route_path();
        Some(quote!((#method, #path, #since),))
    });
    let sample_arms = ops.iter().flat_map(|op| responses::sample_arms(op));
    let api_doc = format!(
        "The {title}: what every tag's trait shares. Implement it and each tag's trait, and \
         serve them with [`router`]."
    );
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
    let secured = ops.iter().any(|op| op.secured());
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

        #[doc = #api_doc]
        ///
        /// Each operation's method gets the request's context, the authenticated caller where
        /// the operation is secured, and its typed inputs, and answers one of the operation's
        /// documented responses or a [`Failure`]. The generated handlers run, in this order:
        /// authentication (401), the role rule (403), then input parsing (400/413, answered by
        /// [`Api::reject`]), then the method.
        pub trait Api: Send + Sync + 'static {
            #auth_items

            /// The answer to a request whose inputs do not parse (bad JSON, a missing or
            /// mistyped parameter, an oversized body), in the API's own error shape.
            fn reject(&self, ctx: &RequestContext, rejection: Rejection) -> Failure;
        }

        #(#tag_traits)*

        /// Every tag's trait: what [`router`] serves. Implemented for any type that implements
        /// them all.
        pub trait Operations: Api #(+ #trait_idents)* {}

        impl<T: Api #(+ #trait_idents)*> Operations for T {}

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

        /// Each operation's first release (`x-since`), for those that name one: (method, the
        /// path as the router matches it under `base`, release).
        pub const SINCE: &[(&str, &str, &str)] = &[#(#since_rows)*];

        /// The routes of this API under `base` (its mount point: `""` for paths as the spec
        /// writes them), served by `api`. Mounted by merging rather than nesting, so that a
        /// request is routed once, with no prefix to strip.
        pub fn router<A: Operations>(api: Arc<A>, base: &str) -> Router {
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
fn error_type(ops: &[&Op]) -> Result<TokenStream> {
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

/// One tag's trait: its operations' methods, under the parent `Api`.
fn tag_trait(tag: &Tag) -> TokenStream {
    let ident = &tag.trait_ident;
    let doc = format!(
        "{}{}\n\nThe operations tagged `{}`.",
        tag.name,
        tag.description
            .as_deref()
            .map(|d| format!(": {}", d.trim()))
            .unwrap_or_default(),
        tag.name
    );
    let methods = tag.ops.iter().map(handlers::trait_method);
    quote! {
        #[doc = #doc]
        pub trait #ident: Api {
            #(#methods)*
        }
    }
}
