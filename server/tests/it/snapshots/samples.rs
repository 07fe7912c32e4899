//! Every sample of the vendors' guides through the generated types, and no snapshot without its sample.

use super::*;

/// Every sample, through the generated types (shared by the client and the server stubs) and
/// back: request samples through the body reader every generated handler uses
/// (`stub::parse_json`), response samples through serde. A field the types drop, rename or
/// retype shows up as a snapshot difference.
#[test]
fn samples_round_trip_through_the_generated_types() {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(root().join("snapshots/samples"));
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        insta::glob!("../../../../openapi/samples", "**/*.json", |path| {
            let (api, op, kind) = sample_parts(path);
            let bytes = std::fs::read(path).unwrap();
            let tripped = roundtrip(&api, &op, &kind, &bytes)
                .unwrap_or_else(|| panic!("{api}/{op} has no JSON {kind} body"))
                .unwrap_or_else(|e| panic!("{}: does not parse as its type: {e}", path.display()));
            // The handlers' reader accepted the request sample; it must also keep every field.
            if kind == "request" {
                let original: Value = serde_json::from_slice(&bytes).unwrap();
                assert_eq!(
                    serde_json::to_value(&tripped)
                        .unwrap()
                        .as_object()
                        .map(|o| o.len()),
                    original.as_object().map(|o| o.len()),
                    "{}: the request type keeps every documented field",
                    path.display()
                );
            }
            insta::assert_json_snapshot!(tripped);
        });
    });
}

/// Snapshot files that no test writes any more are rejected (insta would leave them behind).
#[test]
fn no_unreferenced_snapshots() {
    let mut expected = BTreeSet::new();
    for api in std::fs::read_dir(root().join("openapi/samples")).unwrap() {
        let api = api.unwrap().path();
        for f in std::fs::read_dir(&api).unwrap() {
            let f = f.unwrap().path();
            let rel = f
                .strip_prefix(root().join("openapi/samples"))
                .unwrap()
                .display()
                .to_string()
                .replace('/', "__");
            expected.insert(format!(
                "samples/samples_round_trip_through_the_generated_types@{rel}.snap"
            ));
        }
    }
    for step in REPLAY_STEPS {
        expected.insert(format!("replay/{step}.snap"));
    }
    // aria_search.rs: one entity of each type the inventory serves.
    for (segment, _) in crate::aria_search::ENTITY_TYPES {
        expected.insert(format!("inventory/aria_entity_{segment}.snap"));
    }
    let mut found = BTreeSet::new();
    for dir in ["samples", "replay", "inventory"] {
        let Ok(entries) = std::fs::read_dir(root().join("snapshots").join(dir)) else {
            continue;
        };
        for e in entries {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            found.insert(format!("{dir}/{name}"));
        }
    }
    let stale: Vec<_> = found.difference(&expected).collect();
    assert!(
        stale.is_empty(),
        "unreferenced snapshot files (delete them): {stale:?}"
    );
}
