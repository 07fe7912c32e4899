//! What a vCenter data source makes visible, and every entity type listed and read.

use super::*;

/// Only a poll that reaches a world vCenter and is taken by it collects (E53): a wrong
/// password, an address nothing answers at, or a disabled source shows nothing, and the health
/// says why.
#[tokio::test]
async fn only_a_source_the_vcenter_accepts_collects() {
    let sb = start().await;
    let admin = sb.admin().await;
    let proxy = sb
        .aria_call(Method::GET, "/infra/nodes", &admin, None)
        .await
        .json()["results"][0]["id"]
        .clone();
    let add = |ip: &str, user: &str, password: &str| json!({"ip": ip, "proxy_id": proxy, "nickname": ip, "credentials": {"username": user, "password": password}});
    let added = sb
        .aria_call(
            Method::POST,
            "/data-sources/vcenters",
            &admin,
            Some(add("10.20.0.10", "administrator@vsphere.local", "wrong")),
        )
        .await;
    assert_eq!(added.status, 201, "{}", added.text);
    let wrong = added.json()["entity_id"].as_str().unwrap().to_string();
    let nowhere = sb
        .aria_call(
            Method::POST,
            "/data-sources/vcenters",
            &admin,
            Some(add("10.99.0.1", "administrator@vsphere.local", "VMware1!")),
        )
        .await
        .json()["entity_id"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(search_all(&sb, &admin, "VirtualMachine", "")
        .await
        .is_empty());
    sb.advance(130);
    for (id, says) in [
        (&wrong, "Authentication failed"),
        (&nowhere, "Unable to connect"),
    ] {
        let h = sb.data_source_health(&admin, id).await;
        assert_eq!(h["health"]["health_status"], "UNHEALTHY", "{h}");
        assert!(
            h["health"]["health_details"][0]["message"]
                .as_str()
                .unwrap()
                .contains(says),
            "{h}"
        );
        assert!(h.get("last_activity_timestamp").is_none());
    }

    // The right password (sent alone, E50) and the vCenter's VMs appear.
    let one = format!("/data-sources/vcenters/{wrong}");
    let fix = json!({"nickname": "10.20.0.10", "proxy_id": proxy, "credentials": {"username": "VSPHERE.LOCAL\\readonly", "password": "VMware1!"}});
    assert_eq!(
        sb.aria_call(Method::PUT, &one, &admin, Some(fix))
            .await
            .status,
        200
    );
    let (_, workload) = world();
    let expected = workload.vms.iter().filter(|v| v.place.vcenter == 0).count();
    assert_eq!(
        search_all(&sb, &admin, "VirtualMachine", "").await.len(),
        expected
    );
    assert_eq!(
        sb.data_source_health(&admin, &wrong).await["health"]["health_status"],
        "HEALTHY"
    );

    // Disabled, it collects nothing; enabled again, it does.
    sb.aria_call(Method::POST, &format!("{one}/disable"), &admin, None)
        .await;
    assert!(search_all(&sb, &admin, "VirtualMachine", "")
        .await
        .is_empty());
    sb.aria_call(Method::POST, &format!("{one}/enable"), &admin, None)
        .await;
    assert_eq!(
        search_all(&sb, &admin, "VirtualMachine", "").await.len(),
        expected
    );
}

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
    sb.collect_nsxt(&token, "10.20.0.40").await;
    let config =
        super::kubernetes_objects::kubeconfig("https://10.20.0.50:6443", "sandbox-k8s-token");
    super::kubernetes_objects::add_cluster(&sb, &token, &config).await;
    sb.collect_hcx(&token, "10.20.0.60").await;
    sb.add_cloud(&token, "aws-accounts", TestSandbox::aws_credentials())
        .await;
    sb.add_cloud(
        &token,
        "azure-subscriptions",
        TestSandbox::azure_credentials(),
    )
    .await;
    sb.collect_vmc(&token, "10.2.192.12", "sandbox-csp-token")
        .await;
    sb.collect_checkpoint(&token, "10.20.0.70", "CheckPoint1!")
        .await;
    sb.collect_switch(&token, "cisco-switches", "10.70.0.10", "Cisco123!")
        .await;
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../snapshots/inventory"),
    );
    settings.set_prepend_module_to_snapshot(false);
    for (segment, entity_type) in ENTITY_TYPES {
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

#[tokio::test]
async fn a_window_that_ends_before_collection_started_finds_nothing() {
    let (sb, token) = collecting().await;
    let search = |range: Value| {
        let body =
            json!({"entity_type": "VirtualMachine", "filter": "", "size": 1, "time_range": range});
        let mut body = body;
        if range.is_null() {
            body.as_object_mut().unwrap().remove("time_range");
        }
        sb.aria_call(Method::POST, "/search", &token, Some(body))
    };
    let now = search(Value::Null).await.json();
    let all = now["total_count"].as_u64().unwrap();
    assert!(all > 0);
    let added = now["end_time"].as_i64().unwrap();
    let before = json!({"start_time": added - 7200, "end_time": added - 3600});
    let a = search(before.clone()).await;
    assert_eq!(a.status, 200, "{}", a.text);
    assert_eq!(a.json()["total_count"], 0, "{}", a.text);
    let spanning = json!({"start_time": added - 3600, "end_time": added + 5});
    assert_eq!(search(spanning).await.json()["total_count"], all);
    // The same for a type's list, the query language and grouping.
    let list = sb
        .aria_call(
            Method::GET,
            &format!(
                "/entities/vms?start_time={}&end_time={}",
                added - 7200,
                added - 3600
            ),
            &token,
            None,
        )
        .await;
    assert_eq!(list.json()["total_count"], 0, "{}", list.text);
    let ql = sb
        .aria_call(
            Method::POST,
            "/search/ql",
            &token,
            Some(json!({"query": "count of vms", "time_range": before})),
        )
        .await;
    assert_eq!(ql.json()["search_response_total_hits"], 0, "{}", ql.text);
    let ql_now = sb
        .aria_call(
            Method::POST,
            "/search/ql",
            &token,
            Some(json!({"query": "count of vms"})),
        )
        .await;
    assert_eq!(
        ql_now.json()["search_response_total_hits"],
        all,
        "{}",
        ql_now.text
    );
}
