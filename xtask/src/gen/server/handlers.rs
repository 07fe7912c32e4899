//! Per operation: its trait method, and its axum handler (annotated for utoipa) that runs
//! authentication, the role rule and input parsing before calling the method; and the route
//! table that mounts the handlers.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use crate::gen::model::{doc_text, Location, Op};

pub fn trait_method(op: &Op) -> TokenStream {
    let ident = &op.ident;
    let resp = op.response_ident();
    let doc = doc_text(&op.summary, op.description.as_deref());
    let path_args = op.path_params().map(|p| {
        let id = &p.ident;
        let ty = &p.ty;
        quote!(#id: #ty,)
    });
    let query_arg = op.has_query().then(|| {
        let q = op.query_ident();
        quote!(query: queries::#q,)
    });
    let body_arg = op.body_type().map(|ty| quote!(body: #ty,));
    let caller_arg = (!op.security.is_empty()).then(|| quote!(caller: Self::Principal,));
    quote! {
        #[doc = #doc]
        fn #ident(&self, ctx: RequestContext, #caller_arg #(#path_args)* #query_arg #body_arg)
            -> impl Future<Output = Result<#resp, Failure>> + Send;
    }
}

/// The handler of `op`, generic over any implementation of its tag's trait (`bound`).
pub fn handler(op: &Op, bound: &Ident) -> TokenStream {
    let ident = &op.ident;
    let method = format_ident!("{}", op.method);
    let path = &op.path;
    let operation_id = &op.operation_id;
    let tag = op.tag.as_ref().map(|t| quote!(tag = #t,));
    let summary = &op.summary;
    let description = op.description.as_deref().unwrap_or("").trim().to_string();
    let resp_ident = op.response_ident();

    let params_doc = op.params.iter().map(|p| {
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
    let body_doc = op.body.as_ref().map(|b| match &b.form {
        Some((ty, _)) => {
            quote!(request_body(content = #ty, content_type = "multipart/form-data"),)
        }
        None => {
            let ty = &b.ty;
            let ct = if b.urlencoded {
                "application/x-www-form-urlencoded"
            } else {
                "application/json"
            };
            quote!(request_body(content = #ty, content_type = #ct),)
        }
    });
    let responses_doc = op.responses.iter().map(|r| {
        let status = Literal::u16_unsuffixed(r.status);
        let desc = r.description.trim();
        let headers = match (&r.header, r.retry_after) {
            (Some(h), _) => Some(quote!(, headers((#h = String)))),
            (None, true) => Some(quote!(, headers(("Retry-After" = i64, description = "Seconds to wait before retrying.")))),
            (None, false) => None,
        };
        match &r.body {
            Some(b) => {
                let ct = &b.content_type;
                // utoipa documents `Vec<u8>` as a number array; the spec says a binary string.
                let ty = if b.ty.to_string().replace(' ', "") == "Vec<u8>" {
                    quote!(inline(crate::stub::BinaryBody))
                } else {
                    b.ty.clone()
                };
                quote!((status = #status, description = #desc, body = #ty, content_type = #ct #headers),)
            }
            None => quote!((status = #status, description = #desc #headers),),
        }
    });

    // Inputs are extracted leniently and parsed here, after authentication and the role
    // rule, so that every failure is answered in the API's own error shape (by
    // `Api::reject`) and an unauthenticated caller learns nothing about its input.
    let reject = quote!(return answer::<#resp_ident>(Err(api.reject(&ctx, r))));
    let auth = (!op.security.is_empty()).then(|| {
        let schemes = &op.security;
        let role_check = op.role.as_ref().map(|role| {
            quote! {
                if let Err(f) = api.authorize(&ctx, &caller, #role) {
                    return answer::<#resp_ident>(Err(f));
                }
            }
        });
        let role = match &op.role {
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
    let path_extract = op.path_params().next().map(|_| {
        quote!(path: Result<axum::extract::Path<std::collections::HashMap<String, String>>, axum::extract::rejection::PathRejection>,)
    });
    let path_parse = op.path_params().map(|p| {
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
    let query_parse = op.has_query().then(|| {
        let q = op.query_ident();
        quote! {
            let query: queries::#q = match crate::stub::query(&ctx) {
                Ok(v) => v,
                Err(r) => #reject,
            };
        }
    });
    let body_extract = op.body.as_ref().map(
        |_| quote!(body: Result<axum::body::Bytes, axum::extract::rejection::BytesRejection>,),
    );
    let body_parse = op.body.as_ref().map(|b| {
        let ty = &b.ty;
        let nullable = &b.nullable;
        if let Some((_, parts)) = &b.form {
            quote! {
                let body: #ty = match crate::stub::form_body(&ctx, body, &[#(#parts),*]).await {
                    Ok(v) => v,
                    Err(r) => #reject,
                };
            }
        } else if b.urlencoded {
            if b.required {
                quote! {
                    let body: #ty = match crate::stub::urlencoded_body(&ctx, body, true) {
                        Ok(Some(v)) => v,
                        Ok(None) => { let r = crate::stub::Rejection::MissingBody; #reject }
                        Err(r) => #reject,
                    };
                }
            } else {
                quote! {
                    let body: Option<#ty> = match crate::stub::urlencoded_body(&ctx, body, false) {
                        Ok(v) => v,
                        Err(r) => #reject,
                    };
                }
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
    let call_args = (!op.security.is_empty())
        .then(|| quote!(caller,))
        .into_iter()
        .chain(op.path_params().map(|p| {
            let id = &p.ident;
            quote!(#id,)
        }))
        .chain(op.has_query().then(|| quote!(query,)))
        .chain(op.body.as_ref().map(|_| quote!(body,)));

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
        pub async fn #ident<A: #bound>(
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

/// Routes grouped by path, so that one path with several methods becomes one `route` call.
pub fn route_table(ops: &[&Op]) -> Vec<TokenStream> {
    let mut paths: Vec<String> = Vec::new();
    for op in ops.iter() {
        if !paths.contains(&op.route_path()) {
            paths.push(op.route_path());
        }
    }
    paths
        .into_iter()
        .map(|path| {
            let methods = ops.iter().filter(|op| op.route_path() == path).map(|op| {
                let method = format_ident!("{}", op.method);
                let ident = &op.ident;
                quote!(.#method(handlers::#ident::<A>))
            });
            quote!(.route(&format!("{base}{}", #path), MethodRouter::new() #(#methods)*))
        })
        .collect()
}
