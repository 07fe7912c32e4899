//! Per-type settings (E57): the NSX-V manager's controller data collection and the Cisco
//! switch's WAN settings.

use super::*;

#[tokio::test]
async fn nsxv_controller_collection_keeps_its_password_secret() {
    let sb = start().await;
    let admin = sb.admin().await;
    let proxy = collector(&sb, &admin).await;
    let vcenter = add_vcenter(&sb, &admin, &proxy, "10.20.0.10").await;
    let nsx = sb
        .aria_call(
            Method::POST,
            "/data-sources/nsxv-managers",
            &admin,
            Some(add_body(&KINDS[1], "10.80.0.1", &proxy, &vcenter)),
        )
        .await
        .json()["entity_id"]
        .as_str()
        .unwrap()
        .to_string();
    let path = format!("/data-sources/nsxv-managers/{nsx}/controller-cluster");
    assert_eq!(
        sb.aria_call(Method::GET, &path, &admin, None).await.json(),
        json!({"enabled": false})
    );
    // On without a password is refused and changes nothing.
    let refused = sb
        .aria_call(Method::PUT, &path, &admin, Some(json!({"enabled": true})))
        .await;
    assert_aria_error(&refused, 400);
    assert_eq!(
        sb.aria_call(Method::GET, &path, &admin, None).await.json(),
        json!({"enabled": false})
    );
    let on = json!({"enabled": true, "controller_password": "Controller!23"});
    let set = sb.aria_call(Method::PUT, &path, &admin, Some(on)).await;
    assert_eq!(set.status, 200, "{}", set.text);
    assert_eq!(
        set.json(),
        json!({"enabled": true, "controller_password": ""})
    );
    // Off and on again keeps the stored password.
    for enabled in [false, true] {
        let a = sb
            .aria_call(
                Method::PUT,
                &path,
                &admin,
                Some(json!({"enabled": enabled})),
            )
            .await;
        assert_eq!(a.status, 200, "{}", a.text);
        assert_eq!(a.json()["enabled"], enabled);
    }
    // Another type's id, and a member, are refused.
    let other = format!("/data-sources/nsxv-managers/{vcenter}/controller-cluster");
    assert_aria_error(&sb.aria_call(Method::GET, &other, &admin, None).await, 404);
    let member = sb.aria_token("member@local", "member").await;
    assert_aria_error(&sb.aria_call(Method::GET, &path, &member, None).await, 403);
}

#[tokio::test]
async fn cisco_wan_settings_are_checked_and_kept() {
    let sb = start().await;
    let admin = sb.admin().await;
    let proxy = collector(&sb, &admin).await;
    let switch = sb
        .aria_call(
            Method::POST,
            "/data-sources/cisco-switches",
            &admin,
            Some(add_body(&KINDS[4], "10.80.0.2", &proxy, "")),
        )
        .await;
    assert_eq!(switch.status, 201, "{}", switch.text);
    let id = switch.json()["entity_id"].as_str().unwrap().to_string();
    let path = format!("/data-sources/cisco-switches/{id}/wan-config");
    assert_eq!(
        sb.aria_call(Method::GET, &path, &admin, None).await.json(),
        json!({})
    );
    let wan = json!({"site": "branch-17", "region": "emea", "interfaces": [
        {"id": "Gi0/1", "name": "uplink-mpls", "type": "MPLS"},
        {"id": "Gi0/2", "name": "uplink-inet", "type": "INTERNET"}]});
    let set = sb
        .aria_call(Method::PUT, &path, &admin, Some(wan.clone()))
        .await;
    assert_eq!(set.status, 200, "{}", set.text);
    assert_eq!(set.json(), wan);
    for bad in [
        json!({"interfaces": [{"id": "Gi0/1"}, {"id": "Gi0/1"}]}),
        json!({"interfaces": [{"id": "a", "name": "x"}, {"id": "b", "name": "X"}]}),
        json!({"interfaces": [{"id": "a", "type": "SATELLITE"}]}),
        json!({"interfaces": [{"id": ""}]}),
        json!({"interfaces": [{"id": "a"}, {"id": " a "}]}),
        json!({"site": "s".repeat(257)}),
    ] {
        assert_aria_error(
            &sb.aria_call(Method::PUT, &path, &admin, Some(bad)).await,
            400,
        );
    }
    assert_eq!(
        sb.aria_call(Method::GET, &path, &admin, None).await.json(),
        wan
    );
}
