//! Finding and loading the hand-authored specs in `openapi/`.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// One `openapi/<name>.yaml` file.
pub struct SpecFile {
    /// File stem, e.g. `aria-networks`.
    pub name: String,
    /// Rust module name, e.g. `aria_networks`.
    pub module: String,
    pub path: PathBuf,
    pub api: openapiv3::OpenAPI,
}

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one level below the workspace root")
        .to_path_buf()
}

/// Every spec, sorted by file name so that output order never depends on the file system.
pub fn load_all() -> Result<Vec<SpecFile>> {
    let dir = workspace_root().join("openapi");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    paths.sort();
    paths.iter().map(|p| load(p)).collect()
}

pub fn load(path: &Path) -> Result<SpecFile> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let api: openapiv3::OpenAPI =
        serde_yaml::from_str(&text).with_context(|| format!("parsing {}", path.display()))?;
    let name = path.file_stem().unwrap().to_string_lossy().into_owned();
    Ok(SpecFile {
        module: name.replace('-', "_"),
        name,
        path: path.to_path_buf(),
        api,
    })
}
