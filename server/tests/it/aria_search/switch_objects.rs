//! The world's switches (E105): a switch's ports and routed VLAN interfaces are visible while
//! a switch data source of its vendor at its address with its credentials collects it; a port
//! is up while a host of the switch's datacenter is cabled to it; an interface carries its VLAN
//! network's gateway; every reference resolves (a switch is a `RouterDevice`).

use super::vsphere_objects::{fetch, listed_with_resolving_references};
use super::*;

#[tokio::test]
async fn a_switch_is_collected_by_its_own_vendors_data_source_only() {
    let (sb, token) = collecting().await;
    // The Arista switch's address and password, but a Cisco collector: nothing answers it.
    let wrong_vendor = sb
        .collect_switch(&token, "cisco-switches", "10.70.0.20", "Arista123!")
        .await;
    let refused = sb
        .collect_switch(&token, "cisco-switches", "10.70.0.10", "wrong")
        .await;
    sb.advance(120);
    let health = sb
        .data_source_health(&token, &wrong_vendor)
        .await
        .to_string();
    assert!(health.contains("Unable to connect"), "{health}");
    let health = sb.data_source_health(&token, &refused).await.to_string();
    assert!(health.contains("refused the credentials"), "{health}");
    for segment in ["switchports", "routerinterfaces"] {
        assert_eq!(total(&sb, &token, segment).await, 0, "{segment}");
    }
    let path = format!("/data-sources/cisco-switches/{refused}");
    let proxy = sb.aria_call(Method::GET, &path, &token, None).await.json()["proxy_id"].clone();
    let fix = json!({"nickname": "tor", "proxy_id": proxy,
        "credentials": {"username": "admin", "password": "Cisco123!"}});
    let a = sb.aria_call(Method::PUT, &path, &token, Some(fix)).await;
    assert_eq!(a.status, 200, "{}", a.text);

    let (world, w) = world();
    let tor = &world.switches[0];
    assert_eq!(tor.config.name, "tor-a-01");
    let here = |v: usize, d: usize| tor.place == Some((v, d));
    let hosts = (w.hosts.iter())
        .filter(|h| here(h.0.vcenter, h.0.datacenter))
        .count();
    let networks: Vec<_> = (w.networks.iter())
        .filter(|n| here(n.vcenter, n.datacenter))
        .collect();
    assert!(hosts >= 1 && !networks.is_empty());
    let ports = tor.config.ports as usize;
    listed_with_resolving_references(&sb, &token, "switchports", ports).await;
    listed_with_resolving_references(&sb, &token, "routerinterfaces", networks.len()).await;

    // The ports cabled to the datacenter's hosts are up, the rest down.
    let up = search_all(&sb, &token, "SwitchPort", "operationalStatus = 'UP'").await;
    assert_eq!(up.len(), hosts);
    let down = search_all(&sb, &token, "SwitchPort", "operationalStatus = 'DOWN'").await;
    assert_eq!(down.len(), ports - hosts);
    let first = fetch(&sb, &token, "/entities/fetch", &up[..1]).await;
    let port = &first["results"][0]["entity"];
    assert_eq!(port["name"], "Ethernet1/1");
    assert_eq!(port["device"]["entity_type"], "RouterDevice");
    assert_eq!(port["device"]["entity_name"], "tor-a-01");

    // Each VLAN network of the datacenter is routed, at its gateway.
    for n in &networks {
        let filter = format!("ip_addresses.ip_address = '{}'", n.gateway);
        let found = search_all(&sb, &token, "RouterInterface", &filter).await;
        assert_eq!(found.len(), 1, "{filter}");
        let one = fetch(&sb, &token, "/entities/fetch", &found).await;
        let interface = &one["results"][0]["entity"];
        assert_eq!(interface["name"], format!("Vlan{}", n.vlan_id));
        assert_eq!(interface["l2n"]["entity_name"], n.name.as_str());
    }
    // The switch itself is found by the query language and by its RouterDevice type.
    assert_eq!(
        ql_hits(&sb, &token, "switches where vendor = 'Cisco'").await,
        1
    );
    assert_eq!(
        ql_hits(
            &sb,
            &token,
            "count of switch ports where device.name = 'tor-a-01'"
        )
        .await,
        ports as u64
    );
    let routers = search_all(&sb, &token, "RouterDevice", "name = 'tor-a-01'").await;
    assert_eq!(routers.len(), 1);

    // Disabling the source hides it all again.
    let disable = format!("/data-sources/cisco-switches/{refused}/disable");
    let a = sb.aria_call(Method::POST, &disable, &token, None).await;
    assert_eq!(a.status, 200, "{}", a.text);
    assert_eq!(total(&sb, &token, "switchports").await, 0);
}
