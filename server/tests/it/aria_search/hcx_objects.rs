//! The HCX objects derived from the world's HCX connector (E101): visible while an HCX
//! connector data source at its address with its credentials collects it, named as the README
//! says, searchable, with references that resolve.

use super::vsphere_objects::{fetch, list_all, listed_with_resolving_references};
use super::*;

/// The default world's `hcx01`, paired with `hcx-cloud01` and extending two networks.
const COUNTS: [(&str, usize); 9] = [
    ("hcx-managers", 2),
    ("hcx-sites", 2),
    ("hcx-compute-profiles", 2),
    ("hcx-network-profiles", 3),
    ("hcx-service-meshes", 1),
    ("hcx-services", 5),
    ("hcx-appliances", 6),
    ("hcx-tunnels", 2),
    ("hcx-l2extensions", 2),
];

#[tokio::test]
async fn hcx_objects_are_visible_only_while_a_data_source_collects_their_connector() {
    let (sb, token) = collecting().await;
    // Nothing answers at another address; the connector refuses another password.
    let nowhere = sb.collect_hcx(&token, "10.20.0.61").await;
    let proxy = sb
        .aria_call(Method::GET, "/infra/nodes", &token, None)
        .await
        .json()["results"][0]["id"]
        .clone();
    let body = json!({"fqdn": "HCX01.example.com", "proxy_id": proxy, "nickname": "hcx01",
        "credentials": {"username": "admin", "password": "wrong"}});
    let a = sb
        .aria_call(
            Method::POST,
            "/data-sources/hcx-connectors",
            &token,
            Some(body),
        )
        .await;
    assert_eq!(a.status, 201, "{}", a.text);
    let id = a.json()["entity_id"].as_str().unwrap().to_string();
    for (segment, _) in COUNTS {
        assert_eq!(total(&sb, &token, segment).await, 0, "{segment}");
    }
    sb.advance(120);
    let refused = sb.data_source_health(&token, &id).await.to_string();
    assert!(refused.contains("refused the credentials"), "{refused}");
    let unreachable = sb.data_source_health(&token, &nowhere).await.to_string();
    assert!(unreachable.contains("Unable to connect"), "{unreachable}");
    // The right password collects it (by its hostname, in any case), and every reference
    // resolves.
    let path = format!("/data-sources/hcx-connectors/{id}");
    let fix = json!({"nickname": "hcx01", "proxy_id": proxy,
        "credentials": {"username": "admin", "password": "VMware1!"}});
    let a = sb.aria_call(Method::PUT, &path, &token, Some(fix)).await;
    assert_eq!(a.status, 200, "{}", a.text);
    let mut vendor_ids = BTreeSet::new();
    for (segment, count) in COUNTS {
        let refs = listed_with_resolving_references(&sb, &token, segment, count).await;
        assert!(!refs.is_empty(), "{segment} references something");
        let all = fetch(
            &sb,
            &token,
            "/entities/fetch",
            &list_all(&sb, &token, segment).await,
        )
        .await;
        for e in all["results"].as_array().unwrap() {
            let v = &e["entity"]["vendor_id"];
            // Every object but a service has its own.
            if segment == "hcx-services" {
                assert!(v.is_null(), "{e}");
            } else {
                assert!(v.is_string() && vendor_ids.insert(v.to_string()), "{e}");
            }
        }
    }
    // The L2 extensions extend the paired vCenter's first two networks over the NE tunnel.
    let (_, w) = world();
    let networks: Vec<&str> = (w.networks.iter())
        .filter(|n| n.vcenter == 0)
        .take(2)
        .map(|n| n.name.as_str())
        .collect();
    let l2 = fetch(
        &sb,
        &token,
        "/entities/fetch",
        &list_all(&sb, &token, "hcx-l2extensions").await,
    )
    .await;
    let extended: Vec<&str> = (l2["results"].as_array().unwrap().iter())
        .map(|e| {
            e["entity"]["source_l2_network"]["entity_name"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert_eq!(extended, networks);
    let first = &l2["results"][0]["entity"];
    assert_eq!(first["name"], format!("L2E_{}", networks[0]).as_str());
    assert_eq!(
        first["source_appliance"]["entity_name"],
        "hcx01-to-hcx-cloud01-NE-I1"
    );
    assert_eq!(
        first["tunnels"][0]["entity_name"],
        "hcx01-to-hcx-cloud01-NE-tunnel"
    );
    // Disabling the source hides them again.
    let a = sb
        .aria_call(Method::POST, &format!("{path}/disable"), &token, None)
        .await;
    assert!(a.status < 300, "{}", a.text);
    assert_eq!(total(&sb, &token, "hcx-appliances").await, 0);
}

#[tokio::test]
async fn hcx_appliances_are_listed_by_type_and_searched_with_both_languages() {
    let (sb, token) = collecting().await;
    sb.collect_hcx(&token, "10.20.0.60").await;
    for (asked, count) in [("HCXNEAPPLIANCE", 2), ("hcxixappliance", 2), ("", 6)] {
        let a = sb
            .aria_call(
                Method::GET,
                &format!("/entities/hcx-appliances?appliance_type={asked}"),
                &token,
                None,
            )
            .await;
        assert_eq!(a.status, 200, "{asked}: {}", a.text);
        assert_eq!(a.json()["total_count"], count, "{asked}");
    }
    let bad = sb
        .aria_call(
            Method::GET,
            "/entities/hcx-appliances?appliance_type=HCXRouter",
            &token,
            None,
        )
        .await;
    assert_aria_error(&bad, 400);
    assert!(
        bad.text.contains("appliance_type \\\"HCXRouter\\\""),
        "{}",
        bad.text
    );
    let wo = search_all(
        &sb,
        &token,
        "HCXAppliance",
        "appliance_type = 'HCXWANOPTAppliance'",
    )
    .await;
    assert_eq!(wo.len(), 2);
    let one = fetch(&sb, &token, "/entities/fetch", &wo).await;
    for e in one["results"].as_array().unwrap() {
        assert_eq!(e["entity"]["appliance_type"], "HCXWANOPTAppliance");
        assert_eq!(e["entity"]["appliance_status"]["wan_opt_status"], "UP");
    }
    for (query, hits) in [
        ("count of hcx service meshes", 1),
        (
            "count of hcx services where service_type = 'NETWORK_EXTENSION'",
            1,
        ),
        ("count of hcx appliances where manager.name = 'hcx01'", 3),
        ("count of hcx sites where manager.name = 'hcx-cloud01'", 1),
        (
            "count of hcx services where service_mesh.name = 'hcx01-to-hcx-cloud01'",
            5,
        ),
        ("count of hcx sites where name = 'hcx-cloud01'", 1),
        (
            "count of hcx l2 extensions where source_l2_network.name like '%'",
            2,
        ),
        ("count of hcx tunnels where name like '%-IX-%'", 1),
    ] {
        assert_eq!(ql_hits(&sb, &token, query).await, hits, "{query}");
    }
    // An appliance's vendor id is its UUID, and its manager the connector.
    let infos = fetch(&sb, &token, "/entities/vendor-infos/fetch", &wo[..1]).await;
    let info = &infos["results"][0];
    assert_eq!(info["vendor_ids"][0]["id_type"], "UUID", "{infos}");
    assert_eq!(info["manager"]["entity_type"], "HCXManager");
    assert_eq!(info["manager"]["entity_name"], "hcx01");
}
