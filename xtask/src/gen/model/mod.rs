//! What the generator knows about a spec: its tags and operations, read once from the
//! `openapiv3` document and checked (every operation tagged, secured operations documenting
//! 401, role rules documenting 403). The emitters (`server`) read only this model.

use anyhow::{anyhow, bail, Result};
use openapiv3::{Operation, Parameter, ReferenceOr, StatusCode};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::spec::SpecFile;

mod names;
mod schema;

pub use names::{doc_text, type_name};
use schema::{body, param, resolve_body, resolve_param, resolve_response, response};

/// One OpenAPI tag: a concept, served by one generated trait.
pub struct Tag {
    pub name: String,
    pub description: Option<String>,
    /// The trait's name, `<Tag>Api` (`vIDM settings` is `VidmSettingsApi`).
    pub trait_ident: Ident,
    pub ops: Vec<Op>,
}

/// The spec's operations grouped by their first tag, in the order `tags:` declares them.
pub fn tags(spec: &SpecFile) -> Result<Vec<Tag>> {
    let mut tags: Vec<Tag> = spec
        .api
        .tags
        .iter()
        .map(|t| Tag {
            name: t.name.clone(),
            description: t.description.clone(),
            trait_ident: format_ident!("{}Api", names::pascal_words(&t.name)),
            ops: Vec::new(),
        })
        .collect();
    for op in operations(spec)? {
        let Some(name) = op.tag.clone() else {
            bail!(
                "{}: operation {:?} has no tag; each tag is one generated trait",
                spec.path.display(),
                op.operation_id
            );
        };
        let Some(tag) = tags.iter_mut().find(|t| t.name == name) else {
            bail!(
                "{}: operation {:?} has tag {name:?}, which the spec's `tags:` does not declare",
                spec.path.display(),
                op.operation_id
            );
        };
        tag.ops.push(op);
    }
    if let Some(empty) = tags.iter().find(|t| t.ops.is_empty()) {
        bail!(
            "{}: tag {:?} has no operation",
            spec.path.display(),
            empty.name
        );
    }
    for (i, t) in tags.iter().enumerate() {
        if tags[..i].iter().any(|u| u.trait_ident == t.trait_ident) {
            bail!(
                "{}: two tags make the trait name {}",
                spec.path.display(),
                t.trait_ident
            );
        }
    }
    Ok(tags)
}

/// What the generator needs to know about one operation.
pub struct Op {
    pub ident: Ident,
    pub operation_id: String,
    pub method: &'static str,
    pub path: String,
    pub tag: Option<String>,
    pub summary: String,
    pub description: Option<String>,
    pub params: Vec<Param>,
    pub body: Option<Body>,
    pub responses: Vec<Resp>,
    /// The security schemes any one of which the operation accepts; empty for anonymous calls.
    pub security: Vec<String>,
    /// The role the caller must hold (`x-required-role`), checked after authentication.
    pub role: Option<String>,
    /// The first release that served the operation (`x-since`).
    pub since: Option<String>,
}

impl Op {
    /// The path as the router matches it: an OData key segment (`Sessions('{Id}')`, which
    /// OpenManage Enterprise's paths use) becomes a segment of its own (`Sessions/{Id}`), since
    /// the router's parameters cannot have a suffix; the sandbox rewrites such request paths the
    /// same way before routing.
    pub fn route_path(&self) -> String {
        self.path.replace("('{", "/{").replace("}')", "}")
    }
}

pub struct Param {
    pub name: String,
    pub ident: Ident,
    pub location: Location,
    pub required: bool,
    pub ty: TokenStream,
    pub description: Option<String>,
}

#[derive(PartialEq, Clone, Copy)]
pub enum Location {
    Path,
    Query,
}

pub struct Body {
    pub ty: TokenStream,
    pub required: bool,
    /// The fields (`a.b`) the schema declares `nullable`, where the handlers accept `null`.
    pub nullable: Vec<String>,
    /// For `multipart/form-data`: the schema's type (for the docs; the handler gets the parts as
    /// `stub::FormData`) and the parts it requires.
    pub form: Option<(TokenStream, Vec<String>)>,
    /// An `application/x-www-form-urlencoded` body, read into `ty` as a query string is.
    pub urlencoded: bool,
}

pub struct Resp {
    pub status: u16,
    pub variant: Ident,
    pub description: String,
    pub body: Option<RespBody>,
    pub retry_after: bool,
    /// A header the response sets besides `Retry-After` (OpenManage Enterprise's session
    /// `X-Auth-Token`): its value is the variant's last field. At most one, on a success.
    pub header: Option<String>,
}

pub struct RespBody {
    pub ty: TokenStream,
    pub content_type: String,
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
    let since = match op.extensions.get("x-since") {
        None => None,
        Some(serde_json::Value::String(v)) => Some(v.clone()),
        Some(other) => bail!("x-since must be a string, not {other}"),
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
        since,
    })
}

impl Op {
    pub fn response_ident(&self) -> Ident {
        format_ident!("{}Response", type_name(&self.operation_id))
    }

    pub fn query_ident(&self) -> Ident {
        format_ident!("{}Query", type_name(&self.operation_id))
    }

    pub fn has_query(&self) -> bool {
        self.params.iter().any(|p| p.location == Location::Query)
    }

    pub fn path_params(&self) -> impl Iterator<Item = &Param> {
        self.params.iter().filter(|p| p.location == Location::Path)
    }

    pub fn body_type(&self) -> Option<TokenStream> {
        self.body.as_ref().map(|b| {
            let ty = &b.ty;
            if b.required {
                quote!(#ty)
            } else {
                quote!(Option<#ty>)
            }
        })
    }

    pub fn secured(&self) -> bool {
        !self.security.is_empty()
    }
}
