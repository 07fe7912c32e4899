//! The README's "Use it from your tests" examples are files that CI runs: the pytest example
//! (`python/tests/test_readme.py`, run from the installed wheel by `cargo xtask package`) and the
//! Rust fixture example (`server/tests/it/readme_fixture.rs`, run by `cargo test`) and the
//! Testcontainers recipe (`python/examples/testcontainers_example.py`, run against the image by
//! `cargo xtask package`), and the proxy example (`examples/proxy.sh`, run by `.ci/run`). Each
//! must appear in the README verbatim.

use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap()
}

#[test]
fn the_readmes_test_examples_are_the_files_ci_runs() {
    let readme = read("README.md");
    for (file, from, fence) in [
        (
            "python/tests/test_readme.py",
            "import requests",
            "```python\n",
        ),
        (
            "python/examples/testcontainers_example.py",
            "import os",
            "```python\n",
        ),
        ("examples/proxy.sh", "set -euo pipefail", "```bash\n"),
        ("examples/import.sh", "set -euo pipefail", "```bash\n"),
        ("examples/saas.sh", "set -euo pipefail", "```bash\n"),
        (
            "server/tests/it/readme_fixture.rs",
            "#[tokio::test]",
            "```rust\n",
        ),
    ] {
        let text = read(file);
        // From the line that is exactly `from`: the same words inside a doc comment do not count.
        let start = text
            .lines()
            .scan(0, |at, line| {
                let here = *at;
                *at += line.len() + 1;
                Some((here, line))
            })
            .find(|(_, line)| *line == from)
            .map(|(at, _)| at)
            .unwrap_or_else(|| panic!("{file} has no line {from:?}"));
        let body = &text[start..];
        assert!(
            readme.contains(&format!("{fence}{body}```")),
            "README.md does not show {file} verbatim (from {from:?})"
        );
    }
}
