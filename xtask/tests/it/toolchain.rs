//! The Rust version in three places agrees: the workspace's `rust-version`, the Dockerfile's
//! builder image, and the newest `rust-version` any locked crate asks for (read from the crates
//! cargo has downloaded; a crate not downloaded here is not built here either).

use std::path::PathBuf;

use xtask::spec::workspace_root;

/// `1.89` and `1.89.0` alike: three numbers.
fn version(text: &str) -> Vec<u32> {
    let mut v: Vec<u32> = text.split('.').map(|n| n.parse().unwrap_or(0)).collect();
    v.resize(3, 0);
    v
}

fn cargo_home() -> PathBuf {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(std::env::var("HOME").unwrap()).join(".cargo"))
}

#[test]
fn rust_version_dockerfile_and_locked_crates_agree() {
    let root = workspace_root();
    let manifest: toml::Value =
        toml::from_str(&std::fs::read_to_string(root.join("Cargo.toml")).unwrap()).unwrap();
    let declared = manifest["workspace"]["package"]["rust-version"]
        .as_str()
        .unwrap()
        .to_string();
    let dockerfile = std::fs::read_to_string(root.join("Dockerfile")).unwrap();
    let builder = dockerfile
        .lines()
        .find_map(|l| l.strip_prefix("FROM rust:"))
        .and_then(|l| l.split('-').next())
        .expect("a FROM rust:<version>-... builder stage");
    assert_eq!(
        builder, declared,
        "the Dockerfile's builder and rust-version differ"
    );

    let lock: toml::Value =
        toml::from_str(&std::fs::read_to_string(root.join("Cargo.lock")).unwrap()).unwrap();
    let registries: Vec<PathBuf> = std::fs::read_dir(cargo_home().join("registry/src"))
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    let mut newest: Option<(Vec<u32>, String)> = None;
    let mut read = 0;
    for package in lock["package"].as_array().unwrap() {
        let (Some(name), Some(ver)) = (package["name"].as_str(), package["version"].as_str())
        else {
            continue;
        };
        let Some(text) = registries
            .iter()
            .find_map(|r| std::fs::read_to_string(r.join(format!("{name}-{ver}/Cargo.toml"))).ok())
        else {
            continue;
        };
        read += 1;
        let wanted = text
            .lines()
            .find_map(|l| l.strip_prefix("rust-version = \""))
            .map(|v| v.trim_end_matches('"').to_string());
        if let Some(wanted) = wanted {
            if newest.as_ref().is_none_or(|(v, _)| version(&wanted) > *v) {
                newest = Some((version(&wanted), format!("{name} {ver} needs {wanted}")));
            }
        }
    }
    assert!(read > 100, "read only {read} locked crates' manifests");
    let (needed, which) = newest.expect("some crate declares a rust-version");
    assert!(
        version(&declared) >= needed,
        "rust-version {declared} is older than a locked crate needs: {which}"
    );
}
