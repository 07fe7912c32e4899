//! Where each artifact comes from, and that the pieces name each other correctly: the release
//! workflow builds a wheel per platform and names each platform's binary after it; the action
//! downloads exactly those names; the image is the Dockerfile's; the version comes from the tag,
//! which must equal the crate's.

use xtask::spec::workspace_root;

fn yaml(rel: &str) -> serde_yaml::Value {
    serde_yaml::from_str(&std::fs::read_to_string(workspace_root().join(rel)).unwrap()).unwrap()
}

#[test]
fn the_action_downloads_what_the_release_workflow_attaches() {
    let release = yaml(".github/workflows/release.yml");
    let jobs = &release["jobs"];
    let platforms: Vec<String> = jobs["wheels"]["strategy"]["matrix"]["include"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|p| p["platform"].as_str().unwrap().to_string())
        .collect();
    for needed in [
        "linux-x86_64-manylinux",
        "linux-aarch64-manylinux",
        "linux-x86_64-musllinux",
        "linux-aarch64-musllinux",
        "macos-x86_64",
        "macos-arm64",
        "windows-x64",
    ] {
        assert!(platforms.iter().any(|p| p == needed), "no {needed} wheel");
    }
    // Binaries are named appliance-sandbox-<platform>[.exe] with a SHA256SUMS beside them.
    let attach = jobs["github-release"]["steps"]
        .as_sequence()
        .unwrap()
        .iter()
        .filter_map(|s| s["run"].as_str())
        .collect::<String>();
    assert!(attach.contains("appliance-sandbox-$platform") && attach.contains("SHA256SUMS"));
    // The PyPI job publishes with trusted publishing (an OIDC token), not a stored secret.
    assert_eq!(
        jobs["pypi"]["permissions"]["id-token"].as_str(),
        Some("write")
    );
    assert!(!serde_yaml::to_string(&jobs["pypi"])
        .unwrap()
        .contains("secrets."));
    // The image is built from this repository's Dockerfile with the tag's version as its label.
    let image = serde_yaml::to_string(&jobs["image"]).unwrap();
    assert!(
        image.contains("context: .") && image.contains("VERSION="),
        "{image}"
    );
    assert!(image.contains("linux/amd64,linux/arm64"));

    let action = std::fs::read_to_string(workspace_root().join("action.yml")).unwrap();
    let downloads: Vec<&str> = action
        .lines()
        .filter_map(|l| l.split("asset=appliance-sandbox-").nth(1))
        .map(|rest| rest.split([' ', ';']).next().unwrap())
        .collect();
    assert_eq!(downloads.len(), 5, "{downloads:?}");
    for name in downloads {
        let platform = name.trim_end_matches(".exe");
        assert!(
            platforms.iter().any(|p| p == platform),
            "the action downloads {name}, which no release job attaches"
        );
    }
    assert!(
        action.contains("sha256sum -c"),
        "the action must check the download"
    );
}
