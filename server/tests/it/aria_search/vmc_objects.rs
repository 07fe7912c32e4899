//! The world's VMC SDDC (E103): visible, with its group, transit gateway, Direct Connect,
//! virtual interfaces and VPN session, while a VMC NSX manager data source at its NSX manager
//! with its organization's refresh token collects it.

use super::vsphere_objects::{fetch, list_all, listed_with_resolving_references};
use super::*;

/// The default world's `sddc01` in `sddc-group01`.
const COUNTS: [(&str, usize); 6] = [
    ("vmc-sddc", 1),
    ("sddc-groups", 1),
    ("vmware-transit-gateways", 1),
    ("direct-connect", 1),
    ("dx-tunnels", 2),
    ("ipsec-vpn-sessions", 1),
];

#[tokio::test]
async fn an_sddc_is_collected_with_its_refresh_token_and_its_references_resolve() {
    let (sb, token) = collecting().await;
    let nowhere = sb
        .collect_vmc(&token, "10.2.192.99", "sandbox-csp-token")
        .await;
    let id = sb.collect_vmc(&token, "44.230.10.12", "wrong-token").await;
    sb.advance(120);
    let health = sb.data_source_health(&token, &nowhere).await.to_string();
    assert!(health.contains("Unable to connect"), "{health}");
    let health = sb.data_source_health(&token, &id).await.to_string();
    assert!(health.contains("refused the credentials"), "{health}");
    for (segment, _) in COUNTS {
        assert_eq!(total(&sb, &token, segment).await, 0, "{segment}");
    }
    // The public address with the right token.
    let path = format!("/data-sources/vmc-nsxmanagers/{id}");
    let mut row = sb.aria_call(Method::GET, &path, &token, None).await.json();
    row["csp_refresh_token"] = json!("sandbox-csp-token");
    let a = sb.aria_call(Method::PUT, &path, &token, Some(row)).await;
    assert_eq!(a.status, 200, "{}", a.text);
    assert_eq!(a.json()["csp_refresh_token"], "", "a secret");
    for (segment, count) in COUNTS {
        let refs = listed_with_resolving_references(&sb, &token, segment, count).await;
        // A session's router and peers are NSX's, not entities of the world.
        assert!(
            !refs.is_empty() || segment == "ipsec-vpn-sessions",
            "{segment}"
        );
    }
    let dx = fetch(
        &sb,
        &token,
        "/entities/fetch",
        &list_all(&sb, &token, "direct-connect").await,
    )
    .await;
    let dx = &dx["results"][0]["entity"];
    let tunnels = fetch(
        &sb,
        &token,
        "/entities/fetch",
        &list_all(&sb, &token, "dx-tunnels").await,
    )
    .await;
    let tunnels: Vec<&Value> = (tunnels["results"].as_array().unwrap().iter())
        .map(|t| &t["entity"])
        .collect();
    // The connection embeds its interfaces whole, as their getter answers them.
    assert_eq!(
        dx["dx_tunnels"]
            .as_array()
            .unwrap()
            .iter()
            .collect::<Vec<_>>(),
        tunnels
    );
    assert_eq!(
        tunnels[0]["dx_connection_id"],
        tunnels[1]["dx_connection_id"]
    );
    assert!(tunnels[0]["tunnel_id"]
        .as_str()
        .unwrap()
        .starts_with("dxvif-"));
    for (query, hits) in [
        ("count of sddcs where sddc_group.name = 'sddc-group01'", 1),
        (
            "count of vmware transit gateways where attachment.name = 'sddc01'",
            1,
        ),
        (
            "count of dx tunnels where sddc.name = 'SDDC01' and bgp_status = 'UP'",
            2,
        ),
        (
            "count of ipsec vpn sessions where local_address.ip_address = '44.230.10.12'",
            1,
        ),
    ] {
        assert_eq!(ql_hits(&sb, &token, query).await, hits, "{query}");
    }
    // PowervRNI searches the sessions by their own type, and the SDK's base type finds them.
    let own = "PolicyManagerPolicyBasedIPSecVPNSession";
    assert_eq!(
        search_all(&sb, &token, own, "name = 'sddc01-vpn-1'")
            .await
            .len(),
        1
    );
    let body = json!({"entity_type": "IPSecVPNSession", "filter": "name = 'sddc01-vpn-1'"});
    let base = sb
        .aria_call(Method::POST, "/search", &token, Some(body))
        .await;
    assert_eq!(
        base.json()["results"][0]["entity_type"],
        own,
        "{}",
        base.text
    );
    let a = sb
        .aria_call(Method::POST, &format!("{path}/disable"), &token, None)
        .await;
    assert!(a.status < 300, "{}", a.text);
    assert_eq!(total(&sb, &token, "vmc-sddc").await, 0);
}
