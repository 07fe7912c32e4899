//! `cargo xtask docs [--out DIR]`: a static, offline site from the specs. Redoc (from the npm
//! package pinned in package-lock.json) renders each API; the specs are embedded in their pages,
//! so the site works from any plain file server, or straight from disk, with no network.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

use crate::spec::{self, SpecFile};

const REDOC_LOGO: &str = "https://cdn.redoc.ly/redoc/logo-mini.svg";

/// A plain document mark, standing in for the renderer's remote logo.
const LOGO: &str =
    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"16\" height=\"16\" viewBox=\"0 0 16 16\">\
<rect x=\"2\" y=\"1\" width=\"12\" height=\"14\" rx=\"2\" fill=\"#627d98\"/>\
<path d=\"M5 5h6M5 8h6M5 11h4\" stroke=\"#fff\" stroke-width=\"1.5\"/></svg>\n";

const STYLE: &str = "\
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;margin:0;color:#1f2933}
main{max-width:60rem;margin:0 auto;padding:2rem}
h1{font-size:1.8rem}
a{color:#0b5cad}
table{border-collapse:collapse;font-size:.9rem}
td,th{border:1px solid #cbd2d9;padding:.4rem .6rem;vertical-align:top;text-align:left}
th{background:#f0f4f8}
code{background:#f0f4f8;padding:0 .2rem;border-radius:3px}
nav{background:#102a43;padding:.6rem 2rem}
nav a{color:#fff;margin-right:1.2rem;text-decoration:none}
ul.apis li{margin:.8rem 0}
.muted{color:#627d98;font-size:.9rem}
";

pub fn run(out: Option<PathBuf>) -> Result<()> {
    let root = spec::workspace_root();
    let out = out.unwrap_or_else(|| root.join("target/api-docs"));
    let started = std::time::Instant::now();
    build(&root, &out)?;
    println!(
        "built the API docs in {} ({} ms); open {}/index.html",
        out.display(),
        started.elapsed().as_millis(),
        out.display()
    );
    Ok(())
}

pub fn build(root: &Path, out: &Path) -> Result<()> {
    let redoc = root.join("node_modules/redoc/bundles/redoc.standalone.js");
    if !redoc.exists() {
        bail!(
            "{} is missing: run `npm ci` first (the renderer comes from the pinned npm package)",
            redoc.display()
        );
    }
    let specs = spec::load_all()?;
    std::fs::create_dir_all(out.join("assets"))?;
    // The bundle's one external reference is the sidebar's "API docs by Redocly" logo; point it
    // at a local file so that the site never reaches the network.
    let bundle = std::fs::read_to_string(&redoc)?;
    if !bundle.contains(REDOC_LOGO) {
        bail!("{}: the logo URL this build rewrites is gone; check the new Redoc version for external references", redoc.display());
    }
    std::fs::write(
        out.join("assets/redoc.standalone.js"),
        bundle.replace(REDOC_LOGO, "assets/logo-mini.svg"),
    )?;
    std::fs::write(out.join("assets/logo-mini.svg"), LOGO)?;
    let license = root.join("node_modules/redoc/bundles/redoc.standalone.js.LICENSE.txt");
    if license.exists() {
        std::fs::copy(&license, out.join("assets/redoc.standalone.js.LICENSE.txt"))?;
    }
    std::fs::write(out.join("assets/site.css"), STYLE)?;

    for spec in &specs {
        let yaml = std::fs::read_to_string(&spec.path)?;
        // serde_yaml's Value keeps the document's order (serde_json's would sort the keys, and
        // Redoc would then list operations alphabetically instead of as written).
        let value: serde_yaml::Value =
            serde_yaml::from_str(&yaml).with_context(|| format!("{}", spec.path.display()))?;
        let json = serde_json::to_string_pretty(&value)?;
        std::fs::write(out.join(format!("{}.yaml", spec.name)), &yaml)?;
        std::fs::write(out.join(format!("{}.json", spec.name)), &json)?;
        std::fs::write(
            out.join(format!("{}.html", spec.name)),
            api_page(spec, &value)?,
        )?;
    }
    let errata = std::fs::read_to_string(root.join("openapi/ERRATA.md"))?;
    std::fs::write(out.join("errata.html"), errata_page(&errata))?;
    std::fs::write(out.join("index.html"), index_page(&specs))?;
    Ok(())
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The first sentence of a spec's description.
fn one_line(spec: &SpecFile) -> String {
    let d = spec.api.info.description.clone().unwrap_or_default();
    let first = d.split("\n\n").next().unwrap_or("").replace('\n', " ");
    let sentence = first
        .split_inclusive(". ")
        .next()
        .unwrap_or(&first)
        .trim()
        .to_string();
    sentence.replace('`', "")
}

fn nav(specs_links: &str) -> String {
    format!("<nav><a href=\"index.html\">API docs</a>{specs_links}<a href=\"errata.html\">Errata</a></nav>")
}

fn index_page(specs: &[SpecFile]) -> String {
    let mut items = String::new();
    for s in specs {
        items.push_str(&format!(
            "<li><a href=\"{n}.html\"><strong>{t}</strong></a> <span class=\"muted\">v{v}</span><br>{d}<br>\
             <span class=\"muted\">download: <a href=\"{n}.yaml\">{n}.yaml</a> · <a href=\"{n}.json\">{n}.json</a></span></li>\n",
            n = s.name,
            t = escape(&s.api.info.title),
            v = escape(&s.api.info.version),
            d = escape(&one_line(s)),
        ));
    }
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Appliance API docs</title>\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><link rel=\"icon\" href=\"data:,\">\
         <link rel=\"stylesheet\" href=\"assets/site.css\"></head><body>{}<main>\
         <h1>Appliance API docs</h1>\
         <p>Contracts for Dell OMIVV, VMware Aria Operations for Networks and VMware Identity Manager, \
         hand-written from the vendors' guides, and for the appliance-sandbox control API. \
         Where the guides contradict themselves, <a href=\"errata.html\">the errata</a> say what the specs do.</p>\
         <ul class=\"apis\">\n{items}</ul></main></body></html>\n",
        nav("")
    )
}

fn api_page(spec: &SpecFile, value: &serde_yaml::Value) -> Result<String> {
    // Inline JSON inside <script> must not close the element early.
    let embedded = serde_json::to_string(value)?.replace("</", "<\\/");
    Ok(format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title>\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><link rel=\"icon\" href=\"data:,\">\
         <link rel=\"stylesheet\" href=\"assets/site.css\"></head><body>{nav}\
         <div id=\"redoc\"></div>\
         <script src=\"assets/redoc.standalone.js\"></script>\
         <script>Redoc.init({embedded}, {{\"hideDownloadButton\": false, \"showExtensions\": [\"x-required-role\", \"x-since\"], \"expandResponses\": \"200,201\", \"pathInMiddlePanel\": true}}, document.getElementById(\"redoc\"));</script>\
         </body></html>\n",
        title = escape(&spec.api.info.title),
        nav = nav(""),
    ))
}

fn errata_page(markdown: &str) -> String {
    let mut html = String::new();
    let parser = pulldown_cmark::Parser::new_ext(markdown, pulldown_cmark::Options::ENABLE_TABLES);
    pulldown_cmark::html::push_html(&mut html, parser);
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Errata</title>\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><link rel=\"icon\" href=\"data:,\">\
         <link rel=\"stylesheet\" href=\"assets/site.css\"></head><body>{}<main>{html}</main></body></html>\n",
        nav("")
    )
}
