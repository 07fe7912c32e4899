//! What a vCenter data source makes visible, and every entity type listed and read.

use super::*;

#[tokio::test]
async fn entities_appear_with_a_vcenter_data_source_and_vanish_with_it() {
    let sb = start().await;
    let admin = sb.admin().await;
    assert!(search_all(&sb, &admin, "VirtualMachine", "")
        .await
        .is_empty());
    let (sb, admin) = {
        drop(sb);
        collecting().await
    };
    let (_, workload) = world();
    let expected = workload.vms.iter().filter(|v| v.place.vcenter == 0).count();
    let vms = search_all(&sb, &admin, "VirtualMachine", "").await;
    assert_eq!(vms.len(), expected);
    let list = sb
        .aria_call(Method::GET, "/data-sources/vcenters", &admin, None)
        .await
        .json();
    let id = list["results"][0]["entity_id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        sb.aria_call(
            Method::DELETE,
            &format!("/data-sources/vcenters/{id}"),
            &admin,
            None
        )
        .await
        .status,
        204
    );
    assert!(search_all(&sb, &admin, "VirtualMachine", "")
        .await
        .is_empty());
    let gone = sb
        .aria_call(
            Method::GET,
            &format!("/entities/vms/{}", vms[0]),
            &admin,
            None,
        )
        .await;
    assert_aria_error(&gone, 404);
}

#[tokio::test]
async fn every_entity_type_lists_and_reads() {
    let (sb, token) = collecting().await;
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../snapshots/inventory"),
    );
    settings.set_prepend_module_to_snapshot(false);
    for (segment, entity_type) in [
        ("vms", "VirtualMachine"),
        ("hosts", "Host"),
        ("clusters", "Cluster"),
        ("vc-datacenters", "VCDatacenter"),
        ("datastores", "Datastore"),
        ("security-groups", "NSXSecurityGroup"),
        ("layer2-networks", "VlanL2Network"),
        ("vnics", "Vnic"),
        ("vcenter-managers", "VCenterManager"),
        ("flows", "Flow"),
    ] {
        let list = sb
            .aria_call(
                Method::GET,
                &format!("/entities/{segment}?size=2"),
                &token,
                None,
            )
            .await;
        assert_eq!(list.status, 200, "{segment}: {}", list.text);
        let list = list.json();
        assert!(list["total_count"].as_i64().unwrap() >= 1, "{segment}");
        let first = &list["results"][0];
        assert_eq!(first["entity_type"], entity_type);
        let id = first["entity_id"].as_str().unwrap();
        let one = sb
            .aria_call(
                Method::GET,
                &format!("/entities/{segment}/{}", id.replace(':', "%3A")),
                &token,
                None,
            )
            .await;
        assert_eq!(one.status, 200, "{segment}: {}", one.text);
        let one = one.json();
        assert_eq!(one["entity_id"], id);
        assert_eq!(one["name"], first["entity_name"]);
        // Another type's getter does not find it.
        let other = if segment == "vms" { "hosts" } else { "vms" };
        assert_aria_error(
            &sb.aria_call(
                Method::GET,
                &format!("/entities/{other}/{id}"),
                &token,
                None,
            )
            .await,
            404,
        );
        settings.bind(|| insta::assert_json_snapshot!(format!("aria_entity_{segment}"), one));
    }
}
