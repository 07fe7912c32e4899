//! Typed clients, through progenitor's library API.

use anyhow::{anyhow, Result};
use progenitor::{GenerationSettings, Generator, HooksMode, InterfaceStyle, TagStyle};
use quote::quote;

use crate::spec::SpecFile;

pub fn generate(spec: &SpecFile) -> Result<String> {
    let mut settings = GenerationSettings::new();
    settings
        .with_interface(InterfaceStyle::Builder)
        .with_tag(TagStyle::Merged)
        // client/src/error_bodies.rs implements them (error answers without a usable body).
        .with_hooks(HooksMode::Expected)
        // The server stubs reuse these types, and utoipa documents them from this derive.
        .with_derive("utoipa::ToSchema");
    let mut generator = Generator::new(&settings);
    let tokens = generator
        .generate_tokens(&without_form_uploads(&spec.api))
        .map_err(|e| {
            anyhow!(
                "{}: progenitor cannot generate a client: {e}",
                spec.path.display()
            )
        })?;
    // The types stand alone; everything else (the reqwest client and its builders) is behind the
    // `http` feature, so that the sandbox links the types without an HTTP client.
    let mut file: syn::File = syn::parse2(tokens).map_err(|e| {
        anyhow!(
            "{}: progenitor output does not parse: {e}",
            spec.path.display()
        )
    })?;
    syn::visit_mut::VisitMut::visit_file_mut(&mut RequiredNullable, &mut file);
    file.attrs = vec![syn::parse_quote!(
        #![allow(clippy::all, clippy::pedantic, unused_imports, dead_code, missing_docs, rustdoc::all)]
    )];
    for item in &mut file.items {
        if matches!(&item, syn::Item::Mod(m) if m.ident == "types") {
            continue;
        }
        let attrs = attrs_mut(item).ok_or_else(|| {
            anyhow!(
                "{}: progenitor emitted an item without attributes",
                spec.path.display()
            )
        })?;
        attrs.insert(0, syn::parse_quote!(#[cfg(feature = "http")]));
    }
    // Edited as syntax rather than requoted, so the file is parsed once.
    Ok(super::render_file(spec, &file))
}

/// An item's attributes (every kind progenitor emits has them).
fn attrs_mut(item: &mut syn::Item) -> Option<&mut Vec<syn::Attribute>> {
    use syn::Item;
    Some(match item {
        Item::Const(i) => &mut i.attrs,
        Item::Enum(i) => &mut i.attrs,
        Item::ExternCrate(i) => &mut i.attrs,
        Item::Fn(i) => &mut i.attrs,
        Item::ForeignMod(i) => &mut i.attrs,
        Item::Impl(i) => &mut i.attrs,
        Item::Macro(i) => &mut i.attrs,
        Item::Mod(i) => &mut i.attrs,
        Item::Static(i) => &mut i.attrs,
        Item::Struct(i) => &mut i.attrs,
        Item::Trait(i) => &mut i.attrs,
        Item::TraitAlias(i) => &mut i.attrs,
        Item::Type(i) => &mut i.attrs,
        Item::Union(i) => &mut i.attrs,
        Item::Use(i) => &mut i.attrs,
        _ => return None,
    })
}

/// A property that is both required and nullable is an `Option` that progenitor reads with
/// `deserialize_with = Option::deserialize` (present, maybe null) and always writes; utoipa would
/// document every `Option` as optional, so such fields are marked required for it.
struct RequiredNullable;

impl syn::visit_mut::VisitMut for RequiredNullable {
    fn visit_field_mut(&mut self, field: &mut syn::Field) {
        let required = field.attrs.iter().any(|a| {
            a.path().is_ident("serde")
                && quote!(#a)
                    .to_string()
                    .contains("deserialize_with = \"::std::option::Option::deserialize\"")
        });
        if required {
            field
                .attrs
                .push(syn::parse_quote!(#[schema(required = true)]));
        }
        syn::visit_mut::visit_field_mut(self, field);
    }
}

/// The spec without its `multipart/form-data` operations, which progenitor cannot generate: the
/// client's sessions send those by hand (`aria_networks::Session::upload_generic_switch_data`).
/// Their schemas stay, so that the types module is the same.
fn without_form_uploads(api: &openapiv3::OpenAPI) -> openapiv3::OpenAPI {
    let mut api = api.clone();
    for item in api.paths.paths.values_mut() {
        let openapiv3::ReferenceOr::Item(item) = item else {
            continue;
        };
        for op in [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.patch,
        ] {
            let is_form = op.as_ref().is_some_and(|op| {
                matches!(&op.request_body, Some(openapiv3::ReferenceOr::Item(b))
                    if b.content.contains_key("multipart/form-data"))
            });
            if is_form {
                *op = None;
            }
        }
    }
    api
}
