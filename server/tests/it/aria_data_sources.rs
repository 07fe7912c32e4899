//! Aria data sources, one table of eight types driving the same checks, plus their SNMP
//! settings, the generic switch's upload, collection on the clock, SNMP trap profiles and
//! user-defined events.

use crate::common;

use std::sync::Arc;

use appliance_sandbox::config::Config;
use appliance_sandbox::store::SqliteStore;
use appliance_sandbox::{Options, Sandbox};
use common::*;
use reqwest::Method;
use serde_json::{json, Value};

/// The default collector's id, as `/infra/nodes` answers it.
async fn collector(sb: &TestSandbox, admin: &str) -> String {
    let nodes = sb
        .aria_call(Method::GET, "/infra/nodes", admin, None)
        .await
        .json();
    for n in nodes["results"].as_array().unwrap() {
        let id = n["id"].as_str().unwrap();
        let node = sb
            .aria_call(Method::GET, &format!("/infra/nodes/{id}"), admin, None)
            .await
            .json();
        if node["node_type"] == "PROXY_VM" {
            return id.to_string();
        }
    }
    panic!("no collector");
}

/// One type: its path segment, the `entity_type` it answers, its type code, and what an add
/// needs beyond the common fields (`VCENTER` is replaced by a vCenter data source's id).
struct Kind {
    segment: &'static str,
    entity_type: &'static str,
    code: u32,
    extra: fn() -> Value,
    secret: Option<&'static str>,
}

fn credentials() -> Value {
    json!({"credentials": {"username": "admin", "password": "MyPassword"}})
}

const KINDS: [Kind; 8] = [
    Kind {
        segment: "vcenters",
        entity_type: "VCenterDataSource",
        code: 902,
        extra: credentials,
        secret: Some("credentials.password"),
    },
    Kind {
        segment: "nsxv-managers",
        entity_type: "NSXVManagerDataSource",
        code: 903,
        extra: || json!({"credentials": {"username": "admin", "password": "MyPassword"}, "vcenter_id": "VCENTER", "central_cli_enabled": true}),
        secret: Some("credentials.password"),
    },
    Kind {
        segment: "nsxt-managers",
        entity_type: "NSXTManagerDataSource",
        code: 904,
        extra: || json!({"credentials": {"username": "audit", "password": "MyPassword"}, "vcenter_id": "ignored, not in the model"}),
        secret: Some("credentials.password"),
    },
    Kind {
        segment: "panorama-firewalls",
        entity_type: "PanFirewallDataSource",
        code: 905,
        extra: credentials,
        secret: Some("credentials.password"),
    },
    Kind {
        segment: "cisco-switches",
        entity_type: "CiscoSwitchDataSource",
        code: 906,
        extra: || json!({"credentials": {"username": "admin", "password": "MyPassword"}, "switch_type": "NEXUS_5K"}),
        secret: Some("credentials.password"),
    },
    Kind {
        segment: "vmc-nsxmanagers",
        entity_type: "PolicyManagerDataSource",
        code: 907,
        extra: || json!({"csp_refresh_token": "LongString", "vcenter_id": "VCENTER"}),
        secret: Some("csp_refresh_token"),
    },
    Kind {
        segment: "f5-bigip",
        entity_type: "F5BIGIPDataSource",
        code: 908,
        extra: credentials,
        secret: Some("credentials.password"),
    },
    Kind {
        segment: "generic-switches",
        entity_type: "UANIDataSource",
        code: 909,
        extra: || json!({"entity_type": "GenericSwitchDataSource"}),
        secret: None,
    },
];

fn at<'a>(v: &'a Value, path: &str) -> &'a Value {
    path.split('.').fold(v, |v, k| &v[k])
}

/// The body to add a data source of `kind` at `ip`.
fn add_body(kind: &Kind, ip: &str, proxy: &str, vcenter: &str) -> Value {
    let mut body = json!({"ip": ip, "proxy_id": proxy, "nickname": format!("{}-{ip}", kind.segment), "enabled": true, "notes": "added by public api"});
    for (k, v) in (kind.extra)().as_object().unwrap() {
        let v = if v == "VCENTER" {
            json!(vcenter)
        } else {
            v.clone()
        };
        body[k] = v;
    }
    body
}

async fn add_vcenter(sb: &TestSandbox, admin: &str, proxy: &str, ip: &str) -> String {
    let a = sb
        .aria_call(
            Method::POST,
            "/data-sources/vcenters",
            admin,
            Some(add_body(&KINDS[0], ip, proxy, "")),
        )
        .await;
    assert_eq!(a.status, 201, "{}", a.text);
    a.json()["entity_id"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn every_type_answers_its_seven_operations() {
    let sb = start().await;
    let admin = sb.admin().await;
    let proxy = collector(&sb, &admin).await;
    let vcenter = add_vcenter(&sb, &admin, &proxy, "10.20.0.10").await;
    for (n, kind) in KINDS.iter().enumerate() {
        let base = format!("/data-sources/{}", kind.segment);
        let ip = format!("10.30.{n}.1");
        let before = sb.aria_call(Method::GET, &base, &admin, None).await.json()["total_count"]
            .as_i64()
            .unwrap();

        let added = sb
            .aria_call(
                Method::POST,
                &base,
                &admin,
                Some(add_body(kind, &ip, &proxy, &vcenter)),
            )
            .await;
        assert_eq!(added.status, 201, "{}: {}", kind.segment, added.text);
        let added = added.json();
        let id = added["entity_id"].as_str().unwrap().to_string();
        assert!(id.starts_with(&format!("18230:{}:", kind.code)), "{id}");
        assert_eq!(added["entity_type"], kind.entity_type);
        assert_eq!(added["ip"], ip.as_str());
        if let Some(secret) = kind.secret {
            assert_eq!(
                at(&added, secret),
                "",
                "{}: the secret is never answered",
                kind.segment
            );
        }
        assert!(
            !added.to_string().contains("MyPassword") && !added.to_string().contains("LongString")
        );

        let list = sb.aria_call(Method::GET, &base, &admin, None).await.json();
        assert_eq!(list["total_count"].as_i64().unwrap(), before + 1);
        assert!(list["results"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["entity_id"] == id.as_str() && r["entity_type"] == kind.entity_type));

        // The SDK percent-encodes the colons of an id.
        let one = format!("{base}/{}", id.replace(':', "%3A"));
        let got = sb.aria_call(Method::GET, &one, &admin, None).await;
        assert_eq!(got.status, 200, "{}", got.text);
        assert_eq!(got.json(), added);

        let twice = sb
            .aria_call(
                Method::POST,
                &base,
                &admin,
                Some(add_body(kind, &ip, &proxy, &vcenter)),
            )
            .await;
        assert_aria_error(&twice, 400);

        // The whole model back, edited, as update_datasource.py sends it; "" keeps the secret.
        let mut edited = added.clone();
        edited["nickname"] = json!("renamed");
        edited["notes"] = json!("updated");
        let put = sb
            .aria_call(Method::PUT, &one, &admin, Some(edited.clone()))
            .await;
        assert_eq!(put.status, 200, "{}: {}", kind.segment, put.text);
        assert_eq!(
            put.json(),
            edited,
            "{}: the full model comes back",
            kind.segment
        );
        let mut moved = edited.clone();
        moved["ip"] = json!("10.99.99.99");
        assert_aria_error(
            &sb.aria_call(Method::PUT, &one, &admin, Some(moved)).await,
            400,
        );
        assert_eq!(
            sb.aria_call(Method::GET, &one, &admin, None).await.json(),
            edited
        );

        for verb in ["disable", "disable", "enable"] {
            let a = sb
                .aria_call(Method::POST, &format!("{one}/{verb}"), &admin, None)
                .await;
            assert_eq!(a.status, 200, "{verb}: {}", a.text);
            assert!(a.text.is_empty());
        }
        assert_eq!(
            sb.aria_call(Method::GET, &one, &admin, None).await.json()["enabled"],
            true
        );

        // Another type's path does not find it.
        let other = if n == 0 { "cisco-switches" } else { "vcenters" };
        let wrong = sb
            .aria_call(
                Method::GET,
                &format!("/data-sources/{other}/{id}"),
                &admin,
                None,
            )
            .await;
        assert_aria_error(&wrong, 404);

        let member = sb.aria_token("member@local", "member").await;
        assert_aria_error(&sb.aria_call(Method::GET, &base, &member, None).await, 403);
        assert_aria_error(
            &sb.aria_call(Method::DELETE, &one, &member, None).await,
            403,
        );

        let del = sb.aria_call(Method::DELETE, &one, &admin, None).await;
        assert_eq!(del.status, 204, "{}", del.text);
        assert_aria_error(&sb.aria_call(Method::GET, &one, &admin, None).await, 404);
        assert_aria_error(&sb.aria_call(Method::DELETE, &one, &admin, None).await, 404);
        assert_aria_error(
            &sb.aria_call(Method::POST, &format!("{one}/enable"), &admin, None)
                .await,
            404,
        );
        // The address is free again.
        let again = sb
            .aria_call(
                Method::POST,
                &base,
                &admin,
                Some(add_body(kind, &ip, &proxy, &vcenter)),
            )
            .await;
        assert_eq!(again.status, 201, "{}", again.text);
    }
}

#[tokio::test]
async fn a_bad_add_is_a_400_that_adds_nothing() {
    let sb = start().await;
    let admin = sb.admin().await;
    let proxy = collector(&sb, &admin).await;
    let cases: Vec<(&str, Value)> = vec![
        (
            "vcenters",
            json!({"ip": "10.0.0.1", "proxy_id": "18230:901:1", "nickname": "x", "credentials": {"username": "a", "password": "b"}}),
        ),
        (
            "vcenters",
            json!({"proxy_id": proxy, "nickname": "x", "credentials": {"username": "a", "password": "b"}}),
        ),
        (
            "vcenters",
            json!({"ip": "not-an-ip", "proxy_id": proxy, "nickname": "x", "credentials": {"username": "a", "password": "b"}}),
        ),
        (
            "vcenters",
            json!({"ip": "10.0.0.1", "proxy_id": proxy, "nickname": "x"}),
        ),
        (
            "vcenters",
            json!({"ip": "10.0.0.1", "proxy_id": proxy, "nickname": "x", "credentials": {"username": "a"}}),
        ),
        (
            "vcenters",
            json!({"ip": "10.0.0.1", "nickname": "x", "credentials": {"username": "a", "password": "b"}}),
        ),
        (
            "nsxv-managers",
            json!({"ip": "10.0.0.2", "proxy_id": proxy, "nickname": "x", "credentials": {"username": "a", "password": "b"}}),
        ),
        (
            "nsxv-managers",
            json!({"ip": "10.0.0.2", "proxy_id": proxy, "nickname": "x", "credentials": {"username": "a", "password": "b"}, "vcenter_id": "18230:902:1"}),
        ),
        (
            "vmc-nsxmanagers",
            json!({"ip": "10.0.0.3", "proxy_id": proxy, "nickname": "x", "vcenter_id": "18230:902:1", "csp_refresh_token": "t"}),
        ),
        (
            "vmc-nsxmanagers",
            json!({"ip": "10.0.0.3", "proxy_id": proxy, "nickname": "x"}),
        ),
        (
            "nsxt-managers",
            json!({"ip": "10.0.0.4", "proxy_id": proxy, "nickname": "x", "cred_type": "CERTIFICATE"}),
        ),
        (
            "cisco-switches",
            json!({"ip": "10.0.0.5", "proxy_id": proxy, "nickname": "x", "credentials": {"username": "a", "password": "b"}, "switch_type": "NEXUS_42K"}),
        ),
        (
            "generic-switches",
            json!({"ip": "10.0.0.6", "proxy_id": proxy, "nickname": ""}),
        ),
    ];
    for (segment, body) in cases {
        let a = sb
            .aria_call(
                Method::POST,
                &format!("/data-sources/{segment}"),
                &admin,
                Some(body.clone()),
            )
            .await;
        assert_aria_error(&a, 400);
        let health = sb
            .aria_call(Method::GET, "/data-sources/health", &admin, None)
            .await
            .json();
        assert_eq!(health["total_count"], 0, "{segment} {body}: {}", a.text);
    }
}

async fn health(sb: &TestSandbox, admin: &str) -> Value {
    let h = sb
        .aria_call(Method::GET, "/data-sources/health", admin, None)
        .await
        .json();
    h["results"][0].clone()
}

#[tokio::test]
async fn collection_follows_the_sandbox_clock() {
    let sb = start().await;
    let admin = sb.admin().await;
    let proxy = collector(&sb, &admin).await;
    let id = add_vcenter(&sb, &admin, &proxy, "10.20.0.10").await;
    let h = health(&sb, &admin).await;
    assert_eq!(h["entity_id"], id.as_str());
    assert_eq!(h["health"]["health_status"], "HEALTHY_WITH_WARNINGS");
    assert!(h.get("last_activity_timestamp").is_none());
    assert!(
        h.get("credentials").is_none(),
        "the health list repeats only the base fields"
    );
    sb.advance(119);
    assert_eq!(
        health(&sb, &admin).await["health"]["health_status"],
        "HEALTHY_WITH_WARNINGS"
    );
    sb.advance(1);
    let h = health(&sb, &admin).await;
    assert_eq!(h["health"]["health_status"], "HEALTHY");
    let first = h["last_activity_timestamp"].as_i64().unwrap();
    sb.advance(599);
    assert_eq!(health(&sb, &admin).await["last_activity_timestamp"], first);
    sb.advance(1);
    assert_eq!(
        health(&sb, &admin).await["last_activity_timestamp"],
        first + 600
    );

    let disable = format!("/data-sources/vcenters/{id}/disable");
    assert_eq!(
        sb.aria_call(Method::POST, &disable, &admin, None)
            .await
            .status,
        200
    );
    let h = health(&sb, &admin).await;
    assert_eq!(h["enabled"], false);
    assert_eq!(h["health"]["health_status"], "HEALTHY_WITH_WARNINGS");
    assert!(h["health"]["health_details"][0]["message"]
        .as_str()
        .unwrap()
        .contains("disabled"));
}

#[tokio::test]
async fn snmp_settings_keep_their_secrets() {
    let sb = start().await;
    let admin = sb.admin().await;
    let proxy = collector(&sb, &admin).await;
    for kind in [&KINDS[4], &KINDS[6]] {
        let base = format!("/data-sources/{}", kind.segment);
        let added = sb
            .aria_call(
                Method::POST,
                &base,
                &admin,
                Some(add_body(kind, "10.40.0.1", &proxy, "")),
            )
            .await
            .json();
        let snmp = format!(
            "{base}/{}/snmp-config",
            added["entity_id"].as_str().unwrap()
        );
        assert_eq!(
            sb.aria_call(Method::GET, &snmp, &admin, None).await.json(),
            json!({"snmp_enabled": false})
        );

        let v2c = json!({"snmp_enabled": true, "snmp_version": "v2c", "config_snmp_2c": {"community_string": "public"}});
        let put = sb.aria_call(Method::PUT, &snmp, &admin, Some(v2c)).await;
        assert_eq!(put.status, 200, "{}", put.text);
        assert_eq!(put.json()["config_snmp_2c"]["community_string"], "");
        // What GET answered, sent back: the stored community string stays.
        let answered = sb.aria_call(Method::GET, &snmp, &admin, None).await.json();
        assert_eq!(
            sb.aria_call(Method::PUT, &snmp, &admin, Some(answered.clone()))
                .await
                .status,
            200
        );

        // A new version needs its own secrets.
        let v3 = json!({"snmp_enabled": true, "snmp_version": "v3", "config_snmp_3": {"username": "u", "authentication_type": "SHA", "privacy_type": "NO_PRIV"}});
        assert_aria_error(
            &sb.aria_call(Method::PUT, &snmp, &admin, Some(v3)).await,
            400,
        );
        let no_user = json!({"snmp_enabled": true, "snmp_version": "v3", "config_snmp_3": {"authentication_type": "NO_AUTH"}});
        assert_aria_error(
            &sb.aria_call(Method::PUT, &snmp, &admin, Some(no_user))
                .await,
            400,
        );
        assert_eq!(
            sb.aria_call(Method::GET, &snmp, &admin, None).await.json(),
            answered,
            "a refused change changes nothing"
        );
        let v3 = json!({"snmp_enabled": true, "snmp_version": "v3", "config_snmp_3": {"username": "u", "authentication_type": "SHA", "authentication_password": "secret1", "privacy_type": "AES128", "privacy_password": "secret2"}});
        let put = sb.aria_call(Method::PUT, &snmp, &admin, Some(v3)).await;
        assert_eq!(put.status, 200, "{}", put.text);
        assert!(!put.text.contains("secret"), "{}", put.text);
        // Back to v2c without a community string: the v2c one was dropped with the version.
        let back = json!({"snmp_enabled": true, "snmp_version": "v2c", "config_snmp_2c": {"community_string": ""}});
        assert_aria_error(
            &sb.aria_call(Method::PUT, &snmp, &admin, Some(back)).await,
            400,
        );
    }
    // A vCenter has no SNMP settings: there is no such route.
    let vc = add_vcenter(&sb, &admin, &proxy, "10.40.0.9").await;
    let a = sb
        .aria_call(
            Method::GET,
            &format!("/data-sources/vcenters/{vc}/snmp-config"),
            &admin,
            None,
        )
        .await;
    assert_eq!(a.status, 404);
}

fn multipart(part: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    let boundary = "sandbox-test-boundary";
    let mut body = format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{part}\"; filename=\"device.zip\"\r\nContent-Type: application/zip\r\n\r\n").into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

#[tokio::test]
async fn a_generic_switch_takes_a_zip_upload() {
    let sb = start().await;
    let admin = sb.admin().await;
    let proxy = collector(&sb, &admin).await;
    let added = sb
        .aria_call(
            Method::POST,
            "/data-sources/generic-switches",
            &admin,
            Some(add_body(&KINDS[7], "10.50.0.1", &proxy, "")),
        )
        .await
        .json();
    let id = added["entity_id"].as_str().unwrap().replace(':', "%3A");
    let upload = |part: &str, bytes: &[u8], id: &str| {
        let (content_type, body) = multipart(part, bytes);
        sb.aria_req(
            Method::PUT,
            &format!("/data-sources/generic-switches/{id}/data"),
            &admin,
        )
        .header("content-type", content_type)
        .body(body)
    };
    // An empty zip archive: the end-of-central-directory record alone.
    let zip = [b"PK\x05\x06".as_slice(), &[0u8; 18]].concat();
    let ok = sb.send(upload("file", &zip, &id)).await;
    assert_eq!(ok.status, 200, "{}", ok.text);
    assert!(ok.text.is_empty());
    assert_aria_error(&sb.send(upload("file", b"name,ip\n", &id)).await, 400);
    assert_aria_error(&sb.send(upload("data", &zip, &id)).await, 400);
    assert_aria_error(&sb.send(upload("file", &zip, "18230:909:1")).await, 404);
    let json_body = sb
        .aria_req(
            Method::PUT,
            &format!("/data-sources/generic-switches/{id}/data"),
            &admin,
        )
        .json(&json!({"file": "x"}));
    assert_aria_error(&sb.send(json_body).await, 400);
}

#[tokio::test]
async fn trap_profiles_and_events_refer_to_each_other() {
    let sb = start().await;
    let admin = sb.admin().await;
    let mut ids = Vec::new();
    for n in 0..4 {
        let a = sb
            .aria_call(Method::POST, "/settings/snmp/profiles", &admin, Some(json!({"nick_name": format!("p{n}"), "target_ip": format!("10.1.1.{n}"), "target_port": 162, "snmp_version": "v2c", "snmp_v2c": {"community_string": "public"}})))
            .await;
        assert_eq!(a.status, 201, "{}", a.text);
        let p = a.json();
        let id = p["entity_id"].as_str().unwrap().to_string();
        assert!(id.len() == 17 && id.starts_with("snmp-"), "{id}");
        assert_eq!(p["snmp_v2c"]["community_string"], "");
        ids.push(id);
    }
    let fifth = json!({"nick_name": "p5", "target_ip": "10.1.1.5", "target_port": 162, "snmp_version": "v2c", "snmp_v2c": {"community_string": "x"}});
    assert_aria_error(
        &sb.aria_call(Method::POST, "/settings/snmp/profiles", &admin, Some(fifth))
            .await,
        400,
    );
    let list = sb
        .aria_call(Method::GET, "/settings/snmp/profiles", &admin, None)
        .await
        .json();
    let listed: Vec<&str> = list["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["entity_id"].as_str().unwrap())
        .collect();
    assert_eq!(listed, ids, "in the order added");
    let one = sb
        .aria_call(
            Method::GET,
            &format!("/settings/snmp/profiles/{}", ids[1]),
            &admin,
            None,
        )
        .await;
    assert_eq!(one.status, 200, "{}", one.text);
    assert_eq!(one.json(), list["results"][1]);

    let event = json!({"event_name": "Test1_0", "is_problem": false, "severity": "INFO", "search_criteria": "vm where Power State = 'POWEREDOFF'", "generate_event_criteria": "SEARCH_RESULT_CHANGE", "email_frequency": "IMMEDIATELY", "daily_at_utc": "10:15", "email_ids": ["xyz@example.com"], "snmp_trap_entity_ids": [ids[0]], "active": true});
    let mut unknown = event.clone();
    unknown["snmp_trap_entity_ids"] = json!(["snmp-000000000000"]);
    assert_aria_error(
        &sb.aria_call(
            Method::POST,
            "/settings/events/user-defined-events",
            &admin,
            Some(unknown),
        )
        .await,
        400,
    );
    let mut bad_time = event.clone();
    bad_time["daily_at_utc"] = json!("25:00");
    assert_aria_error(
        &sb.aria_call(
            Method::POST,
            "/settings/events/user-defined-events",
            &admin,
            Some(bad_time),
        )
        .await,
        400,
    );
    let mut bad_severity = event.clone();
    bad_severity["severity"] = json!("URGENT");
    assert_aria_error(
        &sb.aria_call(
            Method::POST,
            "/settings/events/user-defined-events",
            &admin,
            Some(bad_severity),
        )
        .await,
        400,
    );

    let created = sb
        .aria_call(
            Method::POST,
            "/settings/events/user-defined-events",
            &admin,
            Some(event.clone()),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.text);
    let created = created.json();
    assert_eq!(created["severity"], "Info");
    assert_eq!(created["active"], true);
    let id = created["entity_id"].as_str().unwrap().to_string();
    let mut renamed = event.clone();
    renamed["event_name"] = json!("TEST1_0");
    assert_aria_error(
        &sb.aria_call(
            Method::POST,
            "/settings/events/user-defined-events",
            &admin,
            Some(renamed),
        )
        .await,
        400,
    );
    let one = format!(
        "/settings/events/user-defined-events/{}",
        id.replace(':', "%3A")
    );
    assert_eq!(
        sb.aria_call(Method::GET, &one, &admin, None).await.json(),
        created
    );
    let list = sb
        .aria_call(
            Method::GET,
            "/settings/events/user-defined-events",
            &admin,
            None,
        )
        .await
        .json();
    assert_eq!(list["total_count"], 1);

    let used = format!("/settings/snmp/profiles/{}", ids[0]);
    assert_aria_error(
        &sb.aria_call(Method::DELETE, &used, &admin, None).await,
        400,
    );
    let member = sb.aria_token("member@local", "member").await;
    assert_aria_error(&sb.aria_call(Method::GET, &one, &member, None).await, 403);
    assert_eq!(
        sb.aria_call(Method::DELETE, &one, &admin, None)
            .await
            .status,
        204
    );
    assert_aria_error(&sb.aria_call(Method::GET, &one, &admin, None).await, 404);
    assert_eq!(
        sb.aria_call(Method::DELETE, &used, &admin, None)
            .await
            .status,
        204
    );
    assert_aria_error(&sb.aria_call(Method::GET, &used, &admin, None).await, 404);
}

#[tokio::test]
async fn data_sources_survive_a_reopen_without_their_secrets_in_the_file() {
    let path = std::env::temp_dir().join(format!("aria-ds-{}.db", std::process::id()));
    let _ = std::fs::remove_file(&path);
    let open = || {
        Sandbox::open(
            Config::default(),
            Options::default(),
            Arc::new(SqliteStore::open(&path, &appliance_sandbox::state::SCHEMA).unwrap()),
        )
        .unwrap()
    };
    let id = {
        let sb = serve(open()).await;
        let admin = sb.admin().await;
        let proxy = collector(&sb, &admin).await;
        let mut body = add_body(&KINDS[0], "10.60.0.1", &proxy, "");
        body["credentials"]["password"] = json!("NeverOnDisk-7f3a");
        let a = sb
            .aria_call(Method::POST, "/data-sources/vcenters", &admin, Some(body))
            .await;
        assert_eq!(a.status, 201, "{}", a.text);
        a.json()["entity_id"].as_str().unwrap().to_string()
    };
    let sb = serve(open()).await;
    let admin = sb.admin().await;
    let got = sb
        .aria_call(
            Method::GET,
            &format!("/data-sources/vcenters/{id}"),
            &admin,
            None,
        )
        .await;
    assert_eq!(got.status, 200, "{}", got.text);
    drop(sb);
    let mut bytes = std::fs::read(&path).unwrap();
    bytes.extend(std::fs::read(format!("{}-wal", path.display())).unwrap_or_default());
    assert!(
        !bytes.windows(16).any(|w| w == b"NeverOnDisk-7f3a"),
        "the password is stored only as a digest"
    );
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}
