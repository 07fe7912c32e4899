//! `POST /data-sources/vcenters/validate` (E56): what adding a vCenter would find, tried against
//! the world and stored nowhere.

use super::*;

#[tokio::test]
async fn validating_a_vcenter_tries_the_world_and_stores_nothing() {
    let sb = start().await;
    let admin = sb.admin().await;
    let proxy = collector(&sb, &admin).await;
    let try_it = |address: (&str, &str), user: &str, password: &str| {
        json!({address.0: address.1, "proxy_id": proxy,
               "credentials": {"username": user, "password": password}})
    };
    let path = "/data-sources/vcenters/validate";
    for (body, code, says) in [
        (
            try_it(
                ("ip", "10.20.0.10"),
                "administrator@vsphere.local",
                "VMware1!",
            ),
            0,
            "Validated",
        ),
        (
            try_it(
                ("fqdn", "VCENTER01.example.com"),
                "vsphere.local\\readonly",
                "VMware1!",
            ),
            0,
            "Validated",
        ),
        (
            try_it(("ip", "10.20.0.10"), "administrator@vsphere.local", "wrong"),
            2,
            "Authentication failed",
        ),
        (
            try_it(
                ("ip", "10.99.0.1"),
                "administrator@vsphere.local",
                "VMware1!",
            ),
            1,
            "Unable to connect",
        ),
    ] {
        let a = sb
            .aria_call(Method::POST, path, &admin, Some(body.clone()))
            .await;
        assert_eq!(a.status, 200, "{body}: {}", a.text);
        assert_eq!(a.json()["code"], code, "{body}: {}", a.text);
        assert!(
            a.json()["message"].as_str().unwrap().contains(says),
            "{}",
            a.text
        );
        assert!(!a.text.contains("VMware1!"));
    }
    for body in [
        json!({"proxy_id": proxy, "credentials": {"username": "u", "password": "p"}}),
        json!({"ip": "not-an-ip", "proxy_id": proxy, "credentials": {"username": "u", "password": "p"}}),
        json!({"ip": "10.20.0.10", "proxy_id": "18230:901:1", "credentials": {"username": "u", "password": "p"}}),
        json!({"ip": "10.20.0.10", "proxy_id": proxy, "credentials": {"username": "u"}}),
    ] {
        let a = sb
            .aria_call(Method::POST, path, &admin, Some(body.clone()))
            .await;
        assert_aria_error(&a, 400);
    }
    let member = sb.aria_token("member@local", "member").await;
    let body = try_it(
        ("ip", "10.20.0.10"),
        "administrator@vsphere.local",
        "VMware1!",
    );
    assert_aria_error(
        &sb.aria_call(Method::POST, path, &member, Some(body)).await,
        403,
    );
    // Nothing was added.
    let list = sb
        .aria_call(Method::GET, "/data-sources/vcenters", &admin, None)
        .await
        .json();
    assert_eq!(list["total_count"], 0);
}
