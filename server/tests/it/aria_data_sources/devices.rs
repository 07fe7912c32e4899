//! The device types served through `/data-sources/{data_source_type}` (E52): every one through
//! its operations, the types it does not serve, and the walk PowervRNI makes.

use super::*;

/// Segment, `entity_type`, type code, whether it has SNMP settings.
const DEVICES: [(&str, &str, u32, bool); 18] = [
    ("arista-switches", "AristaSwitchDataSource", 910, true),
    ("brocade-switches", "BrocadeSwitchDataSource", 911, true),
    ("juniper-switches", "JuniperSwitchDataSource", 912, true),
    ("hpe-switches", "HPESwitchDataSource", 913, true),
    ("huawei", "HuaweiSwitchDataSource", 914, true),
    ("mellanox-switches", "MellanoxSwitchDataSource", 915, true),
    ("cisco-asrxr-switches", "CiscoASRXRDataSource", 916, true),
    ("dell-switches", "DellSwitchDataSource", 917, true),
    ("dell-os10-switches", "DellSwitchDataSource", 918, true),
    (
        "checkpoint-firewalls",
        "CheckpointFirewallDataSource",
        919,
        false,
    ),
    (
        "fortinet-firewalls",
        "FortinetFirewallDataSource",
        920,
        false,
    ),
    ("nsxalb", "NSXALBDataSource", 921, false),
    ("ucs-managers", "UCSManagerDataSource", 922, true),
    ("hpov-managers", "HPOneViewDataSource", 923, false),
    ("hpvc-managers", "HPVCManagerDataSource", 924, false),
    ("cisco-aci", "CiscoACIDataSource", 925, true),
    ("infoblox-managers", "InfobloxManagerDataSource", 926, false),
    ("hcx-connectors", "HcxDataSource", 927, false),
];

#[tokio::test]
async fn every_device_type_answers_its_operations() {
    let sb = start().await;
    let admin = sb.admin().await;
    let proxy = collector(&sb, &admin).await;
    for (n, (segment, entity_type, code, snmp)) in DEVICES.into_iter().enumerate() {
        let base = format!("/data-sources/{segment}");
        let body = json!({"ip": format!("10.50.{n}.1"), "proxy_id": proxy, "nickname": format!("{segment}-1"),
                          "credentials": {"username": "admin", "password": "MyPassword"}});
        let added = sb
            .aria_call(Method::POST, &base, &admin, Some(body.clone()))
            .await;
        assert_eq!(added.status, 201, "{segment}: {}", added.text);
        let added = added.json();
        let id = added["entity_id"].as_str().unwrap().to_string();
        assert!(id.starts_with(&format!("18230:{code}:")), "{segment}: {id}");
        assert_eq!(added["entity_type"], entity_type);
        assert_eq!(added["credentials"]["password"], "");
        assert_aria_error(
            &sb.aria_call(Method::POST, &base, &admin, Some(body)).await,
            400,
        );

        let list = sb.aria_call(Method::GET, &base, &admin, None).await.json();
        assert_eq!(
            list["results"],
            json!([{"entity_id": id, "entity_type": entity_type}]),
            "{segment}"
        );
        let one = format!("{base}/{id}");
        assert_eq!(
            sb.aria_call(Method::GET, &one, &admin, None).await.json(),
            added
        );

        let put = sb
            .aria_call(
                Method::PUT,
                &one,
                &admin,
                Some(json!({"nickname": "renamed", "proxy_id": proxy})),
            )
            .await;
        assert_eq!(put.status, 200, "{segment}: {}", put.text);
        assert_eq!(put.json()["nickname"], "renamed");
        assert_eq!(put.json()["credentials"]["username"], "admin");

        let config = sb
            .aria_call(Method::GET, &format!("{one}/snmp-config"), &admin, None)
            .await;
        if snmp {
            assert_eq!(config.status, 200, "{segment}: {}", config.text);
            let v2c = json!({"snmp_enabled": true, "snmp_version": "v2c", "config_snmp_2c": {"community_string": "public"}});
            let set = sb
                .aria_call(
                    Method::PUT,
                    &format!("{one}/snmp-config"),
                    &admin,
                    Some(v2c),
                )
                .await;
            assert_eq!(set.status, 200, "{segment}: {}", set.text);
            assert_eq!(set.json()["config_snmp_2c"]["community_string"], "");
        } else {
            assert_aria_error(&config, 404);
        }
        for verb in ["disable", "enable"] {
            let a = sb
                .aria_call(Method::POST, &format!("{one}/{verb}"), &admin, None)
                .await;
            assert_eq!(a.status, 200, "{segment} {verb}: {}", a.text);
        }
        // Another type's path does not find it.
        let other = if n == 0 { "huawei" } else { "arista-switches" };
        assert_aria_error(
            &sb.aria_call(
                Method::GET,
                &format!("/data-sources/{other}/{id}"),
                &admin,
                None,
            )
            .await,
            404,
        );
        let member = sb.aria_token("member@local", "member").await;
        assert_aria_error(&sb.aria_call(Method::GET, &base, &member, None).await, 403);
    }
    // Every one of them in the list of every type.
    let all = sb
        .aria_call(Method::GET, "/data-sources?size=100", &admin, None)
        .await
        .json();
    assert_eq!(all["total_count"], DEVICES.len());

    let first = format!("/data-sources/{}", DEVICES[0].0);
    let id = sb.aria_call(Method::GET, &first, &admin, None).await.json()["results"][0]
        ["entity_id"]
        .as_str()
        .unwrap()
        .to_string();
    let del = sb
        .aria_call(Method::DELETE, &format!("{first}/{id}"), &admin, None)
        .await;
    assert_eq!(del.status, 204, "{}", del.text);
    assert_aria_error(
        &sb.aria_call(Method::GET, &format!("{first}/{id}"), &admin, None)
            .await,
        404,
    );
}

#[tokio::test]
async fn device_paths_know_their_types_and_the_sdks_spellings() {
    let sb = start().await;
    let admin = sb.admin().await;
    let proxy = collector(&sb, &admin).await;
    let device = |ip: &str| {
        json!({"ip": ip, "proxy_id": proxy, "nickname": ip,
                                   "credentials": {"username": "admin", "password": "MyPassword"}})
    };
    // A type the sandbox does not serve is a 404 in the API's shape, for any caller's call.
    for path in [
        "/data-sources/toasters",
        "/data-sources/gcp-projects",
        "/data-sources/toasters/1/enable",
    ] {
        let method = if path.ends_with("enable") {
            Method::POST
        } else {
            Method::GET
        };
        let a = sb.aria_call(method, path, &admin, None).await;
        assert_aria_error(&a, 404);
    }
    // The SDK enables an ASR/XR switch at `cisco-asr-xr-switches`.
    let asr = sb
        .aria_call(
            Method::POST,
            "/data-sources/cisco-asrxr-switches",
            &admin,
            Some(device("10.60.0.1")),
        )
        .await
        .json();
    let id = asr["entity_id"].as_str().unwrap();
    let a = sb
        .aria_call(
            Method::POST,
            &format!("/data-sources/cisco-asr-xr-switches/{id}/disable"),
            &admin,
            None,
        )
        .await;
    assert_eq!(a.status, 200, "{}", a.text);
    // Only Dell switches have a switch_type.
    let mut dell = device("10.60.0.2");
    dell["switch_type"] = json!("S4048");
    let a = sb
        .aria_call(
            Method::POST,
            "/data-sources/dell-switches",
            &admin,
            Some(dell.clone()),
        )
        .await;
    assert_eq!(a.status, 201, "{}", a.text);
    assert_eq!(a.json()["switch_type"], "S4048");
    dell["ip"] = json!("10.60.0.3");
    let a = sb
        .aria_call(
            Method::POST,
            "/data-sources/arista-switches",
            &admin,
            Some(dell.clone()),
        )
        .await;
    assert_aria_error(&a, 400);
    dell["switch_type"] = json!("NEXUS_5K");
    let a = sb
        .aria_call(
            Method::POST,
            "/data-sources/dell-switches",
            &admin,
            Some(dell),
        )
        .await;
    assert_aria_error(&a, 400);
    // Nor can an update give another type one.
    let asr_id = asr["entity_id"].as_str().unwrap();
    let update = json!({"nickname": "x", "proxy_id": proxy, "switch_type": "S4048"});
    let path = format!("/data-sources/cisco-asrxr-switches/{asr_id}");
    assert_aria_error(
        &sb.aria_call(Method::PUT, &path, &admin, Some(update)).await,
        400,
    );
    assert!(sb
        .aria_call(Method::GET, &path, &admin, None)
        .await
        .json()
        .get("switch_type")
        .is_none());
    // A Dell OS10 switch answers DellSwitchDataSource, so it is also read where that type is.
    let os10 = sb
        .aria_call(
            Method::POST,
            "/data-sources/dell-os10-switches",
            &admin,
            Some(device("10.60.0.4")),
        )
        .await
        .json();
    assert_eq!(os10["entity_type"], "DellSwitchDataSource");
    let id = os10["entity_id"].as_str().unwrap();
    let a = sb
        .aria_call(
            Method::GET,
            &format!("/data-sources/dell-switches/{id}"),
            &admin,
            None,
        )
        .await;
    assert_eq!(a.json(), os10);

    // PowervRNI's Get-vRNIDataSource on API 1.2.0 and later: one list, then each item at the
    // path its entity_type maps to (PowervRNI's table, where it agrees with 6.12's names).
    let powervrni: [(&str, &str); 5] = [
        ("CiscoASRXRDataSource", "/data-sources/cisco-asrxr-switches"),
        ("DellSwitchDataSource", "/data-sources/dell-switches"),
        ("AristaSwitchDataSource", "/data-sources/arista-switches"),
        ("HPESwitchDataSource", "/data-sources/hpe-switches"),
        ("HcxDataSource", "/data-sources/hcx-connectors"),
    ];
    let all = sb
        .aria_call(Method::GET, "/data-sources?size=500", &admin, None)
        .await
        .json();
    for item in all["results"].as_array().unwrap() {
        let (_, base) = powervrni
            .iter()
            .find(|(t, _)| item["entity_type"] == *t)
            .expect("mapped");
        let a = sb
            .aria_call(
                Method::GET,
                &format!("{base}/{}", item["entity_id"].as_str().unwrap()),
                &admin,
                None,
            )
            .await;
        assert_eq!(a.status, 200, "{item}: {}", a.text);
    }
}
