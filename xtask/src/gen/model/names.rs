//! Rust names for spec names: types, identifiers, status variants and tag traits.

use anyhow::{anyhow, Result};
use proc_macro2::Ident;
use quote::format_ident;

/// Each word capitalised and the rest lowered, joined (`vIDM settings` is `VidmSettings`, `Not
/// Found` is `NotFound`): tag traits and status variants.
pub(super) fn pascal_words(tag: &str) -> String {
    tag.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut cs = w.chars();
            let first = cs.next().unwrap().to_ascii_uppercase();
            std::iter::once(first)
                .chain(cs.map(|c| c.to_ascii_lowercase()))
                .collect::<String>()
        })
        .collect()
}

/// typify's name for a component schema: heck's PascalCase of it, as typify makes it
/// (`VCFWatermarkConfiguration` is `VcfWatermarkConfiguration`).
pub fn type_name(name: &str) -> String {
    use heck::ToPascalCase;
    name.to_pascal_case()
}

pub(super) fn rust_ident(name: &str) -> Ident {
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

pub(super) fn variant_name(status: u16) -> Result<Ident> {
    let reason = axum_status_reason(status)
        .ok_or_else(|| anyhow!("status {status} has no standard reason phrase"))?;
    let name = pascal_words(reason);
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

/// A method's doc comment: the summary, a blank line, the description.
pub fn doc_text(summary: &str, description: Option<&str>) -> String {
    match description {
        Some(d) if !d.trim().is_empty() => format!("{summary}\n\n{}", d.trim()),
        _ => summary.to_string(),
    }
}
