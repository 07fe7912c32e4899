//! Per operation: its response enum (one variant per documented status), its query struct, and
//! its arms of `sample_roundtrip`.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::gen::model::{Location, Op, RespBody};

pub fn sample_arms(op: &Op) -> Vec<TokenStream> {
    let id = &op.operation_id;
    let mut arms = Vec::new();
    if let Some(b) = op.body.as_ref().filter(|b| b.form.is_none()) {
        let ty = &b.ty;
        let nullable = &b.nullable;
        arms.push(quote!((#id, "request") => Some(request::<#ty>(json, &[#(#nullable),*])),));
    }
    let success = op.responses.iter().find(|r| (200..300).contains(&r.status));
    if let Some(RespBody { ty, content_type }) = success.and_then(|r| r.body.as_ref()) {
        if content_type == "application/json" {
            arms.push(quote!((#id, "response") => Some(response::<#ty>(json)),));
        }
    }
    arms
}

pub fn response_enum(op: &Op) -> TokenStream {
    let ident = op.response_ident();
    let doc = format!("The documented responses of `{}`.", op.operation_id);
    let variants = op.responses.iter().map(|r| {
        let v = &r.variant;
        let doc = format!("{}: {}", r.status, r.description.trim());
        match (&r.body, &r.header) {
            (Some(b), Some(h)) => {
                let ty = &b.ty;
                let doc = format!("{doc} (the second field is its `{h}` header)");
                quote!(#[doc = #doc] #v(#ty, String),)
            }
            (Some(b), None) => {
                let ty = &b.ty;
                quote!(#[doc = #doc] #v(#ty),)
            }
            (None, Some(h)) => {
                let doc = format!("{doc} (the field is its `{h}` header)");
                quote!(#[doc = #doc] #v(String),)
            }
            (None, None) => quote!(#[doc = #doc] #v,),
        }
    });
    let arms = op.responses.iter().map(|r| {
        let v = &r.variant;
        let status = Literal::u16_unsuffixed(r.status);
        let status = quote!(axum::http::StatusCode::from_u16(#status).expect("documented status"));
        match (&r.body, &r.header) {
            (Some(b), Some(h)) if b.content_type == "application/json" => {
                quote!(Self::#v(body, value) => (#status, [(#h, value)], axum::Json(body)).into_response(),)
            }
            (None, Some(h)) => quote!(Self::#v(value) => (#status, [(#h, value)]).into_response(),),
            (_, Some(_)) => unreachable!("a header with a non-JSON body is refused when reading the spec"),
            (Some(b), None) if b.content_type == "application/json" => {
                quote!(Self::#v(body) => (#status, axum::Json(body)).into_response(),)
            }
            (Some(b), None) => {
                let ct = &b.content_type;
                quote!(Self::#v(body) => (#status, [(axum::http::header::CONTENT_TYPE, #ct)], body).into_response(),)
            }
            (None, None) => quote!(Self::#v => #status.into_response(),),
        }
    });
    let status_arms = op.responses.iter().map(|r| {
        let v = &r.variant;
        let status = Literal::u16_unsuffixed(r.status);
        match (&r.body, &r.header) {
            (None, None) => quote!(Self::#v => #status,),
            (Some(_), None) | (None, Some(_)) => quote!(Self::#v(_) => #status,),
            (Some(_), Some(_)) => quote!(Self::#v(..) => #status,),
        }
    });
    let failure_arms = op.responses.iter().filter(|r| r.status >= 400).map(|r| {
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

pub fn query_struct(op: &Op) -> Option<TokenStream> {
    if !op.has_query() {
        return None;
    }
    let ident = op.query_ident();
    let doc = format!("The query string of `{}`.", op.operation_id);
    let fields = op
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
