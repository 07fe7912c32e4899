//! Typed clients, through progenitor's library API.

use anyhow::{anyhow, Result};
use progenitor::{GenerationSettings, Generator, InterfaceStyle, TagStyle};
use quote::quote;

use crate::spec::SpecFile;

pub fn generate(spec: &SpecFile) -> Result<String> {
    let mut settings = GenerationSettings::new();
    settings
        .with_interface(InterfaceStyle::Builder)
        .with_tag(TagStyle::Merged)
        // The server stubs reuse these types, and utoipa documents them from this derive.
        .with_derive("utoipa::ToSchema");
    let mut generator = Generator::new(&settings);
    let tokens = generator.generate_tokens(&spec.api).map_err(|e| {
        anyhow!(
            "{}: progenitor cannot generate a client: {e}",
            spec.path.display()
        )
    })?;
    let tokens = quote! {
        #![allow(clippy::all, clippy::pedantic, unused_imports, dead_code, missing_docs, rustdoc::all)]
        #tokens
    };
    super::render(spec, tokens)
}
