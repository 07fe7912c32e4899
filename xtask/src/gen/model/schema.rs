//! Schemas, parameters, bodies and responses: `$ref`s followed and turned into the Rust types
//! of the client's `types` module.

use anyhow::{anyhow, bail, Result};
use openapiv3::{
    MediaType, Parameter, ParameterSchemaOrContent, ReferenceOr, RequestBody, Response, Schema,
    SchemaKind, Type,
};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::names::{rust_ident, type_name, variant_name};
use super::{Body, Location, Param, Resp, RespBody};
use crate::spec::SpecFile;

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

pub(super) fn resolve_param<'a>(
    spec: &'a SpecFile,
    p: &'a ReferenceOr<Parameter>,
) -> Result<&'a Parameter> {
    resolve(p, "parameters", |c| &c.parameters, spec)
}

pub(super) fn resolve_body<'a>(
    spec: &'a SpecFile,
    b: &'a ReferenceOr<RequestBody>,
) -> Result<&'a RequestBody> {
    resolve(b, "requestBodies", |c| &c.request_bodies, spec)
}

pub(super) fn resolve_response<'a>(
    spec: &'a SpecFile,
    r: &'a ReferenceOr<Response>,
) -> Result<&'a Response> {
    resolve(r, "responses", |c| &c.responses, spec)
}

pub(super) fn param(spec: &SpecFile, p: &Parameter) -> Result<Param> {
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

pub(super) fn body(spec: &SpecFile, b: &RequestBody) -> Result<Body> {
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
            urlencoded: false,
        });
    }
    if content_type == "application/x-www-form-urlencoded" {
        return Ok(Body {
            ty: rust_type(spec, schema).map_err(|e| anyhow!("request body: {e}"))?,
            required: b.required,
            nullable: Vec::new(),
            form: None,
            urlencoded: true,
        });
    }
    if content_type != "application/json" {
        bail!("request body {content_type}: only application/json, multipart/form-data and application/x-www-form-urlencoded are supported");
    }
    let mut nullable = Vec::new();
    nullable_fields(spec, schema, "", 0, &mut nullable);
    Ok(Body {
        ty: rust_type(spec, schema).map_err(|e| anyhow!("request body: {e}"))?,
        required: b.required,
        nullable,
        form: None,
        urlencoded: false,
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

pub(super) fn response(spec: &SpecFile, status: u16, r: &Response) -> Result<Resp> {
    let body = if r.content.is_empty() {
        None
    } else {
        let (content_type, media) = single_media(&r.content)?;
        let schema = media
            .schema
            .as_ref()
            .ok_or_else(|| anyhow!("response {status} without a schema"))?;
        let ty = rust_type(spec, schema).map_err(|e| anyhow!("response {status}: {e}"))?;
        let binary = ty.to_string().replace(' ', "") == "Vec<u8>";
        if content_type != "application/json" && ty.to_string() != "String" && !binary {
            bail!("response {status}: {content_type} bodies must be strings or binary");
        }
        Some(RespBody {
            ty,
            content_type: content_type.to_string(),
        })
    };
    let mut others = r.headers.keys().filter(|h| *h != "Retry-After");
    let header = others.next().cloned();
    if others.next().is_some() {
        bail!("response {status}: at most one header besides Retry-After is supported");
    }
    if header.is_some() && !(200..300).contains(&status) {
        bail!("response {status}: only a success may set a header");
    }
    if header.is_some()
        && body
            .as_ref()
            .is_some_and(|b| b.content_type != "application/json")
    {
        bail!("response {status}: a header goes with a JSON body or none");
    }
    Ok(Resp {
        status,
        variant: variant_name(status)?,
        description: r.description.clone(),
        body,
        retry_after: r.headers.contains_key("Retry-After"),
        header,
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
            SchemaKind::Type(Type::String(s))
                if s.format
                    == openapiv3::VariantOrUnknownOrEmpty::Item(
                        openapiv3::StringFormat::Binary,
                    ) =>
            {
                Ok(quote!(Vec<u8>))
            }
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
