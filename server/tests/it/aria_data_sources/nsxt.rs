//! NSX-T manager data sources collect from the world's NSX-T managers (E95): only at a
//! manager's address, with its credentials.

use super::*;

async fn health_says(sb: &TestSandbox, admin: &str, id: &str, status: &str, says: &str) {
    let h = sb.data_source_health(admin, id).await;
    assert_eq!(h["health"]["health_status"], status, "{h}");
    let message = h["health"]["health_details"][0]["message"]
        .as_str()
        .unwrap_or("");
    assert!(message.contains(says), "{h}");
    assert_eq!(
        h.get("last_activity_timestamp").is_some(),
        status == "HEALTHY"
    );
}

#[tokio::test]
async fn an_nsxt_source_collects_only_from_a_manager_that_takes_its_credentials() {
    let sb = start().await;
    let admin = sb.admin().await;
    let proxy = collector(&sb, &admin).await;
    let credentials = |user: &str, password: &str| json!({"username": user, "password": password});
    let add = |ip: &str, user: &str, password: &str| json!({"ip": ip, "proxy_id": proxy, "nickname": ip, "credentials": credentials(user, password)});
    let mut ids = Vec::new();
    // The manager's address with a wrong password, and a vCenter's address.
    for body in [
        add("10.20.0.40", "admin", "wrong"),
        add("10.20.0.10", "admin", "VMware1!VMware1!"),
    ] {
        let a = sb
            .aria_call(
                Method::POST,
                "/data-sources/nsxt-managers",
                &admin,
                Some(body),
            )
            .await;
        assert_eq!(a.status, 201, "{}", a.text);
        ids.push(a.json()["entity_id"].as_str().unwrap().to_string());
    }
    sb.advance(130);
    health_says(&sb, &admin, &ids[0], "UNHEALTHY", "Authentication failed").await;
    health_says(&sb, &admin, &ids[1], "UNHEALTHY", "Unable to connect").await;

    let one = format!("/data-sources/nsxt-managers/{}", ids[0]);
    // Local user names are case-sensitive; then the right account.
    for (user, status, says) in [
        ("ADMIN", "UNHEALTHY", "Authentication failed"),
        ("admin", "HEALTHY", ""),
    ] {
        let fix = json!({"nickname": "nsxt", "proxy_id": proxy, "credentials": credentials(user, "VMware1!VMware1!")});
        let a = sb.aria_call(Method::PUT, &one, &admin, Some(fix)).await;
        assert_eq!(a.status, 200, "{}", a.text);
        health_says(&sb, &admin, &ids[0], status, says).await;
    }
}
